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

    fn new(severity: Severity, file: &Path, line: Option<usize>, message: String) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line,
            severity,
            message,
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
            ),
            None => write!(f, "{}: {}: {}", self.file.display(), severity, self.message),
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

    /// Sorts by file, then line, then message, and removes exact duplicates.
    pub fn sort(&mut self) {
        self.problems.sort_by(|a, b| {
            (&a.file, a.line.unwrap_or(0), &a.message).cmp(&(
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
