//! The five themes of the Cité des métiers, which are also the folders of the entries.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the five themes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// s'orienter / kiezen.
    Choose,
    /// se former / leren.
    Learn,
    /// bouger / bewegen.
    Move,
    /// entreprendre / ondernemen.
    SelfEmployment,
    /// travailler / werken.
    Work,
}

impl Theme {
    /// All themes, in the Cité des métiers' order.
    pub const ALL: [Theme; 5] = [
        Theme::Choose,
        Theme::Learn,
        Theme::Move,
        Theme::SelfEmployment,
        Theme::Work,
    ];

    /// The slug used in ids, folder names and the API: `choose`, ..., `self-employment`, `work`.
    pub fn slug(self) -> &'static str {
        match self {
            Theme::Choose => "choose",
            Theme::Learn => "learn",
            Theme::Move => "move",
            Theme::SelfEmployment => "self-employment",
            Theme::Work => "work",
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Not one of the five theme slugs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown theme {0:?}: expected choose, learn, move, self-employment or work")]
pub struct UnknownTheme(pub String);

impl FromStr for Theme {
    type Err = UnknownTheme;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Theme::ALL
            .into_iter()
            .find(|t| t.slug() == s.trim())
            .ok_or_else(|| UnknownTheme(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for theme in Theme::ALL {
            assert_eq!(theme.slug().parse::<Theme>(), Ok(theme));
        }
        assert!("entreprendre".parse::<Theme>().is_err());
    }
}
