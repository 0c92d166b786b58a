//! The year's figures as a text table (`cdm-faq stats --year 2026`) and as CSV (`/admin/stats.csv`),
//! the same columns in both: the "requests via the FAQbot" per month (typed questions and answers
//! opened without typing), how they were answered, and the requests per source.

use std::fmt::Write;

use super::sqlite_store::YearReport;

fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / total as f64)
    }
}

/// The typed questions of a month that were not small talk (the base of the answer rate).
fn typed(m: &super::MonthRow) -> u64 {
    m.requests.saturating_sub(m.smalltalk + m.opened)
}

impl YearReport {
    /// The monthly table, then per theme, language and partner, as aligned text.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "FAQbot requests {} (replies of every kind)", self.year);
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}",
            "month",
            "requests",
            "answered",
            "clarified",
            "declined",
            "smalltalk",
            "answer%",
            "helpful",
            "not",
            "opened"
        );
        for m in &self.months {
            let _ = writeln!(
                out,
                "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}",
                m.month,
                m.requests,
                m.answered,
                m.clarified,
                m.declined,
                m.smalltalk,
                percent(m.answered, typed(m)),
                m.helpful,
                m.not_helpful,
                m.opened
            );
        }
        let sum = |f: fn(&super::MonthRow) -> u64| self.months.iter().map(f).sum::<u64>();
        let (req, ans, cla, dec, st, hel, not, opened) = (
            sum(|m| m.requests),
            sum(|m| m.answered),
            sum(|m| m.clarified),
            sum(|m| m.declined),
            sum(|m| m.smalltalk),
            sum(|m| m.helpful),
            sum(|m| m.not_helpful),
            sum(|m| m.opened),
        );
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}",
            "total",
            req,
            ans,
            cla,
            dec,
            st,
            percent(ans, req.saturating_sub(st + opened)),
            hel,
            not,
            opened
        );
        for (title, counts) in [
            ("requests per source", &self.sources),
            ("answers per theme", &self.themes),
            ("replies per language", &self.languages),
            ("referrals per partner", &self.referrals),
        ] {
            let _ = writeln!(out, "\n{title}:");
            if counts.is_empty() {
                let _ = writeln!(out, "  (none)");
            }
            for c in counts {
                let _ = writeln!(out, "  {:<32} {:>8}", c.key, c.count);
            }
        }
        out
    }

    /// The monthly table as CSV (UTF-8, header row) in `dialect`.
    pub fn csv(&self, dialect: CsvDialect) -> String {
        let (separator, newline) = match dialect {
            CsvDialect::Comma => (",", "\n"),
            CsvDialect::Excel => (";", "\r\n"),
        };
        let mut out = String::new();
        if dialect == CsvDialect::Excel {
            out.push('\u{feff}');
        }
        let header = [
            "month",
            "requests",
            "answered",
            "clarified",
            "declined",
            "smalltalk",
            "helpful",
            "not_helpful",
            "opened",
        ];
        out.push_str(&header.join(separator));
        out.push_str(newline);
        for m in &self.months {
            let row = [
                m.month.clone(),
                m.requests.to_string(),
                m.answered.to_string(),
                m.clarified.to_string(),
                m.declined.to_string(),
                m.smalltalk.to_string(),
                m.helpful.to_string(),
                m.not_helpful.to_string(),
                m.opened.to_string(),
            ];
            out.push_str(&row.join(separator));
            out.push_str(newline);
        }
        out
    }
}

/// How the CSV is written: for other tools, or for a spreadsheet in a Belgian locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CsvDialect {
    /// Comma-separated, `\n` line ends, no byte-order mark (RFC 4180 style; scripts and most tools).
    #[default]
    Comma,
    /// Semicolon-separated, `\r\n` line ends, a UTF-8 byte-order mark: what Excel set to a French,
    /// Dutch or Belgian locale opens as columns, accents intact.
    Excel,
}

#[cfg(test)]
mod tests {
    use super::super::sqlite_store::{MonthRow, YearReport};

    #[test]
    fn csv_has_a_row_per_month() {
        let mut report = YearReport {
            year: 2026,
            months: (1..=12)
                .map(|m| MonthRow {
                    month: format!("2026-{m:02}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        report.months[2].requests = 7;
        report.months[2].answered = 5;
        let csv = report.csv(super::CsvDialect::Comma);
        assert_eq!(csv.lines().count(), 13);
        assert!(csv.starts_with("month,requests,"));
        assert!(csv.contains("\n2026-03,7,5,0,0,0,0,0,0\n"));
        let excel = report.csv(super::CsvDialect::Excel);
        assert!(
            excel.starts_with("\u{feff}month;requests;"),
            "a byte-order mark first"
        );
        assert!(excel.contains("\r\n2026-03;7;5;0;0;0;0;0;0\r\n"));
        assert_eq!(excel.matches("\r\n").count(), 13);
        assert!(!excel.contains(','));
        assert!(report.table().contains("total"));
    }

    #[test]
    fn answers_opened_without_typing_count_as_requests_by_source() {
        use crate::stats::{Event, ReplyEvent, StatsReader, StatsStore, Via, ViewEvent};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let mut store = StatsStore::open(&path).unwrap();
        let view = |via| {
            Event::View(ViewEvent {
                hour: "2026-03-04T10".into(),
                via,
                lang: "fr".into(),
                theme: "work".into(),
                entry_id: "work/cv".into(),
            })
        };
        let typed = Event::Reply(ReplyEvent {
            hour: "2026-03-04T10".into(),
            page_lang: "fr".into(),
            reply_lang: "fr".into(),
            kind: "answer".into(),
            theme: "work".into(),
            entry_id: "work/cv".into(),
            partner_id: String::new(),
            band: "high".into(),
            kept_question: None,
            confidence: 0.9,
            closest_entry: "work/cv".into(),
        });
        store
            .write(&[
                typed,
                view(Via::Suggestion),
                view(Via::Suggestion),
                view(Via::Clarify),
            ])
            .unwrap();
        let report = StatsReader::open(&path)
            .unwrap()
            .unwrap()
            .year(2026)
            .unwrap();
        let march = &report.months[2];
        assert_eq!((march.requests, march.answered, march.opened), (4, 1, 3));
        let source = |k: &str| report.sources.iter().find(|c| c.key == k).unwrap().count;
        assert_eq!(
            (
                source("typed"),
                source("suggestion"),
                source("clarify"),
                source("theme")
            ),
            (1, 2, 1, 0)
        );
        assert!(
            report
                .csv(super::CsvDialect::Comma)
                .contains("2026-03,4,1,0,0,0,0,0,3")
        );
        let table = report.table();
        assert!(table.contains("requests per source"), "{table}");
        assert!(table.contains("answer%"), "{table}");
    }
}
