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
