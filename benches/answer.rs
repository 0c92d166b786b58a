//! End-to-end answering (analysis + search + ranking + reply) on the real knowledge base and on
//! synthetic knowledge bases 10× and 100× larger; crafted worst-case questions; index build; suggestions. Each benchmark asserts a
//! correctness fact inside the timed loop, so it cannot silently measure nothing.
//!
//! Run: `cargo bench --bench answer`. The questions are every 8th line of the dev question set, a mix of
//! languages and styles (plain, stories, typos, SMS, out of scope, small talk).

use std::hint::black_box;
use std::path::Path;

use cdm_faq::answer::{MAX_ANSWERS, Question, ReplyKind};
use cdm_faq::engine::Engine;
use cdm_faq::index::FaqIndex;
use cdm_faq::knowledge_base::KnowledgeBase;
use cdm_faq::text_analysis::Language;
use criterion::{Criterion, criterion_group, criterion_main};

const DEV_SET: &str = include_str!("../tests/eval/dev.jsonl");

fn questions() -> Vec<(String, Option<Language>)> {
    DEV_SET
        .lines()
        .step_by(8)
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid dev line");
            (
                v["q"].as_str().unwrap_or_default().to_string(),
                v["ui"].as_str().and_then(|l| l.parse().ok()),
            )
        })
        .collect()
}

fn knowledge_base() -> KnowledgeBase {
    KnowledgeBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge-base"))
        .expect("the knowledge base loads")
}

fn bench_answers(c: &mut Criterion) {
    let kb = knowledge_base();
    let questions: Vec<Question> = questions()
        .into_iter()
        .map(|(q, lang)| Question::new(&q).with_page_lang(lang))
        .collect();
    let golden = Question::new("Comment m'inscrire comme demandeur d'emploi chez Actiris ?")
        .with_page_lang(Some(Language::Fr));
    let mut group = c.benchmark_group("answer");
    for factor in [1usize, 10, 100] {
        let engine = Engine::build(if factor == 1 {
            kb.clone()
        } else {
            kb.scaled(factor)
        })
        .expect("index");
        let name = if factor == 1 {
            "real_kb".to_string()
        } else {
            format!("{factor}x_kb")
        };
        let mut i = 0;
        group.bench_function(format!("{name}/mixed_question"), |b| {
            b.iter(|| {
                let question = &questions[i % questions.len()];
                i += 1;
                let reply = engine.ask(black_box(question)).expect("no index error");
                assert!(reply.answers.len() <= MAX_ANSWERS && !reply.message.is_empty());
                reply
            })
        });
        group.bench_function(format!("{name}/golden_question"), |b| {
            b.iter(|| {
                let reply = engine.ask(black_box(&golden)).expect("no index error");
                assert!(matches!(reply.kind, ReplyKind::Answer | ReplyKind::Clarify));
                assert!(
                    reply.answers[0]
                        .id
                        .starts_with("work/register-as-job-seeker"),
                    "{}",
                    reply.answers[0].id
                );
                reply
            })
        });
    }
    group.finish();
}

/// Crafted questions of the longest accepted length (1,000 characters), each built to make one part of
/// the engine work hardest: Dutch compounds of known words, misspelled long words (typo lookups),
/// known words of every language (a long query), long invented words, digits.
fn worst_questions(kb: &KnowledgeBase) -> Vec<(&'static str, String)> {
    let mut words: Vec<String> = kb
        .entries()
        .iter()
        .flat_map(|e| {
            e.text(Language::Nl)
                .answer
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 5 && w.is_ascii())
        .collect();
    words.sort();
    words.dedup();
    let fill = |next: &mut dyn FnMut(usize) -> String| {
        let mut text = String::new();
        let mut i = 0;
        loop {
            let word = next(i);
            if text.len() + word.len() + 1 > cdm_faq::answer::MAX_QUESTION_CHARS {
                return text.trim_end().to_string();
            }
            text.push_str(&word);
            text.push(' ');
            i += 1;
        }
    };
    let at = |i: usize| words[(i * 7919) % words.len()].clone();
    vec![
        (
            "dutch_compounds",
            fill(&mut |i| {
                format!("{}{}{}", at(i), at(i + 1), at(i + 2))
                    .chars()
                    .take(40)
                    .collect()
            }),
        ),
        (
            "misspelled_words",
            fill(&mut |i| {
                let w = at(i);
                format!("{}{}x", &w[..2], &w[3..])
            }),
        ),
        ("known_words", fill(&mut |i| at(i))),
        (
            "invented_words",
            fill(&mut |i| {
                (0..48)
                    .map(|k| (b'a' + ((i * 31 + k * 17) % 26) as u8) as char)
                    .collect()
            }),
        ),
        (
            "digits",
            fill(&mut |i| format!("{}", 100_000_000 + i * 7919)),
        ),
    ]
}

fn bench_worst_case(c: &mut Criterion) {
    let kb = knowledge_base();
    let worst = worst_questions(&kb);
    let engine = Engine::build(kb).expect("index");
    let mut group = c.benchmark_group("worst_case");
    for (name, text) in worst {
        assert!(text.chars().count() > 900, "{name} is long");
        let question = Question::new(&text).with_page_lang(Some(Language::Nl));
        group.bench_function(name, |b| {
            b.iter(|| {
                let reply = engine.ask(black_box(&question)).expect("no index error");
                assert!(!reply.message.is_empty());
                reply
            })
        });
    }
    group.finish();
}

fn bench_index_build(c: &mut Criterion) {
    let kb = knowledge_base();
    let mut group = c.benchmark_group("index_build");
    group.sample_size(20);
    group.bench_function("real_kb", |b| {
        b.iter(|| {
            let index = FaqIndex::build(black_box(&kb)).expect("index");
            assert_eq!(index.stats().entries, kb.entries().len());
            index
        })
    });
    group.bench_function("load_and_check_files", |b| {
        b.iter(|| {
            let kb = knowledge_base();
            assert!(kb.entries().len() >= 106);
            kb
        })
    });
    group.finish();
}

fn bench_suggest(c: &mut Criterion) {
    let engine = Engine::build(knowledge_base()).expect("index");
    let prefixes = [
        "inscr",
        "cours de néer",
        "werkloos",
        "how do i reg",
        "stage à l'ét",
        "zelfstand",
        "cv",
        "formation informa",
    ];
    let mut i = 0;
    c.bench_function("suggest/real_kb", |b| {
        b.iter(|| {
            let prefix = prefixes[i % prefixes.len()];
            i += 1;
            let found = engine.suggest(black_box(prefix), Language::Fr);
            assert!(!found.is_empty(), "{prefix}");
            found
        })
    });
}

criterion_group!(
    benches,
    bench_answers,
    bench_worst_case,
    bench_index_build,
    bench_suggest
);
criterion_main!(benches);
