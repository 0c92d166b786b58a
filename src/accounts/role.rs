//! The staff roles and a set of them: an account may hold several roles (a counsellor who also edits).
//! What each role may do is decided in one place, `http::admin`'s route table, and documented in the
//! README's "Staff access".

use std::fmt;
use std::str::FromStr;

/// One staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Edits the knowledge base; sees the unanswered questions.
    Editor,
    /// Reviews entries and signs off referrals; uses the test console.
    Counsellor,
    /// Manages accounts, reloads, sees the statistics.
    Admin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 3] = [Role::Editor, Role::Counsellor, Role::Admin];

    /// The name used on the command line and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Counsellor => "counsellor",
            Role::Admin => "admin",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Role::Editor => 1,
            Role::Counsellor => 2,
            Role::Admin => 4,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown role name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: use editor, counsellor or admin")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        match s.trim().to_ascii_lowercase().as_str() {
            "editor" => Ok(Role::Editor),
            "counsellor" | "counselor" => Ok(Role::Counsellor),
            "admin" => Ok(Role::Admin),
            _ => Err(UnknownRole(s.chars().take(40).collect())),
        }
    }
}

/// A set of roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Roles(u8);

impl Roles {
    /// No role at all.
    pub const NONE: Roles = Roles(0);

    /// Every role (the automation token acts with these).
    pub const ALL: Roles = Roles(7);

    /// Whether the set holds `role`.
    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// Whether the set holds at least one of `roles`.
    pub fn any_of(self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.contains(*r))
    }

    /// The set with `role` added.
    pub fn with(self, role: Role) -> Roles {
        Roles(self.0 | role.bit())
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles held, in display order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    /// Stored form: `editor,counsellor`.
    pub fn to_list(self) -> String {
        self.iter().map(Role::as_str).collect::<Vec<_>>().join(",")
    }

    /// Parses the stored form (or a comma-separated command-line value).
    pub fn parse_list(list: &str) -> Result<Roles, UnknownRole> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .try_fold(Roles::NONE, |set, name| Ok(set.with(name.parse()?)))
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Roles {
        iter.into_iter().fold(Roles::NONE, Roles::with)
    }
}

impl fmt::Display for Roles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_list())
    }
}

impl serde::Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_round_trips_through_its_stored_form() {
        let roles: Roles = [Role::Counsellor, Role::Editor].into_iter().collect();
        assert_eq!(roles.to_list(), "editor,counsellor");
        assert_eq!(Roles::parse_list("editor,counsellor"), Ok(roles));
        assert!(roles.contains(Role::Editor) && !roles.contains(Role::Admin));
        assert!(roles.any_of(&[Role::Admin, Role::Counsellor]));
        assert!(!roles.any_of(&[Role::Admin]));
        assert_eq!(Roles::parse_list(""), Ok(Roles::NONE));
        assert!(Roles::parse_list("editor,boss").is_err());
        assert_eq!("Counselor".parse(), Ok(Role::Counsellor));
    }
}
