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
/// Longest word that is split (bytes): `arbeidsongeschiktheidsuitkering` has 31; anything much longer is
/// noise, and splitting costs the square of the length.
const MAX_COMPOUND_LEN: usize = 40;
/// Longest part (bytes): `werkloosheidsuitkering` has 22.
const MAX_PART_LEN: usize = 24;
/// Longest verb stem tried as a first part (bytes): `programmeer` has 11.
const MAX_VERB_STEM_LEN: usize = 12;

/// Most words of one question that are tried as compounds (`Analyzer::analyze_question`): a question
/// seldom holds more than a few, and a crafted one full of long words would otherwise cost a split for
/// each.
pub(crate) const MAX_SPLIT_WORDS: usize = 16;

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

    /// Whether `word` is worth trying as a compound (long enough, not too long, ASCII).
    pub(crate) fn may_split(&self, word: &str) -> bool {
        (MIN_COMPOUND_LEN..=MAX_COMPOUND_LEN).contains(&word.len())
            && word.is_ascii()
            && !self.dictionary.is_empty()
    }

    /// The parts of `word` (folded), or an empty vector when it is not a compound of known words.
    /// The word itself is never returned as its only part.
    pub(crate) fn split(&self, word: &str) -> Vec<String> {
        if !self.may_split(word) {
            return Vec::new();
        }
        let n = word.len();
        let mut buf = String::with_capacity(MAX_PART_LEN + 4);
        // A quick reject: most words have no known word of three letters or more at their start.
        if !(MIN_PART_LEN..n.min(MAX_PART_LEN + 1))
            .any(|end| word.is_char_boundary(end) && self.is_known(&word[..end], true, &mut buf))
        {
            return Vec::new();
        }
        // best[i] = the best split of word[i..]: (parts, -sum of squared part lengths, part end, next
        // start). Parts are kept as positions and only turned into words for the winning split.
        let mut best: Vec<Option<(usize, i64, usize, usize)>> = vec![None; n + 1];
        best[n] = Some((0, 0, n, n));
        for start in (0..n).rev() {
            let mut choice: Option<(usize, i64, usize, usize)> = None;
            for end in (start + MIN_PART_LEN)..=n.min(start + MAX_PART_LEN) {
                if start == 0 && end == n {
                    continue; // the whole word is not a split
                }
                if !self.is_known(&word[start..end], end < n, &mut buf) {
                    continue;
                }
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
                        choice = Some((candidate.0, candidate.1, end, next));
                    }
                }
            }
            best[start] = choice;
        }
        let mut parts = Vec::new();
        let mut at = 0;
        while at < n {
            match best[at] {
                Some((_, _, end, next)) => {
                    match self.known(&word[at..end], end < n, &mut buf) {
                        Some(part) => parts.push(part),
                        None => return Vec::new(),
                    }
                    at = next;
                }
                None => return Vec::new(),
            }
        }
        if parts.len() >= 2 { parts } else { Vec::new() }
    }

    /// Whether `piece` stands for a dictionary word (see `known`), without building that word.
    fn is_known(&self, piece: &str, not_last: bool, buf: &mut String) -> bool {
        self.dictionary.contains(piece)
            || (not_last
                && (4..=MAX_VERB_STEM_LEN).contains(&piece.len())
                && super::dutch::infinitive_in(piece, buf, |w| self.dictionary.contains(w)))
    }

    /// The dictionary word `piece` stands for: itself, or (when it is not the last part) the infinitive
    /// of the verb it is the stem of (`dutch::infinitive_in`, building candidates in `buf`).
    fn known(&self, piece: &str, not_last: bool, buf: &mut String) -> Option<String> {
        if self.dictionary.contains(piece) {
            return Some(piece.to_string());
        }
        if not_last && (4..=MAX_VERB_STEM_LEN).contains(&piece.len()) {
            return super::dutch::infinitive_in(piece, buf, |w| self.dictionary.contains(w))
                .then(|| buf.clone());
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
