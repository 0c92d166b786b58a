//! How text becomes search terms, per language, the same way for the knowledge base (index time) and
//! for a visitor's question (query time). An [`Analyzer`] turns text into [`Word`]s and [`Token`]s:
//!
//! 1. Unicode word segmentation (UAX #29, `unicode-segmentation`), words also split at `.` and `:`
//!    (`hub.brussels` → `hub`, `brussels`; `title:x` is two words, never query syntax);
//! 2. lower-casing and accent folding (`folding.rs`);
//! 3. per-language clitics: French elision, English and Dutch `'s` (`french.rs`, `english.rs`, `dutch.rs`);
//! 4. stop words are *flagged*, not dropped: the index keeps them, a query leaves them out unless it is
//!    made of nothing else (so "Qui êtes-vous ?" still searches);
//! 5. Snowball stemming (`rust-stemmers`), on the folded word so accents never change a term;
//! 6. Dutch compound parts (`compounds.rs`) added beside the compound;
//! 7. synonym group tokens (`synonyms.rs`) added where a member of a group occurs.
//!
//! # How to add a language
//! Add a variant to [`Language`], list it in [`Language::ALL`] (in declaration order, which a
//! compile-time check holds), and fill in its entry in each per-language table, which the compiler
//! points out as the `match`es that no longer cover every language: its code, stemmer, whatlang
//! language and name (`language.rs`, whose `FromStr` and error message want the code too), its stop
//! words and clitic rule (a `<language>.rs` file, wired in [`Analyzer::standalone`] and
//! [`Analyzer::words`]), and the staff pages' sentences (`http/admin/messages.rs`); the widget's demo
//! pages (`http/widget.rs`) and the login page's language links name each language too. Nothing else
//! counts or numbers the languages: every value per language is a [`PerLanguage`] and every set of
//! languages a [`LanguageSet`], so the analyzers, the index fields (`index/schema.rs`), the
//! vocabularies and the knowledge-base readers follow on their own; the knowledge-base files then need
//! the new language's tables.

mod compounds;
mod detection;
mod dutch;
mod english;
mod folding;
mod french;
mod language;
mod language_set;
mod per_language;
mod synonyms;
mod typos;

use rustc_hash::FxHashSet as HashSet;

use unicode_segmentation::UnicodeSegmentation;

pub(crate) use compounds::Decompounder;
pub use detection::{Detection, detect, function_word_vote};
pub use folding::{fold, fold_into};
pub use language::{Language, UnknownLanguage};
pub use language_set::LanguageSet;
pub use per_language::PerLanguage;
pub(crate) use synonyms::SynonymMatcher;
pub use synonyms::{SynonymGroup, group_token};
pub use typos::{Correction, TypoIndex, edit_distance, max_typos};

/// Words longer than this (in bytes, once folded) are noise — a pasted hash, a run of letters — and are
/// skipped. The longest Dutch compounds of the domain are well below it.
pub const MAX_WORD_BYTES: usize = 48;

/// One word of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded form, clitics removed: `l’Équivalence` → `equivalence`.
    pub text: String,
    /// Its stem.
    pub stem: String,
    /// True when it is a stop word of the analyzer's language.
    pub stop: bool,
    /// Byte offset of the word's start in the original text.
    pub offset_from: usize,
    /// Byte offset just past the word's end in the original text.
    pub offset_to: usize,
}

/// Where a token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// The stem of a word of the text.
    Word,
    /// The stem of one part of a Dutch compound word.
    CompoundPart,
    /// A synonym group found in the text; `last_word` is the last word of the matched expression.
    Synonym {
        /// Group number in `synonyms.toml` order.
        group: usize,
        /// Index of the last word of the expression (same as the token's `word` for one word).
        last_word: usize,
    },
}

/// One term of the analysed text, as indexed or searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The term: a stem, or a synonym group token such as `#12`.
    pub term: String,
    /// Index of the (first) word it comes from, in [`Analysis::words`].
    pub word: usize,
    /// Where it comes from.
    pub kind: TokenKind,
    /// True when it comes from a stop word.
    pub stop: bool,
}

/// The result of analysing a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The words, in text order.
    pub words: Vec<Word>,
    /// The terms, in text order (compound parts and synonyms right after their word).
    pub tokens: Vec<Token>,
}

impl Analysis {
    /// True when every word is a stop word (or there is no word).
    pub fn only_stop_words(&self) -> bool {
        self.words.iter().all(|w| w.stop)
    }
}

/// The analyzer of one language. Build it once (it holds the synonym matcher and, for Dutch, the
/// compound dictionary) and share it between the index and the queries.
#[derive(Debug, Clone)]
pub struct Analyzer {
    language: Language,
    stemmer_algorithm: rust_stemmers::Algorithm,
    stop_words: HashSet<&'static str>,
    synonyms: SynonymMatcher,
    compounds: Option<Decompounder>,
    /// Folded word → stem, for the words of the knowledge base: a pure memo of the stemmer (same
    /// results), so a question's known words cost a lookup instead of a Snowball run.
    stem_cache: std::sync::Arc<rustc_hash::FxHashMap<String, String>>,
}

impl Analyzer {
    /// The analyzer of `language` without synonyms and, for Dutch, with only the base compound lexicon.
    pub fn standalone(language: Language) -> Analyzer {
        let stop_words = match language {
            Language::Fr => french::STOP_WORDS,
            Language::Nl => dutch::STOP_WORDS,
            Language::En => english::STOP_WORDS,
        }
        .iter()
        .copied()
        .collect();
        let compounds = (language == Language::Nl)
            .then(|| Decompounder::new(dutch::BASE_LEXICON.iter().copied()));
        Analyzer {
            language,
            stemmer_algorithm: language.stemmer_algorithm(),
            stop_words,
            synonyms: SynonymMatcher::default(),
            compounds,
            stem_cache: Default::default(),
        }
    }

    /// The analyzer's language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// True when `folded` (a folded word) is a stop word of this language.
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.stop_words.contains(folded)
    }

    /// The stop words of this language (folded).
    pub fn stop_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.stop_words.iter().copied()
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        if folded.bytes().all(|b| b.is_ascii_digit()) {
            return folded.to_string();
        }
        if let Some(stem) = self.stem_cache.get(folded) {
            return stem.clone();
        }
        let stemmer = rust_stemmers::Stemmer::create(self.stemmer_algorithm);
        stemmer.stem(folded).into_owned()
    }

    /// Remembers the stems of `words` (folded), so that questions using them are analysed faster. The
    /// stems are those the stemmer gives: analysis results do not change.
    pub fn cache_stems<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let stemmer = rust_stemmers::Stemmer::create(self.stemmer_algorithm);
        let cache = words
            .into_iter()
            .map(|w| (w.to_string(), stemmer.stem(w).into_owned()))
            .collect();
        self.stem_cache = std::sync::Arc::new(cache);
    }

    /// Splits `text` into folded words with their stems and stop-word flags.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let stemmer = rust_stemmers::Stemmer::create(self.stemmer_algorithm);
        let mut words = Vec::new();
        let mut folded = String::new();
        for_each_word(text, |offset, raw| {
            folded.clear();
            fold_into(raw, &mut folded);
            let stripped = match self.language {
                Language::Fr => french::strip_clitics(&folded),
                Language::Nl => dutch::strip_clitics(&folded),
                Language::En => english::strip_clitics(&folded),
            };
            let stripped = stripped.trim_matches('\'');
            if stripped.is_empty() || stripped.len() > MAX_WORD_BYTES {
                return;
            }
            let stem = if stripped.bytes().all(|b| b.is_ascii_digit()) {
                stripped.to_string()
            } else if let Some(stem) = self.stem_cache.get(stripped) {
                stem.clone()
            } else {
                stemmer.stem(stripped).into_owned()
            };
            words.push(Word {
                text: stripped.to_string(),
                stem,
                stop: self.stop_words.contains(stripped),
                offset_from: offset,
                offset_to: offset + raw.len(),
            });
        });
        words
    }

    /// Analyses `text` into words and tokens (see the module documentation for the steps).
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_splitting(text, usize::MAX)
    }

    /// Analyses a visitor's question: as [`Analyzer::analyze`], but at most
    /// [`compounds::MAX_SPLIT_WORDS`] of its words are tried as compounds, so that a crafted question
    /// full of long words costs no more than an ordinary one. Texts of the knowledge base are analysed
    /// whole.
    pub fn analyze_question(&self, text: &str) -> Analysis {
        self.analyze_splitting(text, compounds::MAX_SPLIT_WORDS)
    }

    fn analyze_splitting(&self, text: &str, max_splits: usize) -> Analysis {
        let words = self.words(text);
        let mut tokens = Vec::with_capacity(words.len() + words.len() / 4);
        let mut content_stems: Vec<&str> = Vec::with_capacity(words.len());
        let mut content_words: Vec<usize> = Vec::with_capacity(words.len());
        let mut splits_left = max_splits;
        for (i, word) in words.iter().enumerate() {
            tokens.push(Token {
                term: word.stem.clone(),
                word: i,
                kind: TokenKind::Word,
                stop: word.stop,
            });
            if word.stop {
                continue;
            }
            content_stems.push(&word.stem);
            content_words.push(i);
            if let Some(compounds) = &self.compounds
                && splits_left > 0
                && compounds.may_split(&word.text)
            {
                splits_left -= 1;
                for part in compounds.split(&word.text) {
                    let stem = self.stem(&part);
                    if stem != word.stem {
                        for group in self.synonyms.single(&stem) {
                            push_unique(&mut tokens, synonym_token(group, i, i));
                        }
                        push_unique(
                            &mut tokens,
                            Token {
                                term: stem,
                                word: i,
                                kind: TokenKind::CompoundPart,
                                stop: false,
                            },
                        );
                    }
                }
            }
        }
        if !self.synonyms.is_empty() {
            let mut found = Vec::new();
            self.synonyms.find(&content_stems, |start, end, group| {
                found.push(synonym_token(
                    group,
                    content_words[start],
                    content_words[end - 1],
                ));
            });
            for token in found {
                push_unique(&mut tokens, token);
            }
        }
        Analysis { words, tokens }
    }

    /// The stems of the content words (stop words left out), in order: a compact view for tests and
    /// for comparing phrasings.
    pub fn content_terms(&self, text: &str) -> Vec<String> {
        self.words(text)
            .into_iter()
            .filter(|w| !w.stop)
            .map(|w| w.stem)
            .collect()
    }

    /// The analyzed form of a phrasing for duplicate detection: content stems, sorted; all stems when
    /// the phrasing has only stop words.
    pub fn signature(&self, text: &str) -> Vec<String> {
        let words = self.words(text);
        let only_stop = words.iter().all(|w| w.stop);
        let mut stems: Vec<String> = words
            .into_iter()
            .filter(|w| only_stop || !w.stop)
            .map(|w| w.stem)
            .collect();
        stems.sort();
        stems.dedup();
        stems
    }
}

fn synonym_token(group: usize, first_word: usize, last_word: usize) -> Token {
    Token {
        term: group_token(group),
        word: first_word,
        kind: TokenKind::Synonym { group, last_word },
        stop: false,
    }
}

fn push_unique(tokens: &mut Vec<Token>, token: Token) {
    if !tokens
        .iter()
        .rev()
        .take_while(|t| t.word >= token.word)
        .any(|t| t.word == token.word && t.term == token.term)
    {
        tokens.push(token);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Calls `f(byte_offset, word)` for every word of `text`: UAX #29 words, split again at every character
/// that is neither alphanumeric nor an apostrophe, apostrophes trimmed at both ends.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut emit = |offset: usize, piece: &str| {
        let trimmed_start = piece.trim_start_matches(is_apostrophe);
        let offset = offset + (piece.len() - trimmed_start.len());
        let trimmed = trimmed_start.trim_end_matches(is_apostrophe);
        if !trimmed.is_empty() {
            f(offset, trimmed);
        }
    };
    for (base, word) in text.unicode_word_indices() {
        let mut start: Option<usize> = None;
        for (i, c) in word.char_indices() {
            let keep = c.is_alphanumeric() || is_apostrophe(c);
            match (keep, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    emit(base + s, &word[s..i]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            emit(base + s, &word[s..]);
        }
    }
}

/// The three analyzers, built together from the knowledge base's synonyms and Dutch vocabulary.
#[derive(Debug, Clone)]
pub struct Analyzers {
    by_language: PerLanguage<Analyzer>,
}

impl Analyzers {
    /// Analyzers without synonyms or knowledge-base vocabulary.
    pub fn standalone() -> Analyzers {
        Analyzers {
            by_language: PerLanguage::from_fn(Analyzer::standalone),
        }
    }

    /// Builds the analyzers for a knowledge base: `groups` are its synonym groups, `dutch_texts` all of
    /// its Dutch text (the compound dictionary is built from their words).
    pub fn build<'a>(
        groups: &[SynonymGroup],
        dutch_texts: impl IntoIterator<Item = &'a str>,
    ) -> Analyzers {
        let mut by_language = PerLanguage::from_fn(Analyzer::standalone);
        // Dutch compound dictionary: base lexicon + every content word of the Dutch texts.
        let dutch = &by_language[Language::Nl];
        let mut lexicon: HashSet<String> =
            dutch::BASE_LEXICON.iter().map(|w| w.to_string()).collect();
        for text in dutch_texts {
            for word in dutch.words(text) {
                if !word.stop {
                    lexicon.insert(word.text);
                }
            }
        }
        by_language[Language::Nl].compounds =
            Some(Decompounder::new(lexicon.iter().map(String::as_str)));
        // Synonyms: each member analysed by its language's analyzer (without synonyms yet).
        for analyzer in by_language.values_mut() {
            let mut matcher = SynonymMatcher::default();
            for (group_number, group) in groups.iter().enumerate() {
                for member in group.members(analyzer.language) {
                    let stems = analyzer.signature_in_order(member);
                    matcher.insert(stems, group_number);
                }
            }
            analyzer.synonyms = matcher;
        }
        Analyzers { by_language }
    }

    /// The analyzer of `language`.
    pub fn get(&self, language: Language) -> &Analyzer {
        &self.by_language[language]
    }

    /// The analyzer of `language`, to change it (stem caches).
    pub(crate) fn get_mut(&mut self, language: Language) -> &mut Analyzer {
        &mut self.by_language[language]
    }

    /// Number of words in the Dutch compound dictionary.
    pub fn dutch_lexicon_len(&self) -> usize {
        self.get(Language::Nl)
            .compounds
            .as_ref()
            .map_or(0, Decompounder::len)
    }
}

impl Analyzer {
    /// Content stems in text order; all stems when the text has only stop words.
    fn signature_in_order(&self, text: &str) -> Vec<String> {
        let words = self.words(text);
        let only_stop = words.iter().all(|w| w.stop);
        words
            .into_iter()
            .filter(|w| only_stop || !w.stop)
            .map(|w| w.stem)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(fr: &[&str], nl: &[&str], en: &[&str], any: &[&str]) -> SynonymGroup {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        SynonymGroup {
            name: None,
            terms: PerLanguage::from_fn(|l| match l {
                Language::Fr => v(fr),
                Language::Nl => v(nl),
                Language::En => v(en),
            }),
            any: v(any),
        }
    }

    #[test]
    fn segmentation_splits_dots_colons_and_ignores_emoji_and_syntax() {
        let mut words = Vec::new();
        for_each_word(
            "hub.brussels title:x (AND) \"cv\" 🙂 -stage* l’emploi",
            |_, w| words.push(w.to_string()),
        );
        assert_eq!(
            words,
            [
                "hub",
                "brussels",
                "title",
                "x",
                "AND",
                "cv",
                "stage",
                "l’emploi"
            ]
        );
    }

    #[test]
    fn stop_words_are_flagged_not_dropped() {
        let a = Analyzer::standalone(Language::Fr).analyze("Qui êtes-vous ?");
        assert!(a.only_stop_words());
        assert_eq!(a.tokens.len(), 3);
    }

    #[test]
    fn synonym_groups_link_languages_and_expressions() {
        let groups = [group(
            &["centre public d'action sociale"],
            &["OCMW"],
            &["public social welfare centre"],
            &["CPAS", "OCMW"],
        )];
        let analyzers = Analyzers::build(&groups, []);
        let fr = analyzers
            .get(Language::Fr)
            .analyze("aide du centre public d’action sociale");
        let nl = analyzers.get(Language::Nl).analyze("hulp van het OCMW");
        let en = analyzers.get(Language::En).analyze("help from the CPAS");
        for analysis in [&fr, &nl, &en] {
            assert!(
                analysis.tokens.iter().any(|t| t.term == "#0"),
                "{analysis:?}"
            );
        }
        let token = fr.tokens.iter().find(|t| t.term == "#0").unwrap();
        assert_eq!(fr.words[token.word].text, "centre");
        assert!(
            matches!(token.kind, TokenKind::Synonym { last_word, .. } if fr.words[last_word].text == "sociale")
        );
    }

    #[test]
    fn language_specific_members_stay_in_their_language() {
        let groups = [group(&["stage"], &[], &["internship"], &[])];
        let analyzers = Analyzers::build(&groups, []);
        assert!(
            analyzers
                .get(Language::Fr)
                .analyze("un stage")
                .tokens
                .iter()
                .any(|t| t.term == "#0")
        );
        assert!(
            !analyzers
                .get(Language::En)
                .analyze("at this stage")
                .tokens
                .iter()
                .any(|t| t.term == "#0")
        );
    }

    #[test]
    fn dutch_compounds_split_against_the_knowledge_base_vocabulary() {
        let analyzers =
            Analyzers::build(&[], ["Vraag je werkloosheid aan en ontvang een uitkering."]);
        let nl = analyzers.get(Language::Nl);
        let compound = nl.analyze("werkloosheidsuitkering");
        let parts = nl.analyze("werkloosheid uitkering");
        for token in parts.tokens.iter().filter(|t| !t.stop) {
            assert!(
                compound.tokens.iter().any(|t| t.term == token.term),
                "{} missing from {:?}",
                token.term,
                compound.tokens
            );
        }
        assert!(
            compound
                .tokens
                .iter()
                .any(|t| t.kind == TokenKind::CompoundPart)
        );
    }

    #[test]
    fn a_question_has_at_most_so_many_words_split_but_a_text_all_of_them() {
        let analyzers =
            Analyzers::build(&[], ["Vraag je werkloosheid aan en ontvang een uitkering."]);
        let nl = analyzers.get(Language::Nl);
        let many = vec!["werkloosheidsuitkering"; compounds::MAX_SPLIT_WORDS + 5].join(" ");
        let split_words = |analysis: &Analysis| {
            let mut words: Vec<usize> = analysis
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::CompoundPart)
                .map(|t| t.word)
                .collect();
            words.dedup();
            words.len()
        };
        assert_eq!(
            split_words(&nl.analyze_question(&many)),
            compounds::MAX_SPLIT_WORDS
        );
        assert_eq!(
            split_words(&nl.analyze(&many)),
            compounds::MAX_SPLIT_WORDS + 5
        );
    }

    #[test]
    fn synonyms_also_match_compound_parts() {
        let groups = [group(&[], &["uitkering"], &["benefits"], &[])];
        let analyzers = Analyzers::build(&groups, ["werkloosheid"]);
        let nl = analyzers
            .get(Language::Nl)
            .analyze("werkloosheidsuitkering");
        assert!(nl.tokens.iter().any(|t| t.term == "#0"), "{nl:?}");
    }

    #[test]
    fn the_stem_cache_changes_nothing_but_speed() {
        let plain = Analyzer::standalone(Language::Fr);
        let mut cached = Analyzer::standalone(Language::Fr);
        cached.cache_stems(["inscription", "formations", "activite"]);
        let text = "Inscription aux formations et activité de l'entreprise";
        assert_eq!(plain.analyze(text), cached.analyze(text));
    }

    #[test]
    fn huge_and_binary_input_is_handled() {
        let analyzer = Analyzer::standalone(Language::En);
        let huge = "job ".repeat(25_000);
        assert_eq!(analyzer.analyze(&huge).words.len(), 25_000);
        let binary = "\u{0}\u{1}\u{7f}abc\u{0}def";
        let words: Vec<_> = analyzer.words(binary).into_iter().map(|w| w.text).collect();
        assert_eq!(words, ["abc", "def"]);
        let long_word = "a".repeat(10_000);
        assert!(analyzer.words(&long_word).is_empty());
    }
}
