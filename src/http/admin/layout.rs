//! The shell of the staff pages: one stylesheet served by us, no script at all; the page's `lang`
//! and every sentence of the shell from the message table; a navigation showing only the pages the
//! staff member's roles open; and [`visitor_text`], the one way to show text a visitor typed (bidi
//! controls neutralised).

use maud::{DOCTYPE, Markup, html};

use super::messages::{Msg, role_label};
use super::staff::{self, Staff};
use crate::text_analysis::Language;

/// The pages' stylesheet (`GET /admin/admin.css`).
pub const CSS: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f7f7f5;line-height:1.45}
header{background:#003b5c;color:#fff;padding:.8rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;font-weight:600}
header form{margin-left:auto}
main{padding:1.2rem 1.5rem;max-width:1200px}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
table{border-collapse:collapse;background:#fff;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid #d0d0cc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#e8ecef}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{display:inline-block;background:#ffe1a8;color:#5a3b00;border-radius:3px;padding:0 .35rem;margin:0 .2rem .2rem 0;font-size:.85rem}
.flag.bad{background:#ffd0d0;color:#6b0000}
.ok{color:#0b6b2f}
.muted{color:#555}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{background:#fff;border:1px solid #d0d0cc;padding:.8rem 1rem;min-width:10rem}
.card strong{display:block;font-size:1.6rem}
input,select,button{font:inherit;padding:.35rem .5rem;min-height:2rem}
button{background:#003b5c;color:#fff;border:0;border-radius:3px;cursor:pointer}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.lang{width:33%}
svg text{font-size:12px;fill:#1b1b1b}
mark{background:#fff176}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:#003b5c;padding:.3rem .6rem;z-index:2}
header nav a{margin-right:.2rem}
.who{font-size:.9rem}
label{font-weight:600}
.field{margin:.6rem 0}
.field label{display:block}
.hint{display:block;color:#444;font-size:.9rem}
.error{display:block;color:#8a0000;font-weight:600}
input[aria-invalid=true]{border:2px solid #8a0000}
fieldset{border:1px solid #d0d0cc;margin:.6rem 0;padding:.4rem .8rem}
fieldset label{font-weight:400;display:inline;margin-right:1rem}
.notice{background:#e3f4e8;border-left:4px solid #0b6b2f;padding:.5rem .8rem}
.alert{background:#ffe9e9;border-left:4px solid #8a0000;padding:.5rem .8rem}
.login{max-width:26rem}
.login input{width:100%;box-sizing:border-box}
.table-wrap{overflow-x:auto}
form.inline{display:inline-block;margin:.2rem .4rem .2rem 0}
@media (max-width:600px){main{padding:1rem .6rem}header{padding:.6rem}header form{margin-left:0}input,select{max-width:100%}}
label{display:block;font-weight:600;margin:.6rem 0 .15rem}
.check label,form.inline label,.filters label{display:inline;margin:0 .3rem 0 0}
.check{display:inline-block;margin:.2rem 1rem .2rem 0}
input[type=text],input[type=search],input[type=date],textarea,select{max-width:100%;box-sizing:border-box}
input[type=text],textarea{width:100%}
textarea{font:inherit;padding:.35rem .5rem}
fieldset{border:1px solid #d0d0cc;background:#fff;margin:0 0 1rem;padding:.6rem 1rem;min-width:0}
legend{font-weight:700}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.hint{display:block;color:#555;font-size:.9rem}
.field-error{color:#8b0000;margin:.2rem 0;padding-left:1.2rem}
[aria-invalid=true]{border:2px solid #8b0000}
.problems{background:#fff0f0;border:2px solid #8b0000;padding:.4rem 1rem;margin-bottom:1rem}
.preview,.visitor{border:1px dashed #003b5c;background:#f4f8fb;padding:.4rem .8rem;margin:.4rem 0}
.saved{background:#eef8f0;border:2px solid #0b6b2f;padding:.4rem 1rem;margin-bottom:1rem}
.actions{margin:.8rem 0;display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
form.inline{display:inline-block;margin:.2rem .6rem .2rem 0}
button.danger{background:#8b0000}
ul.flags{margin:.2rem 0;padding-left:1rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #d0d0cc;padding:.5rem}
.paging{margin:.6rem 0}
section.entry{background:#fff;border:1px solid #d0d0cc;padding:.4rem 1rem;margin:1rem 0}
@media (max-width:40rem){main{padding:.8rem}header{padding:.6rem .8rem}th,td{padding:.25rem}}
figure{margin:.4rem 0 1rem}
svg.chart{display:block;width:100%;max-width:720px;height:auto;background:#fff}
svg.chart text.total{font-weight:700}
ul.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.hbars{background:#fff;border:1px solid #d0d0cc;padding:.5rem .8rem}
.hbars figcaption{font-weight:600;margin-bottom:.4rem}
.hbars ol{list-style:none;margin:0;padding:0}
.hbars li{display:grid;grid-template-columns:minmax(0,16rem) minmax(0,1fr) 4.5rem;gap:.6rem;align-items:center;margin:.25rem 0}
.hbar-label{overflow-wrap:anywhere}
.hbar-track svg{display:block;width:100%;height:1rem}
.hbar-count{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:40rem){.hbars li{grid-template-columns:minmax(0,1fr) 4.5rem;row-gap:.1rem}.hbar-label{grid-column:1/-1}}
"#;

/// Removes the characters that reorder text (bidirectional embeddings, overrides, isolates and marks)
/// from text a visitor typed, so that it reads as it was stored.
pub fn strip_bidi_controls(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .collect()
}

/// Text a visitor typed, as shown on staff pages: escaped (maud), bidi controls removed, and isolated
/// in `<bdi>` so that right-to-left text cannot reorder what surrounds it.
pub fn visitor_text(text: &str) -> Markup {
    html! { bdi { (strip_bidi_controls(text)) } }
}

fn head(lang: Language, title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="robots" content="noindex";
            title { (title) " — " (Msg::SiteName.get(lang)) }
            link rel="stylesheet" href="/admin/admin.css";
        }
    }
}

/// A whole staff page: navigation for `staff`'s roles, the log-out button (with its CSRF token),
/// `title` as the heading.
pub fn page(staff: &Staff, title: &str, body: Markup) -> Markup {
    let lang = staff.lang;
    let links: [(&str, Msg, &[crate::accounts::Role]); 5] = [
        ("/admin", Msg::NavStatistics, staff::STATISTICS),
        ("/admin/unanswered", Msg::NavUnanswered, staff::UNANSWERED),
        ("/review", Msg::NavReview, staff::REVIEW),
        ("/review/console", Msg::NavConsole, staff::REVIEW),
        ("/admin/accounts", Msg::NavAccounts, staff::ACCOUNTS),
    ];
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(lang, title))
            body {
                a.skip href="#main" { (Msg::SkipToContent.get(lang)) }
                header {
                    span { (Msg::SiteName.get(lang)) }
                    nav aria-label=(Msg::NavLabel.get(lang)) {
                        @for (href, label, roles) in links {
                            @if staff.may(roles) { a href=(href) { (label.get(lang)) } " " }
                        }
                        @if !staff.is_automation() { a href="/admin/me" { (Msg::NavMyAccount.get(lang)) } }
                    }
                    span.who {
                        (Msg::SignedInAs.get(lang)) " " strong { (staff.name) } " ("
                        (staff.roles.iter().map(|r| role_label(r, lang)).collect::<Vec<_>>().join(", ")) ")"
                    }
                    @if !staff.is_automation() {
                        form method="post" action="/admin/logout" {
                            input type="hidden" name="csrf" value=(staff.csrf_token());
                            button type="submit" { (Msg::LogOut.get(lang)) }
                        }
                    }
                }
                main id="main" { h1 { (title) } (body) }
            }
        }
    }
}

/// A page without navigation (login, refusals).
pub fn bare_page(lang: Language, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(lang, title))
            body {
                header { span { (Msg::SiteName.get(lang)) } }
                main id="main" { h1 { (title) } (body) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{Role, Roles};

    #[test]
    fn bidi_controls_are_neutralised() {
        let shown = visitor_text("abc\u{202E}fdp.exe\u{2066}x\u{2069}").into_string();
        assert_eq!(shown, "<bdi>abcfdp.exex</bdi>");
        assert_eq!(visitor_text("<b>").into_string(), "<bdi>&lt;b&gt;</bdi>");
        assert_eq!(strip_bidi_controls("مرحبا bonjour"), "مرحبا bonjour");
    }

    #[test]
    fn navigation_shows_what_the_roles_open_in_the_page_language() {
        let editor = Staff::for_tests("amina", [Role::Editor].into_iter().collect(), Language::Nl);
        let page = page(&editor, "Titel", html! {}).into_string();
        assert!(page.contains("<html lang=\"nl\">"));
        assert!(page.contains("Onbeantwoorde vragen") && page.contains("Testconsole"));
        assert!(!page.contains("/admin/accounts") && !page.contains("href=\"/admin\""));
        assert!(page.contains("name=\"csrf\""));
        let admin = Staff::for_tests("root", Roles::ALL, Language::Fr);
        assert!(page_has(&admin, "/admin/accounts"));
    }

    fn page_has(staff: &Staff, needle: &str) -> bool {
        page(staff, "t", html! {}).into_string().contains(needle)
    }
}
