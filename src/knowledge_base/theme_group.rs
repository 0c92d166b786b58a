//! Sub-groups of a large theme (`[[themes.<slug>.groups]]` in `site.toml`): a short label in each
//! language and the entries it gathers, so that the widget's theme menu can offer "Finding a job (6)"
//! instead of a wall of thirty questions. Parsed here with the lines of each entry id; checked against
//! the entries in `validate.rs` (ids that exist, belong to the theme, appear in one group only; an
//! entry of a grouped theme in no group is a warning).

use super::parse::{SourceFile, TableReader};
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// The longest group label, in characters: it is a button in a phone-wide menu.
pub const MAX_GROUP_LABEL_CHARS: usize = 40;

/// One sub-group of a theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeGroup {
    /// Short id, unique in its theme (`find-a-job`).
    pub id: String,
    labels: PerLanguage<String>,
    /// The entry ids, in the order the menu shows them.
    pub entries: Vec<String>,
    /// Line of the `[[themes.<slug>.groups]]` header.
    pub line: usize,
    /// Line of each entry id, for the checker's messages.
    pub entry_lines: Vec<usize>,
}

impl ThemeGroup {
    /// The group's label in `language`.
    pub fn label(&self, language: Language) -> &str {
        &self.labels[language]
    }

    /// Reads the `groups` of one `[themes.<slug>]` table, reporting every problem of shape.
    pub(crate) fn parse_all<'a>(
        file: &mut SourceFile,
        theme_table: &mut TableReader<'a, '_>,
        theme_slug: &str,
        languages: LanguageSet,
    ) -> Vec<ThemeGroup> {
        let name = format!("[[themes.{theme_slug}.groups]]");
        let mut groups: Vec<ThemeGroup> = Vec::new();
        for mut table in theme_table.tables(file, "groups", &name) {
            let span = table.span();
            let line = file.line(span.start);
            let mut group = ThemeGroup {
                line,
                ..ThemeGroup::default()
            };
            if let Some(id) = table.string(file, "id", true) {
                if !is_group_id(&id.value) {
                    file.error(
                        &id.span,
                        format!(
                            "the group id {:?} must be lowercase letters, digits and dashes",
                            id.value
                        ),
                    );
                } else if groups.iter().any(|g| g.id == id.value) {
                    file.error(
                        &id.span,
                        format!("two groups of {theme_slug} have the id {:?}", id.value),
                    );
                }
                group.id = id.value;
            }
            for language in Language::ALL {
                let label_name = format!("{} = {{ label = \"...\" }}", language.code());
                let required = languages.contains(language);
                if let Some(mut t) = table.table(file, language.code(), &label_name, required) {
                    if let Some(label) = t.string(file, "label", true) {
                        let text = label.value.trim();
                        let chars = text.chars().count();
                        if text.is_empty() {
                            file.error(&label.span, "`label` is empty");
                        } else if chars > MAX_GROUP_LABEL_CHARS {
                            file.error(
                                &label.span,
                                format!(
                                    "the label has {chars} characters; at most {MAX_GROUP_LABEL_CHARS} fit on a phone's button"
                                ),
                            );
                        }
                        group.labels[language] = text.to_string();
                    }
                    t.finish(file);
                }
            }
            let entries = table.string_list(file, "entries", true).unwrap_or_default();
            if entries.is_empty() {
                file.error(&span, format!("{name} {:?} lists no entry", group.id));
            }
            for entry in entries {
                if group.entries.contains(&entry.value) {
                    file.error(
                        &entry.span,
                        format!("{:?} is listed twice in this group", entry.value),
                    );
                    continue;
                }
                group.entry_lines.push(file.line(entry.span.start));
                group.entries.push(entry.value);
            }
            table.finish(file);
            groups.push(group);
        }
        groups
    }
}

fn is_group_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> (Vec<ThemeGroup>, Vec<String>) {
        let mut file = SourceFile::new(Path::new("site.toml"), text);
        let table = file.parse(text).unwrap();
        let mut root = TableReader::new(&table, "site.toml");
        let mut themes = root.table(&mut file, "themes", "[themes]", true).unwrap();
        let mut work = themes
            .table(&mut file, "work", "[themes.work]", true)
            .unwrap();
        let groups = ThemeGroup::parse_all(&mut file, &mut work, "work", LanguageSet::all());
        work.finish(&mut file);
        let problems = file
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message))
            .collect();
        (groups, problems)
    }

    #[test]
    fn groups_are_read_with_their_lines() {
        let (groups, problems) = parse(
            r#"
[[themes.work.groups]]
id = "find-a-job"
entries = ["work/a", "work/b"]
fr = { label = "Chercher un emploi" }
nl = { label = "Werk zoeken" }
en = { label = "Finding a job" }
"#,
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].id, "find-a-job");
        assert_eq!(groups[0].label(Language::Nl), "Werk zoeken");
        assert_eq!(groups[0].entries, ["work/a", "work/b"]);
        assert_eq!(groups[0].line, 2);
        assert_eq!(groups[0].entry_lines, [4, 4]);
    }

    #[test]
    fn every_problem_of_shape_is_reported_with_its_line() {
        let (_, problems) = parse(
            r#"
[[themes.work.groups]]
id = "Find a job"
entries = ["work/a", "work/a"]
fr = { label = "Chercher un emploi, s'inscrire, connaître ses droits et le chômage" }
nl = { label = "" }

[[themes.work.groups]]
id = "rights"
entries = []
fr = { label = "Droits" }
nl = { label = "Rechten" }
en = { label = "Rights" }
"#,
        );
        let joined = problems.join("\n");
        assert!(
            joined.contains("3: the group id \"Find a job\" must be"),
            "{joined}"
        );
        assert!(joined.contains("4: \"work/a\" is listed twice"), "{joined}");
        assert!(
            joined.contains("5: the label has 66 characters"),
            "{joined}"
        );
        assert!(joined.contains("6: `label` is empty"), "{joined}");
        assert!(
            joined.contains(
                "2: [[themes.work.groups]] is missing the section en = { label = \"...\" }"
            ),
            "{joined}"
        );
        assert!(joined.contains("\"rights\" lists no entry"), "{joined}");
    }
}
