//! Reading `synonyms.toml`: `[[group]]` sections with `fr`, `nl`, `en` and `any` lists of terms.
//! The groups are kept as the editors wrote them; the analyzers normalise them (text_analysis).

use super::parse::{SourceFile, TableReader};
use crate::text_analysis::{Analyzer, Language, SynonymGroup};

/// Reads the synonym groups, with the line of each group.
pub(crate) fn parse(file: &mut SourceFile, text: &str) -> Vec<(SynonymGroup, usize)> {
    let Some(table) = file.parse(text) else {
        return Vec::new();
    };
    let mut root = TableReader::new(&table, "synonyms.toml");
    let mut groups = Vec::new();
    for mut section in root.tables(file, "group", "[[group]]") {
        let span = section.span();
        let line = file.line(span.start);
        let mut group = SynonymGroup {
            name: section.string(file, "name", false).map(|n| n.value),
            ..SynonymGroup::default()
        };
        for language in Language::ALL {
            let analyzer = Analyzer::standalone(language);
            for term in section
                .string_list(file, language.code(), false)
                .unwrap_or_default()
            {
                if analyzer.words(&term.value).is_empty() {
                    file.error(
                        &term.span,
                        format!("the term {:?} has no word in it", term.value),
                    );
                } else {
                    group.terms[language].push(term.value);
                }
            }
        }
        for term in section.string_list(file, "any", false).unwrap_or_default() {
            if Analyzer::standalone(Language::En)
                .words(&term.value)
                .is_empty()
            {
                file.error(
                    &term.span,
                    format!("the term {:?} has no word in it", term.value),
                );
            } else {
                group.any.push(term.value);
            }
        }
        section.finish(file);
        let distinct: std::collections::HashSet<String> = Language::ALL
            .iter()
            .flat_map(|l| group.members(*l).map(crate::text_analysis::fold))
            .collect();
        if distinct.len() < 2 {
            file.error(&span, "a synonym group needs at least two different terms");
        }
        groups.push((group, line));
    }
    root.finish(file);
    groups
}
