//! Dutch: `'s` plurals (`cv's` → `cv`), stop words, Snowball Dutch stemming, and the building blocks
//! of compound splitting (`werkloosheidsuitkering` → `werkloosheid` + `uitkering`): the linking
//! morphemes between parts and a base lexicon of common parts.
//!
//! Compound splitting itself lives in `compounds.rs`; its dictionary is this base lexicon plus every
//! Dutch word of the knowledge base, so new content makes new compounds splittable.

/// Removes the plural/genitive `'s` (`cv's` → `cv`, `auto's` → `auto`) and the genitive `s'` that
/// visitors glue to the next word when they mean `'s avonds` (`s'avonds` → `avonds`). The word is already
/// folded.
pub(super) fn strip_clitics(word: &str) -> &str {
    let word = word
        .strip_prefix("s'")
        .filter(|rest| rest.len() > 2)
        .unwrap_or(word);
    word.strip_suffix("'s").unwrap_or(word)
}

/// The infinitives a Dutch verb stem may come from, as used at the start of compounds: `zoek` (zoeken)
/// in `zoekmachine`, `leer` (leren, with the doubled vowel of the closed syllable undone) in `leerweg`,
/// `schrijf` (schrijven, f → v) in `schrijfcursus`, `programmeer` (programmeren) in `programmeercursus`.
pub(super) fn infinitives(stem: &str) -> Vec<String> {
    let mut out = vec![format!("{stem}en")];
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    // Undo the doubled vowel: "leer" → "leren", "maak" → "maken", "programmeer" → "programmeren".
    let undoubled: String =
        if n >= 3 && chars[n - 2] == chars[n - 3] && "aeou".contains(chars[n - 2]) {
            chars[..n - 2].iter().chain(&chars[n - 1..]).collect()
        } else {
            stem.to_string()
        };
    // f → v and s → z before the ending: "schrijf" → "schrijven", "lees" → "lezen".
    let voiced = |w: &str| match w.strip_suffix('f') {
        Some(rest) => Some(format!("{rest}ven")),
        None => w.strip_suffix('s').map(|rest| format!("{rest}zen")),
    };
    if undoubled != stem {
        out.push(format!("{undoubled}en"));
    }
    out.extend(voiced(&undoubled));
    out
}

/// Linking morphemes ("tussenklanken") allowed between two parts of a compound.
pub(super) const LINKING_MORPHEMES: &[&str] = &["s", "e", "en", "er"];

/// Words that often appear as parts of compounds in visitors' questions, beyond the knowledge base's
/// own vocabulary (folded).
pub(super) const BASE_LEXICON: &[&str] = &[
    "aanvraag",
    "advies",
    "arbeid",
    "attest",
    "avond",
    "baan",
    "basis",
    "bedrijf",
    "begeleiding",
    "beroep",
    "bewijs",
    "bijscholing",
    "buitenland",
    "centrum",
    "contract",
    "cursus",
    "dag",
    "diploma",
    "dienst",
    "erkenning",
    "ervaring",
    "examen",
    "formulier",
    "gesprek",
    "geld",
    "hulp",
    "inkomen",
    "inschrijving",
    "job",
    "jongere",
    "jongeren",
    "kaart",
    "kennis",
    "kost",
    "kosten",
    "leer",
    "leren",
    "les",
    "lessen",
    "loon",
    "markt",
    "nummer",
    "onderneming",
    "ondernemer",
    "onderwijs",
    "opleiding",
    "opvang",
    "plaats",
    "plan",
    "premie",
    "project",
    "recht",
    "rechten",
    "school",
    "sector",
    "sollicitatie",
    "sollicitatiebrief",
    "stage",
    "steun",
    "student",
    "studie",
    "taal",
    "tijd",
    "traject",
    "uitkering",
    "uren",
    "vak",
    "vergoeding",
    "vergunning",
    "verlof",
    "vorming",
    "vrijwilliger",
    "week",
    "werk",
    "werkgever",
    "werkloos",
    "werkloosheid",
    "werknemer",
    "winkel",
    "zaak",
    "zoeken",
    "zoekende",
    "zorg",
    "brief",
    "gesprek",
    "aanbod",
    "vacature",
    "vacatures",
    "jaar",
    "maand",
    "uur",
    "land",
    "stad",
    "gemeente",
    "kind",
    "kinder",
    "ouder",
    "vrouw",
    "man",
    "mensen",
    "beperking",
    "handicap",
];

/// Dutch stop words, folded. Derived from the Snowball Dutch stop list
/// (<https://snowballstem.org/algorithms/dutch/stop.txt>, Copyright (c) 2001 Dr Martin Porter and
/// contributors, BSD 3-clause licence), with `zonder` removed ("zonder diploma" carries meaning),
/// plus question words, modal verbs, politeness and chat spellings.
pub(super) const STOP_WORDS: &[&str] = &[
    // Snowball
    "de",
    "en",
    "van",
    "ik",
    "te",
    "dat",
    "die",
    "in",
    "een",
    "hij",
    "het",
    "niet",
    "zijn",
    "is",
    "was",
    "op",
    "aan",
    "met",
    "als",
    "voor",
    "had",
    "er",
    "maar",
    "om",
    "hem",
    "dan",
    "zou",
    "of",
    "wat",
    "mijn",
    "men",
    "dit",
    "zo",
    "door",
    "over",
    "ze",
    "zich",
    "bij",
    "ook",
    "tot",
    "je",
    "mij",
    "uit",
    "der",
    "daar",
    "haar",
    "naar",
    "heb",
    "hoe",
    "heeft",
    "hebben",
    "deze",
    "u",
    "want",
    "nog",
    "zal",
    "me",
    "zij",
    "nu",
    "ge",
    "geen",
    "omdat",
    "iets",
    "worden",
    "toch",
    "al",
    "waren",
    "veel",
    "meer",
    "doen",
    "toen",
    "moet",
    "ben",
    "kan",
    "hun",
    "dus",
    "alles",
    "onder",
    "ja",
    "eens",
    "hier",
    "wie",
    "werd",
    "altijd",
    "doch",
    "wordt",
    "wezen",
    "kunnen",
    "ons",
    "zelf",
    "tegen",
    "na",
    "reeds",
    "wil",
    "kon",
    "niets",
    "uw",
    "iemand",
    "geweest",
    "andere",
    // question words, modal verbs, politeness, chat spellings
    "waar",
    "wanneer",
    "welke",
    "welk",
    "waarom",
    "hoeveel",
    "kun",
    "kunt",
    "mag",
    "mogen",
    "moeten",
    "wilt",
    "willen",
    "zou",
    "zouden",
    "graag",
    "jij",
    "jouw",
    "jullie",
    "we",
    "wij",
    "onze",
    "mn",
    "m'n",
    "z'n",
    "t",
    "s",
    "k",
    "even",
    "eigenlijk",
    "gewoon",
    "nou",
    "wel",
    "hebt",
    "bent",
    "ga",
    "gaat",
    "gaan",
    "hallo",
    "dag",
    "goeiedag",
    "goedendag",
    "hoi",
    "bedankt",
    "dank",
    "alsjeblieft",
    "alstublieft",
    "aub",
    "ajb",
    "svp",
    "pls",
    "ok",
    "oke",
    "nee",
    "iemand",
    "weet",
    "iets",
    "zoiets",
    "welke",
    "ergens",
    "alle",
    "elke",
    "moet",
    "mogelijk",
    "krijg",
    "kom",
    "komen",
    "doe",
];

#[cfg(test)]
mod tests {
    use crate::text_analysis::{Analyzer, Language};

    fn terms(text: &str) -> Vec<String> {
        Analyzer::standalone(Language::Nl).content_terms(text)
    }

    #[test]
    fn real_question() {
        assert_eq!(
            terms("Hoe schrijf ik me in als werkzoekende bij Actiris?"),
            ["schrijf", "werkzoek", "actiris"]
        );
    }

    #[test]
    fn apostrophe_plurals_and_diaeresis() {
        assert_eq!(terms("cv's"), terms("cv"));
        assert_eq!(terms("s'avonds"), terms("'s avonds"));
        assert_eq!(terms("geïnteresseerd"), terms("geinteresseerd"));
    }

    #[test]
    fn verb_stems_lead_to_their_infinitives() {
        use super::infinitives;
        assert!(infinitives("zoek").contains(&"zoeken".to_string()));
        assert!(infinitives("leer").contains(&"leren".to_string()));
        assert!(infinitives("programmeer").contains(&"programmeren".to_string()));
        assert!(infinitives("schrijf").contains(&"schrijven".to_string()));
        assert!(infinitives("lees").contains(&"lezen".to_string()));
    }

    #[test]
    fn keeps_zonder_because_it_carries_meaning() {
        assert_eq!(terms("zonder diploma"), ["zonder", "diploma"]);
    }
}
