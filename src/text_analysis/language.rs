//! The three languages of the service, and how each maps to a BCP-47 tag, a Snowball stemmer and a
//! whatlang language. This is the one place where that mapping lives.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the knowledge base is written in and the bot answers in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French (`fr`).
    Fr,
    /// Dutch (`nl`).
    Nl,
    /// English (`en`).
    En,
}

impl Language {
    /// All languages, in declaration order: the order in which every per-language table
    /// ([`super::PerLanguage`]) and set ([`super::LanguageSet`]) is iterated.
    pub const ALL: [Language; 3] = [Language::Fr, Language::Nl, Language::En];

    /// The BCP-47 tag: `fr`, `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The Snowball algorithm used for stemming this language.
    pub(crate) fn stemmer_algorithm(self) -> rust_stemmers::Algorithm {
        match self {
            Language::Fr => rust_stemmers::Algorithm::French,
            Language::Nl => rust_stemmers::Algorithm::Dutch,
            Language::En => rust_stemmers::Algorithm::English,
        }
    }

    /// The whatlang language, for detection.
    pub(crate) fn whatlang(self) -> whatlang::Lang {
        match self {
            Language::Fr => whatlang::Lang::Fra,
            Language::Nl => whatlang::Lang::Nld,
            Language::En => whatlang::Lang::Eng,
        }
    }

    /// The language's name in English, for messages.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::Fr => "French",
            Language::Nl => "Dutch",
            Language::En => "English",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text is not one of `fr`, `nl`, `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected fr, nl or en")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts `fr`, `nl`, `en` in any case, and regional tags such as `fr-BE` or `nl_BE`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Ok(Language::Fr),
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            _ => Err(UnknownLanguage(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_regional_variants() {
        assert_eq!("fr".parse::<Language>(), Ok(Language::Fr));
        assert_eq!("NL-be".parse::<Language>(), Ok(Language::Nl));
        assert_eq!("en_GB".parse::<Language>(), Ok(Language::En));
        assert!("de".parse::<Language>().is_err());
        assert!("".parse::<Language>().is_err());
    }
}
