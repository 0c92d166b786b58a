//! `cdm-faq user add|passwd|disable|enable|list`: staff accounts on the command line (the first admin
//! is created here). Passwords are read from the terminal without echo (asked twice), or from standard
//! input with `--password-stdin` (one line), never from the arguments, so they stay out of process
//! lists and shell histories.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::database_choice::DatabaseChoice;
use super::site_choice::SiteChoice;
use crate::accounts::{Accounts, Role, Roles, SessionPolicy};
use crate::database::{Database, DatabaseUrl};
use crate::text_analysis::Language;

/// `cdm-faq user ...`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account: `cdm-faq user add amina --role editor --role counsellor`.
    Add {
        /// The login name (letters, digits, . - _ @).
        name: String,
        /// A role (editor, counsellor, admin); repeat for several.
        #[arg(long = "role", required = true)]
        roles: Vec<Role>,
        /// The language of the staff pages for this account (else the browser's).
        #[arg(long)]
        lang: Option<Language>,
        /// Read the password from standard input (one line) instead of asking.
        #[arg(long)]
        password_stdin: bool,
        /// Folder of the service's data (accounts.sqlite).
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: the accounts are there.
        #[command(flatten)]
        database: DatabaseChoice,
    },
    /// Change an account's password (its sessions end).
    Passwd {
        /// The login name.
        name: String,
        /// Read the password from standard input (one line) instead of asking.
        #[arg(long)]
        password_stdin: bool,
        /// Folder of the service's data (accounts.sqlite).
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: the accounts are there.
        #[command(flatten)]
        database: DatabaseChoice,
    },
    /// Disable an account: it cannot log in and its sessions end at once.
    Disable {
        /// The login name.
        name: String,
        /// Folder of the service's data (accounts.sqlite).
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: the accounts are there.
        #[command(flatten)]
        database: DatabaseChoice,
    },
    /// Enable a disabled account again.
    Enable {
        /// The login name.
        name: String,
        /// Folder of the service's data (accounts.sqlite).
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: the accounts are there.
        #[command(flatten)]
        database: DatabaseChoice,
    },
    /// List the accounts with their roles and state.
    List {
        /// Folder of the service's data (accounts.sqlite).
        #[arg(long, env = "CDM_FAQ_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
        /// The site, in a deployment of several.
        #[command(flatten)]
        at: SiteChoice,
        /// The PostgreSQL database replicas share: the accounts are there.
        #[command(flatten)]
        database: DatabaseChoice,
    },
}

fn open(
    data_dir: &Path,
    at: &SiteChoice,
    database: Option<&DatabaseUrl>,
) -> Result<Accounts, String> {
    let data_dir = at.data_dir(data_dir)?;
    match database {
        None => Ok(Accounts::in_data_dir(&data_dir, SessionPolicy::default())),
        Some(url) => {
            let site = at.site_id()?;
            let database = Database::connect(url).map_err(|e| format!("{url}: {e}"))?;
            Ok(Accounts::in_database(
                std::sync::Arc::new(database),
                &site,
                SessionPolicy::default(),
            ))
        }
    }
}

fn read_password(from_stdin: bool) -> Result<String, String> {
    let stdin = std::io::stdin();
    if from_stdin || !stdin.is_terminal() {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_string());
    }
    let first = rpassword::prompt_password("Password (at least 12 characters): ")
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let second = rpassword::prompt_password("The same password again: ")
        .map_err(|e| format!("cannot read the password: {e}"))?;
    if first != second {
        return Err("the two passwords differ; nothing was changed".into());
    }
    Ok(first)
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// Runs a `user` subcommand.
pub fn run(command: UserCommand) -> ExitCode {
    match command {
        UserCommand::Add {
            name,
            roles,
            lang,
            password_stdin,
            data_dir,
            at,
            database,
        } => {
            let accounts = match open(&data_dir, &at, database.url().as_ref()) {
                Ok(a) => a,
                Err(e) => return fail(e),
            };
            let password = match read_password(password_stdin) {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            let roles: Roles = roles.into_iter().collect();
            match accounts.add(&name, roles, &password, lang) {
                Ok(account) => {
                    println!("added {} ({})", account.name, account.roles);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        UserCommand::Passwd {
            name,
            password_stdin,
            data_dir,
            at,
            database,
        } => {
            let accounts = match open(&data_dir, &at, database.url().as_ref()) {
                Ok(a) => a,
                Err(e) => return fail(e),
            };
            let password = match read_password(password_stdin) {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            match accounts.set_password(&name, &password, None) {
                Ok(()) => {
                    println!("password changed; the account's sessions are closed");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        UserCommand::Disable {
            name,
            data_dir,
            at,
            database,
        } => match open(&data_dir, &at, database.url().as_ref())
            .and_then(|a| a.disable(&name, true).map_err(|e| e.to_string()))
        {
            Ok(account) => {
                println!("disabled {}; its sessions are closed", account.name);
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        UserCommand::Enable {
            name,
            data_dir,
            at,
            database,
        } => {
            match open(&data_dir, &at, database.url().as_ref())
                .and_then(|a| a.enable(&name).map_err(|e| e.to_string()))
            {
                Ok(account) => {
                    println!("enabled {}", account.name);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        UserCommand::List {
            data_dir,
            at,
            database,
        } => {
            let accounts = match open(&data_dir, &at, database.url().as_ref()) {
                Ok(a) => a,
                Err(e) => return fail(e),
            };
            match accounts.list() {
                Ok(list) if list.is_empty() => {
                    println!(
                        "no accounts in {}; add the first admin with `cdm-faq user add NAME --role admin`",
                        accounts.store().location()
                    );
                    ExitCode::SUCCESS
                }
                Ok(list) => {
                    let mut out = format!(
                        "{:<24} {:<28} {:<5} {:<9} created\n",
                        "name", "roles", "lang", "state"
                    );
                    for a in list {
                        out.push_str(&format!(
                            "{:<24} {:<28} {:<5} {:<9} {}\n",
                            a.name,
                            a.roles.to_list(),
                            a.lang.map_or("-", |l| l.code()),
                            if a.disabled { "disabled" } else { "enabled" },
                            a.created_at
                        ));
                    }
                    super::emit(&out)
                }
                Err(e) => fail(e),
            }
        }
    }
}
