//! The `cdm-faq` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cdm_faq::cli::run(cdm_faq::cli::Cli::parse())
}
