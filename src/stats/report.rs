//! The year's figures as a text table (`cdm-faq stats --year 2026`) and as CSV (`/admin/stats.csv`),
//! the same columns in both: the "requests via the FAQbot" per month and how they were answered.

use std::fmt::Write;

use super::store::YearReport;

fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / total as f64)
    }
}

impl YearReport {
    /// The monthly table, then per theme, language and partner, as aligned text.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "FAQbot requests {} (replies of every kind)", self.year);
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
            "month",
            "requests",
            "answered",
            "clarified",
            "declined",
            "smalltalk",
            "answer%",
            "helpful",
            "not"
        );
        for m in &self.months {
            let _ = writeln!(
                out,
                "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
                m.month,
                m.requests,
                m.answered,
                m.clarified,
                m.declined,
                m.smalltalk,
                percent(m.answered, m.requests - m.smalltalk.min(m.requests)),
                m.helpful,
                m.not_helpful
            );
        }
        let sum = |f: fn(&super::MonthRow) -> u64| self.months.iter().map(f).sum::<u64>();
        let (req, ans, cla, dec, st, hel, not) = (
            sum(|m| m.requests),
            sum(|m| m.answered),
            sum(|m| m.clarified),
            sum(|m| m.declined),
            sum(|m| m.smalltalk),
            sum(|m| m.helpful),
            sum(|m| m.not_helpful),
        );
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
            "total",
            req,
            ans,
            cla,
            dec,
            st,
            percent(ans, req - st.min(req)),
            hel,
            not
        );
        for (title, counts) in [
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

    /// The monthly table as CSV (UTF-8, comma-separated, header row).
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "month,requests,answered,clarified,declined,smalltalk,helpful,not_helpful\n",
        );
        for m in &self.months {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                m.month,
                m.requests,
                m.answered,
                m.clarified,
                m.declined,
                m.smalltalk,
                m.helpful,
                m.not_helpful
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::store::{MonthRow, YearReport};

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
        let csv = report.csv();
        assert_eq!(csv.lines().count(), 13);
        assert!(csv.contains("2026-03,7,5,0,0,0,0,0"));
        assert!(report.table().contains("total"));
    }
}
