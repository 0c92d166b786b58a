//! `--database URL [--database-ca FILE]` on the commands that work on a site's data kept in the
//! PostgreSQL database replicas share (`stats`, `user`), as `serve --database` uses it.

use std::path::PathBuf;

use crate::database::DatabaseUrl;

/// Which shared database a command works on, if any.
#[derive(Debug, Clone, clap::Args)]
pub struct DatabaseChoice {
    /// The PostgreSQL database replicas share (as `serve --database`).
    #[arg(long, env = "CDM_FAQ_DATABASE", hide_env_values = true)]
    pub database: Option<DatabaseUrl>,
    /// The certificate authority (PEM) the database server's TLS certificate is checked against (as
    /// `serve --database-ca`).
    #[arg(long, env = "CDM_FAQ_DATABASE_CA")]
    pub database_ca: Option<PathBuf>,
}

impl DatabaseChoice {
    /// The database with its certificate authority, when `--database` is given.
    pub fn url(&self) -> Option<DatabaseUrl> {
        self.database
            .clone()
            .map(|url| url.with_ca(self.database_ca.clone()))
    }
}
