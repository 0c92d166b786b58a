//! Small talk: greetings, thanks, "are you a robot?", goodbye, "what can you do?", in French, Dutch and
//! English, from the triggers of `site.toml`. A message is small talk when it contains at least one
//! trigger (small typos tolerated) and every other word is a filler: a stop word, a politeness word
//! ("madame", "please"), or a word used in some trigger ("Merci beaucoup pour votre aide" = "merci
//! beaucoup" + fillers). A single word that is none of these makes it a question, so that
//! "Bonjour, comment m'inscrire chez Actiris ?" is a question, not a greeting.
//!
//! A looser match ([`SmallTalkMatcher::recognise_loosely`]) lets one other word through ("merci
//! beaucoup, vraiment top zarbi", "coucou toi"); `answer::analyse` accepts it only when the search
//! shows that the word is not one the knowledge base knows, so "merci, et pour le chômage ?" and
//! "bonjour, formation ?" stay questions.

use std::collections::{HashMap, HashSet};

use crate::knowledge_base::Site;
use crate::text_analysis::{Analyzer, Language, LanguageSet, edit_distance, fold_into};

/// A loose match lets at most this many other words through.
pub const MAX_LOOSE_WORDS: usize = 1;

/// Messages longer than this are never small talk.
const MAX_WORDS: usize = 12;

/// Words that may surround small talk without making it a question.
const FILLERS: &[&str] = &[
    "madame",
    "monsieur",
    "mevrouw",
    "meneer",
    "ok",
    "oke",
    "okay",
    "super",
    "top",
    "parfait",
    "genial",
    "bien",
    "tres",
    "very",
    "much",
    "so",
    "euh",
    "eh",
    "hmm",
    "lol",
    "please",
    "svp",
    "stp",
    "aub",
    "ajb",
    "nou",
    "oh",
    "ah",
    "ja",
    "oui",
    "yes",
    "yep",
    "ouais",
    "daar",
    "there",
    "hallo",
    "exactement",
    "exactly",
    "precies",
    "allemaal",
    "vraiment",
    "really",
    "echt",
    "heel",
    "erg",
    "vriendelijk",
    "gentil",
    "kind",
    "again",
    "encore",
    "nogmaals",
    "aujourd",
    "hui",
    "vandaag",
    "today",
    "everyone",
    "everybody",
    "tous",
    "eigenlijk",
    "franchement",
    "honestly",
    "serieus",
];

/// A small-talk message, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallTalkMatch {
    /// Position of the intent in `site.toml`.
    pub intent: usize,
    /// The language of the triggers, when only one language has them all.
    pub language: Option<Language>,
}

#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<String>,
    intent: usize,
    languages: LanguageSet,
}

/// Recognises small talk.
#[derive(Debug, Clone, Default)]
pub struct SmallTalkMatcher {
    phrases: Vec<Phrase>,
    greeting: Option<usize>,
    /// Fillers, stop words of the three languages, and every word used in a trigger.
    fillers: HashSet<String>,
    /// Every word used in a trigger, for the quick rejection of questions.
    trigger_words: crate::text_analysis::TypoIndex,
    /// The phrases (indexes, longest first) by their first word.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The phrases' first words, for the typo-tolerant lookup of where a phrase may start (the typo
    /// index holds words of 4 letters or more; the shorter ones are compared one by one).
    first_words: crate::text_analysis::TypoIndex,
    short_first_words: Vec<String>,
}

/// Folded words, split at apostrophes too (`t'appelles` → `t`, `appelles`).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut folded = String::new();
    crate::text_analysis::for_each_word(text, |_, w| {
        folded.clear();
        fold_into(w, &mut folded);
        out.extend(
            folded
                .split('\'')
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    });
    out
}

/// Small talk is short and often typed in a hurry: one typo is tolerated from 4 letters ("helo"),
/// two from 9.
fn same(typed: &str, known: &str) -> bool {
    let tolerated = tolerance(typed);
    typed == known || (tolerated > 0 && edit_distance(typed, known, tolerated).is_some())
}

/// Typos tolerated in a typed word (see [`same`]).
fn tolerance(typed: &str) -> usize {
    match typed.chars().count() {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

impl SmallTalkMatcher {
    /// Builds the matcher from the site's triggers.
    pub fn new(site: &Site) -> SmallTalkMatcher {
        let mut phrases: Vec<Phrase> = Vec::new();
        for (intent, smalltalk) in site.smalltalk.iter().enumerate() {
            for language in Language::ALL {
                for trigger in &smalltalk.triggers[language] {
                    let w = words(trigger);
                    if w.is_empty() {
                        continue;
                    }
                    match phrases
                        .iter_mut()
                        .find(|p| p.words == w && p.intent == intent)
                    {
                        Some(p) => p.languages.insert(language),
                        None => phrases.push(Phrase {
                            words: w,
                            intent,
                            languages: LanguageSet::only(language),
                        }),
                    }
                }
            }
        }
        // Longest phrases first, so that "bonjour madame" wins over "bonjour".
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        let greeting = site.smalltalk.iter().position(|s| s.intent == "greeting");
        let mut fillers: HashSet<String> = FILLERS.iter().map(|w| w.to_string()).collect();
        fillers.extend(phrases.iter().flat_map(|p| p.words.iter().cloned()));
        for language in Language::ALL {
            let analyzer = Analyzer::standalone(language);
            for phrase in &phrases {
                for word in &phrase.words {
                    if analyzer.is_stop_word(word) {
                        fillers.insert(word.clone());
                    }
                }
            }
            fillers.extend(analyzer.stop_words().map(str::to_string));
        }
        let trigger_words = crate::text_analysis::TypoIndex::new(
            phrases
                .iter()
                .flat_map(|p| p.words.iter().map(String::as_str)),
        );
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, phrase) in phrases.iter().enumerate() {
            by_first_word
                .entry(phrase.words[0].clone())
                .or_default()
                .push(i);
        }
        let first_words =
            crate::text_analysis::TypoIndex::new(by_first_word.keys().map(String::as_str));
        let short_first_words = by_first_word
            .keys()
            .filter(|w| !first_words.contains(w))
            .cloned()
            .collect();
        SmallTalkMatcher {
            phrases,
            greeting,
            fillers,
            trigger_words,
            by_first_word,
            first_words,
            short_first_words,
        }
    }

    /// The phrases that may start with `typed` (itself or a first word within its tolerated typos),
    /// longest first.
    fn phrases_starting_with(&self, typed: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.by_first_word.get(typed).cloned().unwrap_or_default();
        let tolerated = tolerance(typed);
        if tolerated > 0 {
            let corrections = self.first_words.corrections_within(typed, tolerated, 16);
            let near_short = self.short_first_words.iter().filter(|w| same(typed, w));
            for word in corrections
                .iter()
                .map(|c| c.word)
                .chain(near_short.map(String::as_str))
            {
                if let Some(phrases) = self.by_first_word.get(word) {
                    out.extend(phrases);
                }
            }
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// The small talk in `text`, if the whole message is small talk.
    pub fn recognise(&self, text: &str) -> Option<SmallTalkMatch> {
        let words = words(text);
        if words.is_empty() || words.len() > MAX_WORDS {
            return None;
        }
        self.matched(&words, 0, &|_| false)
    }

    /// Like [`SmallTalkMatcher::recognise`], but up to [`MAX_LOOSE_WORDS`] words that are neither
    /// triggers nor fillers may remain, provided that `allowed` accepts each of them (folded).
    pub fn recognise_loosely(
        &self,
        text: &str,
        allowed: &dyn Fn(&str) -> bool,
    ) -> Option<SmallTalkMatch> {
        let words = words(text);
        if words.is_empty() || words.len() > MAX_WORDS {
            return None;
        }
        self.matched(&words, MAX_LOOSE_WORDS, allowed)
    }

    /// True for a word that is neither a filler nor (nearly) a trigger word.
    fn foreign(&self, word: &str) -> bool {
        !self.fillers.contains(word)
            && !self.trigger_words.contains(word)
            && (word.chars().count() < 4
                || self.trigger_words.corrections_within(word, 1, 1).is_empty())
    }

    /// Reads `words` as triggers and fillers, letting at most `max_others` other words through, each
    /// accepted by `allowed`.
    fn matched(
        &self,
        words: &[String],
        max_others: usize,
        allowed: &dyn Fn(&str) -> bool,
    ) -> Option<SmallTalkMatch> {
        // Quick rejection (most questions stop here): too many words that are neither fillers nor
        // (nearly) trigger words, or one that is not allowed.
        let mut foreign = 0;
        for word in words.iter().filter(|w| self.foreign(w)) {
            foreign += 1;
            if foreign > max_others || !allowed(word) {
                return None;
            }
        }
        let mut position = 0;
        let mut intents: Vec<usize> = Vec::new();
        let mut languages = LanguageSet::all();
        let mut others = 0;
        while position < words.len() {
            let rest = &words[position..];
            let phrase = self
                .phrases_starting_with(&rest[0])
                .into_iter()
                .map(|i| &self.phrases[i])
                .find(|p| {
                    p.words.len() <= rest.len() && p.words.iter().zip(rest).all(|(k, t)| same(t, k))
                });
            match phrase {
                Some(p) => {
                    intents.push(p.intent);
                    languages = languages.intersection(p.languages);
                    position += p.words.len();
                }
                None if self.fillers.contains(rest[0].as_str()) => position += 1,
                None if others < max_others && allowed(&rest[0]) => {
                    others += 1;
                    position += 1;
                }
                None => return None,
            }
        }
        // The most telling intent: the last one that is not a greeting, else the greeting.
        if intents.is_empty() {
            return None;
        }
        let intent = intents
            .iter()
            .rev()
            .find(|i| Some(**i) != self.greeting)
            .or(intents.first())
            .copied()?;
        let language = if languages.len() == 1 {
            languages.iter().next()
        } else {
            None
        };
        Some(SmallTalkMatch { intent, language })
    }
}
