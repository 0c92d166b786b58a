//! One deployment, several Cités des métiers: the sites file (`cdm-faq serve --sites sites.toml`).
//! Each [`SiteSpec`] names a centre by its id, its knowledge-base folder and, optionally, the host
//! names it is served at the root of; every site is also served under `/<id>/` on any host, and at most
//! one site is the default, served at the root of the other hosts. Everything a site keeps (statistics,
//! unanswered questions, accounts and sessions, the edit history) lives in its own folder
//! `<data-dir>/<id>/`, so nothing of one site is visible from another. Without a sites file the
//! service is one site, as before: the bundled knowledge base at the root of every host, its data in
//! `<data-dir>/` itself ([`Deployment::single`]).
//!
//! The file is read with serde; every problem (syntax, an unknown key, a bad or reserved id, a
//! duplicate id or host name, two default sites, a missing folder) is listed with its line before the
//! service starts.

mod site_spec;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use site_spec::{RESERVED_IDS, SINGLE_SITE_ID, SiteSpec, check_site_id};

/// The sites served by one process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// The sites, in the file's order.
    pub sites: Vec<SiteSpec>,
    /// True when this is the one site of a service started without a sites file: its data is in
    /// `<data-dir>/` itself, not in `<data-dir>/<id>/`.
    pub single: bool,
}

/// The sites file could not be used: every problem, each with its line when it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.join("\n"))]
pub struct SitesFileError {
    /// One line per problem: `sites.toml:12: cause`.
    pub problems: Vec<String>,
}

/// One `[[site]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteTable {
    id: toml::Spanned<String>,
    kb: toml::Spanned<PathBuf>,
    #[serde(default)]
    hosts: Vec<toml::Spanned<String>>,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    cors_origins: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SitesTable {
    #[serde(default)]
    site: Vec<toml::Spanned<SiteTable>>,
}

impl Deployment {
    /// The service without a sites file: one site, the knowledge base `kb`, served everywhere.
    pub fn single(kb: &Path) -> Deployment {
        Deployment {
            sites: vec![SiteSpec {
                id: site_spec::SINGLE_SITE_ID.to_string(),
                kb: kb.to_path_buf(),
                hosts: Vec::new(),
                default: true,
                cors_origins: None,
            }],
            single: true,
        }
    }

    /// Reads and checks a sites file; knowledge-base folders are relative to the file's folder.
    pub fn load(path: &Path) -> Result<Deployment, SitesFileError> {
        let text = std::fs::read_to_string(path).map_err(|e| SitesFileError {
            problems: vec![format!(
                "{}: cannot read the sites file: {e}",
                path.display()
            )],
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Deployment::parse(&text, &path.display().to_string(), base)
    }

    /// Parses the text of a sites file named `name` (for messages), folders relative to `base`.
    pub fn parse(text: &str, name: &str, base: &Path) -> Result<Deployment, SitesFileError> {
        let line = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let table: SitesTable = toml::from_str(text).map_err(|e| SitesFileError {
            problems: vec![match e.span() {
                Some(span) => format!(
                    "{name}:{}: {}",
                    line(span.start),
                    e.message().trim().replace('\n', " ")
                ),
                None => format!("{name}: {}", e.message().trim().replace('\n', " ")),
            }],
        })?;
        let mut problems = Vec::new();
        let mut sites: Vec<SiteSpec> = Vec::new();
        let mut hosts_seen: Vec<(String, String)> = Vec::new();
        if table.site.is_empty() {
            problems.push(format!(
                "{name}: no site: add a [[site]] table with an id and a kb folder"
            ));
        }
        for spanned in table.site {
            let at = line(spanned.span().start);
            let site = spanned.into_inner();
            let id_line = line(site.id.span().start);
            let id = site.id.into_inner();
            if let Err(cause) = check_site_id(&id) {
                problems.push(format!("{name}:{id_line}: {cause}"));
            }
            if sites.iter().any(|s| s.id == id) {
                problems.push(format!(
                    "{name}:{id_line}: the site id {id:?} is used twice: each site needs its own"
                ));
            }
            let kb_line = line(site.kb.span().start);
            let kb = base.join(site.kb.into_inner());
            if !kb.is_dir() {
                problems.push(format!(
                    "{name}:{kb_line}: the knowledge-base folder {} of site {id:?} does not exist",
                    kb.display()
                ));
            }
            let mut hosts = Vec::new();
            for host in site.hosts {
                let host_line = line(host.span().start);
                let host = host.into_inner().trim().to_ascii_lowercase();
                match site_spec::check_host(&host) {
                    Err(cause) => problems.push(format!("{name}:{host_line}: {cause}")),
                    Ok(()) => {
                        if let Some((_, other)) = hosts_seen.iter().find(|(h, _)| *h == host) {
                            problems.push(format!(
                                "{name}:{host_line}: the host name {host:?} is already site {other:?}'s: a host name belongs to one site"
                            ));
                        } else {
                            hosts_seen.push((host.clone(), id.clone()));
                            hosts.push(host);
                        }
                    }
                }
            }
            if site.default
                && let Some(other) = sites.iter().find(|s| s.default)
            {
                problems.push(format!(
                    "{name}:{at}: site {id:?} is a second default site ({:?} is one): at most one site is served at the root of the other hosts",
                    other.id
                ));
            }
            sites.push(SiteSpec {
                id,
                kb,
                hosts,
                default: site.default,
                cors_origins: site.cors_origins,
            });
        }
        if problems.is_empty() {
            Ok(Deployment {
                sites,
                single: false,
            })
        } else {
            Err(SitesFileError { problems })
        }
    }

    /// The site with this id.
    pub fn site(&self, id: &str) -> Option<&SiteSpec> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// Where site `site` keeps its data, under the service's `--data-dir`.
    pub fn data_dir(&self, data_dir: &Path, site: &SiteSpec) -> PathBuf {
        if self.single {
            data_dir.to_path_buf()
        } else {
            data_dir.join(&site.id)
        }
    }

    /// The ids, comma-separated, for messages.
    pub fn ids(&self) -> String {
        self.sites
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for kb in ["brussels-kb", "namur-kb"] {
            std::fs::create_dir(dir.path().join(kb)).unwrap();
        }
        dir
    }

    #[test]
    fn reads_sites_with_hosts_and_a_default() {
        let dir = folders();
        let text = r#"
[[site]]
id = "brussels"
kb = "brussels-kb"
hosts = ["FAQ.citedesmetiers.brussels"]
default = true

[[site]]
id = "namur"
kb = "namur-kb"
cors_origins = ["https://www.example.be"]
"#;
        let deployment = Deployment::parse(text, "sites.toml", dir.path()).unwrap();
        assert!(!deployment.single);
        assert_eq!(deployment.ids(), "brussels, namur");
        let brussels = deployment.site("brussels").unwrap();
        assert_eq!(brussels.hosts, ["faq.citedesmetiers.brussels"]);
        assert!(brussels.default);
        assert_eq!(brussels.kb, dir.path().join("brussels-kb"));
        let namur = deployment.site("namur").unwrap();
        assert_eq!(
            namur.cors_origins.as_deref(),
            Some(&["https://www.example.be".to_string()][..])
        );
        assert_eq!(
            deployment.data_dir(Path::new("data"), namur),
            Path::new("data/namur")
        );
        assert_eq!(
            Deployment::single(Path::new("kb")).data_dir(
                Path::new("data"),
                &Deployment::single(Path::new("kb")).sites[0]
            ),
            Path::new("data")
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_line() {
        let dir = folders();
        let text = r#"[[site]]
id = "brussels"
kb = "brussels-kb"
hosts = ["faq.example.be"]
default = true

[[site]]
id = "brussels"
kb = "missing-kb"
hosts = ["faq.example.be", "bad host/"]
default = true

[[site]]
id = "Admin"
kb = "namur-kb"
"#;
        let problems = Deployment::parse(text, "sites.toml", dir.path())
            .unwrap_err()
            .problems;
        let joined = problems.join("\n");
        assert!(
            joined.contains("sites.toml:8: the site id \"brussels\" is used twice"),
            "{joined}"
        );
        assert!(
            joined.contains("sites.toml:9: the knowledge-base folder"),
            "{joined}"
        );
        assert!(
            joined.contains(
                "sites.toml:10: the host name \"faq.example.be\" is already site \"brussels\"'s"
            ),
            "{joined}"
        );
        assert!(joined.contains("sites.toml:10: \"bad host/\""), "{joined}");
        assert!(
            joined.contains("sites.toml:7: site \"brussels\" is a second default site"),
            "{joined}"
        );
        assert!(joined.contains("sites.toml:14:"), "{joined}");
        assert_eq!(problems.len(), 6, "{joined}");
    }

    #[test]
    fn syntax_errors_and_unknown_keys_name_their_line() {
        let dir = folders();
        let unknown = "[[site]]\nid = \"namur\"\nkb = \"namur-kb\"\nhost = [\"x\"]\n";
        let problems = Deployment::parse(unknown, "sites.toml", dir.path())
            .unwrap_err()
            .problems;
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("sites.toml:"), "{problems:?}");
        assert!(problems[0].contains("host"), "{problems:?}");
        let broken = "[[site]]\nid = \"namur\nkb = 1\n";
        let problems = Deployment::parse(broken, "sites.toml", dir.path())
            .unwrap_err()
            .problems;
        assert!(problems[0].starts_with("sites.toml:2:"), "{problems:?}");
        let empty = Deployment::parse("", "sites.toml", dir.path()).unwrap_err();
        assert!(empty.problems[0].contains("no site"), "{empty}");
    }
}
