//! The command line: `cdm-faq serve`, `check`, `ask`, `eval`, `stats`, `user`. Each subcommand lives in its own file and only
//! parses arguments, calls the library and prints; the work is done by the library.

mod ask;
mod check;
mod database_choice;
mod eval;
mod serve;
mod site_choice;
mod user;

pub use site_choice::SiteChoice;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::Engine;
use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// The default knowledge-base folder, relative to the working directory.
pub const DEFAULT_KB: &str = "knowledge-base";

/// cdm-faq: the FAQ chatbot of the Brussels Cité des métiers / Beroepenpunt.
#[derive(Debug, Parser)]
#[command(name = "cdm-faq", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
// One value, parsed once at start: the size of `Serve`'s settings does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service: API, widget, editors' and counsellors' pages (settings below, or from the
    /// environment variables in brackets; the admin token only from CDM_FAQ_ADMIN_TOKEN).
    Serve(crate::config::ServeConfig),
    /// Print the yearly statistics table (requests per month, themes, languages, partners).
    Stats {
        /// The year.
        #[arg(long)]
        year: Option<i32>,
        /// Folder of the statistics database.
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: every replica's counts.
        #[command(flatten)]
        database: database_choice::DatabaseChoice,
    },
    /// Check the knowledge base and list every problem with its file and line
    /// (exit status 1 on errors, 0 with only warnings).
    Check {
        /// Knowledge-base folder.
        #[arg(long, env = "CDM_FAQ_KB", default_value = DEFAULT_KB)]
        kb: PathBuf,
        /// With `--sites`: the sites file and every site's knowledge base, or only `--site`'s.
        #[command(flatten)]
        at: SiteChoice,
    },
    /// Answer a question (readable for counsellors, or the JSON reply contract with --json), or a batch
    /// of JSON lines from standard input with --jsonl.
    Ask {
        /// Knowledge-base folder.
        #[arg(long, env = "CDM_FAQ_KB", default_value = DEFAULT_KB)]
        kb: PathBuf,
        /// Page language: the reply's language when the question's own cannot be detected.
        #[arg(long)]
        lang: Option<Language>,
        /// Prefer entries of this theme (choose, learn, move, self-employment, work).
        #[arg(long)]
        theme: Option<Theme>,
        /// Print the reply contract as JSON.
        #[arg(long, conflicts_with = "jsonl")]
        json: bool,
        /// Read `{"q": "...", "lang": "fr"}` lines from standard input, write one reply per line.
        #[arg(long)]
        jsonl: bool,
        /// The question.
        #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
        question: Option<String>,
    },
    /// Manage the staff accounts (editors, counsellors, admins); the first admin is created here.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Score labelled question sets (JSONL) by what visitors get, with the failures; or, with `--fit`,
    /// fit the ranking model on them (cross-fitted) and write it to `src/answer/model.json`.
    Eval {
        /// The question sets (with `--fit`, default: the fitting sets tests/eval/dev.jsonl and
        /// tests/eval/train.jsonl; never the held-out set).
        files: Vec<PathBuf>,
        /// Print the whole report (every outcome with its figures) as JSON.
        #[arg(long, conflicts_with = "fit")]
        json: bool,
        /// Fit the ranking model on the sets and write it (see eval/fit.rs).
        #[arg(long)]
        fit: bool,
        /// With `--fit`: where to write the model.
        #[arg(long, default_value = crate::answer::MODEL_PATH)]
        out: PathBuf,
        /// Knowledge-base folder.
        #[arg(long, env = "CDM_FAQ_KB", default_value = DEFAULT_KB)]
        kb: PathBuf,
    },
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load(kb: &Path) -> Result<Engine, ExitCode> {
    Engine::load(kb).map_err(|e| {
        match &e {
            crate::engine::EngineError::Load(load) => {
                for problem in load.0.problems.iter() {
                    eprintln!("{problem}");
                }
                eprintln!(
                    "{}: {e}; run `cdm-faq check --kb {}`",
                    kb.display(),
                    kb.display()
                );
            }
            other => eprintln!("error: {other}"),
        }
        ExitCode::FAILURE
    })
}

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Serve(config) => serve::run(config),
        Command::Stats {
            year,
            data_dir,
            csv,
            at,
            database,
        } => match serve::stats_location(&data_dir, &at, database.url().as_ref()) {
            Ok(location) => serve::stats(
                &location,
                year.unwrap_or_else(|| time::OffsetDateTime::now_utc().year()),
                csv,
            ),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Check { kb, at } => match at.knowledge_bases(&kb) {
            Ok(kbs) => check::run(&kbs),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::User(command) => user::run(command),
        Command::Ask {
            kb,
            lang,
            theme,
            json,
            jsonl,
            question,
        } => {
            let engine = match load(&kb) {
                Ok(e) => e,
                Err(code) => return code,
            };
            if jsonl {
                ask::run_batch(&engine)
            } else {
                ask::run_one(
                    &engine,
                    question.as_deref().unwrap_or_default(),
                    lang,
                    theme,
                    json,
                )
            }
        }
        Command::Eval {
            files,
            kb,
            json,
            fit,
            out,
        } => match load(&kb) {
            Ok(engine) if fit => eval::run_fit(&engine, &files, &out),
            Ok(engine) => eval::run(&engine, &files, json),
            Err(code) => code,
        },
    }
}
