//! A visitor's question as the engine accepts it: cleaned of control characters, cut to a sane
//! length, with the page language and theme hints. Raw input → validated value (ripgrep's
//! LowArgs → HiArgs split); nothing downstream sees the raw text.

use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// The engine reads at most this many characters of a question; the rest is ignored (a question
/// pasted with a whole letter still gets an answer from its beginning).
pub const MAX_QUESTION_CHARS: usize = 500;

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
}

impl Question {
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
    fn empty_stays_empty() {
        assert_eq!(Question::new("").text(), "");
        assert_eq!(Question::new(" \u{0} \n").text(), "");
    }
}
