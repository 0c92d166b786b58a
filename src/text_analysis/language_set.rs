//! A set of languages: those a word of the index is known in, those a small-talk trigger belongs to.
//! [`LanguageSet`] is `Copy` and as small as a byte (one bit per language, private to this file), and
//! iterates in [`Language::ALL`] order.

use std::fmt;

use super::Language;
use super::per_language::slot;

/// A set of [`Language`]s.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LanguageSet(u8);

impl LanguageSet {
    /// The bit of `language`.
    #[inline]
    const fn bit(language: Language) -> u8 {
        1 << slot(language)
    }

    /// No language.
    #[inline]
    pub const fn empty() -> LanguageSet {
        LanguageSet(0)
    }

    /// Every language.
    pub const fn all() -> LanguageSet {
        let mut set = LanguageSet::empty();
        let mut i = 0;
        while i < Language::ALL.len() {
            set.0 |= LanguageSet::bit(Language::ALL[i]);
            i += 1;
        }
        set
    }

    /// `language` alone.
    #[inline]
    pub const fn only(language: Language) -> LanguageSet {
        LanguageSet(LanguageSet::bit(language))
    }

    /// Adds `language`.
    #[inline]
    pub fn insert(&mut self, language: Language) {
        self.0 |= LanguageSet::bit(language);
    }

    /// Takes `language` out.
    #[inline]
    pub fn remove(&mut self, language: Language) {
        self.0 &= !LanguageSet::bit(language);
    }

    /// True when `language` is in the set.
    #[inline]
    pub const fn contains(self, language: Language) -> bool {
        self.0 & LanguageSet::bit(language) != 0
    }

    /// True when the set has no language.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of languages in the set.
    #[inline]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The languages of the set, in [`Language::ALL`] order.
    #[inline]
    pub fn iter(self) -> impl Iterator<Item = Language> {
        Language::ALL.into_iter().filter(move |&l| self.contains(l))
    }

    /// The languages in either set.
    #[inline]
    pub const fn union(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 | other.0)
    }

    /// The languages in both sets.
    #[inline]
    pub const fn intersection(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 & other.0)
    }
}

impl FromIterator<Language> for LanguageSet {
    fn from_iter<I: IntoIterator<Item = Language>>(languages: I) -> LanguageSet {
        let mut set = LanguageSet::empty();
        set.extend(languages);
        set
    }
}

impl Extend<Language> for LanguageSet {
    fn extend<I: IntoIterator<Item = Language>>(&mut self, languages: I) {
        for language in languages {
            self.insert(language);
        }
    }
}

impl fmt::Debug for LanguageSet {
    /// `{fr, en}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut set = f.debug_set();
        for language in self.iter() {
            set.entry(&format_args!("{}", language.code()));
        }
        set.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_all_and_only() {
        assert!(LanguageSet::empty().is_empty());
        assert_eq!(LanguageSet::empty().len(), 0);
        assert_eq!(LanguageSet::default(), LanguageSet::empty());
        assert_eq!(LanguageSet::all().len(), Language::ALL.len());
        assert!(
            Language::ALL
                .iter()
                .all(|&l| LanguageSet::all().contains(l))
        );
        let nl = LanguageSet::only(Language::Nl);
        assert_eq!(nl.len(), 1);
        assert!(nl.contains(Language::Nl));
        assert!(!nl.contains(Language::Fr) && !nl.contains(Language::En));
    }

    #[test]
    fn insert_and_remove() {
        let mut set = LanguageSet::empty();
        set.insert(Language::En);
        set.insert(Language::En);
        set.insert(Language::Fr);
        assert_eq!(set.len(), 2);
        assert!(set.contains(Language::Fr) && set.contains(Language::En));
        set.remove(Language::En);
        set.remove(Language::Nl);
        assert_eq!(set, LanguageSet::only(Language::Fr));
        set.remove(Language::Fr);
        assert!(set.is_empty());
    }

    #[test]
    fn iterates_in_all_order() {
        let set: LanguageSet = [Language::En, Language::Fr].into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), [Language::Fr, Language::En]);
        assert_eq!(LanguageSet::all().iter().collect::<Vec<_>>(), Language::ALL);
        assert_eq!(LanguageSet::empty().iter().count(), 0);
    }

    #[test]
    fn union_and_intersection() {
        let fr_nl: LanguageSet = [Language::Fr, Language::Nl].into_iter().collect();
        let nl_en: LanguageSet = [Language::Nl, Language::En].into_iter().collect();
        assert_eq!(fr_nl.union(nl_en), LanguageSet::all());
        assert_eq!(fr_nl.intersection(nl_en), LanguageSet::only(Language::Nl));
        assert!(
            LanguageSet::only(Language::Fr)
                .intersection(LanguageSet::only(Language::En))
                .is_empty()
        );
    }

    #[test]
    fn debug_shows_codes() {
        let set: LanguageSet = [Language::En, Language::Fr].into_iter().collect();
        assert_eq!(format!("{set:?}"), "{fr, en}");
        assert_eq!(format!("{:?}", LanguageSet::empty()), "{}");
    }
}
