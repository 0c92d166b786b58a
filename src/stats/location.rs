//! [`StatsLocation`]: where a site's statistics are kept — the SQLite file in its data folder (the
//! default) or its rows in the PostgreSQL database replicas share, where every replica's counts add up
//! in the same tables and so in one yearly table.

use std::path::PathBuf;
use std::sync::Arc;

use crate::database::Database;

/// Where a site's statistics are.
#[derive(Debug, Clone)]
pub enum StatsLocation {
    /// A SQLite file.
    File(PathBuf),
    /// Site `site`'s rows in the shared database.
    Database {
        /// The database.
        database: Arc<Database>,
        /// The site.
        site: String,
    },
}

impl std::fmt::Display for StatsLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatsLocation::File(path) => write!(f, "{}", path.display()),
            StatsLocation::Database { database, site } => {
                write!(f, "{} (site {site})", database.shown_url())
            }
        }
    }
}

impl From<PathBuf> for StatsLocation {
    fn from(path: PathBuf) -> StatsLocation {
        StatsLocation::File(path)
    }
}
