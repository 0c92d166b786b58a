//! Removing personal data from a question before it is stored: e-mail addresses, IBANs, Belgian
//! national register numbers, phone numbers and any other long run of digits are replaced by a
//! placeholder (`[email]`, `[iban]`, `[national-number]`, `[phone]`, `[number]`). Applied to every
//! question kept for editors; nothing unscrubbed is ever written.

use std::sync::LazyLock;

use regex::Regex;

struct Rule {
    pattern: Regex,
    replacement: &'static str,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |pattern: &str, replacement| Rule {
        pattern: Regex::new(pattern).expect("valid scrub pattern"),
        replacement,
    };
    vec![
        rule(
            r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9\-]+(?:\s*(?:\.|\(dot\))\s*[a-z0-9\-]+)+",
            "[email]",
        ),
        // Belgian national register number: YY.MM.DD-XXX.XX (11 digits, any separators).
        rule(
            r"\b\d{2}[.\s/-]?\d{2}[.\s/-]?\d{2}[.\s/-]?\d{3}[.\s/-]?\d{2}\b",
            "[national-number]",
        ),
        // International and Belgian phone numbers: +32 2 555 05 60, 0032..., 0475/12.34.56, 02 555 05 60.
        rule(
            r"(?:\+|\b00)\d{1,3}[\s./-]?(?:\(0\)[\s./-]?)?\d{1,4}(?:[\s./-]?\d{2,4}){2,5}\b",
            "[phone]",
        ),
        rule(r"\b0\d{1,3}(?:[\s./-]?\d{2,3}){2,4}\b", "[phone]"),
        rule(r"\d(?:[\s./-]?\d){5,}", "[number]"),
    ]
});

/// IBAN candidates: country code, check digits, then groups of letters and digits.
static IBAN_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]{1,4}){3,8}").expect("valid IBAN pattern")
});

/// True when `iban` (letters and digits only) passes the ISO 13616 check (mod 97 = 1).
fn valid_iban(iban: &str) -> bool {
    if !(15..=34).contains(&iban.len()) {
        return false;
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut remainder: u32 = 0;
    for c in rearranged {
        let value = match c.to_ascii_uppercase() {
            d @ '0'..='9' => d as u32 - '0' as u32,
            l @ 'A'..='Z' => l as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        for digit in if value >= 10 {
            vec![value / 10, value % 10]
        } else {
            vec![value]
        } {
            remainder = (remainder * 10 + digit) % 97;
        }
    }
    remainder == 1
}

/// Replaces every IBAN that passes its checksum. A candidate may run into the following words ("BE68
/// 5390 0754 7034 pour"), so its prefixes are tried, longest first, at each group boundary.
fn scrub_ibans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for candidate in IBAN_CANDIDATE.find_iter(text) {
        let span = candidate.as_str();
        let mut ends: Vec<usize> = span
            .char_indices()
            .filter(|(i, c)| (c.is_ascii_whitespace() || *c == '-') && *i > 0)
            .map(|(i, _)| i)
            .collect();
        ends.push(span.len());
        let found = ends.iter().rev().find(|&&end| {
            let compact: String = span[..end]
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            valid_iban(&compact)
        });
        if let Some(&end) = found {
            out.push_str(&text[last..candidate.start()]);
            out.push_str("[iban]");
            last = candidate.start() + end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The text with personal data replaced by placeholders.
pub fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    if IBAN_CANDIDATE.is_match(&out) {
        out = scrub_ibans(&out);
    }
    for rule in RULES.iter() {
        if rule.pattern.is_match(&out) {
            out = rule
                .pattern
                .replace_all(&out, rule.replacement)
                .into_owned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn emails() {
        assert_eq!(
            scrub("écrivez-moi à jean.dupont+cv@gmail.com merci"),
            "écrivez-moi à [email] merci"
        );
        assert_eq!(scrub("mail: ana (at) skynet (dot) be"), "mail: [email]");
    }

    #[test]
    fn iban_checksums() {
        assert!(super::valid_iban("BE68539007547034"));
        assert!(super::valid_iban("NL91ABNA0417164300"));
        assert!(!super::valid_iban("BE68539007547035"));
    }

    #[test]
    fn ibans() {
        assert_eq!(
            scrub("mon compte BE68 5390 0754 7034 pour le paiement"),
            "mon compte [iban] pour le paiement"
        );
        assert_eq!(scrub("be68539007547034"), "[iban]");
        assert_eq!(scrub("NL91ABNA0417164300"), "[iban]");
    }

    #[test]
    fn national_register_numbers() {
        assert_eq!(
            scrub("mijn rijksregisternummer is 85.07.30-033.28"),
            "mijn rijksregisternummer is [national-number]"
        );
        assert_eq!(scrub("NN 85073003328"), "NN [national-number]");
    }

    #[test]
    fn phones() {
        assert_eq!(scrub("bel me op 0475 12 34 56"), "bel me op [phone]");
        assert_eq!(scrub("call +32 2 555 05 60 please"), "call [phone] please");
        assert_eq!(scrub("0475/12.34.56"), "[phone]");
        assert_eq!(scrub("0032 475 12 34 56"), "[phone]");
    }

    #[test]
    fn long_digit_runs_but_not_short_numbers() {
        assert_eq!(scrub("dossier 123456789 svp"), "dossier [number] svp");
        assert_eq!(
            scrub("j'ai 58 ans et 2 enfants, depuis 2019"),
            "j'ai 58 ans et 2 enfants, depuis 2019"
        );
        assert_eq!(
            scrub("niveau B1, article 60, code 1210"),
            "niveau B1, article 60, code 1210"
        );
    }

    #[test]
    fn several_kinds_in_one_question() {
        let s = scrub("Ik ben Jan, jan@x.be, 0475 12 34 56, BE68 5390 0754 7034, 85.07.30-033.28");
        assert!(!s.chars().any(|c| c.is_ascii_digit()), "{s}");
        assert!(!s.contains('@'));
    }
}
