//! An answer a visitor saw without typing its question: opened from a suggestion, a theme list, a
//! related question, a clarify option, an "or did you mean" button or the next best answer after "not
//! helpful". Counted per hour, source, language, theme and entry, like replies (typed questions are
//! counted by `/ask` itself), so the yearly "requests via the FAQbot" figure includes the visitors who
//! click instead of typing. Nothing about the visitor is recorded.

use std::str::FromStr;

/// How a visitor reached an answer without typing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    /// A completion picked while typing.
    Suggestion,
    /// A question of a theme's list.
    Theme,
    /// A related question under an answer.
    Related,
    /// An option of a "which one do you mean?" reply.
    Clarify,
    /// An "or did you mean…" button under an answer.
    Alternative,
    /// The next best answer offered after "not helpful".
    NextBest,
}

impl Via {
    /// Every source, in the order of the reports.
    pub const ALL: [Via; 6] = [
        Via::Suggestion,
        Via::Theme,
        Via::Related,
        Via::Clarify,
        Via::Alternative,
        Via::NextBest,
    ];

    /// The name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Suggestion => "suggestion",
            Via::Theme => "theme",
            Via::Related => "related",
            Via::Clarify => "clarify",
            Via::Alternative => "alternative",
            Via::NextBest => "next_best",
        }
    }
}

impl FromStr for Via {
    type Err = String;

    fn from_str(s: &str) -> Result<Via, String> {
        Via::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Via::ALL.iter().map(|v| v.as_str()).collect();
                format!("`via` must be one of {}", names.join(", "))
            })
    }
}

/// One answer seen without typing, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ViewEvent {
    /// UTC hour: `2026-11-21T14`.
    pub hour: String,
    /// How it was reached.
    pub via: Via,
    /// Language the answer was shown in.
    pub lang: String,
    /// Theme of the entry (`` for a partner profile).
    pub theme: String,
    /// The entry (or `partners/<id>`).
    pub entry_id: String,
}

#[cfg(test)]
mod tests {
    //! Properties: every source round-trips through its name; an unknown name is refused with the list.
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_refused() {
        for via in Via::ALL {
            assert_eq!(via.as_str().parse::<Via>(), Ok(via));
        }
        let err = "typed".parse::<Via>().unwrap_err();
        assert!(err.contains("next_best"), "{err}");
        assert!("Suggestion".parse::<Via>().is_err());
    }
}
