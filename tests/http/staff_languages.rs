//! The staff pages in the staff member's language. Properties checked:
//! - a Dutch account gets the entries list, an entry's editor, the entry's and the recent history
//!   and the dashboard in Dutch (`<html lang="nl">`, Dutch labels, no English label left), even when
//!   the browser asks for English: the account's choice wins;
//! - a French account gets the new-entry form in French;
//! - the entries' own text keeps its language (`lang` on each column);
//! - an error on a staff page (unknown entry, unknown route, a form value we do not expect, a form sent
//!   after the session ended) is a page in the staff language with the code and the status, and
//!   stays our JSON error for a script.

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cdm_faq::accounts::{Accounts, Role, SessionPolicy};
use cdm_faq::text_analysis::Language;

use super::{app_with, config, enc, send};

const PW: &str = "une phrase assez longue";
const ID: &str = "work/register-as-job-seeker";

/// Labels of the editors' pages in English, as they appear in the markup: none may be left on a
/// page in another language.
const ENGLISH_LABELS: &[&str] = &[
    ">Save and publish<",
    ">History of this entry<",
    "History of ",
    ">Recent saves<",
    ">Search<",
    ">Preview<",
    ">Phrasings<",
    ">Keywords<",
    ">Back to the entry<",
    ">New entry<",
    ">To do<",
    ">Show<",
    "requests via the FAQbot",
    ">Requests per month<",
    ">Knowledge base<",
    ">Sign off or retire<",
    "Last reviewed on",
    ">Audiences<",
    "Page 1 of",
];

fn data_dir() -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let accounts = Accounts::in_data_dir(&dir, SessionPolicy::default());
    let roles = [Role::Editor, Role::Admin].into_iter().collect();
    accounts
        .add("nadia", roles, PW, Some(Language::Nl))
        .unwrap();
    let roles = [Role::Editor].into_iter().collect();
    accounts
        .add("francois", roles, PW, Some(Language::Fr))
        .unwrap();
    dir
}

fn router(data: &std::path::Path) -> Router {
    let mut config = config();
    config.data_dir = data.to_path_buf();
    app_with(config).router()
}

async fn login(router: &Router, name: &str) -> String {
    let body = format!("name={}&password={}", enc(name), enc(PW));
    let reply = send(
        router,
        Request::post("/admin/login")
            .header(header::HOST, "staff.example")
            .header(header::ORIGIN, "https://staff.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A page as a browser asking for English gets it.
async fn page(router: &Router, cookie: &str, uri: &str) -> String {
    let reply = send(
        router,
        Request::get(uri)
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
    reply.text()
}

fn assert_no_english_label(uri: &str, page: &str) {
    for label in ENGLISH_LABELS {
        assert!(!page.contains(label), "{uri} still shows {label:?}");
    }
}

#[tokio::test]
async fn a_dutch_staff_member_gets_the_editors_pages_in_dutch() {
    let data = data_dir();
    let router = router(&data);
    let cookie = login(&router, "nadia").await;
    let expected: [(String, &[&str]); 5] = [
        (
            "/admin/entries".into(),
            &["Nieuwe fiche", ">Zoeken<", ">Te doen<", "Pagina 1 van"],
        ),
        (
            format!("/admin/entry/{ID}"),
            &[
                ">Opslaan en publiceren<",
                ">Geschiedenis van deze fiche<",
                ">Formuleringen<",
                ">Voorbeeld<",
                ">Doelgroepen<",
                ">werkzoekenden<",
                "<legend lang=\"nl\">Engels (en)</legend>",
                "<label for=\"fr-question\" lang=\"nl\">Vraag</label>",
            ],
        ),
        (
            format!("/admin/entry/{ID}/history"),
            &["Geschiedenis van work/", ">Terug naar de fiche<"],
        ),
        (
            "/admin/history".into(),
            &[">Laatst opgeslagen wijzigingen<"],
        ),
        (
            "/admin?year=2026".into(),
            &[
                "vragen via de FAQbot",
                ">Vragen per maand<",
                "Vragen per maand in 2026",
                ">mrt.</text>",
                ">Kennisbank<",
                "Totaal van het jaar: 0",
            ],
        ),
    ];
    for (uri, dutch) in &expected {
        let page = page(&router, &cookie, uri).await;
        assert!(page.contains("<html lang=\"nl\">"), "{uri}");
        for text in *dutch {
            assert!(page.contains(text), "{uri} lacks {text:?}");
        }
        assert_no_english_label(uri, &page);
    }
    // The entry's own text keeps its language.
    let editor = page(&router, &cookie, &format!("/admin/entry/{ID}")).await;
    for code in ["fr", "nl", "en"] {
        assert!(editor.contains(&format!("<fieldset class=\"lang-column\" lang=\"{code}\">")));
    }
}

#[tokio::test]
async fn a_french_staff_member_gets_the_new_entry_form_in_french() {
    let data = data_dir();
    let router = router(&data);
    let cookie = login(&router, "francois").await;
    let page = page(&router, &cookie, "/admin/entries/new").await;
    assert!(page.contains("<html lang=\"fr\">"));
    for text in [
        ">Créer la fiche<",
        ">Aperçu<",
        ">Formulations<",
        "Nom court dans l'adresse",
        ">Orientation<",
        "Partenaire 1",
        ">Dernière relecture le<",
        ">rédacteur·rice<",
    ] {
        assert!(page.contains(text), "lacks {text:?}");
    }
    assert!(!page.contains(">Create the entry<"));
    assert_no_english_label("/admin/entries/new", &page);
}

/// A staff request as a browser sends it, with the reply.
async fn browser_request(
    router: &Router,
    cookie: Option<&str>,
    request: axum::http::request::Builder,
    body: Body,
) -> super::Reply {
    let mut request = request
        .header(header::ACCEPT, "text/html")
        .header(header::ACCEPT_LANGUAGE, "fr");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(body).unwrap()).await
}

#[tokio::test]
async fn errors_on_staff_pages_are_pages_in_the_staff_language_and_json_for_scripts() {
    let data = data_dir();
    let router = router(&data);
    let cookie = login(&router, "nadia").await;
    // An unknown entry in the address: a Dutch page with the code, the navigation and the status.
    let reply = browser_request(
        &router,
        Some(&cookie),
        Request::get("/admin/entry/work/no-such-entry"),
        Body::empty(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let shown = reply.text();
    assert!(shown.contains("<html lang=\"nl\">"), "{shown}");
    assert!(shown.contains("Geen enkele fiche heeft deze id"), "{shown}");
    assert!(shown.contains("<code>unknown_entry</code>"));
    assert!(
        shown.contains("href=\"/admin/unanswered\""),
        "navigation kept"
    );
    // A route that does not exist under /admin.
    let reply = browser_request(
        &router,
        Some(&cookie),
        Request::get("/admin/nowhere"),
        Body::empty(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.text().contains("Deze pagina bestaat niet"));
    // A form with a language that does not exist: refused, in Dutch, with the technical detail
    // marked as English.
    let editor = page(&router, &cookie, &format!("/admin/entry/{ID}")).await;
    let at = editor.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    let csrf = &editor[at..at + 64];
    let reply = browser_request(
        &router,
        Some(&cookie),
        Request::post("/admin/entries/add-phrasing")
            .header(header::HOST, "staff.example")
            .header(header::ORIGIN, "https://staff.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
        Body::from(format!("csrf={csrf}&entry={}&lang=xx&q=bonjour", enc(ID))),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let shown = reply.text();
    assert!(shown.contains("<html lang=\"nl\">"), "{shown}");
    assert!(shown.contains("onverwachte waarde"), "{shown}");
    assert!(shown.contains("<code>unknown_language</code>"), "{shown}");
    assert!(shown.contains("<span lang=\"en\">"), "{shown}");
    // A form sent after the session ended: a page in the browser's language, nothing saved.
    let reply = browser_request(
        &router,
        Some("cdm_faq_staff=expired"),
        Request::post("/admin/entries/add-phrasing")
            .header(header::HOST, "staff.example")
            .header(header::ORIGIN, "https://staff.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
        Body::from("entry=work%2Fregister-as-job-seeker&lang=fr&q=x"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let shown = reply.text();
    assert!(shown.contains("<html lang=\"fr\">"), "{shown}");
    assert!(shown.contains("Votre session a expiré"), "{shown}");
    // A script keeps our JSON error.
    let reply = send(
        &router,
        Request::get("/admin/entry/work/no-such-entry")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["code"], "unknown_entry");
}
