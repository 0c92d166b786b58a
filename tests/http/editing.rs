//! The editors' workspace over HTTP, on a temporary copy of the fixture. Properties checked:
//! - the entry editor shows the three languages side by side (`lang` on each column), and a preview
//!   renders the Markdown as the widget shows it, writing nothing;
//! - an invalid edit is refused (422, `edit_invalid`) with each problem next to its field
//!   (`aria-describedby`), the editor's text kept, and the folder byte for byte unchanged;
//! - a concurrent edit is refused as a conflict (409) with both versions, the other edit kept;
//! - a valid edit is answered by `/api/v1/ask` right after the save, and the page says it is live;
//! - the history shows the author and the diff; restore brings the old text back;
//! - in a git work tree, every save is a commit authored by the account;
//! - a counsellor's sign-off sets the review and clears "changed since the last check";
//! - retire removes the entry from the answers; the unanswered question's "add as a phrasing"
//!   opens the editor prefilled; the whole-file editor checks like the form;
//! - "not ours" adds an unanswered question, scrubbed again, to a topic of the bank of declined
//!   questions: the file gets it (nothing else changes), the history names it, a visitor asking it now
//!   gets the topic's "where to go instead"; an unknown topic changes nothing;
//! - nothing of this without the token.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::editing::{EntryDraft, read_draft};
use cdm_faq::text_analysis::Language;

use super::{Reply, app_with, config, enc, send};
use crate::common::fixture_copy;

pub(super) const TOKEN: &str = "correct horse battery staple";
pub(super) const ID: &str = "work/register-as-job-seeker";

struct Workspace {
    _dir: tempfile::TempDir,
    _data: tempfile::TempDir,
    kb: PathBuf,
    router: Router,
}

fn workspace() -> Workspace {
    let dir = fixture_copy();
    let data = tempfile::tempdir().unwrap();
    let mut config = config();
    config.kb = dir.path().to_path_buf();
    config.data_dir = data.path().to_path_buf();
    config.admin_token = Some(TOKEN.into());
    let router = app_with(config).router();
    Workspace {
        kb: dir.path().to_path_buf(),
        _dir: dir,
        _data: data,
        router,
    }
}

pub(super) fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

pub(super) fn post_form(uri: &str, pairs: &[(String, String)]) -> Request<Body> {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    Request::post(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.join("&")))
        .unwrap()
}

/// The form fields of a draft, as the editor page names them.
pub(super) fn fields(draft: &EntryDraft, version: &str, action: &str) -> Vec<(String, String)> {
    let mut out = vec![
        ("version".to_string(), version.to_string()),
        ("action".to_string(), action.to_string()),
    ];
    out.extend(draft.partners.iter().map(|p| ("partner".into(), p.clone())));
    out.extend(draft.related.iter().map(|p| ("related".into(), p.clone())));
    out.push(("counterpart".into(), draft.counterpart.clone()));
    out.extend(
        draft
            .audiences
            .iter()
            .map(|p| ("audience".into(), p.clone())),
    );
    out.push(("review.reviewed_on".into(), draft.reviewed_on.clone()));
    out.push(("review.reviewed_by".into(), draft.reviewed_by.clone()));
    if draft.time_sensitive {
        out.push(("review.time_sensitive".into(), "true".into()));
    }
    out.push(("review.recheck".into(), draft.recheck.clone()));
    for l in Language::ALL {
        let t = draft.text(l);
        let c = l.code();
        out.push((format!("{c}.question"), t.question.clone()));
        out.push((format!("{c}.phrasings"), t.phrasings.join("\n")));
        out.push((format!("{c}.keywords"), t.keywords.join("\n")));
        out.push((format!("{c}.answer"), t.answer.clone()));
    }
    out
}

/// The version carried by the first form of a page.
pub(super) fn version_in(page: &str) -> String {
    let start = page
        .find("name=\"version\" value=\"")
        .expect("a version field")
        + 22;
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in std::fs::read_dir(&d).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

async fn open(w: &Workspace) -> (String, EntryDraft) {
    let page = send(&w.router, get(&format!("/admin/entry/{ID}"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let text = std::fs::read_to_string(w.kb.join(format!("{ID}.toml"))).unwrap();
    (version_in(&page.text()), read_draft(&text).unwrap())
}

async fn ask(w: &Workspace, q: &str, lang: &str) -> serde_json::Value {
    let reply: Reply = send(
        &w.router,
        Request::get(format!("/api/v1/ask?q={}&lang={lang}", enc(q)))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    reply.json()
}

#[tokio::test]
async fn the_editor_shows_three_languages_and_previews_without_writing() {
    let w = workspace();
    let page = send(&w.router, get(&format!("/admin/entry/{ID}")))
        .await
        .text();
    for code in ["fr", "nl", "en"] {
        assert!(
            page.contains(&format!("<fieldset class=\"lang-column\" lang=\"{code}\">")),
            "{code}"
        );
        assert!(page.contains(&format!("for=\"{code}-answer\"")));
    }
    assert!(!page.contains("<script"));
    let before = snapshot(&w.kb);
    let (version, mut draft) = open(&w).await;
    draft.text_mut(Language::Fr).answer = "Une **nouvelle** réponse.".into();
    let preview = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "preview"),
        ),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview
            .text()
            .contains("Une <strong>nouvelle</strong> réponse."),
        "rendered preview"
    );
    assert_eq!(snapshot(&w.kb), before, "a preview writes nothing");
}

#[tokio::test]
async fn an_invalid_edit_is_refused_with_its_fields_and_nothing_changes() {
    let w = workspace();
    let before = snapshot(&w.kb);
    let (version, mut draft) = open(&w).await;
    draft.text_mut(Language::Fr).answer = String::new();
    draft.text_mut(Language::En).phrasings.truncate(1);
    draft.text_mut(Language::Nl).question = "Mijn getypte vraag blijft staan".into();
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = reply.text();
    assert!(page.contains("id=\"fr-answer-error\""), "{page}");
    assert!(page.contains("aria-describedby=\"fr-answer-hint fr-answer-error\""));
    assert!(page.contains("id=\"en-phrasings-error\""));
    assert!(
        page.contains("href=\"#fr-answer\""),
        "the list links to the field"
    );
    assert!(
        page.contains("Mijn getypte vraag blijft staan"),
        "the editor's text is kept"
    );
    assert_eq!(
        snapshot(&w.kb),
        before,
        "the folder is byte for byte unchanged"
    );
}

#[tokio::test]
async fn a_counterpart_is_chosen_in_the_form_and_must_be_named_back() {
    let w = workspace();
    let page = send(&w.router, get(&format!("/admin/entry/{ID}")))
        .await
        .text();
    assert!(
        page.contains("<select id=\"counterpart\" name=\"counterpart\""),
        "{page}"
    );
    let save_with_counterpart = || async {
        let (version, mut draft) = open(&w).await;
        draft.counterpart = "work/social-aid-cpas".into();
        send(
            &w.router,
            post_form(
                &format!("/admin/entry/{ID}"),
                &fields(&draft, &version, "save"),
            ),
        )
        .await
    };
    let before = snapshot(&w.kb);
    let refused = save_with_counterpart().await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text();
    assert!(text.contains("does not name"), "{text}");
    assert!(
        text.contains("id=\"counterpart-error\""),
        "placed on its field: {text}"
    );
    assert_eq!(snapshot(&w.kb), before, "nothing written");
    // Named back (edited by hand in the other file), the same save goes through.
    let other = w.kb.join("work/social-aid-cpas.toml");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(
        &other,
        text.replacen(
            "audiences = ",
            &format!("counterpart = \"{ID}\"\naudiences = "),
            1,
        ),
    )
    .unwrap();
    send(&w.router, post_form("/admin/reload", &[])).await;
    let saved = save_with_counterpart().await;
    assert!(
        saved.status.is_success() || saved.status.is_redirection(),
        "{}",
        saved.text()
    );
    let written = std::fs::read_to_string(w.kb.join(format!("{ID}.toml"))).unwrap();
    assert!(
        written.contains("counterpart = \"work/social-aid-cpas\""),
        "{written}"
    );
}

#[tokio::test]
async fn a_concurrent_edit_is_a_conflict_and_keeps_the_other_edit() {
    let w = workspace();
    let (version, mut draft) = open(&w).await;
    let path = w.kb.join(format!("{ID}.toml"));
    let theirs = format!(
        "# Edited by hand meanwhile.\n{}",
        std::fs::read_to_string(&path).unwrap()
    );
    std::fs::write(&path, &theirs).unwrap();
    draft.text_mut(Language::En).answer = "My own new answer.".into();
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    let page = reply.text();
    assert!(page.contains("Now in the file") && page.contains("Your version"));
    assert!(page.contains("My own new answer."));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[tokio::test]
async fn a_valid_edit_is_answered_right_after_and_can_be_restored() {
    let w = workspace();
    let (version, mut draft) = open(&w).await;
    let old_answer = draft.text(Language::En).answer.clone();
    draft.text_mut(Language::En).answer =
        "Register with **Actiris** online: the zebra-crossing answer.".into();
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let location = reply.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.starts_with(&format!("/admin/entry/{ID}?saved=")),
        "{location}"
    );
    let answer = ask(&w, "How do I register as a job seeker?", "en").await;
    assert_eq!(answer["answers"][0]["id"], ID);
    assert!(
        answer["answers"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("zebra-crossing")
    );
    let saved = send(&w.router, get(&location)).await.text();
    assert!(saved.contains("the change is live"));
    assert!(
        saved.contains("zebra-crossing"),
        "the answer as a visitor sees it"
    );
    assert!(saved.contains("questions find this entry now"));
    // The history: author, roles, diff; then restore.
    let history = send(&w.router, get(&format!("/admin/entry/{ID}/history")))
        .await
        .text();
    assert!(
        history.contains("<strong>automation</strong> (editor, counsellor, admin)"),
        "{history}"
    );
    assert!(history.contains("+Register with **Actiris** online"));
    let revision = location.rsplit('=').next().unwrap();
    // Edit the answer back by hand in the form, then restore revision 1 (the zebra text).
    let text = std::fs::read_to_string(w.kb.join(format!("{ID}.toml"))).unwrap();
    assert!(text.contains("zebra-crossing"));
    let mut back = read_draft(&text).unwrap();
    back.text_mut(Language::En).answer = old_answer.clone();
    let page = send(&w.router, get(&format!("/admin/entry/{ID}")))
        .await
        .text();
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&back, &version_in(&page), "save"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(
        !ask(&w, "How do I register as a job seeker?", "en").await["answers"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("zebra")
    );
    let history = send(&w.router, get(&format!("/admin/entry/{ID}/history")))
        .await
        .text();
    let restored = send(
        &w.router,
        post_form(
            &format!("/admin/history/{revision}/restore"),
            &[("version".into(), version_in(&history))],
        ),
    )
    .await;
    assert_eq!(
        restored.status,
        StatusCode::SEE_OTHER,
        "{}",
        restored.text()
    );
    let answer = ask(&w, "How do I register as a job seeker?", "en").await;
    assert!(
        answer["answers"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("zebra-crossing"),
        "restored"
    );
    let all = send(&w.router, get("/admin/history")).await.text();
    assert!(
        all.contains(": restore"),
        "the restore is a save of its own"
    );
}

#[tokio::test]
async fn in_a_git_work_tree_a_save_is_a_commit_by_the_account() {
    let w = workspace();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(&w.kb)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if git(&["--version"]).is_none() {
        eprintln!("git is not installed: skipped");
        return;
    }
    git(&["init", "--quiet"]).unwrap();
    git(&[
        "-c",
        "user.name=setup",
        "-c",
        "user.email=setup@example.invalid",
        "add",
        "-A",
    ])
    .unwrap();
    git(&[
        "-c",
        "user.name=setup",
        "-c",
        "user.email=setup@example.invalid",
        "commit",
        "--quiet",
        "-m",
        "initial",
    ])
    .unwrap();
    let (version, mut draft) = open(&w).await;
    draft
        .text_mut(Language::En)
        .answer
        .push_str(" Bring your ID card.");
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let log = git(&["log", "-1", "--format=%an|%s"]).unwrap();
    assert_eq!(
        log,
        format!("automation|Edit {ID}.toml (cdm-faq editor, editor, counsellor, admin)")
    );
    let files = git(&["show", "--name-only", "--format=", "HEAD"]).unwrap();
    assert_eq!(files, format!("{ID}.toml"));
    assert_eq!(
        git(&["status", "--porcelain"]).unwrap(),
        "",
        "nothing left uncommitted"
    );
}

#[tokio::test]
async fn sign_off_sets_the_review_and_clears_the_changed_flag() {
    let w = workspace();
    let (version, mut draft) = open(&w).await;
    draft.text_mut(Language::En).answer.push_str(" Updated.");
    send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    let review = send(&w.router, get("/review?flag=changed-since-check"))
        .await
        .text();
    assert!(review.contains(ID), "changed since the last check");
    let version = version_in(&review);
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}/sign-off"),
            &[
                ("version".into(), version),
                ("back".into(), "/review".into()),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let text = std::fs::read_to_string(w.kb.join(format!("{ID}.toml"))).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    assert!(
        text.contains(&format!(
            "reviewed_on = {today}\nreviewed_by = \"counsellor\""
        )),
        "{text}"
    );
    let review = send(&w.router, get("/review?flag=changed-since-check"))
        .await
        .text();
    assert!(
        !review.contains(&format!("/admin/entry/{ID}/sign-off")),
        "flag cleared"
    );
}

#[tokio::test]
async fn the_entries_list_searches_filters_and_shows_questions_first() {
    let w = workspace();
    let page = send(&w.router, get("/admin/entries?lang=nl&q=werkzoekende"))
        .await
        .text();
    assert!(page.contains("Hoe schrijf ik me in als werkzoekende in Brussel?"));
    assert!(page.contains(&format!("<code>{ID}</code>")));
    assert!(
        !page.contains("work/social-aid-cpas"),
        "filtered out by the search"
    );
    let page = send(&w.router, get("/admin/entries?flag=unverified-partner"))
        .await
        .text();
    assert!(page.contains("unverified contacts: cpas-ocmw"));
    let bad = send(&w.router, get("/admin/entries?flag=nonsense")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.code(), "invalid_request");
}

#[tokio::test]
async fn retire_removes_the_entry_from_answers() {
    let w = workspace();
    let id = "move/internship-abroad";
    let page = send(&w.router, get(&format!("/admin/entry/{id}")))
        .await
        .text();
    let reply = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{id}/retire"),
            &[("version".into(), version_in(&page))],
        ),
    )
    .await;
    if reply.status == StatusCode::UNPROCESSABLE_ENTITY {
        // Another entry refers to it: the refusal lists where.
        assert!(reply.text().contains("related"), "{}", reply.text());
        return;
    }
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    assert!(!w.kb.join(format!("{id}.toml")).exists());
    let entry = send(
        &w.router,
        Request::get(format!("/api/v1/entries/{id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(entry.status, StatusCode::NOT_FOUND);
    let history = send(&w.router, get(&format!("/admin/entry/{id}/history")))
        .await
        .text();
    assert!(history.contains("Restore the entry as it was before"));
}

#[tokio::test]
async fn an_unanswered_question_opens_the_editor_as_a_phrasing() {
    let w = workspace();
    let q = "je sors de prison, comment je trouve du boulot";
    let reply = send(
        &w.router,
        post_form(
            "/admin/entries/add-phrasing",
            &[
                ("entry".into(), ID.into()),
                ("lang".into(), "fr".into()),
                ("q".into(), q.into()),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let page = reply.text();
    assert!(page.contains(q));
    let version = version_in(&page);
    // The second click: save the prefilled form.
    let text = std::fs::read_to_string(w.kb.join(format!("{ID}.toml"))).unwrap();
    let mut draft = read_draft(&text).unwrap();
    draft.text_mut(Language::Fr).phrasings.push(q.into());
    let saved = send(
        &w.router,
        post_form(
            &format!("/admin/entry/{ID}"),
            &fields(&draft, &version, "save"),
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let answer = ask(&w, q, "fr").await;
    assert_eq!(answer["answers"][0]["id"], ID);
    let new = send(
        &w.router,
        post_form(
            "/admin/entries/new",
            &[
                ("action".into(), "prefill".into()),
                ("lang".into(), "fr".into()),
                ("q".into(), q.into()),
            ],
        ),
    )
    .await;
    assert_eq!(new.status, StatusCode::OK);
    assert!(
        new.text().contains(&format!("value=\"{q}\"")),
        "the question prefilled"
    );
}

#[tokio::test]
async fn the_whole_file_editor_checks_like_the_form() {
    let w = workspace();
    let before = snapshot(&w.kb);
    let page = send(&w.router, get("/admin/files/site.toml")).await.text();
    let version = version_in(&page);
    let text = std::fs::read_to_string(w.kb.join("site.toml")).unwrap();
    let broken = text.replacen('"', "", 1);
    let reply = send(
        &w.router,
        post_form(
            "/admin/files/site.toml",
            &[("version".into(), version.clone()), ("text".into(), broken)],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text().contains("invalid TOML"));
    assert_eq!(snapshot(&w.kb), before);
    let outside = send(&w.router, get("/admin/files/..%2FCargo.toml")).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nothing_without_the_token() {
    let w = workspace();
    let before = snapshot(&w.kb);
    for uri in [
        format!("/admin/entry/{ID}"),
        format!("/admin/entry/{ID}/sign-off"),
        format!("/admin/entry/{ID}/retire"),
        "/admin/files/site.toml".into(),
        "/admin/history/1/restore".into(),
    ] {
        let request = Request::post(&uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("version=absent&action=save"))
            .unwrap();
        let reply = send(&w.router, request).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(reply.code(), "unauthorized");
    }
    assert_eq!(snapshot(&w.kb), before);
}

#[tokio::test]
async fn not_ours_adds_the_scrubbed_question_to_the_bank_and_it_is_declined_with_where_to_go() {
    // The fixture has no bank: the bundled one, with statistics on to fill the unanswered page.
    let dir = fixture_copy();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge-base/out-of-scope.toml");
    let bank = dir.path().join("out-of-scope.toml");
    std::fs::copy(&bundled, &bank).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = config();
    config.kb = dir.path().to_path_buf();
    config.data_dir = data.path().to_path_buf();
    config.admin_token = Some(TOKEN.into());
    config.no_stats = false;
    let app = app_with(config);
    let w = Workspace {
        kb: dir.path().to_path_buf(),
        _dir: dir,
        _data: data,
        router: app.router(),
    };
    let asked = "les huissiers viennent chez moi demain";
    let before = ask(&w, asked, "fr").await;
    assert_eq!(before["kind"], "no_answer");
    assert!(before["instead"].is_null(), "no pointer yet: {before}");
    assert!(app.state.stats.flush(std::time::Duration::from_secs(10)));
    let unanswered = send(&w.router, get("/admin/unanswered")).await.text();
    assert!(unanswered.contains(asked), "{unanswered}");
    // Pre-selected: the topic of the closest declined question, as the test console reports it.
    let console = send(
        &w.router,
        get(&format!("/review/console?q={}&lang=fr", enc(asked))),
    )
    .await
    .text();
    let marker = "<code class=\"not-ours\">";
    let start = console.find(marker).expect("a closest topic") + marker.len();
    let closest = &console[start..start + console[start..].find('<').unwrap()];
    assert!(
        unanswered.contains(&format!("<option value=\"{closest}\" selected>")),
        "{closest} pre-selected: {unanswered}"
    );
    assert_eq!(
        unanswered.matches(" selected>").count(),
        2,
        "the language and the topic (no entry came close)"
    );
    assert!(unanswered.contains("Decline questions like this"));

    let before_text = std::fs::read_to_string(&bank).unwrap();
    let unknown = send(
        &w.router,
        post_form(
            "/admin/unanswered/not-ours",
            &[
                ("q".into(), asked.into()),
                ("lang".into(), "fr".into()),
                ("topic".into(), "no-such-topic".into()),
            ],
        ),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.code(), "invalid_request");
    assert_eq!(std::fs::read_to_string(&bank).unwrap(), before_text);

    let typed = format!("{asked}, rappelez-moi au 0470 12 34 56");
    let reply = send(
        &w.router,
        post_form(
            "/admin/unanswered/not-ours",
            &[
                ("q".into(), typed.clone()),
                ("lang".into(), "fr".into()),
                ("topic".into(), "debts-overindebtedness".into()),
            ],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let page = reply.text();
    assert!(page.contains("It is live"), "{page}");
    assert!(page.contains("now gets the hand-off"), "{page}");
    let after_text = std::fs::read_to_string(&bank).unwrap();
    assert!(
        !after_text.contains("0470"),
        "the phone number was scrubbed"
    );
    assert!(after_text.contains(asked));
    assert_eq!(
        after_text.lines().count(),
        before_text.lines().count() + 1,
        "one line added, the rest as it was"
    );
    let added_at = after_text.find(asked).unwrap();
    let topic_at = after_text.find("id = \"debts-overindebtedness\"").unwrap();
    let next_topic = topic_at + after_text[topic_at..].find("[[topic]]").unwrap();
    assert!(
        topic_at < added_at && added_at < next_topic,
        "under its topic"
    );

    let after = ask(&w, asked, "fr").await;
    assert_eq!(after["kind"], "no_answer");
    assert!(
        after["instead"]
            .as_str()
            .unwrap_or("")
            .contains("médiation de dettes"),
        "{after}"
    );
    let history = send(&w.router, get("/admin/history")).await.text();
    assert!(history.contains("out-of-scope.toml"), "{history}");
}
