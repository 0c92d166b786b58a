//! `cdm-faq check [--kb DIR]`: every problem of the knowledge base, one per line
//! (`file:line: error: message`), then a summary. Exit status 1 on errors, 0 otherwise.

use std::path::Path;
use std::process::ExitCode;

use crate::knowledge_base::KnowledgeBase;

/// Runs the check and prints the report.
pub fn run(kb: &Path) -> ExitCode {
    let today = time::OffsetDateTime::now_utc().date();
    let report = KnowledgeBase::check(kb, today);
    let mut out = String::new();
    for problem in &report.problems {
        out.push_str(&format!("{problem}\n"));
    }
    out.push_str(&format!(
        "{}: {} error(s), {} warning(s)\n",
        kb.display(),
        report.error_count(),
        report.warning_count()
    ));
    let printed = super::emit(&out);
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        printed
    }
}
