//! Which language a visitor wrote in. whatlang, restricted to French, Dutch and English, is trusted
//! only when it says its guess is reliable and the text is long enough to judge; otherwise the page
//! language decides the reply language. Short questions ("cv", "stage", "job étudiant") are too
//! ambiguous to guess.
//!
//! For *searching* (which language's fields weigh most), a short text that whatlang cannot judge may
//! still give itself away by its function words: "moet ik een afspraak maken of gwn binnenlopen" has four
//! Dutch stop words and no French or English one. [`function_word_vote`] counts them.

use super::Language;

/// Fewest letters for a detection to be trusted.
const MIN_LETTERS: usize = 12;
/// Fewest words for a detection to be trusted.
const MIN_WORDS: usize = 3;

/// The outcome of language detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// whatlang's best guess among fr/nl/en, if it made one.
    pub guess: Option<Language>,
    /// whatlang's own confidence in [0, 1].
    pub confidence: f64,
    /// True when the guess can be trusted: whatlang says it is reliable and the text is long enough.
    pub reliable: bool,
}

impl Detection {
    /// The detected language, only when reliable.
    pub fn language(&self) -> Option<Language> {
        if self.reliable { self.guess } else { None }
    }
}

/// whatlang reads at most this many bytes (the start of a long text tells the language as well as the
/// whole, and costs less).
const MAX_BYTES: usize = 400;

/// Detects the language of `text` among French, Dutch and English.
pub fn detect(text: &str) -> Detection {
    use std::sync::LazyLock;
    static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
        whatlang::Detector::with_allowlist(Language::ALL.iter().map(|l| l.whatlang()).collect())
    });
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    // Too short to be trusted whatever whatlang says: do not ask it.
    if letters < MIN_LETTERS || words < MIN_WORDS {
        return Detection {
            guess: None,
            confidence: 0.0,
            reliable: false,
        };
    }
    match DETECTOR.detect(text) {
        Some(info) => {
            let guess = Language::ALL
                .into_iter()
                .find(|l| l.whatlang() == info.lang());
            Detection {
                guess,
                confidence: info.confidence(),
                reliable: guess.is_some()
                    && info.is_reliable()
                    && letters >= MIN_LETTERS
                    && words >= MIN_WORDS,
            }
        }
        None => Detection {
            guess: None,
            confidence: 0.0,
            reliable: false,
        },
    }
}

/// Fewest function words of one language for the vote to count.
const MIN_FUNCTION_WORDS: usize = 2;

/// The language whose stop words (words that are stop words in that language only) outnumber the other
/// languages' by at least two, if any.
pub fn function_word_vote(text: &str) -> Option<Language> {
    use std::sync::LazyLock;
    static ANALYZERS: LazyLock<[super::Analyzer; 3]> =
        LazyLock::new(|| Language::ALL.map(super::Analyzer::standalone));
    let mut counts = [0usize; 3];
    let mut folded = String::new();
    super::for_each_word(text, |_, word| {
        folded.clear();
        super::fold_into(word, &mut folded);
        let stop: Vec<bool> = ANALYZERS.iter().map(|a| a.is_stop_word(&folded)).collect();
        if stop.iter().filter(|s| **s).count() == 1 {
            counts[stop.iter().position(|s| *s).expect("one")] += 1;
        }
    });
    let (best, &max) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    (max >= MIN_FUNCTION_WORDS && max >= second + 2).then(|| Language::ALL[best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_betray_short_texts() {
        assert_eq!(
            function_word_vote("moet ik een afspraak maken of gwn binnenlopen"),
            Some(Language::Nl)
        );
        assert_eq!(
            function_word_vote("je veux une formation pour le soir"),
            Some(Language::Fr)
        );
        assert_eq!(
            function_word_vote("where should I go with my cv"),
            Some(Language::En)
        );
        assert_eq!(function_word_vote("cv stage"), None);
        assert_eq!(function_word_vote("formation en informatique"), None);
    }

    #[test]
    fn detects_clear_sentences() {
        assert_eq!(
            detect("Comment est-ce que je peux m'inscrire comme demandeur d'emploi à Bruxelles ?")
                .language(),
            Some(Language::Fr)
        );
        assert_eq!(
            detect("Hoe kan ik me inschrijven als werkzoekende in Brussel?").language(),
            Some(Language::Nl)
        );
        assert_eq!(
            detect("My contract ends next month and I would like to know where I should register as a job seeker.").language(),
            Some(Language::En)
        );
    }

    #[test]
    fn does_not_trust_short_text() {
        assert_eq!(detect("cv").language(), None);
        assert_eq!(detect("stage").language(), None);
        assert_eq!(detect("job étudiant").language(), None);
    }

    #[test]
    fn empty_and_symbol_only_text_is_not_detected() {
        assert_eq!(detect("").language(), None);
        assert_eq!(detect("🙂🙂🙂").language(), None);
        assert_eq!(detect("()*:~^").language(), None);
    }
}
