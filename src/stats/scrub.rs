//! Removing personal data from a question before it is stored. The text is normalised first (NFKC,
//! so full-width digits and ligatures become plain ones; zero-width and bidirectional-control
//! characters removed, so `0475​12​34​56` cannot hide a number), then replaced by placeholders:
//! e-mail addresses, plain or obfuscated (`x at gmail dot com`, `arobase`, `(at)`, without a TLD, with
//! accents) → `[email]`; IBANs checked by their checksum → `[iban]`; Belgian national register numbers →
//! `[national-number]`; street addresses (FR/NL street words with a house number, `-straat` compounds)
//! and postcodes followed by a commune → `[address]`; phone numbers in every Belgian notation (spaces,
//! dots, slashes, commas, underscores, dashes, `+32`/`0032`/`(0)`, mobile `04xx`) → `[phone]`; any
//! other run of six digits or more → `[number]`; names a visitor introduces ("je m'appelle Fatima El
//! Amrani", "my name is…", "ik heet…", "ik ben Jan" with a capital) → `[name]`. Applied to every
//! question kept for editors; nothing unscrubbed is ever written.

use std::sync::LazyLock;

use regex::{Captures, Regex};
use unicode_normalization::UnicodeNormalization;

/// Characters that are invisible or reorder text: removed before anything else is looked at.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// NFKC, invisible characters removed, typographic apostrophes made plain.
fn normalise(text: &str) -> String {
    text.nfkc()
        .filter(|c| !invisible(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => '\'',
            c => c,
        })
        .collect()
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid scrub pattern")
}

/// E-mail addresses: `@` (or `(at)`, `[at]`) with or without a TLD, or the words `at`, `arobase`,
/// `apenstaartje` followed by a domain with `dot`/`point`/`punt` or a real dot.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?xi)
        [\p{L}\p{N}._%+\-]+ \s* (?: @ | \(\s*at\s*\) | \[\s*at\s*\] | \{\s*at\s*\} | \(\s*arobase\s*\) ) \s*
            [\p{L}\p{N}\-]+ (?: \s* (?: \. | \(\s*(?:dot|point|punt)\s*\) | \[\s*(?:dot|point|punt)\s*\] | \s(?:dot|point|punt)\s ) \s* [\p{L}\p{N}\-]+ )*
        |
        \b [\p{L}\p{N}._%+\-]+ \s+ (?: at | arobase | apenstaartje ) \s+ [\p{L}\p{N}\-]+
            (?: \s* (?: \. | \s(?:dot|point|punt)\s | \(\s*(?:dot|point|punt)\s*\) ) \s* (?: com|be|net|org|eu|fr|nl|info|brussels|gov|edu|io|me|co|uk|de|ma|tn|dz|tr|live|hotmail|gmail|outlook|yahoo|skynet|telenet|proximus ) \b )+
        ",
    )
});

/// IBAN candidates: country code, check digits, then groups of letters and digits.
static IBAN_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b[a-z]{2}\d{2}(?:[ \-]?[a-z0-9]{1,4}){3,8}"));

/// Belgian national register number: YY.MM.DD-XXX.XX (11 digits, any separators).
static NATIONAL_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b\d{2}[.\s/_,-]?\d{2}[.\s/_,-]?\d{2}[.\s/_,-]?\d{3}[.\s/_,-]?\d{2}\b")
});

/// Street words that come before the street's name (FR, and `rue`-like abbreviations).
const FRENCH_STREETS: &str = r"rue|avenue|av\.?|chauss[ée]e|ch[ée]e\.?|boulevard|bd\.?|blvd\.?|place|pl\.|square|all[ée]e|impasse|quai|chemin|dr[èe]ve|clos|parvis|rond-point|galerie|passage|sentier|cit[ée]";
/// Street words that end the street's name (NL compounds: `Kerkstraat`, `Louizalaan`), also alone.
const DUTCH_STREETS: &str = r"straat|str\.|laan|steenweg|plein|lei|dreef|kaai|weg|plaats|singel|markt|baan|dijk|hof|vest|wal|gracht|pad|kade|park|street|road|lane";

/// A house number: `12`, `12a`, `12/3`, `12 bte 4`, `12 bus 3`, `12-14`; the word after it is captured so
/// that an age, an amount or a duration ("place 2 jours") is not taken for an address.
const HOUSE_NUMBER: &str = r"(?P<number>\d{1,4})(?:\s?[a-zA-Z]\b|\s?[/-]\s?\d{1,4}|\s*(?:bte|boîte|bus|b)\.?\s*\d{1,4})?\b(?P<after>\s*[\p{L}€%]+)?";

/// Words that, right after a number, show it is not a house number.
const UNITS: &[&str] = &[
    "ans",
    "an",
    "jaar",
    "year",
    "years",
    "euros",
    "euro",
    "eur",
    "€",
    "%",
    "h",
    "heure",
    "heures",
    "uur",
    "mois",
    "maand",
    "maanden",
    "month",
    "months",
    "jour",
    "jours",
    "dag",
    "dagen",
    "day",
    "days",
    "ème",
    "e",
    "de",
    "ste",
    "th",
    "st",
    "nd",
    "rd",
    "min",
    "minutes",
    "km",
    "m",
    "fois",
    "keer",
    "times",
    "semaines",
    "weken",
    "weeks",
    "personnes",
    "mensen",
    "people",
    "enfants",
    "kinderen",
    "children",
    "places",
    "plaatsen",
];

/// Street addresses: (pattern, whether a 4-digit year-like number is still taken as a house number).
static ADDRESS: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    vec![
        // rue Haute 12, avenue de la Toison d'Or 17, chaussée de Waterloo 1060 bte 2.
        (
            regex(&format!(
                r"(?i)\b(?:{FRENCH_STREETS})\s+(?:[\p{{L}}'\-]+\s+){{0,5}}?[\p{{L}}'\-]+\s*,?\s*(?-i:{HOUSE_NUMBER})"
            )),
            true,
        ),
        // 12 rue Haute, 12, avenue Louise.
        (
            regex(&format!(
                r"(?i)\b\d{{1,4}}[a-z]?\s*,?\s+(?:{FRENCH_STREETS})\s+(?:(?:de|du|des|la|le|les|l'|d')\s*)*[\p{{L}}\-]+(?:\s+(?-i:\p{{Lu}})[\p{{L}}\-]+)*"
            )),
            true,
        ),
        // Kerkstraat 5, Jean-Baptiste-Decockstraat 12, Rue Haute / Hoogstraat 12, Sint-Jansplein 3.
        (
            regex(&format!(
                r"(?i)\b[\p{{L}}\-]*(?:{DUTCH_STREETS})\s*,?\s*(?-i:{HOUSE_NUMBER})"
            )),
            false,
        ),
    ]
});

fn scrub_addresses(text: &str) -> String {
    let mut out = text.to_string();
    for (pattern, years) in ADDRESS.iter() {
        out = pattern
            .replace_all(&out, |c: &Captures<'_>| {
                let after = c.name("after").map_or("", |m| m.as_str());
                let unit = UNITS.contains(&after.trim().to_lowercase().as_str());
                let year = c.name("number").is_some_and(|n| {
                    let n = n.as_str();
                    n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))
                });
                if unit || (year && !years) {
                    c[0].to_string()
                } else {
                    format!("[address]{after}")
                }
            })
            .into_owned();
    }
    out
}

/// Communes of the Brussels region (FR and NL names, parts of names) and the largest Belgian towns.
const COMMUNES: &str = r"anderlecht|auderghem|oudergem|berchem|bruxelles|brussel|brussels|etterbeek|evere|forest|vorst|ganshoren|ixelles|elsene|jette|koekelberg|molenbeek|saint|sint|schaerbeek|schaarbeek|uccle|ukkel|watermael|watermaal|woluwe|laeken|laken|haren|neder|antwerpen|anvers|gent|gand|li[èe]ge|luik|charleroi|namur|namen|leuven|louvain|mons|bergen|brugge|bruges|mechelen|malines|hasselt|kortrijk|courtrai|oostende|ostende|aalst|alost|vilvoorde|zaventem|halle|dilbeek|wavre|waver|ottignies|nivelles|tournai|genk|machelen|grimbergen|drogenbos|overijse|tervuren|wemmel|asse|ninove|braine|waterloo|lasne|rixensart";

/// A postcode followed by a commune: `1000 Bruxelles`, `B-1030 Schaerbeek`, `1210 Saint-Josse-ten-Noode`.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?:b-?\s?)?[1-9]\d{{3}}\s+(?:{COMMUNES})(?:[\p{{L}}\-]*)\b"
    ))
});

/// Digits joined by at most a few separators (spaces, dots, slashes, dashes, underscores, a comma with
/// no space after it, `(0)`): the candidates for phone and other long numbers.
static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:\+\s?)?\d+(?:(?:[ \t./_\-]{1,3}|,|\s?\(0\)\s?)\d+)*"));

/// Words that introduce a name, and whether the name must be capitalised to be taken.
static NAME_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?xi)
        \b(?:
            (?P<strong> je\s+m'appelle | je\s+me\s+nomme | je\s+me\s+pr[ée]nomme | on\s+m'appelle
              | mon\s+(?:nom|pr[ée]nom)\s+(?:est|c'est) | moi\s+c'est | mon\s+nom\s*: | nom\s*:
              | my\s+(?:first\s+|full\s+|last\s+)?name\s+is | my\s+name's | i'm\s+called | i\s+am\s+called | call\s+me | name\s*:
              | ik\s+heet | ik\s+noem\s+me | mijn\s+(?:voor)?naam\s+is | mijn\s+naam\s*: | naam\s*: )
          | (?P<weak> ik\s+ben | i\s+am | i'm | je\s+suis )
        )\s+",
    )
});

/// Particles inside names (`Fatima El Amrani`, `Jan Van den Bossche`, `Ana da Silva`).
const PARTICLES: &[&str] = &[
    "el", "al", "ben", "bin", "ibn", "abu", "van", "von", "de", "den", "der", "del", "della", "di",
    "da", "dos", "du", "la", "le", "ter", "ten", "mc", "mac", "ould", "bou",
];

/// Words after which a name cannot go on (connectors, pronouns, common verbs), in the three languages;
/// and words that, right after a trigger, show it was no introduction ("mon nom est mal écrit").
const NOT_A_NAME: &[&str] = &[
    // French
    "et",
    "je",
    "j",
    "mais",
    "ou",
    "qui",
    "que",
    "quoi",
    "avec",
    "pour",
    "sur",
    "dans",
    "est",
    "suis",
    "ai",
    "cherche",
    "voudrais",
    "veux",
    "peux",
    "souhaite",
    "aimerais",
    "habite",
    "vis",
    "mal",
    "pas",
    "faux",
    "incorrect",
    "incorrecte",
    "écrit",
    "orthographié",
    "trop",
    "très",
    "bien",
    "ici",
    "un",
    "une",
    "le",
    "la",
    "les",
    "des",
    "mon",
    "ma",
    "mes",
    "né",
    "née",
    "demandeur",
    "demandeuse",
    "chômeur",
    "chômeuse",
    "étudiant",
    "étudiante",
    "belge",
    "à",
    "en",
    "au",
    "aux",
    "de",
    "du",
    "d",
    "l",
    "c",
    "s",
    "n",
    "m",
    "qu",
    "sans",
    "sur",
    "nouveau",
    "nouvelle",
    "inscrit",
    "inscrite",
    "perdu",
    "perdue",
    "âgé",
    "âgée",
    "marié",
    "mariée",
    "seul",
    "seule",
    "parent",
    "maman",
    "papa",
    "mère",
    "père",
    "indépendant",
    "indépendante",
    "travailleur",
    "intéressé",
    "intéressée",
    "allocataire",
    "réfugié",
    "réfugiée",
    "sans-papiers",
    // Dutch
    "en",
    "ik",
    "maar",
    "of",
    "die",
    "dat",
    "wat",
    "met",
    "voor",
    "op",
    "in",
    "is",
    "ben",
    "heb",
    "zoek",
    "wil",
    "kan",
    "woon",
    "verkeerd",
    "fout",
    "niet",
    "anders",
    "te",
    "zeer",
    "heel",
    "hier",
    "een",
    "de",
    "het",
    "mijn",
    "geboren",
    "werkzoekende",
    "werkloos",
    "werkloze",
    "student",
    "studente",
    "leerling",
    "zelfstandige",
    "belg",
    "belgische",
    "nieuw",
    "nieuwe",
    "ingeschreven",
    "bezig",
    "klaar",
    "gepensioneerd",
    "ouder",
    "moeder",
    "vader",
    "getrouwd",
    "alleen",
    "alleenstaand",
    "op",
    "zoek",
    "geïnteresseerd",
    "vluchteling",
    "nog",
    "al",
    "ook",
    "erg",
    "werknemer",
    "jong",
    "oud",
    "bang",
    "blij",
    "ziek",
    "moe",
    "benieuwd",
    // English
    "and",
    "i",
    "but",
    "or",
    "who",
    "that",
    "what",
    "with",
    "for",
    "on",
    "at",
    "is",
    "am",
    "have",
    "looking",
    "want",
    "would",
    "need",
    "can",
    "live",
    "misspelled",
    "misspelt",
    "spelled",
    "spelt",
    "wrong",
    "not",
    "different",
    "too",
    "very",
    "here",
    "a",
    "the",
    "my",
    "born",
    "unemployed",
    "jobseeker",
    "job",
    "student",
    "self-employed",
    "belgian",
    "new",
    "registered",
    "interested",
    "trying",
    "from",
    "of",
    "to",
    "in",
    "so",
    "also",
    "still",
    "just",
    "currently",
    "now",
    "retired",
    "parent",
    "mother",
    "father",
    "married",
    "single",
    "refugee",
    "working",
    "worried",
    "sorry",
    "confused",
    "lost",
    "going",
    "able",
    "allowed",
    "aged",
    "over",
    "under",
    "about",
    "sure",
    "happy",
    "sick",
    "tired",
    "glad",
    "writing",
    "asking",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The byte length of the name that starts `rest`, if it is one: up to four words that are not common
/// words (connectors, pronouns, verbs, nationalities, situations), capitalised after a weak trigger
/// ("ik ben Jan" but not "ik ben werkzoekende"), particles (`El`, `van den`) included when a name
/// follows them.
fn name_length(rest: &str, strong: bool) -> Option<usize> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^[\p{L}][\p{L}\-]*(?:'[\p{L}][\p{L}\-]*)?"));
    let mut end = 0;
    let mut words = 0;
    let mut pending_particles = 0;
    let mut cursor = 0;
    while words < 4 {
        let spaces = rest[cursor..].len() - rest[cursor..].trim_start_matches(' ').len();
        if words > 0 && spaces == 0 {
            break;
        }
        let at = cursor + spaces;
        let Some(word) = WORD.find(&rest[at..]).map(|m| m.as_str()) else {
            break;
        };
        let lower = word.to_lowercase();
        // "j'ai", "l'adresse": a clitic is never a name.
        let clitic = lower
            .split_once('\'')
            .is_some_and(|(head, _)| head.len() <= 2)
            && !is_capitalised(word);
        let common = NOT_A_NAME.contains(&lower.as_str()) || clitic;
        if words == 0 {
            if common || !(strong || is_capitalised(word)) {
                return None;
            }
        } else if PARTICLES.contains(&lower.as_str()) && pending_particles < 2 {
            pending_particles += 1;
            cursor = at + word.len();
            words += 1;
            continue;
        } else if common || !(strong || is_capitalised(word)) {
            break;
        }
        pending_particles = 0;
        words += 1;
        cursor = at + word.len();
        end = cursor;
    }
    (end > 0).then_some(end)
}

fn scrub_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for captures in NAME_TRIGGER.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        if whole.start() < last {
            continue;
        }
        let strong = captures.name("strong").is_some();
        // After a weak trigger ("ik ben", "i'm"), only a capitalised word can be a name, and not one at
        // the start of a sentence ("Je suis. Belge"): the word must follow the trigger on the same line.
        if let Some(length) = name_length(&text[whole.end()..], strong) {
            out.push_str(&text[last..whole.end()]);
            out.push_str("[name]");
            last = whole.end() + length;
        }
    }
    out.push_str(&text[last..]);
    out
}

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

/// What a run of digits is: a phone number, another long number, or nothing personal.
fn digits_replacement(run: &str) -> Option<&'static str> {
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let international = run.starts_with('+') || digits.starts_with("00");
    if international && (9..=15).contains(&n) {
        return Some("[phone]");
    }
    // Belgian national numbers: 0 + zone + subscriber (9 digits), mobile 04xx (10 digits).
    if digits.starts_with('0') && (9..=10).contains(&n) {
        return Some("[phone]");
    }
    if n >= 6 {
        // Two or three years ("2019-2021", "2019 2020") are not personal.
        let groups: Vec<&str> = run
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let years = groups.len() <= 3
            && groups
                .iter()
                .all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")));
        return (!years).then_some(if n >= 8 && digits.starts_with('0') {
            "[phone]"
        } else {
            "[number]"
        });
    }
    None
}

fn scrub_digits(text: &str) -> String {
    DIGIT_RUN
        .replace_all(text, |c: &Captures<'_>| {
            let run = &c[0];
            match digits_replacement(run) {
                Some(placeholder) => placeholder.to_string(),
                None => run.to_string(),
            }
        })
        .into_owned()
}

/// The text with personal data replaced by placeholders.
pub fn scrub(text: &str) -> String {
    let mut out = normalise(text);
    out = EMAIL.replace_all(&out, "[email]").into_owned();
    if IBAN_CANDIDATE.is_match(&out) {
        out = scrub_ibans(&out);
    }
    out = NATIONAL_NUMBER
        .replace_all(&out, "[national-number]")
        .into_owned();
    out = scrub_addresses(&out);
    out = POSTCODE.replace_all(&out, "[address]").into_owned();
    out = out.replace("[address], [address]", "[address]");
    out = out.replace("[address] [address]", "[address]");
    out = scrub_digits(&out);
    scrub_names(&out)
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn iban_checksums() {
        assert!(super::valid_iban("BE68539007547034"));
        assert!(super::valid_iban("NL91ABNA0417164300"));
        assert!(!super::valid_iban("BE68539007547035"));
    }

    #[test]
    fn emails() {
        assert_eq!(
            scrub("écrivez-moi à jean.dupont+cv@gmail.com merci"),
            "écrivez-moi à [email] merci"
        );
        assert_eq!(scrub("mail: ana (at) skynet (dot) be"), "mail: [email]");
    }

    #[test]
    fn ibans_and_national_numbers() {
        assert_eq!(
            scrub("mon compte BE68 5390 0754 7034 pour le paiement"),
            "mon compte [iban] pour le paiement"
        );
        assert_eq!(scrub("be68539007547034"), "[iban]");
        assert_eq!(
            scrub("mijn rijksregisternummer is 85.07.30-033.28"),
            "mijn rijksregisternummer is [national-number]"
        );
    }

    /// (personal-data sample, the personal parts that must be gone, words of the question that must
    /// stay). At least 60 samples across the three languages.
    const SAMPLES: &[(&str, &[&str], &[&str])] = &[
        // E-mail addresses, plain and obfuscated.
        (
            "écrivez-moi à fatima.elamrani@gmail.com svp",
            &["fatima", "gmail"],
            &["écrivez-moi", "svp"],
        ),
        (
            "mon mail est fatima at gmail dot com merci",
            &["fatima", "gmail"],
            &["mon mail est", "merci"],
        ),
        (
            "contact: jan arobase skynet point be",
            &["jan ", "skynet"],
            &["contact"],
        ),
        (
            "mail me: ana (at) telenet (dot) be",
            &["ana", "telenet"],
            &["mail me"],
        ),
        (
            "mijn mail is piet [at] proximus [dot] be",
            &["piet", "proximus"],
            &["mijn mail is"],
        ),
        (
            "my e-mail is john.smith @ outlook . com",
            &["john", "outlook"],
            &["my e-mail is"],
        ),
        (
            "envoyez à léa.durée@hôtmail.fr",
            &["léa", "hôtmail"],
            &["envoyez"],
        ),
        (
            "adresse: karim@gmail sans le point com",
            &["karim"],
            &["adresse"],
        ),
        (
            "mail naar an.peeters apenstaartje telenet punt be aub",
            &["peeters", "telenet"],
            &["mail naar", "aub"],
        ),
        (
            "mon adresse est sophie.dubois＠gmail.com",
            &["sophie", "gmail"],
            &["mon adresse est"],
        ),
        (
            "write to bob at yahoo.com please",
            &["bob", "yahoo"],
            &["write to", "please"],
        ),
        // Phone numbers in every notation.
        (
            "appelez-moi au 0475 12 34 56",
            &["0475", "34 56"],
            &["appelez-moi"],
        ),
        (
            "bel me op 0475/12.34.56",
            &["0475", "34.56"],
            &["bel me op"],
        ),
        ("mon numéro: 0475.12.34.56", &["0475"], &["mon numéro"]),
        ("gsm 0475-123-456", &["0475", "456"], &["gsm"]),
        (
            "call +32 475 12 34 56 please",
            &["475", "+32"],
            &["call", "please"],
        ),
        ("tel 0032 2 555 05 60", &["0032", "555"], &["tel"]),
        ("+32 (0)2 555 05 60 bureau", &["555", "+32"], &["bureau"]),
        ("numéro 0475,12,34,56", &["0475", "34,56"], &["numéro"]),
        ("nummer 0475_12_34_56 aub", &["0475"], &["nummer", "aub"]),
        ("appelle 02 555 05 60", &["555 05"], &["appelle"]),
        ("mijn gsm is 0487123456", &["0487123456"], &["mijn gsm is"]),
        (
            "0475\u{200B}12\u{200B}34\u{200B}56 est mon numéro",
            &["0475", "3456", "34"],
            &["est mon numéro"],
        ),
        (
            "０４７５ １２ ３４ ５６ c'est moi",
            &["0475", "０４７５"],
            &["c'est moi"],
        ),
        ("my number is 04 75 12 34 56", &["75 12"], &["my number is"]),
        ("bel 09 123 45 67 in Gent", &["123 45"], &["bel", "in Gent"]),
        ("telefoon: +32.475.12.34.56", &["475", "+32"], &["telefoon"]),
        // National register numbers and IBANs.
        (
            "mon numéro national 85.07.30-033.28",
            &["85.07.30", "033.28"],
            &["mon numéro national"],
        ),
        (
            "rijksregister 85073003328 klopt?",
            &["85073003328"],
            &["rijksregister", "klopt"],
        ),
        (
            "NISS 85 07 30 033 28 merci",
            &["85 07 30"],
            &["NISS", "merci"],
        ),
        (
            "my IBAN is BE68 5390 0754 7034 ok",
            &["BE68", "5390"],
            &["my IBAN is", "ok"],
        ),
        (
            "rekening NL91ABNA0417164300 graag",
            &["NL91ABNA0417164300"],
            &["rekening", "graag"],
        ),
        // Names, French.
        (
            "Bonjour, je m'appelle Fatima El Amrani et je cherche un emploi",
            &["Fatima", "Amrani"],
            &["Bonjour", "et je cherche un emploi"],
        ),
        (
            "je m'appelle fatima el amrani et je cherche du travail",
            &["fatima", "amrani"],
            &["et je cherche du travail"],
        ),
        (
            "Je m’appelle Jean-Pierre Dubois, j'ai 45 ans",
            &["Jean-Pierre", "Dubois"],
            &["j'ai 45 ans"],
        ),
        (
            "mon nom est Karim Benali, je voudrais une formation",
            &["Karim", "Benali"],
            &["je voudrais une formation"],
        ),
        (
            "moi c'est Sarah, comment m'inscrire chez Actiris ?",
            &["Sarah"],
            &["comment m'inscrire chez Actiris"],
        ),
        (
            "mon prénom est Ahmed et je suis chômeur",
            &["Ahmed"],
            &["et je suis chômeur"],
        ),
        (
            "je me nomme Ana da Silva",
            &["Ana", "Silva"],
            &["je me nomme"],
        ),
        (
            "Je suis Mohamed Ali et je cherche un stage",
            &["Mohamed", "Ali"],
            &["et je cherche un stage"],
        ),
        // Names, Dutch.
        (
            "Hallo, ik heet Jan Peeters en ik zoek werk",
            &["Jan", "Peeters"],
            &["Hallo", "en ik zoek werk"],
        ),
        (
            "ik heet an de smet en zoek een opleiding",
            &["an de smet", "smet"],
            &["en zoek een opleiding"],
        ),
        (
            "mijn naam is Pieter Van den Bossche, hoe schrijf ik me in?",
            &["Pieter", "Bossche"],
            &["hoe schrijf ik me in"],
        ),
        (
            "Ik ben Sofie Janssens en ik ben werkzoekende",
            &["Sofie", "Janssens"],
            &["en ik ben werkzoekende"],
        ),
        (
            "ik ben Youssef, waar kan ik Nederlands leren?",
            &["Youssef"],
            &["waar kan ik Nederlands leren"],
        ),
        ("mijn voornaam is Els", &["Els"], &["mijn voornaam is"]),
        // Names, English.
        (
            "Hi, my name is John Smith and I need a job",
            &["John", "Smith"],
            &["and I need a job"],
        ),
        (
            "my name is sarah and i am looking for training",
            &["sarah"],
            &["and i am looking for training"],
        ),
        (
            "I'm called Olga Petrova, where can I learn French?",
            &["Olga", "Petrova"],
            &["where can I learn French"],
        ),
        (
            "I am Ibrahim Diallo from Guinea",
            &["Ibrahim", "Diallo"],
            &["from Guinea"],
        ),
        ("my name's Tom", &["Tom"], &["my name"]),
        // Street addresses and postcodes.
        (
            "j'habite rue Haute 12 à Bruxelles",
            &["Haute 12"],
            &["j'habite", "à Bruxelles"],
        ),
        (
            "j'habite au 12 rue Haute",
            &["12 rue Haute", "Haute"],
            &["j'habite au"],
        ),
        (
            "mon adresse: avenue Louise 54 bte 3, 1050 Ixelles",
            &["Louise", "54", "1050", "Ixelles"],
            &["mon adresse"],
        ),
        (
            "chaussée de Waterloo 1060, c'est loin?",
            &["Waterloo 1060"],
            &["c'est loin"],
        ),
        (
            "place Flagey 18 est-ce le bon endroit",
            &["Flagey 18"],
            &["est-ce le bon endroit"],
        ),
        ("boulevard Anspach 1 bus 2", &["Anspach"], &[]),
        (
            "ik woon in de Kerkstraat 5 in Jette",
            &["Kerkstraat 5"],
            &["ik woon in de", "in Jette"],
        ),
        (
            "adres: Jean-Baptiste-Decockstraat 12a, 1080 Molenbeek",
            &["Decockstraat", "12a", "1080"],
            &["adres"],
        ),
        (
            "Antwerpsesteenweg 100 in Gent",
            &["Antwerpsesteenweg 100"],
            &["in Gent"],
        ),
        ("Louizalaan 54, Brussel", &["Louizalaan 54"], &["Brussel"]),
        (
            "Sint-Jansplein 3 is mijn adres",
            &["Sint-Jansplein 3"],
            &["is mijn adres"],
        ),
        (
            "je vis à 1030 Schaerbeek depuis 2 ans",
            &["1030 Schaerbeek"],
            &["je vis à", "depuis 2 ans"],
        ),
        (
            "I live at 1210 Saint-Josse-ten-Noode",
            &["1210", "Josse"],
            &["I live at"],
        ),
        ("Rue Haute / Hoogstraat 12", &["Hoogstraat 12"], &[]),
        // Several at once.
        (
            "Ik ben Jan, jan@x.be, 0475 12 34 56, Kerkstraat 5",
            &["Jan,", "jan@", "0475", "Kerkstraat 5"],
            &[],
        ),
        ("dossier 123456789 svp", &["123456789"], &["dossier", "svp"]),
    ];

    #[test]
    fn every_personal_data_sample_is_scrubbed_and_the_question_stays_readable() {
        assert!(SAMPLES.len() >= 60, "{} samples", SAMPLES.len());
        let mut failures = Vec::new();
        for (sample, gone, kept) in SAMPLES {
            let scrubbed = scrub(sample);
            for part in *gone {
                if scrubbed.contains(part) {
                    failures.push(format!(
                        "{sample:?} → {scrubbed:?}: {part:?} is still there"
                    ));
                }
            }
            for part in *kept {
                if !scrubbed.contains(part) {
                    failures.push(format!("{sample:?} → {scrubbed:?}: {part:?} was lost"));
                }
            }
            if !scrubbed.contains('[') {
                failures.push(format!("{sample:?}: no placeholder"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn ordinary_questions_are_unchanged() {
        for question in [
            "Comment m'inscrire chez Actiris ?",
            "j'ai 58 ans et 2 enfants, depuis 2019",
            "niveau B1, article 60, code 1210",
            "ik ben werkzoekende en zoek een opleiding",
            "Ik ben Belg en woon in Brussel",
            "ik ben 25 jaar en zoek werk",
            "Je suis à la rue, que faire ?",
            "je suis demandeur d'emploi depuis 2 ans",
            "Mon nom est mal orthographié sur mon diplôme",
            "my name is misspelled on my certificate",
            "mijn naam is verkeerd geschreven",
            "I'm looking for a job in Brussels",
            "I am unemployed since 2021",
            "Where can I learn Dutch at a school?",
            "Je cherche une formation de 12 mois",
            "Welke opleiding duurt 3 maanden?",
            "Combien coûte une formation de 1 500 euros ?",
            "Entre 2019-2021 j'ai travaillé en Belgique",
            "Werken in de haven van Antwerpen",
            "la place du marché, c'est où ?",
            "Is the job market in Brussels good?",
            "Quel est le numéro d'Actiris ?",
            "Ik heb 2 kinderen en werk 20 uur per week",
            "article 60 du CPAS",
            "Kan ik met een diploma uit Marokko werken?",
        ] {
            assert_eq!(scrub(question), question, "changed");
        }
    }

    #[test]
    fn invisible_characters_are_removed_and_apostrophes_made_plain() {
        assert_eq!(scrub("wer\u{200B}k\u{202E}en"), "werken");
        assert_eq!(scrub("l’emploi"), "l'emploi");
    }
}
