//! What an editor asks the store to do: a [`Change`] to one file of the knowledge base, and the
//! [`EntryDraft`] an entry form is read into (every field as the editor typed it, so that a refused
//! save can show the form again exactly as it was).

use std::path::PathBuf;

use crate::knowledge_base::Theme;
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// One language column of an entry form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftText {
    /// The question as the Cité des métiers titles it.
    pub question: String,
    /// Other ways visitors ask it, in order.
    pub phrasings: Vec<String>,
    /// Extra search words.
    pub keywords: Vec<String>,
    /// The answer in Markdown.
    pub answer: String,
}

/// An entry as an editor sees it in the form: the fields of its file, nothing derived.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDraft {
    /// Partner ids, the first-line referral first.
    pub partners: Vec<String>,
    /// Who it is for.
    pub audiences: Vec<String>,
    /// Related entry ids.
    pub related: Vec<String>,
    /// The counterpart entry's id (the same need in the other language community's system), or empty.
    pub counterpart: String,
    /// `reviewed_on`, as typed (`YYYY-MM-DD`).
    pub reviewed_on: String,
    /// `reviewed_by`: a reviewer role.
    pub reviewed_by: String,
    /// `time_sensitive`.
    pub time_sensitive: bool,
    /// `recheck`: what to re-check when time-sensitive.
    pub recheck: String,
    /// One column per language.
    pub texts: PerLanguage<DraftText>,
    /// The languages the site does not serve: the form has no column for them, and their sections of
    /// the file are neither written nor created (empty: every language is the site's).
    pub unserved: LanguageSet,
}

impl EntryDraft {
    /// The languages `served` leaves out, to set in [`EntryDraft::unserved`].
    pub fn unserved_by(served: LanguageSet) -> LanguageSet {
        Language::ALL
            .into_iter()
            .filter(|l| !served.contains(*l))
            .collect()
    }

    /// The column of `language`.
    pub fn text(&self, language: Language) -> &DraftText {
        &self.texts[language]
    }

    /// The column of `language`, to change.
    pub fn text_mut(&mut self, language: Language) -> &mut DraftText {
        &mut self.texts[language]
    }
}

/// A change to the knowledge base; each touches exactly one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Update an entry's fields (the parts of the file not in the form are kept as they are).
    UpdateEntry {
        /// `<theme>/<slug>`.
        id: String,
        /// The form.
        draft: EntryDraft,
    },
    /// Create a new entry file `<theme>/<slug>.toml`.
    CreateEntry {
        /// Its theme (the folder).
        theme: Theme,
        /// Its slug (the file name, lowercase letters, digits and hyphens).
        slug: String,
        /// The form.
        draft: EntryDraft,
    },
    /// Retire an entry: its file is removed, so it is no longer served; the history keeps it.
    RetireEntry {
        /// `<theme>/<slug>`.
        id: String,
    },
    /// A counsellor's sign-off of an entry's referral: `reviewed_on` becomes `on`, `reviewed_by`
    /// "counsellor"; nothing else changes.
    SignOff {
        /// `<theme>/<slug>`.
        id: String,
        /// The day of the check.
        on: time::Date,
    },
    /// "Not ours": add a visitor's (scrubbed) question to a topic of the bank of declined questions
    /// (`out-of-scope.toml`), so that questions like it are declined with where to go instead.
    AddDeclinedQuestion {
        /// The topic's id.
        topic: String,
        /// The question's language.
        language: Language,
        /// The question, scrubbed of personal data.
        question: String,
    },
    /// Replace a whole file with this text: the partner, synonym and site editors, and "restore this
    /// version" from the history (`None` removes the file, restoring a retirement).
    ReplaceFile {
        /// Path relative to the knowledge-base folder.
        file: PathBuf,
        /// The new text.
        text: Option<String>,
        /// What it is, for the history ("edit", "restore").
        action: Action,
    },
}

/// What a save did, as the history records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// An entry created.
    Create,
    /// A file edited.
    Edit,
    /// An entry retired.
    Retire,
    /// A counsellor's sign-off.
    SignOff,
    /// An earlier version restored.
    Restore,
}

impl Action {
    /// The name stored in the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Edit => "edit",
            Action::Retire => "retire",
            Action::SignOff => "sign-off",
            Action::Restore => "restore",
        }
    }

    /// Reads a stored name.
    pub fn parse(name: &str) -> Option<Action> {
        [
            Action::Create,
            Action::Edit,
            Action::Retire,
            Action::SignOff,
            Action::Restore,
        ]
        .into_iter()
        .find(|a| a.as_str() == name)
    }
}

/// The bank of declined questions, relative to the knowledge-base folder.
pub const OUT_OF_SCOPE_FILE: &str = "out-of-scope.toml";

/// The path of an entry's file, from its id (`work/cv` → `work/cv.toml`).
pub fn entry_file(id: &str) -> PathBuf {
    PathBuf::from(format!("{id}.toml"))
}

impl Change {
    /// The file the change touches, relative to the knowledge-base folder.
    pub fn file(&self) -> PathBuf {
        match self {
            Change::UpdateEntry { id, .. }
            | Change::RetireEntry { id }
            | Change::SignOff { id, .. } => entry_file(id),
            Change::CreateEntry { theme, slug, .. } => {
                PathBuf::from(format!("{}/{slug}.toml", theme.slug()))
            }
            Change::AddDeclinedQuestion { .. } => PathBuf::from(OUT_OF_SCOPE_FILE),
            Change::ReplaceFile { file, .. } => file.clone(),
        }
    }

    /// What the history calls it.
    pub fn action(&self) -> Action {
        match self {
            Change::UpdateEntry { .. } => Action::Edit,
            Change::CreateEntry { .. } => Action::Create,
            Change::RetireEntry { .. } => Action::Retire,
            Change::SignOff { .. } => Action::SignOff,
            Change::AddDeclinedQuestion { .. } => Action::Edit,
            Change::ReplaceFile { action, .. } => *action,
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: an entry change names the entry's file; action names round-trip.
    use super::*;

    #[test]
    fn changes_name_their_file() {
        let change = Change::RetireEntry {
            id: "work/cv".into(),
        };
        assert_eq!(change.file(), PathBuf::from("work/cv.toml"));
        let create = Change::CreateEntry {
            theme: Theme::Learn,
            slug: "new-one".into(),
            draft: EntryDraft::default(),
        };
        assert_eq!(create.file(), PathBuf::from("learn/new-one.toml"));
        assert_eq!(create.action(), Action::Create);
    }

    #[test]
    fn action_names_round_trip() {
        for a in [
            Action::Create,
            Action::Edit,
            Action::Retire,
            Action::SignOff,
            Action::Restore,
        ] {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        assert_eq!(Action::parse("nonsense"), None);
    }
}
