//! The `cdm-faq` binary. Properties checked:
//! - `check` exits 0 on a clean knowledge base and 1 with every problem printed `file:line: ...`;
//! - `ask --jsonl` answers every line in order with one index build; bad lines (invalid JSON, wrong
//!   types, unknown language, NUL, 100 KB, emoji, query syntax) get a reply or an error on their own
//!   line and the batch goes on;
//! - `ask --json` prints the reply contract; `ask` prints a readable reply for counsellors;
//! - `eval` prints the figures of a question set;
//! - `check`, `user` and `stats` take `--sites FILE --site ID` and work on that site only;
//! - the database password in `CDM_FAQ_DATABASE` never shows in `--help`, nor in the error when the
//!   server cannot be reached.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{edit, fixture_copy, fixture_dir};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cdm-faq"))
}

#[test]
fn check_exit_status_and_listing() {
    let ok = bin()
        .args(["check", "--kb"])
        .arg(fixture_dir())
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("0 error(s), 0 warning(s)"));

    let dir = fixture_copy();
    let file = dir.path().join("work/social-aid-cpas.toml");
    edit(
        &file,
        "partners = [\"cpas-ocmw\", \"cdm\"]",
        "partners = [\"cpas\"]\nprtners = []",
    );
    let bad = bin()
        .args(["check", "--kb"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("work/social-aid-cpas.toml:1: error: unknown partner id \"cpas\""),
        "{out}"
    );
    assert!(
        out.contains("work/social-aid-cpas.toml:2: error: unknown key `prtners`"),
        "{out}"
    );
    assert!(out.contains("2 error(s)"), "{out}");

    let old = fixture_copy();
    edit(
        &old.path().join("move/work-abroad-eures.toml"),
        "reviewed_on = 2026-11-01",
        "reviewed_on = 2020-01-01",
    );
    let warn = bin()
        .args(["check", "--kb"])
        .arg(old.path())
        .output()
        .unwrap();
    assert!(warn.status.success(), "warnings alone exit 0");
    assert!(String::from_utf8_lossy(&warn.stdout).contains("warning: last reviewed on 2020-01-01"));
}

#[test]
fn jsonl_batch_answers_every_line_and_survives_bad_ones() {
    let huge = "cherche formation ".repeat(6_000);
    let lines = [
        r#"{"q": "Comment m'inscrire comme demandeur d'emploi ?", "lang": "fr"}"#.to_string(),
        "this is not json".to_string(),
        r#"{"q": 42}"#.to_string(),
        r#"{"q": "hallo", "lang": "de"}"#.to_string(),
        r#"{"q": ""}"#.to_string(),
        format!(r#"{{"q": "{huge}", "lang": "fr"}}"#),
        r#"{"q": "a\u0000b\u0007c", "lang": "en"}"#.to_string(),
        r#"{"q": "🙂🙂🙂"}"#.to_string(),
        r#"{"q": "title:(x) AND \"y\"* ~2 ^3 [a TO b]", "lang": "nl"}"#.to_string(),
        r#"{"text": "wrong field"}"#.to_string(),
        r#"{"q": "Waar kan ik Nederlands leren?", "lang": "nl", "theme": "learn"}"#.to_string(),
        "".to_string(),
        r#"{"q": "help", "theme": "cooking"}"#.to_string(),
    ];
    let mut child = bin()
        .args(["ask", "--jsonl", "--kb"])
        .arg(fixture_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for line in &lines {
            writeln!(stdin, "{line}").unwrap();
        }
        stdin.write_all(b"\xff\xfe not utf8\n").unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let out: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    assert_eq!(out.len(), lines.len() + 1, "one output line per input line");
    let code = |v: &serde_json::Value| v["error"]["code"].as_str().map(str::to_string);
    assert_eq!(out[0]["kind"], "answer");
    assert_eq!(out[0]["answers"][0]["id"], "work/register-as-job-seeker");
    assert_eq!(code(&out[1]).as_deref(), Some("invalid_json"));
    // Codes from the API's one table (`http::ERROR_CODES`), never invented by the batch.
    let table: Vec<&str> = cdm_faq::http::ERROR_CODES.iter().map(|c| c.0).collect();
    for line in &out {
        if let Some(c) = code(line) {
            assert!(table.contains(&c.as_str()), "{c} is not in the error table");
        }
    }
    assert_eq!(code(&out[2]).as_deref(), Some("invalid_request"));
    assert_eq!(code(&out[3]).as_deref(), Some("unknown_language"));
    assert_eq!(out[4]["kind"], "no_answer");
    assert_eq!(
        code(&out[5]).as_deref(),
        Some("question_too_long"),
        "the API's limit: 1,000 characters"
    );
    assert!(out[6]["kind"].is_string());
    assert!(out[7]["kind"].is_string());
    assert!(out[8]["kind"].is_string());
    assert_eq!(code(&out[9]).as_deref(), Some("invalid_request"));
    assert_eq!(out[10]["answers"][0]["id"], "learn/learn-dutch");
    assert_eq!(code(&out[11]).as_deref(), Some("invalid_json"));
    assert_eq!(code(&out[12]).as_deref(), Some("unknown_theme"));
    assert_eq!(code(&out[13]).as_deref(), Some("invalid_json"));
}

#[test]
fn ask_json_and_readable() {
    let json = bin()
        .args(["ask", "--json", "--lang", "en", "--kb"])
        .arg(fixture_dir())
        .arg("How do I become self-employed?")
        .output()
        .unwrap();
    assert!(json.status.success());
    let reply: cdm_faq::answer::Reply =
        serde_json::from_slice(&json.stdout).expect("the reply contract");
    assert_eq!(reply.answers[0].id, "self-employment/become-self-employed");

    let text = bin()
        .args(["ask", "--kb"])
        .arg(fixture_dir())
        .arg("Waar kan ik Nederlands leren?")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("1. learn/learn-dutch [learn] confidence"),
        "{text}"
    );
    assert!(
        text.contains("Referral:   Huis van het Nederlands Brussel (huis-nederlands)"),
        "{text}"
    );
    assert!(text.contains("Candidates:"), "{text}");
}

#[test]
fn eval_prints_figures_and_failures() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    std::fs::write(
        &set,
        concat!(
            r#"{"id": "t1", "q": "Waar kan ik Nederlands leren?", "lang": "nl", "ui": "nl", "expect": "answer", "themes": ["learn"], "partners": ["huis-nederlands"], "topic": "", "style": "plain"}"#,
            "\n",
            r#"{"id": "t2", "q": "recette boulettes", "lang": "fr", "ui": "fr", "expect": "no_answer", "themes": [], "partners": [], "topic": "", "style": "keywords"}"#,
            "\n",
            r#"{"id": "t3", "q": "bonjour", "lang": "fr", "ui": "fr", "expect": "answer", "themes": ["work"], "partners": ["actiris"], "topic": "", "style": "plain"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = bin()
        .args(["eval"])
        .arg(&set)
        .arg("--kb")
        .arg(fixture_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("direct right answers (in scope):    50.0% (1/2)"),
        "{text}"
    );
    assert!(
        text.contains("out-of-scope declined:             100.0% (1/1)"),
        "{text}"
    );
    assert!(text.contains("t3 [fr plain answer]"), "{text}");
    // The held-out sets are only ever measured: fitting on one is refused, and nothing is written.
    for held_out in ["holdout.jsonl", "fresh.jsonl"] {
        let path = dir.path().join(held_out);
        std::fs::copy(&set, &path).unwrap();
        let model = dir.path().join("model.json");
        let out = bin()
            .args(["eval", "--fit"])
            .arg(&path)
            .arg("--out")
            .arg(&model)
            .arg("--kb")
            .arg(fixture_dir())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{held_out}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("only measured, never fitted on"),
            "{held_out}"
        );
        assert!(!model.exists());
    }
}

#[test]
fn a_broken_knowledge_base_stops_ask_with_the_problems() {
    let dir = fixture_copy();
    edit(
        &dir.path().join("learn/learn-dutch.toml"),
        "[review]",
        "[reviw]",
    );
    let out = bin()
        .args(["ask", "--kb"])
        .arg(dir.path())
        .arg("test")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("learn/learn-dutch.toml"), "{err}");
}

/// `check`, `user` and `stats` on one site of a deployment (`tests/fixtures/sites.toml`).
#[test]
fn site_commands_work_on_the_chosen_site_of_a_deployment() {
    let sites = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites.toml");
    let all = bin()
        .arg("check")
        .arg("--sites")
        .arg(&sites)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&all.stdout);
    assert!(
        all.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&all.stderr)
    );
    assert!(out.contains("site brussels: "), "{out}");
    assert!(out.contains("site sambre: "), "{out}");
    let one = bin()
        .args(["check", "--site", "sambre", "--sites"])
        .arg(&sites)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&one.stdout);
    assert!(one.status.success());
    assert!(
        out.contains("site sambre: ") && !out.contains("site brussels"),
        "{out}"
    );
    let unknown = bin()
        .args(["check", "--site", "liege", "--sites"])
        .arg(&sites)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("brussels, sambre"));
    let without = bin().args(["check", "--site", "sambre"]).output().unwrap();
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stderr).contains("--sites"));

    // A broken sites file: every problem with its line, nothing checked.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("sites.toml");
    std::fs::write(&broken, "[[site]]\nid = \"Admin\"\nkb = \"nowhere\"\n").unwrap();
    let bad = bin()
        .arg("check")
        .arg("--sites")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("sites.toml:2:") && err.contains("sites.toml:3:"),
        "{err}"
    );

    // An account of one site is in that site's folder only.
    let data = dir.path().join("data");
    let mut add = bin()
        .args([
            "user",
            "add",
            "sam",
            "--role",
            "editor",
            "--password-stdin",
            "--site",
            "sambre",
        ])
        .arg("--sites")
        .arg(&sites)
        .arg("--data-dir")
        .arg(&data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"une phrase assez longue\n")
        .unwrap();
    assert!(add.wait_with_output().unwrap().status.success());
    assert!(data.join("sambre").join("accounts.sqlite").exists());
    assert!(!data.join("accounts.sqlite").exists());
    let list = |site: &str| {
        let out = bin()
            .args(["user", "list", "--site", site, "--sites"])
            .arg(&sites)
            .arg("--data-dir")
            .arg(&data)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(list("sambre").contains("sam "), "{}", list("sambre"));
    assert!(!list("brussels").contains("sam "), "{}", list("brussels"));
    // Which site's statistics? The command asks rather than guessing.
    let which = bin()
        .args(["stats", "--sites"])
        .arg(&sites)
        .arg("--data-dir")
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(which.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&which.stderr).contains("--site"));
}

#[test]
fn the_database_password_never_shows() {
    let secret = "s3cret-pa55word";
    let url = format!("postgres://cdm:{secret}@127.0.0.1:1/none");
    for args in [
        &["serve", "--help"][..],
        &["user", "list", "--help"],
        &["stats", "--help"],
    ] {
        let out = bin()
            .args(args)
            .env("CDM_FAQ_DATABASE", &url)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("--database"), "{args:?}");
        assert!(!text.contains(secret), "{args:?}: {text}");
    }
    // Nothing listens on port 1: the command fails, naming the database without its password.
    let out = bin()
        .args(["user", "list"])
        .env("CDM_FAQ_DATABASE", &url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("postgres://cdm:***@127.0.0.1:1/none"),
        "{text}"
    );
    assert!(!text.contains(secret), "{text}");
}
