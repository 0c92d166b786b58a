//! Shared helpers: the fixture and real knowledge bases, engines built once per test binary, and
//! temporary copies of the fixture to break on purpose.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cdm_faq::answer::{Question, Reply};
use cdm_faq::engine::Engine;
use cdm_faq::text_analysis::Language;

/// The small, stable knowledge base written for tests.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge-base")
}

/// The real, bundled knowledge base.
pub fn real_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge-base")
}

/// The engine over the fixture, built once.
pub fn fixture_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&fixture_dir()).expect("the fixture knowledge base loads"))
}

/// The engine over the real knowledge base, built once.
pub fn real_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&real_dir()).expect("the real knowledge base loads"))
}

/// Asks the fixture engine, with a page language.
pub fn ask(text: &str, page: Language) -> Reply {
    fixture_engine()
        .ask(&Question::new(text).with_page_lang(Some(page)))
        .expect("no index error")
}

/// Asks the fixture engine with the explanation.
pub fn explain(text: &str, page: Language) -> Reply {
    fixture_engine()
        .ask(
            &Question::new(text)
                .with_page_lang(Some(page))
                .with_explain(true),
        )
        .expect("no index error")
}

/// The first answer's id, if any.
pub fn top(reply: &Reply) -> Option<&str> {
    reply.answers.first().map(|a| a.id.as_str())
}

/// A temporary copy of the fixture knowledge base, to modify.
pub fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture_dir(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.path().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).unwrap();
        }
    }
}

/// Replaces `from` by `to` in a file (which must contain it).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// 1-based line of the first occurrence of `needle` in a file.
pub fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", path.display()));
    text[..offset].matches('\n').count() + 1
}
