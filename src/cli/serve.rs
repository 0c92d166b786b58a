//! `cdm-faq serve`: the HTTP service (settings in `config.rs`, also from the environment) and
//! `cdm-faq stats --year 2026`: the editors' yearly table on the command line.

use std::path::Path;
use std::process::ExitCode;

use crate::config::ServeConfig;
use crate::engine::EngineError;
use crate::http::{Sites, SitesError, serve};
use crate::stats::{DATABASE_FILE, StatsReader};

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

/// Prints the year's table from the statistics database in `data_dir`.
pub fn stats(data_dir: &Path, year: i32, csv: bool) -> ExitCode {
    let path = data_dir.join(DATABASE_FILE);
    let reader = match StatsReader::open(&path) {
        Ok(Some(r)) => r,
        Ok(None) => {
            eprintln!(
                "no statistics yet: {} does not exist (start `cdm-faq serve` first)",
                path.display()
            );
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
