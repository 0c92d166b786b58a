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

/// Whether a Dutch verb stem (ASCII) may come from an infinitive that `known` accepts (left in `buf`), as used at the
/// start of compounds: `zoek` (zoeken) in `zoekmachine`, `leer` (leren, with the doubled vowel of the
/// closed syllable undone) in `leerweg`, `schrijf` (schrijven, f → v) in `schrijfcursus`, `programmeer`
/// (programmeren) in `programmeercursus`. Candidates are built in `buf` (reused: this runs for every
/// substring of every word the decompounder sees), so nothing is allocated.
pub(super) fn infinitive_in(stem: &str, buf: &mut String, known: impl Fn(&str) -> bool) -> bool {
    buf.clear();
    buf.push_str(stem);
    buf.push_str("en");
    if known(buf) {
        return true;
    }
    let b = stem.as_bytes();
    let n = b.len();
    // Undo the doubled vowel: "leer" → "leren", "maak" → "maken", "programmeer" → "programmeren".
    buf.clear();
    if stem.is_ascii() && n >= 3 && b[n - 2] == b[n - 3] && b"aeou".contains(&b[n - 2]) {
        buf.push_str(&stem[..n - 2]);
        buf.push_str(&stem[n - 1..]);
        let undoubled = buf.len();
        buf.push_str("en");
        if known(buf) {
            return true;
        }
        buf.truncate(undoubled);
    } else {
        buf.push_str(stem);
    }
    // f → v and s → z before the ending: "schrijf" → "schrijven", "lees" → "lezen".
    let ending = match buf.pop() {
        Some('f') => "ven",
        Some('s') => "zen",
        _ => return false,
    };
    buf.push_str(ending);
    known(buf)
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
        use super::infinitive_in;
        let known = [
            "zoeken",
            "leren",
            "programmeren",
            "schrijven",
            "lezen",
            "maken",
        ];
        let mut buf = String::new();
        let infinitive = |stem: &str, buf: &mut String| {
            infinitive_in(stem, buf, |w| known.contains(&w)).then(|| buf.clone())
        };
        assert_eq!(infinitive("zoek", &mut buf).as_deref(), Some("zoeken"));
        assert_eq!(infinitive("leer", &mut buf).as_deref(), Some("leren"));
        assert_eq!(infinitive("maak", &mut buf).as_deref(), Some("maken"));
        assert_eq!(
            infinitive("programmeer", &mut buf).as_deref(),
            Some("programmeren")
        );
        assert_eq!(
            infinitive("schrijf", &mut buf).as_deref(),
            Some("schrijven")
        );
        assert_eq!(infinitive("lees", &mut buf).as_deref(), Some("lezen"));
        assert_eq!(infinitive("blabla", &mut buf), None);
    }

    #[test]
    fn keeps_zonder_because_it_carries_meaning() {
        assert_eq!(terms("zonder diploma"), ["zonder", "diploma"]);
    }
}
