//! Reading an entry file into an [`EntryDraft`] and writing a draft back into the file's text with
//! `toml_edit`, which keeps the comments and layout of every part the editor did not change: a value
//! is rewritten only when it differs. Also: where a line of a file is, as a form field
//! (`fr.answer`), so that each problem of the checker can be shown next to its field.

use std::ops::Range;

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::change::{DraftText, EntryDraft};
use crate::text_analysis::Language;

/// The file's text is not TOML the editor's form can be built from (a hand edit broke it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the file is not valid TOML: {0}")]
pub struct NotToml(pub String);

fn parse(text: &str) -> Result<DocumentMut, NotToml> {
    text.parse::<DocumentMut>()
        .map_err(|e| NotToml(e.message().to_string()))
}

fn strings(item: Option<&Item>) -> Vec<String> {
    item.and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn string(item: Option<&Item>) -> String {
    item.and_then(Item::as_str).unwrap_or_default().to_string()
}

/// Reads the fields of an entry file (missing fields are empty).
pub fn read_draft(text: &str) -> Result<EntryDraft, NotToml> {
    let doc = parse(text)?;
    let review = doc.get("review");
    let mut draft = EntryDraft {
        partners: strings(doc.get("partners")),
        audiences: strings(doc.get("audiences")),
        related: strings(doc.get("related")),
        counterpart: string(doc.get("counterpart")).trim().to_string(),
        reviewed_on: review
            .and_then(|r| r.get("reviewed_on"))
            .map(|v| match v.as_datetime() {
                Some(d) => d.to_string(),
                None => string(Some(v)),
            })
            .unwrap_or_default(),
        reviewed_by: string(review.and_then(|r| r.get("reviewed_by"))),
        time_sensitive: review
            .and_then(|r| r.get("time_sensitive"))
            .and_then(Item::as_bool)
            .unwrap_or(false),
        recheck: string(review.and_then(|r| r.get("recheck"))),
        texts: Default::default(),
        unserved: Default::default(),
    };
    for language in Language::ALL {
        let section = doc.get(language.code());
        *draft.text_mut(language) = DraftText {
            question: string(section.and_then(|s| s.get("question"))),
            phrasings: strings(section.and_then(|s| s.get("phrasings"))),
            keywords: strings(section.and_then(|s| s.get("keywords"))),
            answer: string(section.and_then(|s| s.get("answer")))
                .trim()
                .to_string(),
        };
    }
    Ok(draft)
}

/// The text of a new entry file holding `draft`.
pub fn new_entry_text(draft: &EntryDraft) -> String {
    let mut skeleton = String::from("partners = []\naudiences = []\n\n[review]\n");
    for language in Language::ALL
        .into_iter()
        .filter(|l| !draft.unserved.contains(*l))
    {
        skeleton.push_str(&format!("\n[{}]\n", language.code()));
    }
    apply_draft(&skeleton, draft).unwrap_or(skeleton)
}

/// `text` with the fields of `draft` written in; untouched values keep their layout and comments.
pub fn apply_draft(text: &str, draft: &EntryDraft) -> Result<String, NotToml> {
    let mut doc = parse(text)?;
    let root = doc.as_table_mut();
    set_list(root, "partners", &draft.partners, false);
    set_list(root, "audiences", &draft.audiences, false);
    if !draft.related.is_empty() || root.contains_key("related") {
        set_list(root, "related", &draft.related, true);
    }
    if draft.counterpart.trim().is_empty() {
        root.remove("counterpart");
    } else {
        set_string(root, "counterpart", draft.counterpart.trim(), false);
    }
    let review = table(root, "review");
    set_date(review, "reviewed_on", &draft.reviewed_on);
    set_string(review, "reviewed_by", &draft.reviewed_by, false);
    let had_time_sensitive = review.contains_key("time_sensitive");
    if (draft.time_sensitive || had_time_sensitive)
        && review.get("time_sensitive").and_then(Item::as_bool) != Some(draft.time_sensitive)
    {
        put(
            review,
            "time_sensitive",
            toml_edit::value(draft.time_sensitive),
        );
    }
    if draft.recheck.trim().is_empty() {
        review.remove("recheck");
    } else {
        set_string(review, "recheck", draft.recheck.trim(), false);
    }
    for language in Language::ALL
        .into_iter()
        .filter(|l| !draft.unserved.contains(*l))
    {
        let column = draft.text(language);
        let section = table(root, language.code());
        set_string(section, "question", column.question.trim(), false);
        set_list(section, "phrasings", &column.phrasings, true);
        if !column.keywords.is_empty() || section.contains_key("keywords") {
            set_list(section, "keywords", &column.keywords, true);
        }
        set_string(section, "answer", column.answer.trim(), true);
    }
    Ok(doc.to_string())
}

/// `text` with `reviewed_on = on` and `reviewed_by = "counsellor"`, nothing else changed.
pub fn sign_off(text: &str, on: time::Date) -> Result<String, NotToml> {
    let mut doc = parse(text)?;
    let review = table(doc.as_table_mut(), "review");
    set_date(review, "reviewed_on", &on.to_string());
    set_string(review, "reviewed_by", "counsellor", false);
    Ok(doc.to_string())
}

/// Why a question cannot be added to the bank of declined questions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankEditError {
    /// The file is not TOML.
    #[error(transparent)]
    NotToml(#[from] NotToml),
    /// No `[[topic]]` has this id.
    #[error("out-of-scope.toml has no topic \"{0}\"")]
    UnknownTopic(String),
}

/// `text` (an `out-of-scope.toml`) with `question` added as the last question in `language` of the
/// topic `topic`; nothing else changed. A question already there (same text) is not added twice.
pub fn add_declined_question(
    text: &str,
    topic: &str,
    language: Language,
    question: &str,
) -> Result<String, BankEditError> {
    let mut doc = parse(text)?;
    let topics = doc
        .get_mut("topic")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| BankEditError::UnknownTopic(topic.to_string()))?;
    let found = topics
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(topic))
        .ok_or_else(|| BankEditError::UnknownTopic(topic.to_string()))?;
    let questions = table(found, "questions");
    let mut list = strings(questions.get(language.code()));
    let question = question.trim();
    if !question.is_empty() && !list.iter().any(|q| q == question) {
        list.push(question.to_string());
        match questions
            .get_mut(language.code())
            .and_then(Item::as_array_mut)
        {
            // Appended to the array as it is written, so its layout (one question per line) stays.
            Some(array) => {
                let indent = array
                    .iter()
                    .last()
                    .and_then(|v| v.decor().prefix().and_then(|p| p.as_str()))
                    .filter(|p| p.contains('\n'))
                    .map(str::to_string);
                let trailing = array.trailing().as_str().unwrap_or("").to_string();
                let trailing_comma = array.trailing_comma();
                array.push(question);
                if let (Some(indent), Some(last)) = (indent, array.iter_mut().last()) {
                    last.decor_mut().set_prefix(indent);
                }
                array.set_trailing_comma(trailing_comma);
                array.set_trailing(trailing);
            }
            None => set_list(questions, language.code(), &list, true),
        }
    }
    Ok(doc.to_string())
}

/// The table `key` of `parent`, created when missing (or replacing a value of another type).
fn table<'t>(parent: &'t mut Table, key: &str) -> &'t mut Table {
    if !parent.get(key).is_some_and(Item::is_table) {
        parent.insert(key, Item::Table(Table::new()));
    }
    parent
        .get_mut(key)
        .and_then(Item::as_table_mut)
        .expect("the table was just inserted")
}

fn set_list(table: &mut Table, key: &str, values: &[String], multiline: bool) {
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let current: Vec<String> = strings(table.get(key));
    if current
        .iter()
        .map(String::as_str)
        .eq(values.iter().copied())
        && table.contains_key(key)
    {
        return;
    }
    let mut array = Array::new();
    for v in &values {
        array.push(*v);
    }
    if multiline && !values.is_empty() {
        for v in array.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
        }
        array.set_trailing_comma(true);
        array.set_trailing("\n");
    }
    put(table, key, toml_edit::value(array));
}

/// Sets a value, keeping its key (and the comments above it) when it exists.
fn put(table: &mut Table, key: &str, item: Item) {
    match table.get_mut(key) {
        Some(slot) => *slot = item,
        None => {
            table.insert(key, item);
        }
    }
}

fn set_string(table: &mut Table, key: &str, value: &str, multiline: bool) {
    let current = table.get(key).and_then(Item::as_str).map(str::trim);
    if current == Some(value) {
        return;
    }
    let item = if multiline {
        multiline_string(value)
    } else {
        Value::from(value)
    };
    put(table, key, Item::Value(item));
}

/// A multi-line basic string (`"""` on their own lines), as the editors' guide writes answers.
fn multiline_string(value: &str) -> Value {
    let mut escaped = String::with_capacity(value.len() + 8);
    let mut quotes = 0;
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            // Never three quotes in a row: that would end the string.
            '"' if quotes == 2 => {
                escaped.push_str("\\\"");
                quotes = 0;
                continue;
            }
            '"' => escaped.push('"'),
            '\n' | '\t' => escaped.push(c),
            c if c.is_control() => escaped.push_str(&format!("\\u{:04X}", c as u32)),
            c => escaped.push(c),
        }
        quotes = if c == '"' { quotes + 1 } else { 0 };
    }
    if escaped.ends_with('"') {
        // A quote right before the closing `"""` would merge with it.
        escaped.pop();
        escaped.push_str("\\\"");
    }
    format!("\"\"\"\n{escaped}\n\"\"\"")
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(value))
}

fn set_date(table: &mut Table, key: &str, typed: &str) {
    let typed = typed.trim();
    let current = table.get(key).map(|v| match v.as_datetime() {
        Some(d) => d.to_string(),
        None => string(Some(v)),
    });
    if current.as_deref() == Some(typed) {
        return;
    }
    // A date when it reads as one; otherwise the text, so that the checker reports it at its field.
    let value = match typed.parse::<toml_edit::Datetime>() {
        Ok(date) if date.date.is_some() && date.time.is_none() => Value::from(date),
        _ => Value::from(typed),
    };
    put(table, key, Item::Value(value));
}

/// The form field at a 1-based line of `text`: `partners`, `review.reviewed_on`, `fr.answer`...; the
/// table's name (`fr`) for its header line; `None` when the line holds no field (or the text is not
/// TOML).
pub fn field_at_line(text: &str, line: usize) -> Option<String> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let start = *line_starts.get(line.checked_sub(1)?)?;
    let end = line_starts.get(line).copied().unwrap_or(text.len());
    // Every field's span (key to end of value), and every table's (header to its last value).
    let mut fields: Vec<(Range<usize>, String)> = Vec::new();
    let mut tables: Vec<(Range<usize>, String)> = Vec::new();
    let root = doc.as_table();
    for (key, item) in root.iter() {
        if let Item::Table(table) = item {
            let (mut first, mut last) = table.span().map_or((usize::MAX, 0), |s| (s.start, s.end));
            for (sub_key, sub_item) in table.iter() {
                if let Some(field) = field_span(table, sub_key, sub_item) {
                    first = first.min(field.start);
                    last = last.max(field.end);
                    fields.push((field, format!("{key}.{sub_key}")));
                }
            }
            if first <= last {
                tables.push((first..last, key.to_string()));
            }
        } else if let Some(field) = field_span(root, key, item) {
            fields.push((field, key.to_string()));
        }
    }
    let on_line = |span: &Range<usize>| span.start < end && start < span.end.max(span.start + 1);
    let smallest = |spans: Vec<(Range<usize>, String)>| {
        spans
            .into_iter()
            .filter(|(span, _)| on_line(span))
            .min_by_key(|(span, _)| span.len())
            .map(|(_, name)| name)
    };
    smallest(fields).or_else(|| smallest(tables))
}

fn field_span(table: &Table, key: &str, item: &Item) -> Option<Range<usize>> {
    let k = table.key(key).and_then(|k| k.span())?;
    let v = item.span()?;
    Some(k.start.min(v.start)..k.end.max(v.end))
}

#[cfg(test)]
mod tests {
    //! Properties: a draft read from a file and written back unchanged gives the same bytes; one
    //! changed field changes only that field (comments and other values kept); answers with quotes and
    //! backslashes survive; a new entry file reads back as its draft; lines map to form fields; a
    //! declined question lands at the end of its topic's list in its language, layout and other topics
    //! untouched, never twice, and an unknown topic is an error.
    use super::*;

    const BANK: &str = r#"# The bank.
[[topic]]
id = "weather"
about = "The weather"
[topic.questions]
fr = [
  "quel temps fait-il ?",
  "il va pleuvoir demain ?",
]
nl = ["wat voor weer wordt het?"]

[[topic]]
id = "food"
about = "Food"
[topic.questions]
fr = ["un bon resto ?"]
"#;

    #[test]
    fn a_declined_question_goes_to_the_end_of_its_topic_once() {
        let out = add_declined_question(BANK, "weather", Language::Fr, " il neige ? ").unwrap();
        assert!(
            out.contains("  \"il va pleuvoir demain ?\",\n  \"il neige ?\",\n]"),
            "{out}"
        );
        assert!(out.starts_with("# The bank.\n"));
        let nl = add_declined_question(BANK, "weather", Language::Nl, "regent het?").unwrap();
        assert!(
            nl.contains("nl = [\"wat voor weer wordt het?\", \"regent het?\"]"),
            "{nl}"
        );
        assert!(
            out.contains("fr = [\"un bon resto ?\"]"),
            "other topic untouched"
        );
        assert_eq!(out.lines().count(), BANK.lines().count() + 1);
        let again = add_declined_question(&out, "weather", Language::Fr, "il neige ?").unwrap();
        assert_eq!(again, out, "not twice");
        let en = add_declined_question(BANK, "food", Language::En, "any good restaurant?").unwrap();
        assert!(en.contains("any good restaurant?"), "{en}");
        let doc: DocumentMut = en.parse().unwrap();
        let food = &doc["topic"].as_array_of_tables().unwrap().get(1).unwrap()["questions"];
        assert_eq!(
            strings(food.get("en")),
            vec!["any good restaurant?".to_string()]
        );
        assert_eq!(
            add_declined_question(BANK, "nope", Language::Fr, "x"),
            Err(BankEditError::UnknownTopic("nope".into()))
        );
    }

    const FILE: &str = r#"# A comment the editors wrote.
partners = ["actiris"]
audiences = ["job-seekers"]
related = ["work/other"]

[review]
reviewed_on = 2026-01-02
reviewed_by = "content-editor"

[fr]
question = "Comment ?"
# why these phrasings
phrasings = [
  "un",
  "deux",
]
answer = """
Réponse **en gras**.
"""

[nl]
question = "Hoe?"
phrasings = ["een"]
answer = "Antwoord."

[en]
question = "How?"
phrasings = ["one"]
answer = "Answer."
"#;

    #[test]
    fn a_counterpart_is_written_read_back_and_removed() {
        let mut draft = read_draft(FILE).unwrap();
        assert_eq!(draft.counterpart, "");
        draft.counterpart = "work/other-route".into();
        let with = apply_draft(FILE, &draft).unwrap();
        assert!(
            with.contains("counterpart = \"work/other-route\""),
            "{with}"
        );
        assert_eq!(read_draft(&with).unwrap().counterpart, "work/other-route");
        assert!(
            with.find("counterpart").unwrap() < with.find("[review]").unwrap(),
            "a top-level key, before the tables: {with}"
        );
        draft.counterpart.clear();
        assert_eq!(
            apply_draft(&with, &draft).unwrap(),
            FILE,
            "removed, nothing else moved"
        );
    }

    #[test]
    fn an_unchanged_draft_writes_the_same_bytes() {
        let draft = read_draft(FILE).unwrap();
        assert_eq!(draft.partners, ["actiris"]);
        assert_eq!(draft.reviewed_on, "2026-01-02");
        assert_eq!(draft.text(Language::Fr).phrasings, ["un", "deux"]);
        assert_eq!(draft.text(Language::Fr).answer, "Réponse **en gras**.");
        assert_eq!(apply_draft(FILE, &draft).unwrap(), FILE);
    }

    #[test]
    fn one_change_touches_only_its_field() {
        let mut draft = read_draft(FILE).unwrap();
        draft.text_mut(Language::Fr).phrasings.push("trois".into());
        let out = apply_draft(FILE, &draft).unwrap();
        assert!(out.starts_with("# A comment the editors wrote.\n"));
        assert!(out.contains("# why these phrasings"));
        assert!(out.contains("\"trois\""));
        assert!(out.contains("phrasings = [\"een\"]"), "{out}");
        assert_eq!(read_draft(&out).unwrap(), draft);
    }

    #[test]
    fn awkward_answers_round_trip() {
        let mut draft = read_draft(FILE).unwrap();
        let answer = "He said \"\"\"quoted\"\"\" \\ back\\slash\nline two \"";
        draft.text_mut(Language::En).answer = answer.into();
        let out = apply_draft(FILE, &draft).unwrap();
        assert_eq!(read_draft(&out).unwrap().text(Language::En).answer, answer);
    }

    #[test]
    fn a_new_file_reads_back_as_its_draft() {
        let mut draft = read_draft(FILE).unwrap();
        draft.time_sensitive = true;
        draft.recheck = "the amounts".into();
        let text = new_entry_text(&draft);
        assert_eq!(read_draft(&text).unwrap(), draft);
    }

    #[test]
    fn unserved_languages_are_neither_written_nor_created() {
        let served: crate::text_analysis::LanguageSet = [Language::Fr].into_iter().collect();
        let mut draft = read_draft(FILE).unwrap();
        draft.unserved = EntryDraft::unserved_by(served);
        assert!(draft.unserved.contains(Language::Nl) && !draft.unserved.contains(Language::Fr));
        // A French-only site's form has empty Dutch and English columns: the file keeps its Dutch text.
        *draft.text_mut(Language::Nl) = Default::default();
        assert_eq!(apply_draft(FILE, &draft).unwrap(), FILE);
        let text = new_entry_text(&draft);
        assert!(text.contains("[fr]"), "{text}");
        assert!(!text.contains("[nl]") && !text.contains("[en]"), "{text}");
    }

    #[test]
    fn sign_off_changes_only_the_review() {
        let out = sign_off(FILE, time::macros::date!(2026 - 12 - 03)).unwrap();
        assert!(out.contains("reviewed_on = 2026-12-03\nreviewed_by = \"counsellor\""));
        assert_eq!(
            out.replace("2026-12-03", "2026-01-02")
                .replace("\"counsellor\"", "\"content-editor\""),
            FILE
        );
    }

    #[test]
    fn lines_map_to_fields() {
        assert_eq!(field_at_line(FILE, 2).as_deref(), Some("partners"));
        assert_eq!(
            field_at_line(FILE, 7).as_deref(),
            Some("review.reviewed_on")
        );
        assert_eq!(field_at_line(FILE, 14).as_deref(), Some("fr.phrasings"));
        assert_eq!(field_at_line(FILE, 18).as_deref(), Some("fr.answer"));
        assert_eq!(field_at_line(FILE, 23).as_deref(), Some("nl.phrasings"));
        assert_eq!(field_at_line(FILE, 24).as_deref(), Some("nl.answer"));
        assert_eq!(field_at_line(FILE, 1), None);
    }
}
