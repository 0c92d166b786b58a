//! Reading `out-of-scope.toml`: the curated bank of questions the bot declines on purpose ("not
//! ours": employer-side HR, taxes, housing, commune paperwork...). Each `[[topic]]` has an id, a line for
//! editors (`about`), at least one question per language and, optionally, one sentence per language
//! saying where to go instead. The answer layer uses the questions as negative neighbours: a visitor
//! question closer to a bank question than to any entry is declined, with the topic's `instead`.

use super::parse::{SourceFile, TableReader};
use super::problem::Problem;
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// The file's name in the knowledge-base folder (optional: without it, the bank is empty).
pub const OUT_OF_SCOPE_FILE: &str = "out-of-scope.toml";

/// Questions per language below which the checker warns (a topic with fewer is easily missed).
const FEW_QUESTIONS: usize = 3;
/// Longest "instead" sentence, in words.
const MAX_INSTEAD_WORDS: usize = 40;

/// One topic of the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfScopeTopic {
    /// Identifier (lowercase letters, digits, hyphens).
    pub id: String,
    /// What the topic is, for editors.
    pub about: String,
    /// The topic's questions, per language.
    pub questions: PerLanguage<Vec<String>>,
    /// Where to go instead, per language (in every language or none).
    pub instead: Option<PerLanguage<String>>,
}

impl OutOfScopeTopic {
    /// The questions in `language`.
    pub fn questions(&self, language: Language) -> &[String] {
        &self.questions[language]
    }

    /// Where to go instead, in `language`.
    pub fn instead(&self, language: Language) -> Option<&str> {
        self.instead.as_ref().map(|texts| texts[language].as_str())
    }
}

/// Reads the bank's topics; problems go to `file`.
pub(crate) fn parse(
    file: &mut SourceFile,
    text: &str,
    languages: LanguageSet,
) -> Vec<OutOfScopeTopic> {
    let Some(table) = file.parse(text) else {
        return Vec::new();
    };
    let mut root = TableReader::new(&table, OUT_OF_SCOPE_FILE);
    let mut topics: Vec<OutOfScopeTopic> = Vec::new();
    for mut section in root.tables(file, "topic", "[[topic]]") {
        let span = section.span();
        let id = section.string(file, "id", true);
        let about = section.string(file, "about", true);
        let mut questions: PerLanguage<Vec<String>> = Default::default();
        if let Some(mut table) = section.table(file, "questions", "[topic.questions]", true) {
            for language in Language::ALL {
                let list = table
                    .string_list(file, language.code(), languages.contains(language))
                    .unwrap_or_default();
                if !list.is_empty() && list.len() < FEW_QUESTIONS {
                    let span = table.span();
                    file.warning(
                        &span,
                        format!(
                            "only {} {} question(s): give at least {FEW_QUESTIONS} ways of asking",
                            list.len(),
                            language.english_name()
                        ),
                    );
                }
                for question in list {
                    if question.value.trim().is_empty() {
                        file.error(&question.span, "an empty question");
                    } else {
                        questions[language].push(question.value);
                    }
                }
            }
            table.finish(file);
        }
        let mut instead = None;
        if let Some(mut table) = section.table(file, "instead", "[topic.instead]", false) {
            let mut texts: PerLanguage<String> = Default::default();
            let mut complete = true;
            for language in Language::ALL {
                match table.string(file, language.code(), languages.contains(language)) {
                    Some(text) if text.value.split_whitespace().count() > MAX_INSTEAD_WORDS => {
                        file.error(
                            &text.span,
                            format!(
                                "keep \"instead\" to one short sentence (at most {MAX_INSTEAD_WORDS} words)"
                            ),
                        );
                        complete = false;
                    }
                    Some(text) => texts[language] = text.value,
                    None => complete &= !languages.contains(language),
                }
            }
            table.finish(file);
            if complete {
                instead = Some(texts);
            }
        }
        section.finish(file);
        let Some(id) = id else { continue };
        if !super::is_slug(&id.value) {
            file.error(
                &id.span,
                "a topic id is lowercase letters, digits and hyphens",
            );
        }
        if topics.iter().any(|t| t.id == id.value) {
            file.error(&span, format!("duplicate topic id {:?}", id.value));
            continue;
        }
        topics.push(OutOfScopeTopic {
            id: id.value,
            about: about.map(|a| a.value).unwrap_or_default(),
            questions,
            instead,
        });
    }
    root.finish(file);
    topics
}

/// A problem of the whole bank that no single line carries.
pub(crate) fn check_overlap(
    topics: &[OutOfScopeTopic],
    entry_phrasings: &std::collections::HashSet<String>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for topic in topics {
        for language in Language::ALL {
            for question in topic.questions(language) {
                if entry_phrasings.contains(&crate::text_analysis::fold(question)) {
                    problems.push(Problem::error(
                        OUT_OF_SCOPE_FILE,
                        None,
                        format!(
                            "topic {:?}: {question:?} is also a phrasing of an entry; a question cannot be both ours and not ours",
                            topic.id
                        ),
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(text: &str) -> (Vec<OutOfScopeTopic>, Vec<Problem>) {
        let mut file = SourceFile::new(Path::new(OUT_OF_SCOPE_FILE), text);
        let topics = parse(&mut file, text, LanguageSet::all());
        (topics, file.problems)
    }

    const GOOD: &str = r#"
[[topic]]
id = "employer-dismissal"
about = "Employers asking how to dismiss staff"
[topic.instead]
fr = "Un secrétariat social peut vous guider."
nl = "Een sociaal secretariaat kan u helpen."
en = "A social secretariat can guide you."
[topic.questions]
fr = ["comment licencier un employé", "préavis employeur", "rompre un contrat en période d'essai"]
nl = ["hoe ontsla ik een werknemer", "opzegtermijn als werkgever", "ontslag tijdens proefperiode"]
en = ["how do I fire an employee", "employer notice period", "dismiss someone on probation"]
"#;

    #[test]
    fn reads_topics_questions_and_instead() {
        let (topics, problems) = read(GOOD);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(topics.len(), 1);
        assert_eq!(topics[0].id, "employer-dismissal");
        assert_eq!(topics[0].questions(Language::Nl).len(), 3);
        assert_eq!(
            topics[0].instead(Language::En),
            Some("A social secretariat can guide you.")
        );
    }

    #[test]
    fn reports_missing_languages_bad_ids_and_duplicates_with_lines() {
        let text = r#"
[[topic]]
id = "Bad Id"
about = "x"
[topic.questions]
fr = ["a", "b", "c"]
en = ["a", "b", "c"]

[[topic]]
id = "Bad Id"
about = "y"
[topic.questions]
fr = ["a", "b", "c"]
nl = ["a", "b", "c"]
en = ["a", "b", "c"]
"#;
        let (_, problems) = read(text);
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert!(messages.iter().any(|m| m.contains("`nl`")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("lowercase")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("duplicate")),
            "{messages:?}"
        );
        assert!(problems.iter().all(|p| p.line.is_some()), "{problems:?}");
    }

    #[test]
    fn a_question_that_is_also_an_entry_phrasing_is_an_error() {
        let (topics, _) = read(GOOD);
        let phrasings = [crate::text_analysis::fold("Préavis employeur")]
            .into_iter()
            .collect();
        assert_eq!(check_overlap(&topics, &phrasings).len(), 1);
    }
}
