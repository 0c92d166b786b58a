//! Lower-casing and accent folding: `Éducation` → `education`, `œuvre` → `oeuvre`, `Straße` → `strasse`,
//! `geïnteresseerd` → `geinteresseerd`. Applied to every word before stop words and stemming, at index
//! time and at query time, so that a visitor typing without accents finds accented text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Appends the folded form of `word` to `out`: lowercase, without diacritics, ligatures spelled out,
/// typographic apostrophes turned into `'`.
pub fn fold_into(word: &str, out: &mut String) {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' => out.push('\''),
            _ => {
                for lower in c.to_lowercase() {
                    for d in std::iter::once(lower).nfd() {
                        if !is_combining_mark(d) {
                            out.push(d);
                        }
                    }
                }
            }
        }
    }
}

/// The folded form of `word` (see [`fold_into`]).
///
/// ```
/// use cdm_faq::text_analysis::fold;
/// assert_eq!(fold("Équivalence"), "equivalence");
/// assert_eq!(fold("Œuvre"), "oeuvre");
/// assert_eq!(fold("Straße"), "strasse");
/// ```
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_french_accents_and_ligatures() {
        assert_eq!(fold("Éducation"), "education");
        assert_eq!(fold("à côté"), "a cote");
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("ÆSIR"), "aesir");
        assert_eq!(fold("ça"), "ca");
        assert_eq!(fold("Noël"), "noel");
    }

    #[test]
    fn folds_dutch_and_german() {
        assert_eq!(fold("geïnteresseerd"), "geinteresseerd");
        assert_eq!(fold("België"), "belgie");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn turns_typographic_apostrophes_into_ascii() {
        assert_eq!(fold("l’emploi"), "l'emploi");
        assert_eq!(fold("d‘accord"), "d'accord");
    }

    #[test]
    fn leaves_ascii_lowercase_untouched_and_keeps_other_scripts() {
        assert_eq!(fold("emploi"), "emploi");
        assert_eq!(fold("Ελλάδα"), "ελλαδα");
        assert_eq!(fold("Москва"), "москва");
    }
}
