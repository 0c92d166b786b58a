//! English: possessive `'s` removal, stop words (with the contractions visitors type, such as `i'm`,
//! `dont`), Snowball English (Porter2) stemming.

/// Removes a possessive: `worker's` → `worker`, `workers'` → `workers`. The word is already folded.
pub(super) fn strip_clitics(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// English stop words, folded. Derived from the Snowball English stop list
/// (<https://snowballstem.org/algorithms/english/stop.txt>, Copyright (c) 2001 Dr Martin Porter and
/// contributors, BSD 3-clause licence), plus modal verbs, politeness and chat spellings.
pub(super) const STOP_WORDS: &[&str] = &[
    // Snowball
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
    "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
    "having", "do", "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're",
    "he's", "she's", "it's", "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd",
    "he'd", "she'd", "we'd", "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't",
    "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't",
    "won't", "wouldn't", "shan't", "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's",
    "that's", "who's", "what's", "here's", "there's", "when's", "where's", "why's", "how's", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
    "about", "against", "between", "into", "through", "during", "before", "after", "above", "below",
    "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
    "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
    "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too",
    "very",
    // modal verbs, politeness, chat spellings
    "can", "will", "shall", "may", "might", "must", "please", "pls", "plz", "hi", "hello", "hey",
    "thanks", "thank", "im", "ive", "dont", "cant", "didnt", "doesnt", "u", "ur", "r", "also", "just",
    "really", "anyone", "someone", "something", "anything", "somebody", "anybody", "s", "t", "d", "ll",
    "m", "re", "ve", "ok", "okay", "yes", "get", "got", "want", "wanna", "need", "gonna", "do", "does",
];

#[cfg(test)]
mod tests {
    use crate::text_analysis::{Analyzer, Language};

    fn terms(text: &str) -> Vec<String> {
        Analyzer::standalone(Language::En).content_terms(text)
    }

    #[test]
    fn real_question() {
        assert_eq!(
            terms("How do I register as a job seeker in Brussels?"),
            ["regist", "job", "seeker", "brussel"]
        );
    }

    #[test]
    fn possessives_and_contractions() {
        assert_eq!(terms("the employer's obligations"), ["employ", "oblig"]);
        assert_eq!(terms("I'm looking, I don't know"), ["look", "know"]);
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(terms("trainings"), terms("training"));
        assert_eq!(terms("registered"), terms("registering"));
    }
}
