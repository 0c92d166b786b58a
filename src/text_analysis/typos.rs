//! Typo tolerance: a misspelled word still finds the words it was meant to be, 1 edit away from
//! 5 characters and 2 edits away from 9 (an edit = a letter inserted, deleted, replaced, or two
//! neighbours swapped). Candidates come from a symmetric-delete index over the knowledge base's own
//! words (the SymSpell idea: two words are within k edits only if deleting at most k letters from each
//! can make them equal), then each is verified with a bounded edit distance. Lookup costs a few hash
//! probes instead of a scan of the vocabulary.

/// Number of edits tolerated in a word of `chars` characters: 0 below 5, 1 from 5, 2 from 9, 0 above
/// [`MAX_TYPO_WORD_CHARS`].
pub fn max_typos(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        9..=MAX_TYPO_WORD_CHARS => 2,
        // A longer "word" is a compound (split elsewhere), a pasted code or keyboard noise: looking up
        // its thousand deletes would cost more than the whole question.
        _ => 0,
    }
}

/// Words longer than this (in characters) are not corrected (see [`max_typos`]).
pub const MAX_TYPO_WORD_CHARS: usize = 24;

/// Optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions and
/// transpositions of neighbours), or `None` when it is larger than `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

/// FNV-1a over the characters of `chars` except those at `skip` (collisions only cost a verification,
/// never a wrong match).
fn hash_without(chars: &[char], skip: [usize; 2]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, c) in chars.iter().enumerate() {
        if i == skip[0] || i == skip[1] {
            continue;
        }
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Calls `f` with the hash of every string obtained by deleting up to `k` (at most 2) characters of
/// `chars`, the word itself included. Without allocating: the deletions are skipped while hashing.
fn deletes(chars: &[char], k: usize, f: &mut impl FnMut(u64)) {
    const NONE: usize = usize::MAX;
    f(hash_without(chars, [NONE, NONE]));
    if k == 0 {
        return;
    }
    let n = chars.len();
    for i in 0..n {
        // Deleting one of a run of equal characters gives the same string: keep the first.
        if i > 0 && chars[i] == chars[i - 1] {
            continue;
        }
        f(hash_without(chars, [i, NONE]));
        if k >= 2 {
            for j in i + 1..n {
                if j > i + 1 && chars[j] == chars[j - 1] {
                    continue;
                }
                f(hash_without(chars, [i, j]));
            }
        }
    }
}

/// A typo candidate: a known word and its distance to what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction<'a> {
    /// The known word.
    pub word: &'a str,
    /// Its edit distance to the typed word (1 or 2).
    pub distance: usize,
}

/// The symmetric-delete index over a vocabulary of folded words.
#[derive(Debug, Clone, Default)]
pub struct TypoIndex {
    words: Vec<String>,
    /// (hash of a delete, word number), sorted.
    deletes: Vec<(u64, u32)>,
}

impl TypoIndex {
    /// Builds the index over `words` (folded, deduplicated by the caller or not).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> TypoIndex {
        let mut words: Vec<String> = words
            .into_iter()
            .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        let mut table = Vec::new();
        let mut chars = Vec::new();
        for (n, word) in words.iter().enumerate() {
            chars.clear();
            chars.extend(word.chars());
            // A typed word of length L ≥ 9 tolerates 2 edits and can reach words of length L - 2 ≥ 7.
            let k = if chars.len() >= 7 { 2 } else { 1 };
            deletes(&chars, k, &mut |h| table.push((h, n as u32)));
        }
        table.sort_unstable();
        table.dedup();
        TypoIndex {
            words,
            deletes: table,
        }
    }

    /// Number of words indexed.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word is indexed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `word` is in the vocabulary.
    pub fn contains(&self, word: &str) -> bool {
        self.words
            .binary_search_by(|w| w.as_str().cmp(word))
            .is_ok()
    }

    /// Known words within the tolerated number of edits of `typed` (see [`max_typos`]), closest first,
    /// at most `limit`. Empty for words shorter than 5 characters or already known.
    pub fn corrections(&self, typed: &str, limit: usize) -> Vec<Correction<'_>> {
        let k = max_typos(typed.chars().count());
        if k == 0 || self.contains(typed) {
            return Vec::new();
        }
        self.corrections_within(typed, k, limit)
    }

    /// Known words within `k` edits (at most 2) of `typed`, closest first, at most `limit`.
    pub fn corrections_within(&self, typed: &str, k: usize, limit: usize) -> Vec<Correction<'_>> {
        if k == 0 || !typed.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let k = k.min(2);
        let mut candidates: Vec<u32> = Vec::new();
        let chars: Vec<char> = typed.chars().collect();
        deletes(&chars, k, &mut |h| {
            let start = self.deletes.partition_point(|(x, _)| *x < h);
            for (x, n) in &self.deletes[start..] {
                if *x != h {
                    break;
                }
                candidates.push(*n);
            }
        });
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<Correction<'_>> = candidates
            .into_iter()
            .filter_map(|n| {
                let word = &self.words[n as usize];
                edit_distance(typed, word, k).map(|distance| Correction { word, distance })
            })
            .collect();
        found.sort_by(|a, b| a.distance.cmp(&b.distance).then_with(|| a.word.cmp(b.word)));
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("formation", "formation", 2), Some(0));
        assert_eq!(edit_distance("formaton", "formation", 2), Some(1));
        assert_eq!(edit_distance("recieved", "received", 2), Some(1)); // transposition
        assert_eq!(edit_distance("inscripton", "inscription", 1), Some(1));
        assert_eq!(edit_distance("chomage", "fromage", 1), None);
        assert_eq!(edit_distance("é", "e", 1), Some(1));
    }

    #[test]
    fn tolerance_grows_with_length() {
        assert_eq!(max_typos(4), 0);
        assert_eq!(max_typos(5), 1);
        assert_eq!(max_typos(8), 1);
        assert_eq!(max_typos(9), 2);
    }

    #[test]
    fn finds_one_typo_from_five_and_two_from_nine_letters() {
        let index = TypoIndex::new([
            "formation",
            "inscription",
            "emploi",
            "stage",
            "werkloosheid",
        ]);
        let c = index.corrections("formaton", 3);
        assert_eq!(c[0].word, "formation");
        assert_eq!(c[0].distance, 1);
        assert_eq!(index.corrections("inscrpiton", 3)[0].word, "inscription"); // 2 edits, 10 letters
        assert_eq!(index.corrections("werklooshied", 3)[0].word, "werkloosheid");
        assert_eq!(index.corrections("stgae", 3)[0].word, "stage");
        // 2 edits in an 8-letter word are too many.
        assert!(
            index.corrections("frmaton", 3).is_empty()
                || index.corrections("frmaton", 3)[0].distance <= 1
        );
        assert!(
            index.corrections("empl", 3).is_empty(),
            "too short to correct"
        );
        assert!(index.corrections("emploi", 3).is_empty(), "already known");
    }

    #[test]
    fn does_not_invent_far_words() {
        let index = TypoIndex::new(["formation", "information"]);
        assert!(index.corrections("fromage", 3).is_empty());
        assert!(index.corrections("restaurant", 3).is_empty());
    }
}
