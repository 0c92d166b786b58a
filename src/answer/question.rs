//! A visitor's question as the engine accepts it: cleaned of control characters, with the page language
//! and theme hints. [`Question::parse`] is the one way in from raw input (the HTTP API's GET and POST
//! ask and suggest, the command line's `ask --jsonl` batch, the review console): a [`RawQuestion`] of
//! strings becomes a checked [`Question`] or a [`QuestionError`], whose codes come from the one error
//! table (`http/error.rs`). Raw input → validated value (ripgrep's LowArgs → HiArgs split); nothing
//! downstream sees the raw text.

use std::borrow::Cow;

use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// The longest question accepted, in characters, everywhere (HTTP, command line, review console):
/// longer ones are refused with `question_too_long`. [`Question::new`] (library callers) reads at most
/// this many characters and ignores the rest.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// A question as it arrives, before any check: the text and the hints as the client wrote them.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawQuestion<'a> {
    /// The question (`q`); `None` when the client sent none.
    pub q: Option<&'a str>,
    /// The page language (`lang`): fr, nl or en, regional tags accepted (`fr-BE`); empty = none.
    pub lang: Option<&'a str>,
    /// The theme (`theme`); empty = none.
    pub theme: Option<&'a str>,
    /// The browser's `Accept-Language`, the fallback when `lang` is not given.
    pub accept_language: Option<&'a str>,
}

/// Why a raw question was refused. The stable codes and HTTP statuses are in the one error table
/// (`http::error::ERROR_CODES`, through `From<QuestionError> for ApiError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    /// No `q` at all (an empty string is a question, answered with "ask me").
    #[error("the question `q` is missing")]
    Missing,
    /// Longer than [`MAX_QUESTION_CHARS`] characters.
    #[error("the question is longer than {MAX_QUESTION_CHARS} characters")]
    TooLong,
    /// `lang` is not fr, nl or en (the value, cut to 20 characters).
    #[error("unknown language {0:?}: use fr, nl or en")]
    UnknownLanguage(String),
    /// `theme` is not one of the themes (the value, cut to 40 characters).
    #[error("unknown theme {0:?}")]
    UnknownTheme(String),
}

/// A cleaned question with its hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    text: String,
    /// The language of the page the visitor is on.
    pub page_lang: Option<Language>,
    /// The theme the visitor picked, if any: entries of that theme are preferred.
    pub theme: Option<Theme>,
    /// Include the explanation (words, candidates, matched terms) in the reply.
    pub explain: bool,
    /// True when the text was cut to [`MAX_QUESTION_CHARS`].
    pub truncated: bool,
    /// True when the raw text ended with whitespace after a word (completions: the last word is
    /// finished).
    trailing_space: bool,
}

impl Question {
    /// The one way in from raw input: checks the length (in characters of the raw text, before
    /// cleaning), the language (`lang`, else the first fr/nl/en of `Accept-Language`, else none) and the
    /// theme, then cleans the text as [`Question::new`] does.
    pub fn parse(raw: RawQuestion<'_>) -> Result<Question, QuestionError> {
        let q = raw.q.ok_or(QuestionError::Missing)?;
        if q.chars().nth(MAX_QUESTION_CHARS).is_some() {
            return Err(QuestionError::TooLong);
        }
        let page_lang = match raw.lang.map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => Some(
                l.parse::<Language>()
                    .map_err(|_| QuestionError::UnknownLanguage(l.chars().take(20).collect()))?,
            ),
            None => raw.accept_language.and_then(accept_language),
        };
        let theme = match raw.theme.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(
                t.parse::<Theme>()
                    .map_err(|_| QuestionError::UnknownTheme(t.chars().take(40).collect()))?,
            ),
            None => None,
        };
        Ok(Question::new(q).with_page_lang(page_lang).with_theme(theme))
    }

    /// Cleans `raw`: control characters (NUL, escape, ...) become spaces, whitespace runs collapse,
    /// and only the first [`MAX_QUESTION_CHARS`] characters are kept.
    pub fn new(raw: &str) -> Question {
        let mut text = String::with_capacity(raw.len().min(MAX_QUESTION_CHARS * 4));
        let mut chars = 0;
        let mut truncated = false;
        let mut pending_space = false;
        for c in raw.chars() {
            if c.is_control() || c.is_whitespace() || c == '\u{FEFF}' {
                pending_space = !text.is_empty();
                continue;
            }
            if chars >= MAX_QUESTION_CHARS {
                truncated = true;
                break;
            }
            if pending_space {
                text.push(' ');
                chars += 1;
                pending_space = false;
            }
            text.push(c);
            chars += 1;
        }
        Question {
            text,
            page_lang: None,
            theme: None,
            explain: false,
            truncated,
            trailing_space: pending_space && !truncated,
        }
    }

    /// Sets the page language.
    pub fn with_page_lang(mut self, lang: Option<Language>) -> Question {
        self.page_lang = lang;
        self
    }

    /// Sets the preferred theme.
    pub fn with_theme(mut self, theme: Option<Theme>) -> Question {
        self.theme = theme;
        self
    }

    /// Asks for the explanation.
    pub fn with_explain(mut self, explain: bool) -> Question {
        self.explain = explain;
        self
    }

    /// The cleaned text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cleaned text as typed so far, for completions: with one trailing space when the visitor
    /// had finished the last word.
    pub fn as_typed(&self) -> Cow<'_, str> {
        if self.trailing_space {
            Cow::Owned(format!("{} ", self.text))
        } else {
            Cow::Borrowed(&self.text)
        }
    }
}

/// The first fr, nl or en language of an `Accept-Language` header (order of the header; weights are
/// not re-sorted: browsers send them in decreasing order).
pub fn accept_language(header: &str) -> Option<Language> {
    header
        .split(',')
        .find_map(|part| part.split(';').next()?.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_whitespace_runs_become_single_spaces() {
        assert_eq!(
            Question::new("  cv\u{0}\u{0}lettre\t\n\r  motivation \u{1b}[31m ").text(),
            "cv lettre motivation [31m"
        );
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary() {
        let q = Question::new(&"é".repeat(MAX_QUESTION_CHARS * 3));
        assert!(q.truncated);
        assert_eq!(q.text().chars().count(), MAX_QUESTION_CHARS);
        assert!(!Question::new("short").truncated);
    }

    #[test]
    fn parse_checks_length_language_and_theme() {
        let raw = |q| RawQuestion {
            q: Some(q),
            ..RawQuestion::default()
        };
        let at_limit = "a".repeat(MAX_QUESTION_CHARS);
        assert_eq!(Question::parse(raw(&at_limit)).unwrap().text(), at_limit);
        let over = "é".repeat(MAX_QUESTION_CHARS + 1);
        assert_eq!(Question::parse(raw(&over)), Err(QuestionError::TooLong));
        assert_eq!(
            Question::parse(RawQuestion::default()),
            Err(QuestionError::Missing)
        );
        let q = Question::parse(RawQuestion {
            q: Some(" cv\u{0} "),
            lang: Some("nl-BE"),
            theme: Some("work"),
            accept_language: Some("fr"),
        })
        .unwrap();
        assert_eq!(q.text(), "cv");
        assert_eq!(q.page_lang, Some(Language::Nl));
        assert_eq!(q.theme, Some(Theme::Work));
        assert!(matches!(
            Question::parse(RawQuestion {
                lang: Some("xx"),
                ..raw("cv")
            }),
            Err(QuestionError::UnknownLanguage(l)) if l == "xx"
        ));
        assert!(matches!(
            Question::parse(RawQuestion {
                theme: Some("cooking"),
                ..raw("cv")
            }),
            Err(QuestionError::UnknownTheme(_))
        ));
    }

    #[test]
    fn accept_language_is_the_fallback() {
        let q = |lang, header| {
            Question::parse(RawQuestion {
                q: Some("cv"),
                lang,
                theme: None,
                accept_language: header,
            })
            .unwrap()
            .page_lang
        };
        assert_eq!(
            q(None, Some("de-DE,nl-BE;q=0.9,fr;q=0.8")),
            Some(Language::Nl)
        );
        assert_eq!(q(Some("en"), Some("nl")), Some(Language::En));
        assert_eq!(q(Some(" "), Some("de")), None);
        assert_eq!(q(None, None), None);
    }

    #[test]
    fn as_typed_keeps_a_finished_word() {
        assert_eq!(Question::new("je cherche  ").as_typed(), "je cherche ");
        assert_eq!(Question::new("je cherch").as_typed(), "je cherch");
        assert_eq!(Question::new("   ").as_typed(), "");
    }

    #[test]
    fn empty_stays_empty() {
        assert_eq!(Question::new("").text(), "");
        assert_eq!(Question::new(" \u{0} \n").text(), "");
    }
}
