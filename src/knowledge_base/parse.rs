//! Reading one TOML file of the knowledge base with every value's line, so that each problem can be
//! reported at its place. The file is parsed with `toml`'s span-preserving, error-recovering parser;
//! [`TableReader`] then reads typed values out of a table, records a problem for each missing or
//! mistyped key, and reports the keys nobody asked for (misspellings get a "did you mean").

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::problem::Problem;
use crate::text_analysis::edit_distance;

/// One knowledge-base file being read: its path, text, line starts, and the problems found in it.
pub(crate) struct SourceFile {
    /// Path relative to the knowledge-base folder.
    pub(crate) path: PathBuf,
    line_starts: Vec<usize>,
    pub(crate) problems: Vec<Problem>,
}

impl SourceFile {
    pub(crate) fn new(path: &Path, text: &str) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.to_path_buf(),
            line_starts,
            problems: Vec::new(),
        }
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    pub(crate) fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let line = Some(self.line(span.start));
        self.problems
            .push(Problem::error(&self.path, line, message));
    }

    /// An error `lines` lines below the start of `span` (a place inside a multi-line value).
    pub(crate) fn error_at_line(
        &mut self,
        span: &Range<usize>,
        lines: usize,
        message: impl Into<String>,
    ) {
        let line = Some(self.line(span.start) + lines);
        self.problems
            .push(Problem::error(&self.path, line, message));
    }

    pub(crate) fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let line = Some(self.line(span.start));
        self.problems
            .push(Problem::warning(&self.path, line, message));
    }

    /// Parses `text` as TOML. On a syntax error, only the first one is recorded: the parser's later
    /// errors are almost always consequences of the first (an unclosed list makes every following line
    /// look wrong), and the rest of the file is not checked. The table is `None` then.
    pub(crate) fn parse<'i>(&mut self, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
        let (table, errors) = DeTable::parse_recoverable(text);
        let Some(error) = errors.into_iter().next() else {
            return Some(table);
        };
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().replace('\n', " ");
        let line = Some(self.line(span.start));
        self.problems.push(Problem::unreadable(
            &self.path,
            line,
            format!(
                "invalid TOML: {message} (fix this first: the rest of the file was not checked)"
            ),
        ));
        None
    }
}

/// A value with the place it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
}

/// Reads the keys of one TOML table, remembering which were read.
pub(crate) struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    /// How the table is named in messages: `[fr]`, `[review]`, `the file`.
    name: String,
    used: Vec<&'a str>,
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'a, 'i> TableReader<'a, 'i> {
    pub(crate) fn new(table: &'a Spanned<DeTable<'i>>, name: impl Into<String>) -> Self {
        TableReader {
            table: table.get_ref(),
            span: table.span(),
            name: name.into(),
            used: Vec::new(),
        }
    }

    /// The span of the table itself.
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn lookup(
        &mut self,
        key: &'a str,
    ) -> Option<(&'a Spanned<Cow<'i, str>>, &'a Spanned<DeValue<'i>>)> {
        self.used.push(key);
        self.table.iter().find(|(k, _)| k.get_ref().as_ref() == key)
    }

    fn missing(&self, file: &mut SourceFile, key: &str, what: &str) {
        let span = self.span.clone();
        file.error(&span, format!("{} is missing `{key}` ({what})", self.name));
    }

    /// True when the key is present (and marks it as known).
    pub(crate) fn has(&mut self, key: &'a str) -> bool {
        self.lookup(key).is_some()
    }

    /// A text value. Records a problem when required and missing, or not text.
    pub(crate) fn string(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        required: bool,
    ) -> Option<Located<String>> {
        let Some((_, value)) = self.lookup(key) else {
            if required {
                self.missing(file, key, "text");
            }
            return None;
        };
        match value.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.to_string(),
                span: value.span(),
            }),
            other => {
                file.error(
                    &value.span(),
                    format!("`{key}` must be text in quotes, not {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A list of texts. A single text is accepted as a list of one.
    pub(crate) fn string_list(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        required: bool,
    ) -> Option<Vec<Located<String>>> {
        let Some((_, value)) = self.lookup(key) else {
            if required {
                self.missing(file, key, "a list of texts");
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Array(items) => Some(Self::texts(file, key, items)),
            DeValue::String(s) => Some(vec![Located {
                value: s.to_string(),
                span: value.span(),
            }]),
            other => {
                file.error(
                    &value.span(),
                    format!("`{key}` must be a list of texts, not {}", type_name(other)),
                );
                None
            }
        }
    }

    fn texts(file: &mut SourceFile, key: &str, items: &DeArray<'i>) -> Vec<Located<String>> {
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Located {
                    value: s.to_string(),
                    span: item.span(),
                }),
                other => file.error(
                    &item.span(),
                    format!(
                        "every item of `{key}` must be text in quotes, not {}",
                        type_name(other)
                    ),
                ),
            }
        }
        out
    }

    /// A true/false value.
    pub(crate) fn bool(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        required: bool,
    ) -> Option<Located<bool>> {
        let Some((_, value)) = self.lookup(key) else {
            if required {
                self.missing(file, key, "true or false");
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Located {
                value: *b,
                span: value.span(),
            }),
            other => {
                file.error(
                    &value.span(),
                    format!("`{key}` must be true or false, not {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A date, written `2026-11-20` (a TOML date) or `"2026-11-20"`.
    pub(crate) fn date(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        required: bool,
    ) -> Option<Located<time::Date>> {
        let Some((_, value)) = self.lookup(key) else {
            if required {
                self.missing(file, key, "a date, YYYY-MM-DD");
            }
            return None;
        };
        let parsed = match value.get_ref() {
            DeValue::Datetime(dt) => dt.date.and_then(|d| {
                time::Month::try_from(d.month)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(i32::from(d.year), m, d.day).ok())
            }),
            DeValue::String(s) => {
                time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
            }
            _ => None,
        };
        match parsed {
            Some(date) => Some(Located {
                value: date,
                span: value.span(),
            }),
            None => {
                file.error(
                    &value.span(),
                    format!("`{key}` must be a date written YYYY-MM-DD"),
                );
                None
            }
        }
    }

    /// A sub-table, as a reader named `name` in messages.
    pub(crate) fn table(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        name: &str,
        required: bool,
    ) -> Option<TableReader<'a, 'i>> {
        let Some((_, value)) = self.lookup(key) else {
            if required {
                let span = self.span.clone();
                file.error(
                    &span,
                    format!("{} is missing the section {name}", self.name),
                );
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Table(t) => Some(TableReader {
                table: t,
                span: value.span(),
                name: name.to_string(),
                used: Vec::new(),
            }),
            other => {
                file.error(
                    &value.span(),
                    format!(
                        "{name} must be a section (a table), not {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    /// An array of tables (`[[group]]`), each as a reader.
    pub(crate) fn tables(
        &mut self,
        file: &mut SourceFile,
        key: &'a str,
        name: &str,
    ) -> Vec<TableReader<'a, 'i>> {
        let Some((_, value)) = self.lookup(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some(TableReader {
                        table: t,
                        span: item.span(),
                        name: name.to_string(),
                        used: Vec::new(),
                    }),
                    other => {
                        file.error(
                            &item.span(),
                            format!("each {name} must be a table, not {}", type_name(other)),
                        );
                        None
                    }
                })
                .collect(),
            other => {
                file.error(
                    &value.span(),
                    format!(
                        "`{key}` must be a list of [[{key}]] sections, not {}",
                        type_name(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    /// Reports every key that was not read: unknown or misspelled.
    pub(crate) fn finish(self, file: &mut SourceFile) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.used.contains(&name) {
                continue;
            }
            let suggestion = self
                .used
                .iter()
                .filter_map(|known| edit_distance(name, known, 3).map(|d| (d, *known)))
                .min()
                .map(|(_, known)| format!(" (did you mean `{known}`?)"))
                .unwrap_or_default();
            let known: Vec<String> = {
                let mut k: Vec<&str> = self.used.clone();
                k.sort();
                k.dedup();
                k.iter().map(|k| format!("`{k}`")).collect()
            };
            file.error(
                &key.span(),
                format!(
                    "unknown key `{name}` in {}{suggestion}; known keys: {}",
                    self.name,
                    known.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_syntax_errors_with_lines() {
        let text = "a = \"ok\"\nb = \nc = [1,\n";
        let mut file = SourceFile::new(Path::new("x.toml"), text);
        assert!(file.parse(text).is_none());
        assert_eq!(file.problems.len(), 1, "only the first syntax error");
        // The value missing after `b =` is noticed where the next line starts.
        assert!(
            matches!(file.problems[0].line, Some(2 | 3)),
            "{:?}",
            file.problems[0]
        );
        assert!(file.problems[0].message.starts_with("invalid TOML"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_line() {
        let text = "question = \"q\"\n\nphrasing = [\"a\"]\n";
        let mut file = SourceFile::new(Path::new("x.toml"), text);
        let table = file.parse(text).unwrap();
        let mut reader = TableReader::new(&table, "[fr]");
        reader.string(&mut file, "question", true);
        reader.string_list(&mut file, "phrasings", false);
        reader.finish(&mut file);
        assert_eq!(file.problems.len(), 1);
        assert_eq!(file.problems[0].line, Some(3));
        assert!(
            file.problems[0]
                .message
                .contains("did you mean `phrasings`"),
            "{}",
            file.problems[0].message
        );
    }

    #[test]
    fn type_errors_and_missing_keys_are_reported() {
        let text = "question = 3\nreviewed_on = \"yesterday\"\n";
        let mut file = SourceFile::new(Path::new("x.toml"), text);
        let table = file.parse(text).unwrap();
        let mut reader = TableReader::new(&table, "the file");
        assert!(reader.string(&mut file, "question", true).is_none());
        assert!(reader.date(&mut file, "reviewed_on", true).is_none());
        assert!(reader.string(&mut file, "answer", true).is_none());
        reader.finish(&mut file);
        let lines: Vec<_> = file.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(1), Some(2), Some(1)]);
    }

    #[test]
    fn dates_in_both_spellings() {
        let text = "a = 2026-11-20\nb = \"2025-01-31\"\n";
        let mut file = SourceFile::new(Path::new("x.toml"), text);
        let table = file.parse(text).unwrap();
        let mut reader = TableReader::new(&table, "the file");
        assert_eq!(
            reader.date(&mut file, "a", true).unwrap().value.to_string(),
            "2026-11-20"
        );
        assert_eq!(
            reader.date(&mut file, "b", true).unwrap().value.to_string(),
            "2025-01-31"
        );
        assert!(file.problems.is_empty());
    }
}
