//! The accuracy gate on the real knowledge base, with the labelled dev question set
//! `tests/eval/dev.jsonl` (written independently of the entries' phrasings, see its README).
//! The suite fails when:
//! - top-1 accuracy (right theme and an acceptable referral) on in-scope questions is below 92%;
//! - fewer than 95% of the out-of-scope questions are declined;
//! - more than 3% of the in-scope questions are declined;
//! - fewer than 90% of the small-talk lines get a small-talk reply.

use std::path::Path;

use cdm_faq::eval;

use crate::common::real_engine;

#[test]
fn dev_set_meets_the_gates() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/dev.jsonl");
    let cases = eval::parse_cases(&std::fs::read_to_string(path).unwrap()).expect("valid set");
    assert!(cases.len() >= 300);
    let report = eval::run(real_engine(), &cases).unwrap();
    let s = &report.summary;
    let failures: Vec<String> = report
        .failures()
        .map(|o| format!("{} {:?} → {} {:?}", o.case.id, o.case.q, o.kind.as_str(), o.top_id))
        .collect();
    let figures = format!(
        "top-1 {:.3}, OOS declined {:.3}, in-scope declined {:.3}, small talk {:.3}\n{}",
        s.top1.rate(),
        s.out_of_scope_declined.rate(),
        s.in_scope_declined.rate(),
        s.smalltalk.rate(),
        failures.join("\n")
    );
    assert!(s.top1.rate() >= 0.92, "top-1 accuracy below 92%: {figures}");
    assert!(s.out_of_scope_declined.rate() >= 0.95, "out-of-scope declines below 95%: {figures}");
    assert!(s.in_scope_declined.rate() <= 0.03, "in-scope declines above 3%: {figures}");
    assert!(s.smalltalk.rate() >= 0.90, "small talk below 90%: {figures}");
}
