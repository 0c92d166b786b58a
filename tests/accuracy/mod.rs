//! The accuracy gates on the real knowledge base, on what visitors get (`eval`'s figures).
//!
//! - The committed model (`src/answer/model.json`) is what `eval --fit` writes from the fitting sets
//!   (`tests/eval/dev.jsonl` + `tests/eval/train.jsonl`): a fresh fit must give the same file.
//! - Out-of-fold figures of that fit (every question judged by a model fitted without its fold) and
//!   the held-out sets' figures (`tests/eval/holdout.jsonl` and `tests/eval/fresh.jsonl`, written apart
//!   from the entries and from the fitting sets, never fitted on) must meet the gates below: a few
//!   points under what was measured when the model was committed, so that a regression fails and noise
//!   does not (the fresh set is smaller, so its gates leave more room).
//! - Every reply is in the question's own language (95%; 80% when the page is in another language).
//!
//! The targets (direct right ≥ 93%, clarify ≤ 4%, in-scope declined ≤ 2%, small talk ≥ 95% held
//! out) are not met yet; the gates hold what is reached (README "Accuracy").

use std::path::Path;

use cdm_faq::eval::{self, EvalReport, Summary, fit};

use crate::common::real_engine;

fn read(file: &str) -> Vec<eval::Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/eval")
        .join(file);
    let cases = eval::parse_cases(&std::fs::read_to_string(path).unwrap()).expect("valid set");
    assert!(cases.len() >= 300, "{file} has {} cases", cases.len());
    cases
}

fn run(file: &str) -> EvalReport {
    eval::run(real_engine(), &read(file)).unwrap()
}

fn figures(s: &Summary) -> String {
    format!(
        "direct right {:.3}, wrong direct {:.3}, clarified {:.3}, in-scope declined {:.3}, out-of-scope declined {:.3}, small talk {:.3}, ECE {:.3}, mixed {:.3}, expat {:.3}",
        s.direct_right.rate(),
        s.wrong_direct.rate(),
        s.clarified.rate(),
        s.in_scope_declined.rate(),
        s.out_of_scope_declined.rate(),
        s.smalltalk.rate(),
        s.calibration.ece,
        s.by_style.get("mixed").map_or(0.0, |t| t.rate()),
        s.by_style.get("expat").map_or(0.0, |t| t.rate()),
    )
}

/// The gates, on out-of-fold and held-out figures alike.
struct Gates {
    direct_right: f64,
    wrong_direct: f64,
    clarified: f64,
    in_scope_declined: f64,
    out_of_scope_declined: f64,
    smalltalk: f64,
    ece: f64,
    mixed_and_expat: f64,
}

fn check(what: &str, s: &Summary, g: &Gates) {
    let f = figures(s);
    assert!(
        s.direct_right.rate() >= g.direct_right,
        "{what}: direct right answers fell: {f}"
    );
    assert!(
        s.wrong_direct.rate() <= g.wrong_direct,
        "{what}: too many wrong direct answers: {f}"
    );
    assert!(
        s.clarified.rate() <= g.clarified,
        "{what}: too many clarifications: {f}"
    );
    assert!(
        s.in_scope_declined.rate() <= g.in_scope_declined,
        "{what}: too many in-scope declines: {f}"
    );
    assert!(
        s.out_of_scope_declined.rate() >= g.out_of_scope_declined,
        "{what}: too few out-of-scope declines: {f}"
    );
    assert!(
        s.smalltalk.rate() >= g.smalltalk,
        "{what}: small talk fell: {f}"
    );
    assert!(
        s.calibration.ece <= g.ece,
        "{what}: the confidence is off: {f}"
    );
    for style in ["mixed", "expat"] {
        let rate = s.by_style.get(style).map_or(0.0, |t| t.rate());
        assert!(rate >= g.mixed_and_expat, "{what}: {style} fell: {f}");
    }
}

#[test]
fn the_committed_model_is_a_fresh_fit_and_meets_the_gates_out_of_fold() {
    let sets: Vec<(String, Vec<eval::Case>)> = ["dev.jsonl", "train.jsonl"]
        .iter()
        .map(|f| (format!("tests/eval/{f}"), read(f)))
        .collect();
    let fit = fit::fit_sets(real_engine(), &sets).unwrap();
    assert_eq!(
        fit.model.to_json(),
        cdm_faq::answer::MODEL_JSON,
        "src/answer/model.json is stale: run `cargo run --release -- eval --fit` and rebuild"
    );
    check(
        "out of fold",
        &fit.out_of_fold,
        &Gates {
            direct_right: 0.80,
            wrong_direct: 0.02,
            clarified: 0.13,
            in_scope_declined: 0.07,
            out_of_scope_declined: 0.95,
            smalltalk: 0.95,
            ece: 0.04,
            mixed_and_expat: 0.74,
        },
    );
}

#[test]
fn holdout_set_meets_the_gates() {
    let report = run("holdout.jsonl");
    check(
        "held out",
        &report.summary,
        &Gates {
            direct_right: 0.785,
            wrong_direct: 0.025,
            clarified: 0.13,
            in_scope_declined: 0.075,
            out_of_scope_declined: 0.93,
            smalltalk: 0.82,
            ece: 0.05,
            mixed_and_expat: 0.78,
        },
    );
}

#[test]
fn fresh_held_out_set_meets_the_gates() {
    let report = run("fresh.jsonl");
    check(
        "fresh held out",
        &report.summary,
        &Gates {
            direct_right: 0.78,
            wrong_direct: 0.035,
            clarified: 0.12,
            in_scope_declined: 0.08,
            out_of_scope_declined: 0.95,
            smalltalk: 0.85,
            ece: 0.05,
            mixed_and_expat: 0.78,
        },
    );
}

#[test]
fn replies_speak_the_question_s_language() {
    for file in ["dev.jsonl", "holdout.jsonl", "fresh.jsonl"] {
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

/// One everyday word of ours ("emploi", "job", "I need a job") is too little evidence for the scope
/// estimate, so it used to be declined; it gets a guided choice among work entries. A word that two
/// entries merely mention ("logement", housing) and words that are not ours ("pension") are still
/// declined.
#[test]
fn broad_everyday_words_get_a_guided_choice_and_near_misses_are_declined() {
    use cdm_faq::answer::{Question, ReplyKind};
    use cdm_faq::text_analysis::Language::{self, En, Fr};
    let guided: &[(&str, Language)] = &[("emploi", Fr), ("job", En), ("I need a job", En)];
    for (q, page) in guided {
        let reply = real_engine()
            .ask(&Question::new(q).with_page_lang(Some(*page)))
            .unwrap();
        assert_eq!(reply.kind, ReplyKind::Clarify, "{q}: {reply:#?}");
        assert!(reply.answers.len() >= 3, "{q}: {reply:#?}");
        assert!(
            reply.answers.iter().all(|a| a.id.starts_with("work/")),
            "{q}: {:?}",
            reply.answers.iter().map(|a| &a.id).collect::<Vec<_>>()
        );
    }
    for (q, page) in [("logement", Fr), ("pension", Fr)] {
        let reply = real_engine()
            .ask(&Question::new(q).with_page_lang(Some(page)))
            .unwrap();
        assert_eq!(reply.kind, ReplyKind::NoAnswer, "{q}: {reply:#?}");
    }
}

/// Small talk with a few words of its own is still small talk when the knowledge base knows none of
/// them; a word it knows makes the message a question. Everyday acknowledgements are small talk too.
#[test]
fn small_talk_with_stray_words_but_questions_with_ours() {
    use cdm_faq::answer::{Question, ReplyKind};
    use cdm_faq::text_analysis::Language::{self, En, Fr, Nl};
    let cases: &[(&str, Language, bool)] = &[
        ("merci beaucoup, vraiment top zarbi", Fr, true),
        ("dank je wel hoor, tot de volgende keer", Nl, true),
        ("ok", En, true),
        ("oké", Nl, true),
        ("are you a real person xyzzy?", En, true),
        ("merci, et pour le chômage ?", Fr, false),
        ("bedankt, en voor een opleiding lassen?", Nl, false),
        ("thanks, and what about a work permit?", En, false),
        ("bonjour, formation ?", Fr, false),
        ("mdr", Fr, true),
        ("ik snap het niet", Nl, true),
        (
            "je ne comprends pas comment m'inscrire chez Actiris",
            Fr,
            false,
        ),
    ];
    for (q, page, smalltalk) in cases {
        let reply = real_engine()
            .ask(&Question::new(q).with_page_lang(Some(*page)))
            .unwrap();
        assert_eq!(
            reply.kind == ReplyKind::Smalltalk,
            *smalltalk,
            "{q:?} got {:?}",
            reply.kind
        );
    }
}
