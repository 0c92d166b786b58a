//! The accuracy gates on the real knowledge base.
//!
//! The dev question set `tests/eval/dev.jsonl` (written independently of the entries' phrasings, see
//! its README; the ranking model is fitted on it) must meet the gates of the knowledge-base issue. The
//! suite fails when:
//! - top-1 accuracy (right theme and an acceptable referral) on in-scope questions is below 92%;
//! - fewer than 95% of the out-of-scope questions are declined;
//! - more than 3% of the in-scope questions are declined;
//! - fewer than 90% of the small-talk lines get a small-talk reply;
//! - fewer than 95% of the replies are in the question's own language, or fewer than 80% when the page
//!   is in another language (a Dutch question on the French page gets a Dutch reply).

//!
//! The held-out set `tests/eval/holdout.jsonl` (written independently of both the knowledge base and the
//! dev set, never used for tuning, see HOLDOUT.md) guards against regressions with thresholds a few
//! points below what it measured when it was introduced (top-1 92.9%, in-scope declined 1.9%,
//! out-of-scope declined 87.5%, small talk 80%): top-1 ≥ 88%, in-scope declined ≤ 5%, out-of-scope
//! declined ≥ 82%, small talk ≥ 75%.

use std::path::Path;

use cdm_faq::eval::{self, EvalReport};

use crate::common::real_engine;

fn run(file: &str) -> EvalReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/eval")
        .join(file);
    let cases = eval::parse_cases(&std::fs::read_to_string(path).unwrap()).expect("valid set");
    assert!(cases.len() >= 250, "{file} has {} cases", cases.len());
    eval::run(real_engine(), &cases).unwrap()
}

fn figures(report: &EvalReport) -> String {
    let s = &report.summary;
    let failures: Vec<String> = report
        .failures()
        .map(|o| {
            format!(
                "{} {:?} → {} {:?}",
                o.case.id,
                o.case.q,
                o.kind.as_str(),
                o.top_id
            )
        })
        .collect();
    format!(
        "top-1 {:.3}, OOS declined {:.3}, in-scope declined {:.3}, small talk {:.3}\n{}",
        s.top1.rate(),
        s.out_of_scope_declined.rate(),
        s.in_scope_declined.rate(),
        s.smalltalk.rate(),
        failures.join("\n")
    )
}

#[test]
fn dev_set_meets_the_gates() {
    let report = run("dev.jsonl");
    let s = &report.summary;
    assert!(report.outcomes.len() >= 300);
    let figures = figures(&report);
    assert!(s.top1.rate() >= 0.92, "top-1 accuracy below 92%: {figures}");
    assert!(
        s.out_of_scope_declined.rate() >= 0.95,
        "out-of-scope declines below 95%: {figures}"
    );
    assert!(
        s.in_scope_declined.rate() <= 0.03,
        "in-scope declines above 3%: {figures}"
    );
    assert!(
        s.smalltalk.rate() >= 0.90,
        "small talk below 90%: {figures}"
    );
}

#[test]
fn holdout_set_does_not_regress() {
    let report = run("holdout.jsonl");
    let s = &report.summary;
    let figures = figures(&report);
    assert!(s.top1.rate() >= 0.88, "held-out top-1 below 88%: {figures}");
    assert!(
        s.out_of_scope_declined.rate() >= 0.82,
        "held-out out-of-scope declines below 82%: {figures}"
    );
    assert!(
        s.in_scope_declined.rate() <= 0.05,
        "held-out in-scope declines above 5%: {figures}"
    );
    assert!(
        s.smalltalk.rate() >= 0.75,
        "held-out small talk below 75%: {figures}"
    );
}

#[test]
fn replies_speak_the_question_s_language() {
    for file in ["dev.jsonl", "holdout.jsonl"] {
        let report = run(file);
        let s = &report.summary;
        let wrong: Vec<String> = report
            .outcomes
            .iter()
            .filter(|o| o.reply_lang != o.case.lang)
            .map(|o| {
                format!(
                    "{} [{} on the {:?} page, reply {}] {:?}",
                    o.case.id, o.case.lang, o.case.ui, o.reply_lang, o.case.q
                )
            })
            .collect();
        assert!(
            s.reply_language_other_page.total >= 40,
            "{file}: too few questions on another language's page"
        );
        let wrong = wrong.join("\n");
        assert!(
            s.reply_language.rate() >= 0.95,
            "{file}: reply language right {:.3}:\n{wrong}",
            s.reply_language.rate()
        );
        assert!(
            s.reply_language_other_page.rate() >= 0.80,
            "{file}: reply language right on another language's page {:.3}:\n{wrong}",
            s.reply_language_other_page.rate()
        );
    }
}

/// Everyday questions that once went astray on the real knowledge base: a generic "start a business"
/// went to the job seekers' entry (and Actiris), a three-word Dutch question on the French page was
/// declined, "where are you located" found nothing, and an English sentence on the French page got a
/// French reply.
#[test]
fn everyday_questions_find_the_general_entry_in_the_visitor_s_language() {
    use cdm_faq::answer::{Question, ReplyKind};
    use cdm_faq::text_analysis::Language::{self, En, Fr, Nl};
    let cases: &[(&str, Language, &str, Language)] = &[
        (
            "how do I start a business",
            Fr,
            "self-employment/become-self-employed-steps",
            En,
        ),
        (
            "je suis au chômage et je veux créer mon entreprise",
            Nl,
            "self-employment/start-business-while-unemployed",
            Fr,
        ),
        ("ik zoek werk", Fr, "work/find-job-offers", Fr),
        (
            "where are you located",
            Nl,
            "choose/address-and-opening-hours",
            En,
        ),
    ];
    for (q, page, id, lang) in cases {
        let reply = real_engine()
            .ask(&Question::new(q).with_page_lang(Some(*page)))
            .unwrap();
        assert_eq!(reply.kind, ReplyKind::Answer, "{q}: {reply:#?}");
        assert_eq!(reply.answers[0].id, *id, "{q}");
        assert_eq!(reply.lang, *lang, "{q}");
    }
}
