//! A problem found in the knowledge base (file, line, severity, message), and the report that
//! collects all of them, so an editor can fix everything in one pass.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The knowledge base cannot be served until it is fixed.
    Error,
    /// Worth fixing (an old review, a short entry), but the knowledge base is served.
    Warning,
}

/// One problem, located in a file of the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// Path relative to the knowledge-base folder, e.g. `work/register-as-job-seeker.toml`.
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words for an editor.
    pub message: String,
    /// True when the problem kept the rest of its file from being read (a TOML syntax error): fix it
    /// first, the report lists it first.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stops_file: bool,
    /// The unreadable file this problem follows from (an entry related to an entry of that file): it
    /// should go away once that file is fixed, and the report lists it after the causes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows_from: Option<PathBuf>,
    /// For a reference to something missing: the file that should define it (`work/cv.toml` for the
    /// related entry `work/cv`), so an unreadable file there explains the problem.
    #[serde(skip)]
    pub missing_from: Option<PathBuf>,
}

impl Problem {
    /// An error at `file:line`.
    pub fn error(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem::new(Severity::Error, file.as_ref(), line, message.into())
    }

    /// A warning at `file:line`.
    pub fn warning(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem::new(Severity::Warning, file.as_ref(), line, message.into())
    }

    /// An error that kept the rest of `file` from being read (see [`Problem::stops_file`]).
    pub fn unreadable(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            stops_file: true,
            ..Problem::error(file, line, message)
        }
    }

    /// An error for a reference to something `defined_in` should hold (see [`Problem::missing_from`]).
    pub fn missing(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
        defined_in: impl Into<PathBuf>,
    ) -> Problem {
        Problem {
            missing_from: Some(defined_in.into()),
            ..Problem::error(file, line, message)
        }
    }

    fn new(severity: Severity, file: &Path, line: Option<usize>, message: String) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line,
            severity,
            message,
            stops_file: false,
            follows_from: None,
            missing_from: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => write!(
                f,
                "{}:{}: {}: {}",
                self.file.display(),
                line,
                severity,
                self.message
            )?,
            None => write!(f, "{}: {}: {}", self.file.display(), severity, self.message)?,
        }
        match &self.follows_from {
            Some(cause) => write!(
                f,
                " (follows from the error in {}: fix that first)",
                cause.display()
            ),
            None => Ok(()),
        }
    }
}

/// Every problem found while loading and checking a knowledge base, sorted by file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The problems, errors and warnings mixed, in file order.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Adds a problem.
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Orders the problems by cause: first those that kept a file from being read (a syntax error),
    /// then the others, then the ones that follow from an unreadable file (marked as such); each group
    /// by file, line and message. Exact duplicates are removed.
    pub fn sort(&mut self) {
        let unreadable: Vec<PathBuf> = self
            .problems
            .iter()
            .filter(|p| p.stops_file)
            .map(|p| p.file.clone())
            .collect();
        for problem in &mut self.problems {
            if problem.follows_from.is_none()
                && let Some(missing_from) = &problem.missing_from
                && unreadable.contains(missing_from)
            {
                problem.follows_from = Some(missing_from.clone());
            }
        }
        self.problems.sort_by(|a, b| {
            let key = |p: &Problem| (p.follows_from.is_some(), !p.stops_file);
            (key(a), &a.file, a.line.unwrap_or(0), &a.message).cmp(&(
                key(b),
                &b.file,
                b.line.unwrap_or(0),
                &b.message,
            ))
        });
        self.problems.dedup();
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.error_count(),
            self.warning_count()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Problem, Report};

    /// One stray `"` in an entry once showed seven errors with the real one fifth: the syntax error
    /// comes first, and the entries that only lost their related entry are marked as following from it.
    #[test]
    fn the_cause_comes_first_and_its_consequences_are_marked() {
        let mut report = Report::default();
        for file in ["work/a.toml", "work/z.toml"] {
            report.push(Problem::missing(
                file,
                Some(4),
                "unknown related entry \"work/register\"",
                "work/register.toml",
            ));
        }
        report.push(Problem::missing(
            "learn/b.toml",
            Some(2),
            "unknown partner id \"actiris\": there is no partners/actiris.toml",
            "partners/actiris.toml",
        ));
        report.push(Problem::error("choose/c.toml", Some(9), "answer is empty"));
        report.push(Problem::unreadable(
            "work/register.toml",
            Some(13),
            "invalid TOML: expected newline",
        ));
        report.push(Problem::unreadable(
            "partners/actiris.toml",
            Some(3),
            "invalid TOML: unterminated string",
        ));
        report.sort();
        let order: Vec<(&str, bool)> = report
            .problems
            .iter()
            .map(|p| (p.file.to_str().unwrap(), p.follows_from.is_some()))
            .collect();
        assert_eq!(
            order,
            [
                ("partners/actiris.toml", false),
                ("work/register.toml", false),
                ("choose/c.toml", false),
                ("learn/b.toml", true),
                ("work/a.toml", true),
                ("work/z.toml", true),
            ]
        );
        assert!(
            report.problems[4]
                .to_string()
                .ends_with("(follows from the error in work/register.toml: fix that first)")
        );
        assert_eq!(report.error_count(), 6, "consequences are still errors");
    }
}
