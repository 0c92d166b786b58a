//! `--sites FILE --site ID` on the commands that work on one site's files of a deployment (`check`,
//! `stats`, `user`): the site's knowledge-base folder and data folder `<data-dir>/<id>/`, as
//! `serve --sites` uses them. Without `--sites`, `--kb` and `--data-dir` are used as given.

use std::path::{Path, PathBuf};

use crate::deployment::Deployment;

/// Which site of a deployment a command is about.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteChoice {
    /// The sites file of a deployment of several sites (as `serve --sites`).
    #[arg(long, env = "CDM_FAQ_SITES")]
    pub sites: Option<PathBuf>,
    /// The site, by its id in the sites file (its knowledge base, its data folder `<data-dir>/<id>/`).
    #[arg(long)]
    pub site: Option<String>,
}

impl SiteChoice {
    /// The deployment, when `--sites` is given; an error names what is wrong.
    fn deployment(&self) -> Result<Option<Deployment>, String> {
        match (&self.sites, &self.site) {
            (None, None) => Ok(None),
            (None, Some(id)) => Err(format!(
                "--site {id} needs the sites file: --sites FILE (or CDM_FAQ_SITES)"
            )),
            (Some(path), _) => Deployment::load(path)
                .map(Some)
                .map_err(|e| format!("the sites file has problems:\n{e}")),
        }
    }

    /// The chosen site's data folder (`data_dir` itself without `--sites`); with `--sites`, `--site` is
    /// required.
    pub fn data_dir(&self, data_dir: &Path) -> Result<PathBuf, String> {
        let Some(deployment) = self.deployment()? else {
            return Ok(data_dir.to_path_buf());
        };
        let Some(id) = &self.site else {
            return Err(format!(
                "which site? add --site with one of: {}",
                deployment.ids()
            ));
        };
        let spec = deployment.site(id).ok_or_else(|| {
            format!(
                "no site {id:?} in the sites file; its sites are: {}",
                deployment.ids()
            )
        })?;
        Ok(deployment.data_dir(data_dir, spec))
    }

    /// The chosen site's id: `default` without `--sites` (the id `serve` gives its one site), else the
    /// `--site` given, which must be in the sites file.
    pub fn site_id(&self) -> Result<String, String> {
        let Some(deployment) = self.deployment()? else {
            return Ok(crate::deployment::SINGLE_SITE_ID.to_string());
        };
        match &self.site {
            Some(id) if deployment.site(id).is_some() => Ok(id.clone()),
            Some(id) => Err(format!(
                "no site {id:?} in the sites file; its sites are: {}",
                deployment.ids()
            )),
            None => Err(format!(
                "which site? add --site with one of: {}",
                deployment.ids()
            )),
        }
    }

    /// The knowledge-base folders to work on, each with its site's id: `kb` itself without
    /// `--sites`; the chosen site's, or with no `--site` every site's.
    pub fn knowledge_bases(&self, kb: &Path) -> Result<Vec<(Option<String>, PathBuf)>, String> {
        let Some(deployment) = self.deployment()? else {
            return Ok(vec![(None, kb.to_path_buf())]);
        };
        match &self.site {
            None => Ok(deployment
                .sites
                .iter()
                .map(|s| (Some(s.id.clone()), s.kb.clone()))
                .collect()),
            Some(id) => deployment
                .site(id)
                .map(|s| vec![(Some(s.id.clone()), s.kb.clone())])
                .ok_or_else(|| {
                    format!(
                        "no site {id:?} in the sites file; its sites are: {}",
                        deployment.ids()
                    )
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_needs_its_sites_file_and_a_known_id() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("kb-a")).unwrap();
        let file = dir.path().join("sites.toml");
        std::fs::write(&file, "[[site]]\nid = \"namur\"\nkb = \"kb-a\"\n").unwrap();
        let choice = |sites: Option<&Path>, site: Option<&str>| SiteChoice {
            sites: sites.map(Path::to_path_buf),
            site: site.map(str::to_string),
        };
        assert_eq!(
            choice(None, None).data_dir(Path::new("data")).unwrap(),
            Path::new("data")
        );
        assert!(
            choice(None, Some("namur"))
                .data_dir(Path::new("data"))
                .is_err()
        );
        assert_eq!(
            choice(Some(&file), Some("namur"))
                .data_dir(Path::new("data"))
                .unwrap(),
            Path::new("data/namur")
        );
        let which = choice(Some(&file), None)
            .data_dir(Path::new("data"))
            .unwrap_err();
        assert!(which.contains("namur"), "{which}");
        assert!(
            choice(Some(&file), Some("liege"))
                .data_dir(Path::new("data"))
                .is_err()
        );
        let kbs = choice(Some(&file), None)
            .knowledge_bases(Path::new("knowledge-base"))
            .unwrap();
        assert_eq!(
            kbs,
            vec![(Some("namur".to_string()), dir.path().join("kb-a"))]
        );
    }
}
