//! Checks that need more than one file: partner ids that exist, related entries and counterparts that
//! exist (a counterpart naming the entry back), ids that collide, phrasings shared by two entries
//! (compared after analysis: accents, capitals, stop words and endings do not make two phrasings
//! different), and themes left empty; [`check_menus`] checks the
//! theme menus of `site.toml` (featured entries and sub-groups) against the entries.

use std::collections::{BTreeMap, HashMap};

use super::entry::Entry;
use super::partner::Partner;
use super::problem::{Problem, Report};
use super::site::Site;
use super::theme::Theme;
use crate::text_analysis::{Analyzer, Language};

/// Runs the cross-file checks and adds their problems to `report`.
pub(crate) fn cross_check(
    entries: &[Entry],
    partners: &BTreeMap<String, Partner>,
    report: &mut Report,
) {
    let ids: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    for entry in entries {
        for (i, partner) in entry.partners.iter().enumerate() {
            if !partners.contains_key(partner) {
                let line = entry.lines.partners.get(i).copied();
                report.push(Problem::missing(
                    &entry.file,
                    line,
                    format!("unknown partner id {partner:?}: there is no partners/{partner}.toml"),
                    format!("partners/{partner}.toml"),
                ));
            }
        }
        for (i, related) in entry.related.iter().enumerate() {
            let line = entry.lines.related.get(i).copied();
            if related == &entry.id {
                report.push(Problem::error(
                    &entry.file,
                    line,
                    "an entry cannot be related to itself",
                ));
            } else if !ids.contains_key(related.as_str()) {
                report.push(Problem::missing(
                    &entry.file,
                    line,
                    format!("unknown related entry {related:?}"),
                    format!("{related}.toml"),
                ));
            }
        }
        if let Some(counterpart) = &entry.counterpart {
            let line = entry.lines.counterpart;
            if counterpart == &entry.id {
                report.push(Problem::error(
                    &entry.file,
                    line,
                    "an entry cannot be its own counterpart",
                ));
            } else if let Some(other) = ids.get(counterpart.as_str()) {
                if other.counterpart.as_deref() != Some(entry.id.as_str()) {
                    report.push(Problem::error(
                        &entry.file,
                        line,
                        format!(
                            "the counterpart {counterpart:?} does not name {:?} back: write `counterpart = {:?}` in {}",
                            entry.id,
                            entry.id,
                            other.file.display()
                        ),
                    ));
                }
            } else {
                report.push(Problem::missing(
                    &entry.file,
                    line,
                    format!("unknown counterpart entry {counterpart:?}"),
                    format!("{counterpart}.toml"),
                ));
            }
        }
    }
    duplicate_phrasings(entries, report);
    for theme in Theme::ALL {
        if !entries.iter().any(|e| e.theme == theme) {
            report.push(Problem::warning(
                theme.slug(),
                None,
                format!("the theme {theme} has no entry"),
            ));
        }
    }
}

/// The theme menus of `site.toml`: every featured or grouped id is an entry of that theme; an entry is
/// in at most one group of its theme; an entry of a grouped theme in no group is a warning (the
/// widget still lists it under "more", but a visitor browsing the groups will not find it).
pub(crate) fn check_menus(entries: &[Entry], site: &Site, report: &mut Report) {
    let site_file = std::path::Path::new("site.toml");
    let ids: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let check_id =
        |id: &str, line: Option<usize>, theme: Theme, what: &str, report: &mut Report| match ids
            .get(id)
        {
            None => report.push(Problem::error(
                site_file,
                line,
                format!("{what} {id:?} is not an entry (a typo, or a retired entry?)"),
            )),
            Some(entry) if entry.theme != theme => report.push(Problem::error(
                site_file,
                line,
                format!(
                    "{what} {id:?} belongs to the theme {}, not to {theme}",
                    entry.theme
                ),
            )),
            Some(_) => {}
        };
    for theme in Theme::ALL {
        let lines = site.featured_lines(theme);
        for (i, id) in site.featured(theme).iter().enumerate() {
            check_id(
                id,
                lines.get(i).copied(),
                theme,
                "the featured entry",
                report,
            );
        }
        let groups = site.groups(theme);
        let mut grouped: HashMap<&str, &str> = HashMap::new();
        for group in groups {
            for (id, line) in group.entries.iter().zip(&group.entry_lines) {
                check_id(id, Some(*line), theme, "the grouped entry", report);
                if let Some(first) = grouped.insert(id.as_str(), group.id.as_str()) {
                    report.push(Problem::error(
                        site_file,
                        Some(*line),
                        format!(
                            "{id:?} is already in the group {first:?}: an entry belongs to one group"
                        ),
                    ));
                }
            }
        }
        if groups.is_empty() {
            continue;
        }
        for entry in entries.iter().filter(|e| e.theme == theme) {
            if !grouped.contains_key(entry.id.as_str()) {
                report.push(Problem::warning(
                    site_file,
                    groups.last().map(|g| g.line),
                    format!(
                        "the entry {:?} is in no group of {theme}: visitors browsing the groups will not find it",
                        entry.id
                    ),
                ));
            }
        }
    }
}

fn duplicate_phrasings(entries: &[Entry], report: &mut Report) {
    for language in Language::ALL {
        let analyzer = Analyzer::standalone(language);
        // signature → (entry index, line) of its first occurrence
        let mut seen: HashMap<Vec<String>, (usize, usize)> = HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            let text = entry.text(language);
            let lines = &entry.lines.phrasings[language];
            let all = std::iter::once(&text.question).chain(&text.phrasings);
            for (i, phrasing) in all.enumerate() {
                if phrasing.is_empty() {
                    continue;
                }
                let line = lines.get(i).copied().filter(|l| *l > 0);
                let signature = analyzer.signature(phrasing);
                if signature.is_empty() {
                    continue;
                }
                match seen.get(&signature) {
                    Some(&(other, other_line)) if other != n => {
                        let first = &entries[other];
                        report.push(Problem::error(
                            &entry.file,
                            line,
                            format!(
                                "the {language} phrasing {phrasing:?} is the same as one of {} ({}:{}) once accents, capitals and small words are ignored; two entries must not share a phrasing",
                                first.id,
                                first.file.display(),
                                other_line
                            ),
                        ));
                    }
                    Some(&(_, other_line)) => {
                        report.push(Problem::warning(
                            &entry.file,
                            line,
                            format!("the {language} phrasing {phrasing:?} repeats line {other_line} of the same entry"),
                        ));
                    }
                    None => {
                        seen.insert(signature, (n, line.unwrap_or(0)));
                    }
                }
            }
        }
    }
}
