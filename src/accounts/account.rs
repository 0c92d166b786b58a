//! A staff account as the rest of the program sees it: its name (the login, shown in the history), its
//! roles, its page language and whether it is disabled. The password hash never leaves `store.rs`.

use super::role::Roles;
use crate::text_analysis::Language;

/// Longest account name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    /// The login name (lower case; letters, digits, `.`, `-`, `_`, `@`).
    pub name: String,
    /// The roles held.
    pub roles: Roles,
    /// The language the staff pages are shown in (None: the browser's).
    pub lang: Option<Language>,
    /// A disabled account cannot log in and has no session.
    pub disabled: bool,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
}

/// Why an account name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Empty.
    #[error("the name is empty")]
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    #[error("the name is longer than {MAX_NAME_CHARS} characters")]
    TooLong,
    /// A character that is not a letter, a digit, `.`, `-`, `_` or `@`.
    #[error("the name may hold only letters, digits and . - _ @")]
    BadCharacter,
}

/// The canonical form of a login name: trimmed, lower case, checked. Logins compare on this form.
pub fn normalise_name(raw: &str) -> Result<String, NameError> {
    let name = raw.trim().to_lowercase();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong);
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
    {
        return Err(NameError::BadCharacter);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised_and_checked() {
        assert_eq!(normalise_name("  Élodie.M ").as_deref(), Ok("élodie.m"));
        assert_eq!(normalise_name(" "), Err(NameError::Empty));
        assert_eq!(normalise_name("a b"), Err(NameError::BadCharacter));
        assert_eq!(normalise_name("x\u{202e}y"), Err(NameError::BadCharacter));
        assert_eq!(normalise_name(&"a".repeat(65)), Err(NameError::TooLong));
    }
}
