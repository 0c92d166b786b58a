//! The shell of the editors' and counsellors' pages: one stylesheet served by us, no script at all.

use maud::{DOCTYPE, Markup, html};

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
"#;

/// A whole page.
pub fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " — cdm-faq" }
                link rel="stylesheet" href="/admin/admin.css";
            }
            body {
                header {
                    span { "cdm-faq" }
                    nav {
                        a href="/admin" { "Statistics" } " · "
                        a href="/admin/entries" { "Entries" } " · "
                        a href="/admin/unanswered" { "Unanswered questions" } " · "
                        a href="/review" { "Review of entries" } " · "
                        a href="/review/console" { "Test console" }
                    }
                    form method="post" action="/admin/logout" { button type="submit" { "Log out" } }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}
