//! Which language a visitor wrote in. whatlang, restricted to French, Dutch and English, is trusted
//! only when it says its guess is reliable and the text is long enough to judge; otherwise the page
//! language decides the reply language. Short questions ("cv", "stage", "job étudiant") are too
//! ambiguous to guess.
//!
//! For *searching* (which language's fields weigh most), a short text that whatlang cannot judge may
//! still give itself away by its function words: "moet ik een afspraak maken of gwn binnenlopen" has four
//! Dutch stop words and no French or English one. [`function_word_vote`] counts them.
//!
//! The two signals are independent, so when whatlang's unreliable guess and the function-word vote
//! agree ("I want to start my own business in Brussels": whatlang leans English without being sure, and
//! "I", "to", "my", "own" are English-only stop words), the detection is trusted too; and a clear
//! majority of one language's function words (three or more, two ahead of any other language) decides
//! on its own, because whatlang's trigrams take some plain English sentences for French.

use super::{Language, PerLanguage};

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
    /// The text's function words, counted when whatlang was not sure (for [`Detection::search_language`]).
    function_words: Option<FunctionWords>,
}

impl Detection {
    /// The detected language, only when reliable.
    pub fn language(&self) -> Option<Language> {
        if self.reliable { self.guess } else { None }
    }

    /// The language whose fields a search weighs most: the detected language, else the one the
    /// function words point to, else the language of the text's only function words ("ik zoek werk" on
    /// the French page is searched as Dutch), else `fallback` (the reply language).
    pub fn search_language(&self, fallback: Language) -> Language {
        if let Some(language) = self.language() {
            return language;
        }
        self.function_words
            .and_then(|votes| votes.winner(MIN_FUNCTION_WORDS).or_else(|| votes.alone()))
            .unwrap_or(fallback)
    }

    /// Nothing detected; the function words are kept for the search.
    fn undetected(function_words: FunctionWords) -> Detection {
        Detection {
            guess: None,
            confidence: 0.0,
            reliable: false,
            function_words: Some(function_words),
        }
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
    let start = &text[..end];
    let letters = start.chars().filter(|c| c.is_alphabetic()).count();
    let words = start
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    // Too short to be trusted whatever whatlang says: do not ask it.
    if letters < MIN_LETTERS || words < MIN_WORDS {
        return Detection::undetected(FunctionWords::count(text));
    }
    let Some(info) = DETECTOR.detect(start) else {
        return Detection::undetected(FunctionWords::count(text));
    };
    let guess = Language::ALL
        .into_iter()
        .find(|l| l.whatlang() == info.lang());
    if guess.is_some() && info.is_reliable() {
        return Detection {
            guess,
            confidence: info.confidence(),
            reliable: true,
            function_words: None,
        };
    }
    // whatlang is unsure: its guess counts when the function words agree, and a clear function-word
    // majority counts on its own (whatlang's trigrams mistake some plain English sentences for French).
    let votes = FunctionWords::count(text);
    let vote = votes.winner(MIN_FUNCTION_WORDS);
    let strong = votes.winner(STRONG_FUNCTION_WORDS);
    Detection {
        guess: strong.or(guess),
        confidence: info.confidence(),
        reliable: guess.is_some() && guess == vote || strong.is_some(),
        function_words: Some(votes),
    }
}

/// Fewest function words of one language for the vote to count.
const MIN_FUNCTION_WORDS: usize = 2;
/// Fewest function words of one language for the vote to decide the language on its own.
const STRONG_FUNCTION_WORDS: usize = 3;

/// The language whose stop words (words that are stop words in that language only) outnumber the other
/// languages' by at least two, if any.
pub fn function_word_vote(text: &str) -> Option<Language> {
    FunctionWords::count(text).winner(MIN_FUNCTION_WORDS)
}

/// How many words of a text are stop words of exactly one language, per language.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FunctionWords(PerLanguage<usize>);

impl FunctionWords {
    fn count(text: &str) -> Self {
        use std::sync::LazyLock;
        static ANALYZERS: LazyLock<PerLanguage<super::Analyzer>> =
            LazyLock::new(|| PerLanguage::from_fn(super::Analyzer::standalone));
        let mut counts: PerLanguage<usize> = PerLanguage::default();
        let mut folded = String::new();
        super::for_each_word(text, |_, word| {
            folded.clear();
            super::fold_into(word, &mut folded);
            let mut only = None;
            let mut languages = 0;
            for (language, analyzer) in ANALYZERS.iter() {
                if analyzer.is_stop_word(&folded) {
                    languages += 1;
                    only = Some(language);
                }
            }
            if let (1, Some(language)) = (languages, only) {
                counts[language] += 1;
            }
        });
        FunctionWords(counts)
    }

    /// The only language with function words in the text, if there is exactly one.
    fn alone(&self) -> Option<Language> {
        let mut present = self.0.iter().filter(|(_, c)| **c > 0);
        match (present.next(), present.next()) {
            (Some((language, _)), None) => Some(language),
            _ => None,
        }
    }

    /// The language with at least `min` function words and two more than any other, if any.
    fn winner(&self, min: usize) -> Option<Language> {
        let counts = &self.0;
        let (best, &max) = counts.iter().max_by_key(|(_, c)| **c)?;
        let second = counts
            .iter()
            .filter(|(l, _)| *l != best)
            .map(|(_, c)| *c)
            .max()
            .unwrap_or(0);
        (max >= min && max >= second + 2).then_some(best)
    }
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
    fn a_lone_function_word_steers_the_search() {
        let page = Language::Fr;
        let search = |text: &str| detect(text).search_language(page);
        assert_eq!(search("ik zoek werk"), Language::Nl);
        assert_eq!(search("where is the office"), Language::En);
        // Function words of two languages, or none at all: the page decides.
        assert_eq!(search("ik zoek the job"), Language::Fr);
        assert_eq!(search("cv stage"), Language::Fr);
        assert_eq!(
            detect("cv stage").search_language(Language::Nl),
            Language::Nl
        );
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
    fn an_unsure_guess_confirmed_by_function_words_is_trusted() {
        let english = detect("I want to start my own business in Brussels");
        assert_eq!(english.language(), Some(Language::En));
        let dutch = detect("ik wil zelfstandige worden");
        assert_eq!(dutch.language(), Some(Language::Nl));
        // Function words of two languages in balance: no vote, so whatlang alone must be sure.
        let mixed = detect("je cherche een job");
        assert_eq!(mixed.language(), None);
    }

    #[test]
    fn a_clear_function_word_majority_overrules_an_unsure_guess() {
        // whatlang's unsure guess for these is French.
        for english in [
            "I'd like to buy a second-hand car to commute to my new job. Any dealers you trust?",
            "someone at the commune told me to go to the \"Cité des métiers\" - what is that place?",
        ] {
            assert_eq!(detect(english).language(), Some(Language::En), "{english}");
        }
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
