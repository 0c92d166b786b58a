//! Parameters of the catalogue routes: the page language (`lang`, else the browser's Accept-Language,
//! else French) and the theme. Raw strings → validated values, with our error codes. Questions (ask,
//! suggest) go through `answer::Question::parse` instead, which reads the same way.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;

use super::error::ApiError;
use crate::answer::accept_language;
use crate::knowledge_base::Theme;
use crate::text_analysis::Language;

/// A language code that must be fr, nl or en (regional tags accepted), as `unknown_language` otherwise.
pub fn required_language(lang: &str) -> Result<Language, ApiError> {
    lang.trim()
        .parse()
        .map_err(|_| ApiError::UnknownLanguage(lang.chars().take(20).collect()))
}

/// `lang` if given (must be fr, nl or en), else the first fr/nl/en of Accept-Language.
pub fn language(lang: Option<&str>, headers: &HeaderMap) -> Result<Option<Language>, ApiError> {
    match lang.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => required_language(l).map(Some),
        None => Ok(headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(accept_language)),
    }
}

/// The reply language for catalogue routes: `lang`, Accept-Language, else French.
pub fn language_or_default(lang: Option<&str>, headers: &HeaderMap) -> Result<Language, ApiError> {
    Ok(language(lang, headers)?.unwrap_or(Language::Fr))
}

/// `theme` if given and not empty.
pub fn theme(theme: Option<&str>) -> Result<Option<Theme>, ApiError> {
    match theme.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| ApiError::UnknownTheme(t.chars().take(40).collect())),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_a_fallback() {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT_LANGUAGE,
            "de-DE,nl-BE;q=0.9,fr;q=0.8".parse().unwrap(),
        );
        assert_eq!(language(None, &headers), Ok(Some(Language::Nl)));
        assert_eq!(language(Some("en"), &headers), Ok(Some(Language::En)));
        assert!(matches!(
            language(Some("xx"), &headers),
            Err(ApiError::UnknownLanguage(_))
        ));
        assert_eq!(language(None, &HeaderMap::new()), Ok(None));
    }
}
