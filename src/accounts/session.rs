//! Server-side sessions: a random id (256 bits from the operating system) is the cookie value; the
//! database keeps only its SHA-256, so a copy of the file opens no session. Each session has its own
//! CSRF token, an idle expiry and an absolute expiry.

use std::time::Duration;

use sha2::{Digest, Sha256};

use super::account::Account;

/// Length of a session id or CSRF token in hex characters (32 random bytes).
pub const SECRET_HEX_CHARS: usize = 64;

/// A fresh random secret, 32 bytes as lower-case hex.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; SECRET_HEX_CHARS / 2];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// Whether `id` has the shape of a session id (checked before any database access).
pub fn looks_like_secret(id: &str) -> bool {
    id.len() == SECRET_HEX_CHARS && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the database stores for a session id.
pub fn hash_id(id: &str) -> String {
    hex(&Sha256::digest(id.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session not used for this long is over.
    pub idle: Duration,
    /// A session is over this long after login, used or not.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    /// Two hours idle, twelve hours in all (one working day, then log in again).
    fn default() -> SessionPolicy {
        SessionPolicy {
            idle: Duration::from_secs(2 * 3600),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

impl SessionPolicy {
    /// Whether a session created at `created` and last used at `last_seen` (Unix seconds) is still
    /// valid at `now`.
    pub fn is_live(&self, created: i64, last_seen: i64, now: i64) -> bool {
        let idle = i64::try_from(self.idle.as_secs()).unwrap_or(i64::MAX);
        let absolute = i64::try_from(self.absolute.as_secs()).unwrap_or(i64::MAX);
        now.saturating_sub(last_seen) < idle && now.saturating_sub(created) < absolute
    }
}

/// A live session: the account behind it (read afresh from the database at every request, so a role
/// change or a disabling applies at once) and its CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account.
    pub account: Account,
    /// The per-session CSRF token for the forms.
    pub csrf: String,
}

/// A session just opened: the secret to put in the cookie, and the session.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    /// The cookie value (never stored).
    pub id: String,
    /// The session.
    pub session: Session,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_hex_and_stored_hashed() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert!(looks_like_secret(&a) && looks_like_secret(&b));
        assert_ne!(a, b);
        assert_ne!(hash_id(&a), a);
        assert_eq!(hash_id(&a), hash_id(&a));
        assert!(!looks_like_secret("abc"));
        assert!(!looks_like_secret(&"g".repeat(64)));
    }

    #[test]
    fn idle_and_absolute_expiry() {
        let policy = SessionPolicy {
            idle: Duration::from_secs(10),
            absolute: Duration::from_secs(100),
        };
        assert!(policy.is_live(0, 0, 9));
        assert!(!policy.is_live(0, 0, 10), "idle");
        assert!(policy.is_live(0, 95, 99));
        assert!(!policy.is_live(0, 99, 100), "absolute, even when used");
    }
}
