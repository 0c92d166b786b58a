//! Synonym groups from `synonyms.toml`, normalised with the same analyzer as the documents (milli's
//! rule): every member of a group, single word or expression, is analysed into stems; wherever a text
//! contains a member, the analyzer adds the group's token (`#12`) at that position. Documents and
//! questions that use different members of a group then share that token, within a language and
//! across languages (the token is the same in all three).

use rustc_hash::FxHashMap as HashMap;

use super::{Language, PerLanguage};

/// A group of words and expressions that mean the same thing, as the editors wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynonymGroup {
    /// Optional label for editors.
    pub name: Option<String>,
    /// Members recognised only in one language.
    pub terms: PerLanguage<Vec<String>>,
    /// Members recognised in every language (acronyms, brand names).
    pub any: Vec<String>,
}

impl SynonymGroup {
    /// The members recognised in `language`: its own terms plus the `any` terms.
    pub fn members(&self, language: Language) -> impl Iterator<Item = &str> {
        self.terms[language]
            .iter()
            .chain(self.any.iter())
            .map(String::as_str)
    }

    /// Number of members over all languages.
    pub fn len(&self) -> usize {
        self.terms.values().map(Vec::len).sum::<usize>() + self.any.len()
    }

    /// True when the group has no member at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The token added for group number `group`.
pub fn group_token(group: usize) -> String {
    format!("#{group}")
}

/// Finds the members of the synonym groups in a sequence of stems, for one language.
#[derive(Debug, Default, Clone)]
pub(crate) struct SynonymMatcher {
    /// First stem of a member → (remaining stems, group number).
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl SynonymMatcher {
    /// Adds a member, already analysed into content stems, to group `group`.
    pub(crate) fn insert(&mut self, stems: Vec<String>, group: usize) {
        let mut iter = stems.into_iter();
        let Some(first) = iter.next() else {
            return;
        };
        let rest: Vec<String> = iter.collect();
        let entry = self.by_first.entry(first).or_default();
        if !entry.iter().any(|(r, g)| *r == rest && *g == group) {
            entry.push((rest, group));
        }
    }

    /// True when no member was inserted.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Calls `found(start, end, group)` for every member found in `stems` (a slice of content stems),
    /// where `start..end` are indexes into `stems`. Single-stem members are also looked up in `extra`
    /// (compound parts), reported with `start == end == usize::MAX`.
    pub(crate) fn find(&self, stems: &[&str], mut found: impl FnMut(usize, usize, usize)) {
        if self.by_first.is_empty() {
            return;
        }
        for start in 0..stems.len() {
            let Some(candidates) = self.by_first.get(stems[start]) else {
                continue;
            };
            for (rest, group) in candidates {
                let end = start + 1 + rest.len();
                if end <= stems.len() && stems[start + 1..end].iter().zip(rest).all(|(a, b)| a == b)
                {
                    found(start, end, *group);
                }
            }
        }
    }

    /// The groups of which `stem` alone is a member.
    pub(crate) fn single(&self, stem: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_first
            .get(stem)
            .into_iter()
            .flatten()
            .filter(|(rest, _)| rest.is_empty())
            .map(|(_, group)| *group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_single_and_multi_word_members() {
        let mut m = SynonymMatcher::default();
        m.insert(vec!["cpas".into()], 0);
        m.insert(
            vec![
                "centr".into(),
                "public".into(),
                "action".into(),
                "social".into(),
            ],
            0,
        );
        m.insert(vec!["chomag".into()], 1);
        let stems = ["aller", "centr", "public", "action", "social", "chomag"];
        let mut hits = Vec::new();
        m.find(&stems, |s, e, g| hits.push((s, e, g)));
        assert_eq!(hits, [(1, 5, 0), (5, 6, 1)]);
    }

    #[test]
    fn a_partial_expression_is_not_a_match() {
        let mut m = SynonymMatcher::default();
        m.insert(vec!["allocat".into(), "chomag".into()], 3);
        let mut hits = Vec::new();
        m.find(&["allocat", "famil"], |s, e, g| hits.push((s, e, g)));
        assert!(hits.is_empty());
    }
}
