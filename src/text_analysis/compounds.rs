//! Dutch compound splitting: `werkloosheidsuitkering` → `werkloosheid` + `uitkering`, so that a visitor
//! who writes the compound finds a text that uses the parts, and the other way round. None of
//! Meilisearch, Typesense or charabia does this; the approach is the classic dictionary-based one:
//! a word is split into known words (the knowledge base's own Dutch vocabulary plus a base lexicon),
//! optionally joined by a linking morpheme (`s`, `e`, `en`, `er`), preferring the split with the fewest
//! and longest parts. A part that is not a word itself may be the stem of a known verb, as Dutch
//! compounds often start with one (`programmeer|cursus` → programmeren + cursus); the part is then
//! reported as the infinitive.

use rustc_hash::FxHashSet as HashSet;

/// Splits Dutch compounds against a dictionary of known words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decompounder {
    dictionary: HashSet<String>,
}

/// Shortest word that is worth splitting.
const MIN_COMPOUND_LEN: usize = 7;
/// Shortest part: `les` in `taalles`, `job` in `studentenjob`.
const MIN_PART_LEN: usize = 3;
/// More parts than this is almost always a wrong split.
const MAX_PARTS: usize = 4;

impl Decompounder {
    /// A decompounder over `words` (folded). Words shorter than the shortest part are ignored.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let dictionary = words
            .into_iter()
            .filter(|w| w.chars().count() >= MIN_PART_LEN && w.chars().all(char::is_alphabetic))
            .map(str::to_string)
            .collect();
        Decompounder { dictionary }
    }

    /// Number of words in the dictionary.
    pub(crate) fn len(&self) -> usize {
        self.dictionary.len()
    }

    /// The parts of `word` (folded), or an empty vector when it is not a compound of known words.
    /// The word itself is never returned as its only part.
    pub(crate) fn split(&self, word: &str) -> Vec<String> {
        if word.len() < MIN_COMPOUND_LEN || !word.is_ascii() || self.dictionary.is_empty() {
            return Vec::new();
        }
        let n = word.len();
        // A quick reject: most words have no known word of three letters or more at their start.
        if !(MIN_PART_LEN..n)
            .any(|end| word.is_char_boundary(end) && self.known(&word[..end], true).is_some())
        {
            return Vec::new();
        }
        // best[i] = the best split of word[i..]: (parts, -sum of squared part lengths, part, next start).
        let mut best: Vec<Option<(usize, i64, String, usize)>> = vec![None; n + 1];
        best[n] = Some((0, 0, String::new(), n));
        for start in (0..n).rev() {
            let mut choice: Option<(usize, i64, String, usize)> = None;
            for end in (start + MIN_PART_LEN)..=n {
                if start == 0 && end == n {
                    continue; // the whole word is not a split
                }
                let Some(part) = self.known(&word[start..end], end < n) else {
                    continue;
                };
                let mut nexts = [end, usize::MAX, usize::MAX, usize::MAX, usize::MAX];
                if end < n {
                    for (k, link) in super::dutch::LINKING_MORPHEMES.iter().enumerate() {
                        if word[end..].starts_with(link) && end + link.len() < n {
                            nexts[k + 1] = end + link.len();
                        }
                    }
                }
                for next in nexts.into_iter().filter(|n| *n != usize::MAX) {
                    let Some((count, score, _, _)) = &best[next] else {
                        continue;
                    };
                    if count + 1 > MAX_PARTS {
                        continue;
                    }
                    let len = (end - start) as i64;
                    let candidate = (count + 1, score - len * len);
                    if choice
                        .as_ref()
                        .is_none_or(|(c, s, _, _)| candidate < (*c, *s))
                    {
                        choice = Some((candidate.0, candidate.1, part.clone(), next));
                    }
                }
            }
            best[start] = choice;
        }
        let mut parts = Vec::new();
        let mut at = 0;
        while at < n {
            match &best[at] {
                Some((_, _, part, next)) => {
                    parts.push(part.clone());
                    at = *next;
                }
                None => return Vec::new(),
            }
        }
        if parts.len() >= 2 { parts } else { Vec::new() }
    }

    /// The dictionary word `piece` stands for: itself, or (when it is not the last part) the infinitive
    /// of the verb it is the stem of.
    fn known(&self, piece: &str, not_last: bool) -> Option<String> {
        if self.dictionary.contains(piece) {
            return Some(piece.to_string());
        }
        if not_last && piece.len() >= 4 {
            return super::dutch::infinitives(piece)
                .into_iter()
                .find(|w| self.dictionary.contains(w));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Decompounder;

    fn decompounder() -> Decompounder {
        Decompounder::new([
            "werkloosheid",
            "uitkering",
            "werk",
            "zoekende",
            "taal",
            "les",
            "student",
            "job",
            "loos",
        ])
    }

    #[test]
    fn splits_with_a_linking_s() {
        assert_eq!(
            decompounder().split("werkloosheidsuitkering"),
            ["werkloosheid", "uitkering"]
        );
    }

    #[test]
    fn splits_with_a_linking_en() {
        assert_eq!(decompounder().split("studentenjob"), ["student", "job"]);
    }

    #[test]
    fn splits_plain_concatenations() {
        assert_eq!(decompounder().split("werkzoekende"), ["werk", "zoekende"]);
        assert_eq!(decompounder().split("taalles"), ["taal", "les"]);
    }

    #[test]
    fn prefers_fewer_longer_parts() {
        // "werk" + "loos" + "heid..." is not possible; "werkloosheid" as one part wins.
        assert_eq!(decompounder().split("werkloosheidsuitkering").len(), 2);
    }

    #[test]
    fn a_verb_stem_part_is_reported_as_its_infinitive() {
        let d = Decompounder::new(["programmeren", "cursus", "leren", "weg"]);
        assert_eq!(d.split("programmeercursus"), ["programmeren", "cursus"]);
        assert_eq!(d.split("leerweg"), ["leren", "weg"]);
    }

    #[test]
    fn does_not_split_unknown_or_short_words() {
        assert!(decompounder().split("bakkerij").is_empty());
        assert!(decompounder().split("werk").is_empty());
        assert!(
            decompounder().split("werkloosheid").is_empty()
                || decompounder().split("werkloosheid").len() >= 2
        );
    }
}
