//! An entry: one topic visitors ask about, in French, Dutch and English, with its partners and review
//! metadata; and how one entry file is read (every problem recorded with its line).

use std::path::PathBuf;
use std::sync::Arc;

use super::markdown;
use super::parse::{Located, SourceFile, TableReader};
use super::theme::Theme;
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// Who an entry or a partner is for. Editors pick from this list.
pub const AUDIENCES: &[&str] = &[
    "everyone",
    "job-seekers",
    "young-people",
    "students",
    "pupils-and-parents",
    "workers",
    "employers",
    "entrepreneurs",
    "newcomers",
    "people-with-disabilities",
    "guidance-professionals",
    "women",
];

/// Roles that review entries.
pub const REVIEWER_ROLES: &[&str] = &["counsellor", "content-editor", "partner-expert"];

/// Fewest phrasings per language accepted (an error below), and recommended (a warning below).
pub const MIN_PHRASINGS: usize = 4;
/// See [`MIN_PHRASINGS`].
pub const RECOMMENDED_PHRASINGS: usize = 5;
/// Answers longer than this many words get a warning (the style guide says about 120).
pub const MAX_ANSWER_WORDS: usize = 160;

/// When and by whom an entry was last checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Date of the last review.
    pub reviewed_on: time::Date,
    /// Role of the reviewer (one of [`REVIEWER_ROLES`]).
    pub reviewed_by: String,
    /// The answer quotes an amount, deadline or rule that changes over time.
    pub time_sensitive: bool,
    /// What to re-check when `time_sensitive`.
    pub recheck: Option<String>,
}

/// One language version of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryText {
    /// The question as the Cité des métiers titles it.
    pub question: String,
    /// Other ways visitors ask it.
    pub phrasings: Vec<String>,
    /// Extra search words.
    pub keywords: Vec<String>,
    /// The answer in Markdown, as written (shared with the replies that quote it).
    pub answer: Arc<str>,
    /// The answer rendered to sanitised HTML (shared with the replies that quote it).
    pub answer_html: Arc<str>,
    /// The answer as plain text (indexed).
    pub answer_text: String,
}

/// Lines of an entry's values, kept for the cross-file checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EntryLines {
    pub(crate) partners: Vec<usize>,
    pub(crate) related: Vec<usize>,
    pub(crate) counterpart: Option<usize>,
    /// Per language: the question's line, then each phrasing's line.
    pub(crate) phrasings: PerLanguage<Vec<usize>>,
}

/// A question-and-answer entry of the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `<theme>/<slug>`, from the file's path.
    pub id: String,
    /// The theme, from the file's folder.
    pub theme: Theme,
    /// The file, relative to the knowledge-base folder.
    pub file: PathBuf,
    /// Partner ids, first-line referral first.
    pub partners: Vec<String>,
    /// Who it is for.
    pub audiences: Vec<String>,
    /// Related entry ids.
    pub related: Vec<String>,
    /// The same need in the other language community's system (the French-speaking route's entry names
    /// the Dutch-speaking one, and back): offered beside it, never counted as its rival.
    pub counterpart: Option<String>,
    /// Review metadata.
    pub review: Review,
    texts: PerLanguage<EntryText>,
    pub(crate) lines: EntryLines,
}

impl Entry {
    /// The entry in `language`.
    pub fn text(&self, language: Language) -> &EntryText {
        &self.texts[language]
    }

    /// The first-line referral partner id.
    pub fn referral(&self) -> Option<&str> {
        self.partners.first().map(String::as_str)
    }

    /// Reads an entry file. Every problem goes to `file`; the entry is returned whenever the file could
    /// be read at all, so that the cross-file checks still run on it.
    pub(crate) fn parse(
        file: &mut SourceFile,
        text: &str,
        id: String,
        theme: Theme,
        today: time::Date,
        languages: LanguageSet,
    ) -> Option<Entry> {
        let table = file.parse(text)?;
        let mut root = TableReader::new(&table, "the entry");
        let partner_values = root.string_list(file, "partners", true);
        let (partners, partner_lines) = ids(file, partner_values);
        if partners.is_empty() && partner_lines.is_empty() && root.has("partners") {
            let span = root.span();
            file.error(
                &span,
                "`partners` needs at least one partner id, the first-line referral first",
            );
        }
        let audience_values = root.string_list(file, "audiences", true);
        let audiences = audiences(file, audience_values);
        let related_values = root.string_list(file, "related", false);
        let (related, related_lines) = ids(file, related_values);
        let counterpart = root.string(file, "counterpart", false).map(|v| {
            let line = file.line(v.span.start);
            (v.value.trim().to_string(), line)
        });
        let review = read_review(file, &mut root, today);
        let mut texts: PerLanguage<EntryText> = Default::default();
        let mut phrasing_lines: PerLanguage<Vec<usize>> = Default::default();
        // The site's languages are required; a section in another one is read (and checked) but not served.
        for language in Language::ALL {
            let name = format!("[{}]", language.code());
            let required = languages.contains(language);
            let Some(mut section) = root.table(file, language.code(), &name, required) else {
                continue;
            };
            let (text, lines) = read_text(file, &mut section, language);
            section.finish(file);
            texts[language] = text;
            phrasing_lines[language] = lines;
        }
        root.finish(file);
        Some(Entry {
            id,
            theme,
            file: file.path.clone(),
            partners,
            audiences,
            related,
            counterpart: counterpart.as_ref().map(|(id, _)| id.clone()),
            review: review.unwrap_or(Review {
                reviewed_on: today,
                reviewed_by: String::new(),
                time_sensitive: false,
                recheck: None,
            }),
            texts,
            lines: EntryLines {
                partners: partner_lines,
                related: related_lines,
                counterpart: counterpart.map(|(_, line)| line),
                phrasings: phrasing_lines,
            },
        })
    }
}

fn ids(file: &SourceFile, values: Option<Vec<Located<String>>>) -> (Vec<String>, Vec<usize>) {
    values
        .unwrap_or_default()
        .into_iter()
        .map(|v| (v.value.trim().to_string(), file.line(v.span.start)))
        .unzip()
}

/// Reads an `audiences` list, checking each value against [`AUDIENCES`].
pub(crate) fn audiences(
    file: &mut SourceFile,
    values: Option<Vec<Located<String>>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for value in values.unwrap_or_default() {
        if AUDIENCES.contains(&value.value.as_str()) {
            out.push(value.value);
        } else {
            file.error(
                &value.span,
                format!(
                    "unknown audience {:?}; use one of: {}",
                    value.value,
                    AUDIENCES.join(", ")
                ),
            );
        }
    }
    out
}

fn read_review(
    file: &mut SourceFile,
    root: &mut TableReader<'_, '_>,
    today: time::Date,
) -> Option<Review> {
    let mut review = root.table(file, "review", "[review]", true)?;
    let reviewed_on = review.date(file, "reviewed_on", true);
    let reviewed_by = review.string(file, "reviewed_by", true);
    let time_sensitive = review.bool(file, "time_sensitive", false);
    let recheck = review.string(file, "recheck", false);
    let span = review.span();
    review.finish(file);
    if let Some(by) = &reviewed_by
        && !REVIEWER_ROLES.contains(&by.value.as_str())
    {
        file.error(
            &by.span,
            format!(
                "unknown reviewer role {:?}; use one of: {}",
                by.value,
                REVIEWER_ROLES.join(", ")
            ),
        );
    }
    if let Some(date) = &reviewed_on {
        if date.value > today {
            file.warning(
                &date.span,
                format!("review date {} is in the future", date.value),
            );
        } else if today - date.value > time::Duration::days(365) {
            file.warning(
                &date.span,
                format!(
                    "last reviewed on {}, more than 12 months ago: please review this entry",
                    date.value
                ),
            );
        }
    }
    let time_sensitive_value = time_sensitive.as_ref().is_some_and(|t| t.value);
    if time_sensitive_value && recheck.as_ref().is_none_or(|r| r.value.trim().is_empty()) {
        file.error(
            &span,
            "`time_sensitive = true` needs `recheck` saying what to re-check",
        );
    }
    Some(Review {
        reviewed_on: reviewed_on?.value,
        reviewed_by: reviewed_by.map(|b| b.value).unwrap_or_default(),
        time_sensitive: time_sensitive_value,
        recheck: recheck.map(|r| r.value).filter(|r| !r.trim().is_empty()),
    })
}

fn read_text(
    file: &mut SourceFile,
    section: &mut TableReader<'_, '_>,
    language: Language,
) -> (EntryText, Vec<usize>) {
    let lang = language.code();
    let mut lines = Vec::new();
    let question = section.string(file, "question", true);
    let question = match question {
        Some(q) if q.value.trim().is_empty() => {
            file.error(&q.span, format!("the {lang} question is empty"));
            lines.push(file.line(q.span.start));
            String::new()
        }
        Some(q) => {
            lines.push(file.line(q.span.start));
            q.value.trim().to_string()
        }
        None => {
            lines.push(0);
            String::new()
        }
    };
    let mut phrasings = Vec::new();
    let phrasings_value = section.string_list(file, "phrasings", true);
    // Count problems point at the list (its first phrasing) when there is one, else at the table.
    let phrasings_span = phrasings_value
        .as_ref()
        .and_then(|v| v.first())
        .map(|p| p.span.clone())
        .unwrap_or_else(|| section.span());
    for p in phrasings_value.iter().flatten() {
        if p.value.trim().is_empty() {
            file.error(&p.span, format!("empty {lang} phrasing"));
            continue;
        }
        lines.push(file.line(p.span.start));
        phrasings.push(p.value.trim().to_string());
    }
    if phrasings_value.is_some() {
        if phrasings.len() < MIN_PHRASINGS {
            file.error(
                &phrasings_span,
                format!(
                    "[{lang}] has {} phrasing(s); at least {MIN_PHRASINGS} are needed",
                    phrasings.len()
                ),
            );
        } else if phrasings.len() < RECOMMENDED_PHRASINGS {
            file.warning(
                &phrasings_span,
                format!(
                    "[{lang}] has {} phrasings; {RECOMMENDED_PHRASINGS} or more are recommended",
                    phrasings.len()
                ),
            );
        }
    }
    let keywords = section
        .string_list(file, "keywords", false)
        .unwrap_or_default()
        .into_iter()
        .filter(|k| !k.value.trim().is_empty())
        .map(|k| k.value.trim().to_string())
        .collect();
    let answer = section.string(file, "answer", true);
    let (answer, answer_html, answer_text) = match answer {
        Some(a) if a.value.trim().is_empty() => {
            file.error(&a.span, format!("the {lang} answer is empty"));
            Default::default()
        }
        Some(a) => {
            check_answer(file, &a, lang);
            let md = a.value.trim().to_string();
            let html = markdown::to_safe_html_in(&md, language);
            let text = markdown::to_plain_text(&md);
            (md, html, text)
        }
        None => Default::default(),
    };
    (
        EntryText {
            question,
            phrasings,
            keywords,
            answer: answer.into(),
            answer_html: answer_html.into(),
            answer_text,
        },
        lines,
    )
}

fn check_answer(file: &mut SourceFile, answer: &Located<String>, lang: &str) {
    let (_, has_html) = markdown::links_and_html(&answer.value);
    if has_html {
        file.error(&answer.span, format!("the {lang} answer contains HTML; use Markdown only (**bold**, lists, [links](https://...))"));
    }
    markdown::check_links(file, answer, &format!("the {lang} answer"));
    let words = markdown::to_plain_text(&answer.value)
        .split_whitespace()
        .count();
    if words > MAX_ANSWER_WORDS {
        file.warning(
            &answer.span,
            format!("the {lang} answer has {words} words; keep it under about 120 (at most {MAX_ANSWER_WORDS})"),
        );
    }
}
