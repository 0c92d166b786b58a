//! Answers are written in Markdown by editors and shown as HTML by the widget. This file renders them
//! once, at load time, and sanitises the result with ammonia (only paragraphs, emphasis, lists, line
//! breaks and links survive; links open safely), so no script or style can ever come from the
//! knowledge base. It also lists the links of an answer, for the checker. French answers get French
//! typography on the way ([`french_typography`]): non-breaking spaces before `? ! ; :`, inside `« »`,
//! times (`16 h 30`) and amounts (`1 200 €`), so no sign or number part wraps alone onto a line, on
//! every surface that shows the rendered HTML.

use std::collections::HashSet;

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};
use regex::Regex;

use crate::text_analysis::Language;

use super::contact;
use super::parse::{Located, SourceFile};

/// Renders Markdown to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    sanitise(Parser::new(markdown))
}

/// Renders Markdown written in `language` to sanitised HTML, with that language's typography applied
/// to the text (never to link targets or code).
pub fn to_safe_html_in(markdown: &str, language: Language) -> String {
    if language != Language::Fr {
        return to_safe_html(markdown);
    }
    // The parser may cut one run of text into several events (at `?`, `!`...): join them first, so
    // that a space and the sign after it are seen together.
    let mut events: Vec<Event<'_>> = Vec::new();
    for event in Parser::new(markdown) {
        match (events.last_mut(), event) {
            (Some(Event::Text(previous)), Event::Text(text)) => {
                *previous = CowStr::from(format!("{previous}{text}"));
            }
            (_, event) => events.push(event),
        }
    }
    sanitise(events.into_iter().map(|event| match event {
        Event::Text(text) => Event::Text(CowStr::from(french_typography(&text))),
        other => other,
    }))
}

/// No-break space (before `:`, inside `« »`, in times and before units).
const NBSP: char = '\u{a0}';
/// Narrow no-break space (before `? ! ;`, between groups of digits).
const NNBSP: char = '\u{202f}';

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[ \u{a0}]h(?:[ \u{a0}](\d{2}))?\b").expect("valid regex")
});
static THOUSANDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3}) (\d{3})\b").expect("valid regex"));
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d) (€|%|euros?\b|EUR\b|km\b|ans\b|heures\b|jours\b|mois\b|semaines\b)")
        .expect("valid regex")
});

/// French typography of a plain text: the space before `? ! ;` becomes a narrow no-break space, the
/// one before `:` and inside `« »` a no-break space; times (`8 h`, `16 h 30`), digit groups (`1 200`)
/// and a number with its unit (`250 €`, `18 ans`) are held together. Only spaces already there are
/// changed (`16:30`, `http://` are left alone).
pub fn french_typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let replaced = match (c, prev, next) {
            (' ', _, Some('?' | '!' | ';')) => NNBSP,
            (' ', _, Some(':' | '»')) => NBSP,
            (' ', Some('«'), _) => NBSP,
            _ => c,
        };
        out.push(replaced);
    }
    let out = TIME.replace_all(&out, |c: &regex::Captures<'_>| match c.get(2) {
        Some(minutes) => format!("{}{NBSP}h{NBSP}{}", &c[1], minutes.as_str()),
        None => format!("{}{NBSP}h", &c[1]),
    });
    // Digit groups may chain (`1 200 000`): run until nothing changes (at most a few rounds).
    let mut out = out.into_owned();
    for _ in 0..4 {
        let next = THOUSANDS.replace_all(&out, format!("${{1}}{NNBSP}${{2}}").as_str());
        if next == out {
            break;
        }
        out = next.into_owned();
    }
    UNIT.replace_all(&out, format!("${{1}}{NBSP}${{2}}").as_str())
        .into_owned()
}

fn sanitise<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut raw = String::with_capacity(1024);
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .tags(HashSet::from([
            "p", "strong", "em", "ul", "ol", "li", "a", "br", "code",
        ]))
        .generic_attributes(HashSet::new())
        .tag_attributes(Default::default())
        .add_tag_attributes("a", ["href"])
        .url_schemes(HashSet::from(["https", "mailto", "tel"]))
        // Relative and protocol-relative links would point into whatever site shows the widget; a
        // link the checker refuses (credentials, local hosts) is dropped too, should one get this far.
        .url_relative(ammonia::UrlRelative::Deny)
        .attribute_filter(|element, attribute, value| {
            if element == "a" && attribute == "href" && contact::check_link(value).is_err() {
                None
            } else {
                Some(value.into())
            }
        })
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
        .trim()
        .to_string()
}

/// Reports every link of `text` (Markdown) that [`contact::check_link`] refuses, at its own line.
pub(crate) fn check_links(file: &mut SourceFile, text: &Located<String>, what: &str) {
    // A multi-line TOML string starts on the line after its opening quotes.
    let first_line_offset = usize::from(text.value.contains('\n'));
    for (event, range) in Parser::new(&text.value).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && let Err(why) = contact::check_link(&dest_url)
        {
            let line = text.value[..range.start].matches('\n').count() + first_line_offset;
            file.error_at_line(
                &text.span,
                line,
                format!("link not allowed in {what}: {why}"),
            );
        }
    }
}

/// The link targets of a Markdown text, and whether it contains raw HTML.
pub fn links_and_html(markdown: &str) -> (Vec<String>, bool) {
    let mut links = Vec::new();
    let mut has_html = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(_) | Event::InlineHtml(_) => has_html = true,
            _ => {}
        }
    }
    (links, has_html)
}

/// The plain text of a Markdown answer (for indexing and for the command line).
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with(char::is_whitespace) => {
                out.push(' ');
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_emphasis_lists_and_safe_links() {
        let html = to_safe_html(
            "Go to **Actiris**:\n\n- [site](https://www.actiris.brussels)\n- call 0800 35 123",
        );
        assert!(html.contains("<strong>Actiris</strong>"));
        assert!(html.contains("<li>"));
        assert!(html.contains(r#"href="https://www.actiris.brussels""#));
        assert!(html.contains("noopener"));
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_links() {
        let html = to_safe_html(
            "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <b style=\"color:red\">b</b>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        let link = to_safe_html("[click](javascript:alert(1))");
        assert!(!link.contains("href"), "{link}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn relative_protocol_relative_and_refused_links_never_reach_the_html() {
        for markdown in [
            "[a](/admin)",
            "[a](//evil.example/x)",
            "[a](page.html)",
            "[a](http://www.actiris.brussels)",
            "[a](https://host@evil.example/)",
            "[a](https://127.0.0.1/)",
            "<a href=\"//evil.example\">a</a>",
        ] {
            let html = to_safe_html(markdown);
            assert!(!html.contains("href"), "{markdown} → {html}");
            assert!(html.contains('a'), "the text stays: {html}");
        }
        let html = to_safe_html(
            "[ok](https://www.actiris.brussels) [m](mailto:info@cdm-bp.brussels) [t](tel:+3280035123)",
        );
        assert_eq!(html.matches("href").count(), 3, "{html}");
    }

    #[test]
    fn french_signs_times_and_amounts_do_not_wrap_alone() {
        let t = french_typography(
            "Quand ? Le lundi : de 8 h 30 à 16 h 30 ! Oui ; « bien » 1 200 € 18 ans",
        );
        assert_eq!(
            t,
            "Quand\u{202f}? Le lundi\u{a0}: de 8\u{a0}h\u{a0}30 à 16\u{a0}h\u{a0}30\u{202f}! Oui\u{202f}; «\u{a0}bien\u{a0}» 1\u{202f}200\u{a0}€ 18\u{a0}ans"
        );
        assert_eq!(french_typography("à 9 h."), "à 9\u{a0}h.");
        assert_eq!(french_typography("16:30 http://x.be"), "16:30 http://x.be");
        assert_eq!(
            french_typography("1 200 000 €"),
            "1\u{202f}200\u{202f}000\u{a0}€"
        );
        assert_eq!(
            french_typography("2 hommes"),
            "2 hommes",
            "h must stand alone"
        );
    }

    #[test]
    fn typography_applies_to_french_text_only_and_never_to_links() {
        let md = "Appelez-nous : [le site](https://a.be/?x=1) ?";
        let fr = to_safe_html_in(md, Language::Fr);
        assert!(fr.contains("nous&nbsp;:"), "{fr}");
        assert!(fr.contains("</a>\u{202f}?"), "{fr}");
        assert!(fr.contains("href=\"https://a.be/?x=1\""), "{fr}");
        assert_eq!(to_safe_html_in(md, Language::En), to_safe_html(md));
    }

    #[test]
    fn finds_links_and_raw_html() {
        let (links, html) = links_and_html("[a](https://a.be) and <b>bold</b>");
        assert_eq!(links, ["https://a.be"]);
        assert!(html);
        assert!(!links_and_html("plain **text**").1);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("Go to **Actiris** ([site](https://a.be))."),
            "Go to Actiris (site)."
        );
    }
}
