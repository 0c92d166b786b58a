//! French: elision (`l'emploi` → `emploi`, `jusqu'à` → `à`), stop words, Snowball French stemming.
//!
//! Quirks handled here:
//! - Elided articles and pronouns are glued to the next word by an apostrophe (straight or typographic):
//!   `l'`, `d'`, `qu'`, `j'`, `n'`, `s'`, `c'`, `m'`, `t'`, `jusqu'`, `lorsqu'`, `puisqu'`, `quoiqu'`.
//!   `aujourd'hui` and `prud'hommes` are not elisions and stay whole. SMS writing drops the apostrophe
//!   of `j'` before a consonant (`jcherche`, `jhabite`): that `j` goes too.
//! - Stop words come from the Snowball list (BSD licence, see below), folded, minus `sans` ("sans
//!   diplôme", "sans emploi" carry meaning), plus the question words, modal verbs and politeness words
//!   of visitors' questions (`comment`, `peux`, `voudrais`, `svp`, `bonjour`, ...).
//! - Stemming runs on the folded word, so `activité` and `activite` give the same term.

/// Elided prefixes (folded), longest first so that `jusqu'` wins over nothing.
const ELISIONS: &[&str] = &[
    "jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "l", "d", "j", "n", "s", "c", "m", "t",
];

/// Removes an elided article or pronoun: `l'emploi` → `emploi`; also the `j` that SMS writing glues to
/// a verb without its apostrophe (`jcherche` → `cherche`, `jhabite`, `jveux`): no French word starts
/// with `j` and a consonant. The word is already folded.
pub(super) fn strip_clitics(word: &str) -> &str {
    if let Some((prefix, rest)) = word.split_once('\'')
        && !rest.is_empty()
        && ELISIONS.contains(&prefix)
    {
        return rest;
    }
    let mut chars = word.chars();
    if chars.next() == Some('j')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() && !"aeiouy".contains(c))
        && word.len() >= 4
    {
        return &word[1..];
    }
    word
}

/// French stop words, folded. Derived from the Snowball French stop list
/// (<https://snowballstem.org/algorithms/french/stop.txt>, Copyright (c) 2001 Dr Martin Porter and
/// contributors, BSD 3-clause licence), with `sans` removed and visitor-question words added.
pub(super) const STOP_WORDS: &[&str] = &[
    // Snowball
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "et",
    "eux",
    "il",
    "je",
    "la",
    "le",
    "leur",
    "lui",
    "ma",
    "mais",
    "me",
    "meme",
    "mes",
    "moi",
    "mon",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "sa",
    "se",
    "ses",
    "son",
    "sur",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "c",
    "d",
    "j",
    "l",
    "a",
    "m",
    "n",
    "s",
    "t",
    "y",
    "etee",
    "etees",
    "etant",
    "suis",
    "es",
    "etes",
    "sont",
    "serai",
    "seras",
    "sera",
    "serons",
    "serez",
    "seront",
    "serais",
    "serait",
    "serions",
    "seriez",
    "seraient",
    "etais",
    "etait",
    "etions",
    "etiez",
    "etaient",
    "fus",
    "fut",
    "fumes",
    "futes",
    "furent",
    "sois",
    "soit",
    "soyons",
    "soyez",
    "soient",
    "fusse",
    "fusses",
    "fussions",
    "fussiez",
    "fussent",
    "ayant",
    "eu",
    "eue",
    "eues",
    "eus",
    "ai",
    "avons",
    "avez",
    "ont",
    "aurai",
    "auras",
    "aura",
    "aurons",
    "aurez",
    "auront",
    "aurais",
    "aurait",
    "aurions",
    "auriez",
    "auraient",
    "avais",
    "avait",
    "avions",
    "aviez",
    "avaient",
    "eut",
    "eumes",
    "eutes",
    "eurent",
    "aie",
    "aies",
    "ait",
    "ayons",
    "ayez",
    "aient",
    "eusse",
    "eusses",
    "eussions",
    "eussiez",
    "eussent",
    "ceci",
    "cela",
    "celà",
    "cet",
    "cette",
    "ici",
    "ils",
    "les",
    "leurs",
    "quel",
    "quels",
    "quelle",
    "quelles",
    "soi",
    // visitors' question words, modal verbs and politeness
    "comment",
    "quoi",
    "quand",
    "combien",
    "pourquoi",
    "est",
    "peux",
    "peut",
    "pouvez",
    "pouvons",
    "peuvent",
    "puis",
    "pourrais",
    "pourrait",
    "pourriez",
    "veux",
    "veut",
    "voulez",
    "voudrais",
    "voudrait",
    "voudrions",
    "souhaite",
    "souhaiterais",
    "dois",
    "doit",
    "devez",
    "faut",
    "svp",
    "stp",
    "merci",
    "bonjour",
    "bonsoir",
    "salut",
    "madame",
    "monsieur",
    "ca",
    "chez",
    "tout",
    "tous",
    "toute",
    "toutes",
    "si",
    "tres",
    "bien",
    "aussi",
    "alors",
    "donc",
    "deja",
    "encore",
    "dont",
    "lequel",
    "laquelle",
    "ceux",
    "celle",
    "celles",
    "celui",
    "quelqu'un",
    "quelque",
    "quelques",
    "chose",
    "vais",
    "va",
    "vas",
    "fait",
    "faire",
    "fais",
    "depuis",
    "apres",
    "avant",
    "pendant",
    "plus",
    "moins",
    "peu",
    "comme",
    "avoir",
    "etre",
    "ya",
    "g",
    "jai",
    "jsuis",
    "chui",
    "cest",
    "ke",
    "kel",
    "koi",
    "pr",
    "ds",
    "qqn",
    "qq",
    "car",
    "parce",
    "oui",
    "non",
    "ok",
];

#[cfg(test)]
mod tests {
    use crate::text_analysis::{Analyzer, Language};

    fn terms(text: &str) -> Vec<String> {
        Analyzer::standalone(Language::Fr).content_terms(text)
    }

    #[test]
    fn removes_elisions_including_typographic_apostrophes() {
        assert_eq!(terms("l'emploi"), ["emploi"]);
        assert_eq!(terms("l’emploi"), ["emploi"]);
        assert_eq!(terms("jusqu'à l'école"), ["ecol"]);
        assert_eq!(terms("lorsqu'il travaille"), ["travaill"]);
        assert_eq!(terms("puisqu'on s'inscrit"), ["inscrit"]);
        assert_eq!(terms("aujourd'hui"), ["aujourd'hui"]);
    }

    #[test]
    fn real_question_with_accents_and_stop_words() {
        assert_eq!(
            terms("Comment m'inscrire comme demandeur d'emploi chez Actiris ?"),
            ["inscrir", "demandeur", "emploi", "actir"]
        );
    }

    #[test]
    fn accents_do_not_change_the_terms() {
        assert_eq!(
            terms("équivalence de diplôme"),
            terms("equivalence de diplome")
        );
        assert_eq!(terms("activité"), terms("activite"));
        assert_eq!(
            terms("formation qualifiante à Bruxelles"),
            terms("FORMATION QUALIFIANTE A BRUXELLES")
        );
    }

    #[test]
    fn the_sms_j_before_a_consonant_is_an_elision() {
        assert_eq!(terms("jcherche du taf"), terms("je cherche du taf"));
        assert_eq!(terms("jhabite a bxl"), terms("j'habite a bxl"));
        assert_eq!(
            super::strip_clitics("job"),
            "job",
            "a vowel after j: a word"
        );
        assert_eq!(super::strip_clitics("jeune"), "jeune");
        assert_eq!(super::strip_clitics("jr"), "jr", "too short to be a verb");
    }

    #[test]
    fn keeps_sans_because_it_carries_meaning() {
        assert_eq!(terms("sans diplôme"), ["san", "diplom"]);
    }

    #[test]
    fn plural_and_singular_share_a_stem() {
        assert_eq!(terms("formations"), terms("formation"));
        assert_eq!(terms("allocations"), terms("allocation"));
    }

    #[test]
    fn offsets_are_bytes_of_the_original_text() {
        let analysis = Analyzer::standalone(Language::Fr).analyze("Où trouver l’équivalence ?");
        let word = analysis
            .words
            .iter()
            .find(|w| w.text == "equivalence")
            .unwrap();
        assert_eq!(
            &"Où trouver l’équivalence ?"[word.offset_from..word.offset_to],
            "l’équivalence"
        );
    }
}
