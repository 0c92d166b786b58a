//! One site of a deployment as the sites file declares it: its id (also its address prefix `/<id>/`
//! and the name of its data folder), its knowledge-base folder, the host names it is served at the root
//! of, whether it is the default site, and its browser origins. The id and host checks live here.

use std::path::PathBuf;

/// The id of the one site of a service started without a sites file (in logs and metrics).
pub const SINGLE_SITE_ID: &str = "default";

/// Ids a site cannot take: the first path segments of the service's own routes (a default site serves
/// them at the root, where `/<id>/` would shadow them), and `default`.
pub const RESERVED_IDS: [&str; 8] = [
    "admin", "api", "review", "healthz", "readyz", "metrics", "default", "static",
];

/// Longest site id.
const MAX_ID_CHARS: usize = 40;

/// One site of a deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSpec {
    /// Lower-case letters, digits and `-`: `brussels`, `namur`. Its address prefix is `/<id>/` and its
    /// data folder `<data-dir>/<id>/`.
    pub id: String,
    /// Its knowledge-base folder.
    pub kb: PathBuf,
    /// Host names (lower case, no port) served at their root by this site.
    pub hosts: Vec<String>,
    /// Served at the root of every host that is no site's.
    pub default: bool,
    /// Origins allowed to call its API from a browser; `None`: the service's `--cors-origins`.
    pub cors_origins: Option<Vec<String>>,
}

impl SiteSpec {
    /// The address prefix of the site: `/namur`.
    pub fn prefix(&self) -> String {
        format!("/{}", self.id)
    }
}

/// Checks that `id` can be a site id, with the cause when it cannot.
pub fn check_site_id(id: &str) -> Result<(), String> {
    let well_formed = !id.is_empty()
        && id.chars().count() <= MAX_ID_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !well_formed {
        return Err(format!(
            "the site id {id:?} is not usable: lower-case letters, digits and '-' only (at most {MAX_ID_CHARS}), e.g. \"namur\"; it is the site's address prefix /{}/",
            id.to_ascii_lowercase()
        ));
    }
    if RESERVED_IDS.contains(&id) {
        return Err(format!(
            "the site id {id:?} is reserved (it is the start of one of the service's own addresses): choose another, e.g. \"{id}-site\""
        ));
    }
    Ok(())
}

/// Checks that `host` (already lower-cased) is a bare host name: letters, digits, `-` and `.`.
pub(crate) fn check_host(host: &str) -> Result<(), String> {
    let valid = !host.is_empty()
        && host.len() <= 253
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.len() <= 63)
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{host:?} is not a host name: write the name only, without scheme, port or path (e.g. \"faq.example.be\")"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_that_do_not_shadow_our_routes() {
        assert!(check_site_id("namur").is_ok());
        assert!(check_site_id("cdm-liege-2").is_ok());
        for bad in ["", "Namur", "na mur", "-x", "x-", "liège", &"x".repeat(41)] {
            assert!(check_site_id(bad).is_err(), "{bad}");
        }
        for reserved in RESERVED_IDS {
            assert!(
                check_site_id(reserved).unwrap_err().contains("reserved"),
                "{reserved}"
            );
        }
    }

    #[test]
    fn hosts_are_bare_names() {
        assert!(check_host("faq.citedesmetiers.brussels").is_ok());
        assert!(check_host("localhost").is_ok());
        for bad in [
            "",
            "https://x.be",
            "x.be:8080",
            "x.be/faq",
            "a..b",
            "under_score.be",
        ] {
            assert!(check_host(bad).is_err(), "{bad}");
        }
    }
}
