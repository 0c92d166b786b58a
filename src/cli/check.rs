//! `cdm-faq check [--kb DIR]`: every problem of the knowledge base, one per line
//! (`file:line: error: message`), then a summary. With `--sites FILE` the sites file is checked and
//! then every site's knowledge base (or only `--site`'s), each summary naming its site. Exit status 1
//! on errors, 0 otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::knowledge_base::KnowledgeBase;

/// Checks each knowledge base (with its site's id, in a deployment) and prints the reports.
pub fn run(kbs: &[(Option<String>, PathBuf)]) -> ExitCode {
    let today = time::OffsetDateTime::now_utc().date();
    let mut out = String::new();
    let mut errors = false;
    for (site, kb) in kbs {
        let report = KnowledgeBase::check(kb, today);
        for problem in &report.problems {
            out.push_str(&format!("{problem}\n"));
        }
        let site = site
            .as_ref()
            .map_or(String::new(), |id| format!("site {id}: "));
        out.push_str(&format!(
            "{site}{}: {} error(s), {} warning(s)\n",
            kb.display(),
            report.error_count(),
            report.warning_count()
        ));
        errors |= report.has_errors();
    }
    let printed = super::emit(&out);
    if errors { ExitCode::FAILURE } else { printed }
}
