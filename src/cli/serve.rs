//! `cdm-faq serve`: the HTTP service (settings in `config.rs`, also from the environment) and
//! `cdm-faq stats --year 2026`: the editors' yearly table on the command line.

use std::path::Path;
use std::process::ExitCode;

use crate::config::ServeConfig;
use crate::engine::EngineError;
use crate::http::{Sites, SitesError, serve};
use crate::stats::{DATABASE_FILE, StatsLocation, StatsReader};

fn init_tracing(filter: &str, format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let result = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    if result.is_err() {
        eprintln!("tracing was already initialised");
    }
}

/// Runs the service until SIGTERM or Ctrl-C.
pub fn run(config: ServeConfig) -> ExitCode {
    let config = config.with_admin_token_from_env();
    if let Err(message) = config.check() {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    init_tracing(&config.log, &config.log_format);
    tracing::info!(config = ?config, "starting");
    let sites = match Sites::build(config) {
        Ok(sites) => sites,
        Err(SitesError::Site {
            site,
            error: EngineError::Load(e),
        }) => {
            for problem in &e.0.problems {
                eprintln!("{problem}");
            }
            eprintln!(
                "error: site {site:?}: {e}; the service does not start with a broken knowledge base"
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(sites)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where `stats` reads: the chosen site's rows in the shared database, else its SQLite file.
pub fn stats_location(
    data_dir: &Path,
    at: &super::site_choice::SiteChoice,
    database: Option<&crate::database::DatabaseUrl>,
) -> Result<StatsLocation, String> {
    match database {
        None => Ok(StatsLocation::File(
            at.data_dir(data_dir)?.join(DATABASE_FILE),
        )),
        Some(url) => {
            let site = at.site_id()?;
            let database =
                crate::database::Database::connect(url).map_err(|e| format!("{url}: {e}"))?;
            Ok(StatsLocation::Database {
                database: std::sync::Arc::new(database),
                site,
            })
        }
    }
}

/// Prints the year's table from the statistics at `location`.
pub fn stats(location: &StatsLocation, year: i32, csv: bool) -> ExitCode {
    let reader = match StatsReader::open_at(location) {
        Ok(Some(r)) => r,
        Ok(None) => {
            eprintln!("no statistics yet: {location} does not exist (start `cdm-faq serve` first)");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match reader.year(year) {
        Ok(report) => super::emit(&if csv {
            report.csv(crate::stats::CsvDialect::Comma)
        } else {
            report.table()
        }),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
