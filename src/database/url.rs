//! [`DatabaseUrl`]: the `--database` setting, a PostgreSQL URL whose password never reaches a log, a
//! `Debug` print of the settings or `/readyz`, with the certificate authority (`--database-ca`) that
//! the server's TLS certificate is checked against.

/// A PostgreSQL connection string (`postgres://user:password@host:port/name`); shown without its
/// password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String, Option<std::path::PathBuf>);

impl DatabaseUrl {
    /// The same URL, the server's certificate checked against the PEM certificates in `ca` (else
    /// against the public web's roots).
    pub fn with_ca(mut self, ca: Option<std::path::PathBuf>) -> DatabaseUrl {
        self.1 = ca;
        self
    }

    /// The certificate authority file, when one was given.
    pub fn ca(&self) -> Option<&std::path::Path> {
        self.1.as_deref()
    }

    /// The whole string, password included (for connecting only).
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The string with any password replaced by `***`.
    pub fn shown(&self) -> String {
        redact(&self.0)
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.shown())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<DatabaseUrl, String> {
        let s = s.trim();
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Ok(DatabaseUrl(s.to_string(), None))
        } else {
            Err("expected a PostgreSQL URL: postgres://user:password@host:port/database".into())
        }
    }
}

/// `url` with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "(unreadable URL)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    //! Properties: a password never shows in what is printed; only PostgreSQL URLs are accepted.
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        let url: DatabaseUrl = "postgres://cdm:s3cret@db.internal:5432/faq"
            .parse()
            .unwrap();
        assert_eq!(url.shown(), "postgres://cdm:***@db.internal:5432/faq");
        assert!(!format!("{url:?} {url}").contains("s3cret"));
        assert_eq!(url.secret(), "postgres://cdm:s3cret@db.internal:5432/faq");
        assert_eq!(
            redact("postgres://cdm@127.0.0.1/faq"),
            "postgres://cdm@127.0.0.1/faq"
        );
        assert!(!redact("host=x password=s3cret").contains("s3cret"));
        assert!("sqlite://x".parse::<DatabaseUrl>().is_err());
    }
}
