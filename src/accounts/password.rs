//! Passwords: argon2id hashes in PHC strings (crate `argon2`, its default parameters: 19 MiB, 2 passes,
//! 1 lane, the OWASP recommendation), a minimum and a maximum length, and a dummy hash checked for
//! unknown accounts so that a wrong name costs the same time as a wrong password.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Longest password accepted, in characters (bounds the hashing work).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a password is refused or could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Shorter than [`MIN_PASSWORD_CHARS`].
    #[error("the password is too short: at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    /// Longer than [`MAX_PASSWORD_CHARS`].
    #[error("the password is too long: at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    /// No randomness or a hashing failure (logged by the caller).
    #[error("the password could not be hashed: {0}")]
    Hashing(String),
}

/// Checks the length rules.
pub fn check_password(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(PasswordError::TooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

/// Hashes an acceptable password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    check_password(password)?;
    hash_unchecked(password)
}

fn hash_unchecked(password: &str) -> Result<String, PasswordError> {
    // A random 16-byte salt from the operating system (argon2's `getrandom` feature).
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hashing(e.to_string()))
}

/// Whether `password` matches the stored PHC string; `None` checks against a dummy hash (same cost)
/// and is always false. An unreadable stored hash is false.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    let (phc, real) = match stored {
        Some(phc) => (phc, true),
        None => (dummy_hash(), false),
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    matches && real
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = [0u8; 24];
        let _ = getrandom::fill(&mut bytes);
        let password: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        hash_unchecked(&password).unwrap_or_else(|_| {
            // A well-formed hash of an unknown password keeps the timing when randomness fails.
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Xvdt3EIzRcX2iIi/NsdhyJG1nPyrX7d0ZzJ0J5Qf6w8".to_string()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash_password("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("correct horse battery", Some(&phc)));
        assert!(!verify_password("correct horse batterz", Some(&phc)));
        assert!(!verify_password("correct horse battery", None));
        assert!(!verify_password(
            "correct horse battery",
            Some("not a hash")
        ));
        let again = hash_password("correct horse battery").unwrap();
        assert_ne!(phc, again, "salted");
    }

    #[test]
    fn length_rules() {
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
        assert_eq!(check_password(&"é".repeat(12)), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(257)),
            Err(PasswordError::TooLong)
        );
    }
}
