//! Answers are written in Markdown by editors and shown as HTML by the widget. This file renders them
//! once, at load time, and sanitises the result with ammonia (only paragraphs, emphasis, lists, line
//! breaks and links survive; links open safely), so no script or style can ever come from the
//! knowledge base. It also lists the links of an answer, for the checker.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use super::contact;
use super::parse::{Located, SourceFile};

/// Renders Markdown to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, Parser::new(markdown));
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
