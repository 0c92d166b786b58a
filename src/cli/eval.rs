//! `cdm-faq eval FILE.jsonl... [--json]`: scores labelled question sets by what visitors get (direct
//! right answers first) and prints the figures overall, per language, theme and style, the reliability
//! table, then every failure. `cdm-faq eval --fit [FILES...]` fits the ranking model on the fitting
//! sets, writes `src/answer/model.json` and prints the out-of-fold figures.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::engine::Engine;
use crate::eval::{self, EvalReport, Summary, Tally};

/// The held-out sets (file names): only measured, never fitted on.
pub const HELD_OUT_SETS: [&str; 2] = ["holdout.jsonl", "fresh.jsonl"];

/// The fitting sets, when `eval --fit` is given none.
pub const FITTING_SETS: [&str; 2] = ["tests/eval/dev.jsonl", "tests/eval/train.jsonl"];

fn pct(t: &Tally) -> String {
    format!("{:5.1}% ({}/{})", 100.0 * t.rate(), t.correct, t.total)
}

/// The figures as text.
pub fn render_summary(s: &Summary) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        out.push_str(&format!("{label:<34} {value}\n"));
    };
    line("direct right answers (in scope):", pct(&s.direct_right));
    line("right first (answer or clarify):", pct(&s.right_first));
    line("ranking top-1 (whatever replied):", pct(&s.leader_right));
    line("right in the first three:", pct(&s.right_in_three));
    line("wrong direct answers:", pct(&s.wrong_direct));
    line("clarified:", pct(&s.clarified));
    line("in-scope declined:", pct(&s.in_scope_declined));
    line("out-of-scope declined:", pct(&s.out_of_scope_declined));
    line("small talk recognised:", pct(&s.smalltalk));
    line("reply in the question's language:", pct(&s.reply_language));
    line(
        "  ... on another language's page:",
        pct(&s.reply_language_other_page),
    );
    line(
        "expected calibration error:",
        format!("{:.3}", s.calibration.ece),
    );
    out.push_str("\ndirect right answers per language:\n");
    for (k, v) in &s.by_language {
        out.push_str(&format!("  {:<16} {}\n", k.to_string(), pct(v)));
    }
    out.push_str(&format!(
        "  {:<16} {}\n",
        "page ≠ question",
        pct(&s.other_page)
    ));
    out.push_str("per theme:\n");
    for (k, v) in &s.by_theme {
        out.push_str(&format!("  {:<16} {}\n", k.to_string(), pct(v)));
    }
    out.push_str("per style:\n");
    for (k, v) in &s.by_style {
        out.push_str(&format!("  {k:<16} {}\n", pct(v)));
    }
    out.push_str("\nreliability (leader's confidence → how often it was right):\n");
    for b in &s.calibration.bins {
        if b.count > 0 {
            out.push_str(&format!(
                "  {:.1}–{:.1}: {:4} questions, stated {:.2}, right {:.2}\n",
                b.low,
                b.low + 0.1,
                b.count,
                b.mean_confidence,
                b.right
            ));
        }
    }
    out
}

/// The report as text: the figures, then the failures.
pub fn render(report: &EvalReport) -> String {
    let mut out = render_summary(&report.summary);
    let failures: Vec<_> = report.failures().collect();
    if !failures.is_empty() {
        out.push_str(&format!("\nfailures ({}):\n", failures.len()));
        for o in failures {
            let got = match o.offered.first() {
                Some(_) => format!(
                    "{} {} → {} ({:.2})",
                    o.kind.as_str(),
                    o.offered.join(" | "),
                    o.top_partner.as_deref().unwrap_or("-"),
                    o.confidence
                ),
                None => format!("{} (leader {:.2})", o.kind.as_str(), o.confidence),
            };
            let want = match o.case.expect {
                eval::Expect::Answer => format!(
                    "{} / {}",
                    o.case
                        .themes
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join("|"),
                    o.case.partners.join("|")
                ),
                eval::Expect::NoAnswer => "no_answer".to_string(),
                eval::Expect::Smalltalk => "smalltalk".to_string(),
            };
            out.push_str(&format!(
                "  {} [{} {} {}] {:?}\n      want {want}; got {got}\n",
                o.case.id,
                o.case.lang,
                o.case.style,
                o.case.expect_str(),
                o.case.q
            ));
        }
    }
    out
}

fn read_cases(file: &Path) -> Result<Vec<eval::Case>, ExitCode> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        eprintln!("cannot read {}: {e}", file.display());
        ExitCode::FAILURE
    })?;
    eval::parse_cases(&text).map_err(|errors| {
        for e in errors {
            eprintln!("{}:{e}", file.display());
        }
        ExitCode::FAILURE
    })
}

fn read_sets(files: &[PathBuf]) -> Result<Vec<(String, Vec<eval::Case>)>, ExitCode> {
    files
        .iter()
        .map(|f| Ok((f.display().to_string(), read_cases(f)?)))
        .collect()
}

/// Fits the ranking model, writes it to `out` and prints how it was chosen.
pub fn run_fit(engine: &Engine, files: &[PathBuf], out: &Path) -> ExitCode {
    let files: Vec<PathBuf> = if files.is_empty() {
        FITTING_SETS.iter().map(PathBuf::from).collect()
    } else {
        files.to_vec()
    };
    if let Some(f) = files.iter().find(|f| {
        f.file_name()
            .is_some_and(|n| HELD_OUT_SETS.iter().any(|h| n == *h))
    }) {
        eprintln!(
            "{}: the held-out set is only measured, never fitted on",
            f.display()
        );
        return ExitCode::FAILURE;
    }
    let sets = match read_sets(&files) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let fit = match eval::fit::fit_sets(engine, &sets) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(out, fit.model.to_json()) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let out_of_fold = EvalReport {
        summary: fit.out_of_fold,
        outcomes: fit.out_of_fold_outcomes,
    };
    super::emit(&format!(
        "{}\nout-of-fold figures (every question judged by a model fitted without its fold):\n{}\nwritten to {}; rebuild to serve it.\n",
        fit.report,
        render(&out_of_fold),
        out.display()
    ))
}

/// Runs the evaluation of the sets, one after the other.
pub fn run(engine: &Engine, files: &[PathBuf], as_json: bool) -> ExitCode {
    if files.is_empty() {
        eprintln!("name at least one question set (tests/eval/holdout.jsonl, ...)");
        return ExitCode::FAILURE;
    }
    let sets = match read_sets(files) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut text = String::new();
    for (name, cases) in &sets {
        match eval::run(engine, cases) {
            Ok(report) if as_json => match serde_json::to_string(&report) {
                Ok(json) => {
                    text.push_str(&json);
                    text.push('\n');
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            },
            Ok(report) => {
                if sets.len() > 1 {
                    text.push_str(&format!("== {name}\n"));
                }
                text.push_str(&render(&report));
                text.push('\n');
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    super::emit(&text)
}
