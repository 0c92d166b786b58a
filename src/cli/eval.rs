//! `cdm-faq eval FILE.jsonl [--kb DIR]`: scores a labelled question set and prints the figures overall,
//! per language, per theme and per style, then every failure.

use std::path::Path;
use std::process::ExitCode;

use crate::engine::Engine;
use crate::eval::{self, EvalReport, Tally};

fn pct(t: &Tally) -> String {
    format!("{:5.1}% ({}/{})", 100.0 * t.rate(), t.correct, t.total)
}

/// The report as text.
pub fn render(report: &EvalReport) -> String {
    let mut out = String::new();
    macro_rules! println {
        () => { out.push('\n') };
        ($($arg:tt)*) => {{ out.push_str(&format!($($arg)*)); out.push('\n'); }};
    }
    let s = &report.summary;
    println!("top-1 accuracy (in scope):     {}", pct(&s.top1));
    println!(
        "in-scope declined:             {}",
        pct(&s.in_scope_declined)
    );
    println!("in-scope clarified:            {}", pct(&s.clarified));
    println!(
        "out-of-scope declined:         {}",
        pct(&s.out_of_scope_declined)
    );
    println!("small talk recognised:         {}", pct(&s.smalltalk));
    println!("reply in the question's lang:  {}", pct(&s.reply_language));
    println!(
        "  ... on another language's page: {}",
        pct(&s.reply_language_other_page)
    );
    println!();
    println!("per language:");
    for (k, v) in &s.by_language {
        println!("  {:<16} {}", k.to_string(), pct(v));
    }
    println!("per theme:");
    for (k, v) in &s.by_theme {
        println!("  {:<16} {}", k.to_string(), pct(v));
    }
    println!("per style:");
    for (k, v) in &s.by_style {
        println!("  {:<16} {}", k, pct(v));
    }
    let failures: Vec<_> = report.failures().collect();
    if !failures.is_empty() {
        println!();
        println!("failures ({}):", failures.len());
        for o in failures {
            let got = match (&o.top_id, &o.top_partner) {
                (Some(id), Some(p)) => format!(
                    "{} {} → {} ({:.2})",
                    o.kind.as_str(),
                    id,
                    p,
                    o.confidence.unwrap_or(0.0)
                ),
                _ => o.kind.as_str().to_string(),
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
            println!(
                "  {} [{} {} {}] {:?}",
                o.case.id,
                o.case.lang,
                o.case.style,
                o.case.expect_str(),
                o.case.q
            );
            println!("      want {want}; got {got}");
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

/// Fits the ranking model and prints it.
pub fn run_fit(engine: &Engine, file: &Path) -> ExitCode {
    let cases = match read_cases(file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let samples = match eval::fit::collect(engine, &cases) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let fit = eval::fit::fit(engine, &samples, &crate::answer::MODEL);
    super::emit(&format!(
        "{}\n{}",
        fit.report,
        eval::fit::as_rust(&fit.model)
    ))
}

/// Runs the evaluation.
pub fn run(engine: &Engine, file: &Path, as_json: bool) -> ExitCode {
    let cases = match read_cases(file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match eval::run(engine, &cases) {
        Ok(report) if as_json => match serde_json::to_string(&report) {
            Ok(json) => super::emit(&(json + "\n")),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Ok(report) => super::emit(&render(&report)),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
