//! The knowledge-base checker. Properties checked:
//! - the fixture and the real knowledge base load without errors;
//! - a broken edit is rejected with **every** problem listed at once, each with its file and line:
//!   invalid TOML, unknown key, missing language, empty answer, unknown partner id, duplicate id,
//!   a phrasing shared with another entry (after analysis), malformed URL / e-mail / phone,
//!   too few phrasings, unknown related entry, a counterpart that is unknown, the entry itself or does
//!   not name it back;
//! - an old review is a warning, not an error, and does not stop loading;
//! - the theme menus of `site.toml` (featured entries, sub-groups) name entries of their theme, each in
//!   one group, and an entry of a grouped theme in no group is a warning.

use cdm_faq::knowledge_base::{KnowledgeBase, Problem, Severity};

use crate::common::{edit, fixture_copy, fixture_dir, line_of, real_dir};

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 21)
}

#[test]
fn fixture_is_clean() {
    let report = KnowledgeBase::check(&fixture_dir(), today());
    assert!(report.problems.is_empty(), "{report}");
    let kb = KnowledgeBase::load_at(&fixture_dir(), today()).unwrap();
    assert_eq!(kb.entries().len(), 10);
    assert_eq!(kb.partners().len(), 7);
    assert!(kb.entry("work/register-as-job-seeker").is_some());
}

#[test]
fn real_knowledge_base_loads_without_errors() {
    let report = KnowledgeBase::check(&real_dir(), today());
    assert_eq!(report.error_count(), 0, "{report}");
    let kb = KnowledgeBase::load_at(&real_dir(), today()).unwrap();
    assert!(kb.entries().len() >= 20);
    for theme in cdm_faq::knowledge_base::Theme::ALL {
        assert!(
            kb.entries().iter().filter(|e| e.theme == theme).count() >= 4,
            "theme {theme} has fewer than 4 entries"
        );
    }
    // Every partner referenced exists; every entry is complete in the three languages.
    for entry in kb.entries() {
        for partner in &entry.partners {
            assert!(
                kb.partner(partner).is_some(),
                "{} refers to {partner}",
                entry.id
            );
        }
        for lang in cdm_faq::text_analysis::Language::ALL {
            let text = entry.text(lang);
            assert!(
                !text.question.is_empty() && !text.answer.is_empty(),
                "{} {lang}",
                entry.id
            );
            assert!(text.phrasings.len() >= 4, "{} {lang}", entry.id);
        }
    }
}

fn find<'a>(problems: &'a [Problem], file: &str, needle: &str) -> &'a Problem {
    problems
        .iter()
        .find(|p| p.file.to_string_lossy() == file && p.message.contains(needle))
        .unwrap_or_else(|| {
            panic!("no problem in {file} containing {needle:?}; problems:\n{problems:#?}")
        })
}

#[test]
fn a_broken_edit_lists_every_problem_with_file_and_line() {
    let dir = fixture_copy();
    let root = dir.path();
    // 1. unknown key (misspelled) and too few phrasings
    let register = root.join("work/register-as-job-seeker.toml");
    edit(
        &register,
        "keywords = [\"inscription\"",
        "keyword = [\"inscription\"",
    );
    // 2. unknown partner id
    let cpas = root.join("work/social-aid-cpas.toml");
    edit(
        &cpas,
        "partners = [\"cpas-ocmw\", \"cdm\"]",
        "partners = [\"cpas-ocmw\", \"ocmw\"]",
    );
    // 3. missing language section: remove [en] from learn-dutch
    let dutch = root.join("learn/learn-dutch.toml");
    let text = std::fs::read_to_string(&dutch).unwrap();
    std::fs::write(&dutch, &text[..text.find("[en]").unwrap()]).unwrap();
    // 4. empty answer
    let walk_in = root.join("choose/walk-in-advice.toml");
    edit(
        &walk_in,
        "answer = \"Nee: advies",
        "answer = \"\"\nnotes = \"Nee: advies",
    );
    // 5. invalid TOML
    let premises = root.join("self-employment/business-premises.toml");
    edit(
        &premises,
        "audiences = [\"entrepreneurs\"]",
        "audiences = [\"entrepreneurs\"",
    );
    // 6. phrasing identical after analysis to another entry's
    let abroad = root.join("move/internship-abroad.toml");
    edit(
        &abroad,
        "\"partir en stage en Espagne\"",
        "\"Inscription CHÔMEUR à Actiris !\"",
    );
    // 7. malformed URL, e-mail and phone
    let actiris = root.join("partners/actiris.toml");
    edit(
        &actiris,
        "website = \"https://www.actiris.brussels\"",
        "website = \"www.actiris.brussels\"\nemail = \"info(at)actiris\"",
    );
    edit(&actiris, "phone = \"0800 35 123\"", "phone = \"call 0800\"");
    // 8. duplicate id (same slug with capitals)
    std::fs::copy(
        root.join("choose/which-job-suits-me.toml"),
        root.join("choose/Which-Job-Suits-Me.toml"),
    )
    .unwrap();
    // 9. old review: a warning only
    let eures = root.join("move/work-abroad-eures.toml");
    edit(
        &eures,
        "reviewed_on = 2026-11-01",
        "reviewed_on = 2024-01-15",
    );

    let report = KnowledgeBase::check(root, today());
    let problems = &report.problems;
    let p = find(
        problems,
        "work/register-as-job-seeker.toml",
        "unknown key `keyword`",
    );
    assert_eq!(p.line, Some(line_of(&register, "keyword =")));
    assert!(p.message.contains("did you mean `keywords`"));
    let p = find(
        problems,
        "work/social-aid-cpas.toml",
        "unknown partner id \"ocmw\"",
    );
    assert_eq!(p.line, Some(line_of(&cpas, "partners =")));
    find(
        problems,
        "learn/learn-dutch.toml",
        "missing the section [en]",
    );
    let p = find(
        problems,
        "choose/walk-in-advice.toml",
        "the nl answer is empty",
    );
    assert_eq!(p.line, Some(line_of(&walk_in, "answer = \"\"")));
    find(
        problems,
        "choose/walk-in-advice.toml",
        "unknown key `notes`",
    );
    let p = find(
        problems,
        "self-employment/business-premises.toml",
        "invalid TOML",
    );
    assert_eq!(
        p.line,
        Some(line_of(&premises, "[review]")),
        "reported where the unclosed list runs into the next section"
    );
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.message.starts_with("invalid TOML"))
            .count(),
        1
    );
    // Reported on the later entry (in id order), naming the other file and line.
    let p = find(
        problems,
        "work/register-as-job-seeker.toml",
        "is the same as one of move/internship-abroad",
    );
    assert_eq!(
        p.line,
        Some(line_of(&register, "\"inscription chômeur Actiris\""))
    );
    assert!(p.message.contains(&format!(
        "move/internship-abroad.toml:{}",
        line_of(&abroad, "Inscription CHÔMEUR")
    )));
    let p = find(
        problems,
        "partners/actiris.toml",
        "must start with https://",
    );
    assert_eq!(p.line, Some(line_of(&actiris, "website =")));
    find(
        problems,
        "partners/actiris.toml",
        "is not an e-mail address",
    );
    find(problems, "partners/actiris.toml", "is not a phone number");
    find(
        problems,
        "choose/which-job-suits-me.toml",
        "duplicate id \"choose/which-job-suits-me\"",
    );
    let p = find(
        problems,
        "move/work-abroad-eures.toml",
        "more than 12 months ago",
    );
    assert_eq!(p.severity, Severity::Warning);
    assert!(report.error_count() >= 11, "{report}");

    // Loading refuses the whole knowledge base, with the same problems.
    let error = KnowledgeBase::load_at(root, today()).unwrap_err();
    assert_eq!(error.0, report);
}

#[test]
fn warnings_alone_do_not_stop_loading() {
    let dir = fixture_copy();
    let eures = dir.path().join("move/work-abroad-eures.toml");
    edit(
        &eures,
        "reviewed_on = 2026-11-01",
        "reviewed_on = 2024-01-15",
    );
    let kb = KnowledgeBase::load_at(dir.path(), today()).expect("warnings do not stop loading");
    assert_eq!(kb.warnings().warning_count(), 1);
    assert_eq!(kb.warnings().error_count(), 0);
}

#[test]
fn structural_problems_are_reported() {
    let dir = fixture_copy();
    let root = dir.path();
    std::fs::write(root.join("stray.toml"), "x = 1\n").unwrap();
    std::fs::create_dir(root.join("jobs")).unwrap();
    std::fs::write(root.join("jobs/a.toml"), "x = 1\n").unwrap();
    std::fs::write(
        root.join("work/Bad_Name.toml"),
        std::fs::read(root.join("work/social-aid-cpas.toml")).unwrap(),
    )
    .unwrap();
    std::fs::write(root.join("learn/binary.toml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    edit(
        &root.join("work/register-as-job-seeker.toml"),
        "related = [\"work/social-aid-cpas\"]",
        "related = [\"work/nowhere\"]",
    );
    let report = KnowledgeBase::check(root, today());
    find(&report.problems, "stray.toml", "unknown file");
    find(&report.problems, "jobs", "is not a theme folder");
    find(
        &report.problems,
        "work/Bad_Name.toml",
        "lowercase letters, digits and hyphens",
    );
    find(&report.problems, "learn/binary.toml", "not UTF-8");
    find(
        &report.problems,
        "work/register-as-job-seeker.toml",
        "unknown related entry",
    );
}

#[test]
fn counterparts_exist_and_name_each_other() {
    let dir = fixture_copy();
    let root = dir.path();
    let add = |file: &str, id: &str| {
        edit(
            &root.join(file),
            "audiences = ",
            &format!("counterpart = \"{id}\"\naudiences = "),
        )
    };
    add("learn/learn-dutch.toml", "learn/nowhere");
    add("learn/training-with-benefits.toml", "learn/learn-dutch");
    add("choose/walk-in-advice.toml", "choose/walk-in-advice");
    let report = KnowledgeBase::check(root, today());
    let unknown = find(
        &report.problems,
        "learn/learn-dutch.toml",
        "unknown counterpart entry \"learn/nowhere\"",
    );
    assert_eq!(
        unknown.line,
        Some(line_of(&root.join("learn/learn-dutch.toml"), "counterpart"))
    );
    find(
        &report.problems,
        "learn/training-with-benefits.toml",
        "does not name \"learn/training-with-benefits\" back",
    );
    find(
        &report.problems,
        "choose/walk-in-advice.toml",
        "its own counterpart",
    );
    // The real knowledge base pairs its French- and Dutch-speaking routes, each naming the other.
    let kb = KnowledgeBase::load_at(&real_dir(), today()).unwrap();
    let paired: Vec<_> = kb
        .entries()
        .iter()
        .filter_map(|e| Some((e, kb.entry(e.counterpart.as_deref()?)?)))
        .collect();
    assert!(paired.len() >= 20, "{} entries paired", paired.len());
    for (entry, other) in paired {
        assert_eq!(other.counterpart.as_deref(), Some(entry.id.as_str()));
    }
}

#[test]
fn a_missing_folder_is_one_clear_error() {
    let report = KnowledgeBase::check(std::path::Path::new("/nonexistent/kb"), today());
    assert_eq!(report.error_count(), 1);
    assert!(report.problems[0].message.contains("does not exist"));
}

#[test]
fn unsafe_links_in_answers_and_partner_texts_are_reported_at_their_line() {
    let dir = fixture_copy();
    let root = dir.path();
    let dutch = root.join("learn/learn-dutch.toml");
    edit(
        &dutch,
        "answer = \"The **House of Dutch** tests your level and finds you the right Dutch course.\"",
        "answer = \"\"\"\nThe **House of Dutch** tests your level.\n\nSee [this](https://www.actiris.brussels@evil.example/) or [that](http://127.0.0.1/).\n\nOr [here](//evil.example/x).\"\"\"",
    );
    let partner = root.join("partners/actiris-international.toml");
    edit(
        &partner,
        "services = \"EURES advice on working in another European country and work placements abroad.\"",
        "services = \"EURES advice, see [the page](/eures).\"",
    );
    let report = KnowledgeBase::check(root, today());
    let problems = &report.problems;
    let p = find(problems, "learn/learn-dutch.toml", "user name or password");
    assert_eq!(p.line, Some(line_of(&dutch, "See [this]")));
    let p = find(problems, "learn/learn-dutch.toml", "must use https://");
    assert_eq!(p.line, Some(line_of(&dutch, "See [this]")));
    let p = find(problems, "learn/learn-dutch.toml", "protocol-relative");
    assert_eq!(p.line, Some(line_of(&dutch, "Or [here]")));
    let p = find(
        problems,
        "partners/actiris-international.toml",
        "link not allowed in the en services text",
    );
    assert_eq!(p.line, Some(line_of(&partner, "[the page](/eures)")));
    assert!(KnowledgeBase::load_at(root, today()).is_err());
}

#[test]
fn theme_menus_are_checked_against_the_entries() {
    let dir = fixture_copy();
    let site = dir.path().join("site.toml");
    // A grouped id that is no entry, one of another theme, one listed in two groups; and, as a result,
    // an entry of the grouped theme left in no group.
    edit(
        &site,
        "entries = [\"work/social-aid-cpas\"]",
        "entries = [\"work/register-as-job-seeker\", \"work/nowhere\", \"learn/learn-dutch\"]",
    );
    let report = KnowledgeBase::check(dir.path(), today());
    let line = line_of(&site, "\"work/nowhere\"");
    let unknown = find(
        &report.problems,
        "site.toml",
        "\"work/nowhere\" is not an entry",
    );
    assert_eq!(
        (unknown.line, unknown.severity),
        (Some(line), Severity::Error)
    );
    let other = find(&report.problems, "site.toml", "belongs to the theme learn");
    assert_eq!(other.severity, Severity::Error);
    let twice = find(
        &report.problems,
        "site.toml",
        "is already in the group \"registration\"",
    );
    assert_eq!((twice.line, twice.severity), (Some(line), Severity::Error));
    let left = find(
        &report.problems,
        "site.toml",
        "\"work/social-aid-cpas\" is in no group",
    );
    assert_eq!(left.severity, Severity::Warning);
    assert!(
        KnowledgeBase::load_at(dir.path(), today()).is_err(),
        "errors stop the load"
    );
}
