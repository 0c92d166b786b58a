//! Which language a visitor wrote in. whatlang, restricted to French, Dutch and English, is trusted
//! only when it says its guess is reliable and the text is long enough to judge; otherwise the page
//! language decides. Short questions ("cv", "stage", "job étudiant") are too ambiguous to guess.

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

/// Detects the language of `text` among French, Dutch and English.
pub fn detect(text: &str) -> Detection {
    let detector = whatlang::Detector::with_allowlist(
        Language::ALL.iter().map(|l| l.whatlang()).collect(),
    );
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    match detector.detect(text) {
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
        None => Detection { guess: None, confidence: 0.0, reliable: false },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_clear_sentences() {
        assert_eq!(
            detect("Comment est-ce que je peux m'inscrire comme demandeur d'emploi à Bruxelles ?").language(),
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
