//! One value per language: the analyzers, an entry's texts, a site's messages, the counts of a vote.
//! [`PerLanguage`] is indexed by [`Language`] itself (`texts[language]`), so that no code outside this
//! file knows where a language sits among the others. Inside, it is a plain array in
//! [`Language::ALL`] order: indexing costs what indexing an array costs, and nothing is allocated.

use std::fmt;
use std::ops::{Index, IndexMut};

use super::Language;

/// Number of languages.
const COUNT: usize = Language::ALL.len();

/// Where `language`'s value sits in the array inside [`PerLanguage`] (and its bit in a
/// [`super::LanguageSet`]): its declaration order, which is also its place in [`Language::ALL`].
#[inline]
pub(super) const fn slot(language: Language) -> usize {
    language as usize
}

// `Language::ALL` lists the languages in declaration order, so `slot` is a position in it.
const _: () = {
    let mut i = 0;
    while i < COUNT {
        assert!(slot(Language::ALL[i]) == i);
        i += 1;
    }
};

/// One `T` for each [`Language`], indexed by the language: `messages[Language::Nl]`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PerLanguage<T>([T; COUNT]);

impl<T> PerLanguage<T> {
    /// The value of each language computed by `f`, called once per language in [`Language::ALL`]
    /// order.
    #[inline]
    pub fn from_fn(f: impl FnMut(Language) -> T) -> PerLanguage<T> {
        PerLanguage(Language::ALL.map(f))
    }

    /// Each language with its value, in [`Language::ALL`] order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (Language, &T)> {
        Language::ALL.into_iter().zip(self.0.iter())
    }

    /// Each language with its value, to change it, in [`Language::ALL`] order.
    #[inline]
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Language, &mut T)> {
        Language::ALL.into_iter().zip(self.0.iter_mut())
    }

    /// The values, in [`Language::ALL`] order.
    #[inline]
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The values, to change them, in [`Language::ALL`] order.
    #[inline]
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// The value of each language turned into a `U` by `f` (called in [`Language::ALL`] order).
    #[inline]
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerLanguage<U> {
        PerLanguage(self.0.map(f))
    }

    /// A reference to each language's value.
    #[inline]
    pub fn each_ref(&self) -> PerLanguage<&T> {
        PerLanguage(self.0.each_ref())
    }
}

impl<T> Index<Language> for PerLanguage<T> {
    type Output = T;

    #[inline]
    fn index(&self, language: Language) -> &T {
        &self.0[slot(language)]
    }
}

impl<T> IndexMut<Language> for PerLanguage<T> {
    #[inline]
    fn index_mut(&mut self, language: Language) -> &mut T {
        &mut self.0[slot(language)]
    }
}

impl<T: fmt::Debug> fmt::Debug for PerLanguage<T> {
    /// `{fr: …, nl: …, en: …}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (language, value) in self.iter() {
            map.entry(&format_args!("{}", language.code()), value);
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_by_language() {
        let mut codes = PerLanguage::from_fn(|l| l.code().to_string());
        assert_eq!(codes[Language::Fr], "fr");
        assert_eq!(codes[Language::Nl], "nl");
        assert_eq!(codes[Language::En], "en");
        codes[Language::Nl].push_str("-BE");
        assert_eq!(codes[Language::Nl], "nl-BE");
        assert_eq!(codes[Language::Fr], "fr");
    }

    #[test]
    fn iterates_in_all_order() {
        let mut counts: PerLanguage<usize> = PerLanguage::default();
        assert!(counts.values().all(|&c| c == 0));
        for (n, (_, count)) in counts.iter_mut().enumerate() {
            *count = n * 10;
        }
        let languages: Vec<Language> = counts.iter().map(|(l, _)| l).collect();
        assert_eq!(languages, Language::ALL);
        let values: Vec<usize> = counts.values().copied().collect();
        assert_eq!(values, [0, 10, 20]);
        for value in counts.values_mut() {
            *value += 1;
        }
        assert_eq!(counts[Language::En], 21);
    }

    #[test]
    fn from_fn_calls_in_all_order() {
        let mut calls = Vec::new();
        let _ = PerLanguage::from_fn(|l| calls.push(l));
        assert_eq!(calls, Language::ALL);
    }

    #[test]
    fn maps_and_compares() {
        let lengths = PerLanguage::from_fn(|l| l.english_name()).map(str::len);
        assert_eq!(lengths, PerLanguage::from_fn(|l| l.english_name().len()));
        assert_eq!(lengths[Language::Nl], "Dutch".len());
        let names = PerLanguage::from_fn(|l| l.english_name().to_string());
        let refs = names.each_ref();
        assert_eq!(*refs[Language::En], "English");
        assert_ne!(lengths, PerLanguage::default());
    }

    #[test]
    fn debug_shows_codes() {
        let counts = PerLanguage::from_fn(|l| l.code().len());
        assert_eq!(format!("{counts:?}"), "{fr: 2, nl: 2, en: 2}");
    }
}
