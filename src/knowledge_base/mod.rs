//! The curated content, as the program sees it: entries, partners, synonyms and the site settings,
//! loaded from the human-edited files of `knowledge-base/` (format documented in its README.md).
//! Loading collects **every** problem (file and line) before deciding: a knowledge base with errors is
//! rejected as a whole, so nothing is ever half-loaded.

mod contact;
mod entry;
mod markdown;
mod out_of_scope;
mod parse;
mod partner;
mod problem;
mod site;
mod synonyms;
mod theme;
mod theme_group;
mod validate;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub use contact::{check_email, check_phone, check_url, tel_uri};
pub use entry::{AUDIENCES, Entry, EntryText, REVIEWER_ROLES, Review};
pub use markdown::{to_plain_text, to_safe_html};
pub use out_of_scope::{OUT_OF_SCOPE_FILE, OutOfScopeTopic};
pub use partner::{Partner, PartnerText};
pub use problem::{Problem, Report, Severity};
pub use site::{Handoff, HandoffText, Messages, Site, SmallTalk, ThemeLabel};
pub use theme::{Theme, UnknownTheme};
pub use theme_group::{MAX_GROUP_LABEL_CHARS, ThemeGroup};

use crate::text_analysis::SynonymGroup;
use parse::SourceFile;

/// Files to read in place of (or in addition to) the folder's, keyed by their path relative to the
/// knowledge-base folder: `Some(text)` replaces or adds a file, `None` removes it. The editors' store
/// checks a change with it before writing anything (the same checker as `cdm-faq check`).
pub type Overlay = BTreeMap<PathBuf, Option<String>>;

/// The knowledge base was not loaded: the report lists every problem (at least one error).
#[derive(Debug, Clone, thiserror::Error)]
#[error("the knowledge base has {} error(s) and {} warning(s)", .0.error_count(), .0.warning_count())]
pub struct LoadError(pub Report);

/// A loaded, valid knowledge base.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    dir: PathBuf,
    version: String,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Per entry, its counterpart's position (resolved once, at load).
    counterparts: Vec<Option<usize>>,
    partners: BTreeMap<String, Partner>,
    synonyms: Vec<SynonymGroup>,
    site: Site,
    out_of_scope: Vec<OutOfScopeTopic>,
    warnings: Report,
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Everything read from the folder, valid or not.
struct Reading<'o> {
    overlay: &'o Overlay,
    report: Report,
    hasher: std::collections::hash_map::DefaultHasher,
    entries: Vec<Entry>,
    partners: BTreeMap<String, Partner>,
    synonyms: Vec<SynonymGroup>,
    site: Option<Site>,
    out_of_scope: Vec<OutOfScopeTopic>,
}

impl Reading<'_> {
    /// The site's languages, once `site.toml` is read (all three when it could not be).
    fn languages(&self) -> crate::text_analysis::LanguageSet {
        self.site
            .as_ref()
            .map_or(crate::text_analysis::LanguageSet::all(), Site::languages)
    }

    /// True when the file exists, in the overlay or else in the folder.
    fn is_file(&self, dir: &Path, relative: &Path) -> bool {
        match self.overlay.get(relative) {
            Some(text) => text.is_some(),
            None => dir.join(relative).is_file(),
        }
    }

    /// Reads a file as text (the overlay's when it has one), hashing it into the version; a problem
    /// when unreadable or not UTF-8.
    fn read(&mut self, dir: &Path, relative: &Path) -> Option<String> {
        let bytes = match self.overlay.get(relative) {
            Some(Some(text)) => Ok(text.clone().into_bytes()),
            Some(None) => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
            None => std::fs::read(dir.join(relative)),
        };
        match bytes {
            Ok(bytes) => {
                relative.hash(&mut self.hasher);
                bytes.hash(&mut self.hasher);
                match String::from_utf8(bytes) {
                    Ok(text) => Some(text),
                    Err(e) => {
                        self.report.push(Problem::error(
                            relative,
                            None,
                            format!(
                                "the file is not UTF-8 text (invalid byte at offset {})",
                                e.utf8_error().valid_up_to()
                            ),
                        ));
                        None
                    }
                }
            }
            Err(e) => {
                self.report.push(Problem::error(
                    relative,
                    None,
                    format!("cannot read the file: {e}"),
                ));
                None
            }
        }
    }
}

/// The `.toml` files of a folder (with the overlay's added and removed), sorted; problems for anything
/// unreadable.
fn toml_files(
    dir: &Path,
    relative: &Path,
    overlay: &Overlay,
    report: &mut Report,
) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for (path, text) in overlay {
        if text.is_some()
            && path.parent() == Some(relative)
            && path.extension().is_some_and(|e| e == "toml")
            && !dir.join(path).is_file()
        {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            files.push((stem.to_string(), path.clone()));
        }
    }
    match std::fs::read_dir(dir.join(relative)) {
        Ok(read) => {
            for item in read.flatten() {
                let path = item.path();
                if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
                    let stem = path
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .to_string();
                    let file = relative.join(item.file_name());
                    if overlay.get(&file).is_none_or(Option::is_some) {
                        files.push((stem, file));
                    }
                } else if path.is_file()
                    && path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
                {
                    report.push(Problem::error(
                        relative.join(item.file_name()),
                        None,
                        "knowledge-base files must end in lowercase `.toml`",
                    ));
                }
            }
        }
        Err(e) => report.push(Problem::error(
            relative,
            None,
            format!("cannot read the folder: {e}"),
        )),
    }
    files.sort();
    files
}

impl KnowledgeBase {
    /// Loads and checks the knowledge base in `dir`, judging review dates against today.
    pub fn load(dir: &Path) -> Result<KnowledgeBase, LoadError> {
        Self::load_at(dir, time::OffsetDateTime::now_utc().date())
    }

    /// Loads and checks the knowledge base in `dir`, judging review dates against `today`.
    /// Warnings do not stop loading; they are kept in [`KnowledgeBase::warnings`].
    pub fn load_at(dir: &Path, today: time::Date) -> Result<KnowledgeBase, LoadError> {
        let overlay = Overlay::new();
        let reading = read_all(dir, &overlay, today);
        let Reading {
            mut report,
            hasher,
            entries,
            partners,
            synonyms,
            site,
            out_of_scope,
            ..
        } = reading;
        report.sort();
        if report.has_errors() {
            return Err(LoadError(report));
        }
        let Some(site) = site else {
            report.push(Problem::error(
                "site.toml",
                None,
                "site.toml could not be read",
            ));
            return Err(LoadError(report));
        };
        let (by_id, counterparts) = indexes(&entries);
        Ok(KnowledgeBase {
            dir: dir.to_path_buf(),
            version: format!("{:016x}", hasher.finish()),
            entries,
            by_id,
            counterparts,
            partners,
            synonyms,
            site,
            out_of_scope,
            warnings: report,
        })
    }

    /// Every problem of the knowledge base in `dir` (errors and warnings), without loading it.
    pub fn check(dir: &Path, today: time::Date) -> Report {
        Self::check_with(dir, &Overlay::new(), today)
    }

    /// Every problem of the knowledge base in `dir` as it would be with `overlay` applied, without
    /// writing anything: the check the editors' store runs before a save.
    pub fn check_with(dir: &Path, overlay: &Overlay, today: time::Date) -> Report {
        let mut report = read_all(dir, overlay, today).report;
        report.sort();
        report
    }

    /// The folder it was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A hash of every file's content: changes whenever an editor changes anything.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// All entries, sorted by id.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Position of the counterpart of the entry at position `i` (see [`Entry::counterpart`]).
    pub fn counterpart_of(&self, i: usize) -> Option<usize> {
        self.counterparts.get(i).copied().flatten()
    }

    /// Position of an entry in [`KnowledgeBase::entries`].
    pub fn entry_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// All partners, by id.
    pub fn partners(&self) -> &BTreeMap<String, Partner> {
        &self.partners
    }

    /// The partner with this id.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.get(id)
    }

    /// The synonym groups, in file order.
    pub fn synonyms(&self) -> &[SynonymGroup] {
        &self.synonyms
    }

    /// The site settings.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The bank of questions declined on purpose (`out-of-scope.toml`; empty without the file).
    pub fn out_of_scope(&self) -> &[OutOfScopeTopic] {
        &self.out_of_scope
    }

    /// Replaces the bank of declined questions (tests and benchmarks).
    pub fn with_out_of_scope(mut self, topics: Vec<OutOfScopeTopic>) -> KnowledgeBase {
        self.out_of_scope = topics;
        self
    }

    /// The warnings found while loading.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }

    /// A synthetic knowledge base `factor` times larger, for benchmarks: every entry is repeated under
    /// new ids (`<id>-x2`, `<id>-x3`...). Partners, synonyms and site are shared.
    pub fn scaled(&self, factor: usize) -> KnowledgeBase {
        let mut entries = Vec::with_capacity(self.entries.len() * factor.max(1));
        for copy in 1..=factor.max(1) {
            for entry in &self.entries {
                let mut e = entry.clone();
                if copy > 1 {
                    e.id = format!("{}-x{copy}", entry.id);
                }
                entries.push(e);
            }
        }
        KnowledgeBase::from_parts(
            entries,
            self.partners.clone(),
            self.synonyms.clone(),
            self.site.clone(),
            format!("{}x{factor}", self.version),
        )
        .with_out_of_scope(self.out_of_scope.clone())
    }

    /// Builds a knowledge base from parts, for tests and synthetic benchmarks (no file is read).
    pub fn from_parts(
        entries: Vec<Entry>,
        partners: BTreeMap<String, Partner>,
        synonyms: Vec<SynonymGroup>,
        site: Site,
        version: String,
    ) -> KnowledgeBase {
        let mut entries = entries;
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let (by_id, counterparts) = indexes(&entries);
        KnowledgeBase {
            dir: PathBuf::new(),
            version,
            entries,
            by_id,
            counterparts,
            partners,
            synonyms,
            site,
            out_of_scope: Vec::new(),
            warnings: Report::default(),
        }
    }
}

/// The entries' positions by id, and each entry's counterpart's position.
fn indexes(entries: &[Entry]) -> (HashMap<String, usize>, Vec<Option<usize>>) {
    let by_id: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let counterparts = entries
        .iter()
        .map(|e| {
            e.counterpart
                .as_deref()
                .and_then(|id| by_id.get(id).copied())
        })
        .collect();
    (by_id, counterparts)
}

fn read_all<'o>(dir: &Path, overlay: &'o Overlay, today: time::Date) -> Reading<'o> {
    let mut reading = Reading {
        overlay,
        report: Report::default(),
        hasher: Default::default(),
        entries: Vec::new(),
        partners: BTreeMap::new(),
        synonyms: Vec::new(),
        site: None,
        out_of_scope: Vec::new(),
    };
    if !dir.is_dir() {
        reading.report.push(Problem::error(
            dir,
            None,
            "the knowledge-base folder does not exist",
        ));
        return reading;
    }
    // site.toml (required) and synonyms.toml (optional)
    let site_path = Path::new("site.toml");
    if reading.is_file(dir, site_path) {
        if let Some(text) = reading.read(dir, site_path) {
            let mut file = SourceFile::new(site_path, &text);
            reading.site = Site::parse(&mut file, &text);
            reading.report.problems.extend(file.problems);
        }
    } else {
        reading.report.push(Problem::error(
            site_path,
            None,
            "site.toml is missing (hand-off contacts, messages, themes, small talk)",
        ));
    }
    let synonyms_path = Path::new("synonyms.toml");
    if reading.is_file(dir, synonyms_path)
        && let Some(text) = reading.read(dir, synonyms_path)
    {
        let mut file = SourceFile::new(synonyms_path, &text);
        reading.synonyms = synonyms::parse(&mut file, &text)
            .into_iter()
            .map(|(g, _)| g)
            .collect();
        reading.report.problems.extend(file.problems);
    }
    let bank_path = Path::new(OUT_OF_SCOPE_FILE);
    if reading.is_file(dir, bank_path)
        && let Some(text) = reading.read(dir, bank_path)
    {
        let mut file = SourceFile::new(bank_path, &text);
        reading.out_of_scope = out_of_scope::parse(&mut file, &text, reading.languages());
        reading.report.problems.extend(file.problems);
    }
    // Other top-level files and folders.
    let mut theme_dirs = Vec::new();
    if let Ok(read) = std::fs::read_dir(dir) {
        let mut items: Vec<_> = read.flatten().collect();
        items.sort_by_key(|i| i.file_name());
        for item in items {
            let name = item.file_name().to_string_lossy().to_string();
            let path = item.path();
            if path.is_dir() {
                if name == "partners" {
                    continue;
                }
                match name.parse::<Theme>() {
                    Ok(theme) => theme_dirs.push((theme, name)),
                    Err(_) if name.starts_with('.') => {}
                    Err(_) => {
                        let has_toml = std::fs::read_dir(&path)
                            .map(|r| {
                                r.flatten()
                                    .any(|f| f.path().extension().is_some_and(|e| e == "toml"))
                            })
                            .unwrap_or(false);
                        if has_toml {
                            reading.report.push(Problem::error(
                                &name,
                                None,
                                format!("{name}/ is not a theme folder (choose, learn, move, self-employment, work); its entries would be ignored"),
                            ));
                        }
                    }
                }
            } else if path.extension().is_some_and(|e| e == "toml")
                && name != "site.toml"
                && name != "synonyms.toml"
                && name != OUT_OF_SCOPE_FILE
            {
                reading.report.push(Problem::error(
                    &name,
                    None,
                    "unknown file: entries go in a theme folder, partners in partners/",
                ));
            }
        }
    }
    for path in overlay.iter().filter(|(_, t)| t.is_some()).map(|(p, _)| p) {
        let mut parts = path.components();
        if let (Some(first), Some(_), None) = (parts.next(), parts.next(), parts.next()) {
            let name = first.as_os_str().to_string_lossy().to_string();
            if let Ok(theme) = name.parse::<Theme>()
                && !theme_dirs.iter().any(|(_, n)| *n == name)
            {
                theme_dirs.push((theme, name));
            }
        }
    }
    // Partners.
    let partners_dir = Path::new("partners");
    if dir.join(partners_dir).is_dir() {
        for (stem, relative) in toml_files(dir, partners_dir, overlay, &mut reading.report) {
            if !is_slug(&stem) {
                reading.report.push(Problem::error(&relative, None, "a partner file name must be lowercase letters, digits and hyphens (it is the partner's id)"));
            }
            let Some(text) = reading.read(dir, &relative) else {
                continue;
            };
            let mut file = SourceFile::new(&relative, &text);
            let parsed = Partner::parse(&mut file, &text, stem.clone(), reading.languages());
            reading.report.problems.extend(file.problems);
            if let Some(partner) = parsed {
                reading.partners.insert(stem, partner);
            }
        }
    } else {
        reading.report.push(Problem::error(
            partners_dir,
            None,
            "the partners/ folder is missing",
        ));
    }
    // Entries.
    let mut seen_ids: HashMap<String, PathBuf> = HashMap::new();
    for (theme, name) in theme_dirs {
        for (stem, relative) in toml_files(dir, Path::new(&name), overlay, &mut reading.report) {
            if !is_slug(&stem) {
                reading.report.push(Problem::error(&relative, None, "an entry file name must be lowercase letters, digits and hyphens (it becomes the entry's id)"));
            }
            let id = format!("{}/{}", theme.slug(), stem.to_lowercase());
            if let Some(other) = seen_ids.get(&id) {
                reading.report.push(Problem::error(
                    &relative,
                    None,
                    format!("duplicate id {id:?}: {} has the same id", other.display()),
                ));
                continue;
            }
            seen_ids.insert(id.clone(), relative.clone());
            let Some(text) = reading.read(dir, &relative) else {
                continue;
            };
            let mut file = SourceFile::new(&relative, &text);
            let parsed = Entry::parse(&mut file, &text, id, theme, today, reading.languages());
            reading.report.problems.extend(file.problems);
            if let Some(entry) = parsed {
                reading.entries.push(entry);
            }
        }
    }
    reading.entries.sort_by(|a, b| a.id.cmp(&b.id));
    validate::cross_check(&reading.entries, &reading.partners, &mut reading.report);
    if let Some(site) = &reading.site {
        validate::check_menus(&reading.entries, site, &mut reading.report);
    }
    let phrasings: std::collections::HashSet<String> = reading
        .entries
        .iter()
        .flat_map(|e| {
            crate::text_analysis::Language::ALL
                .into_iter()
                .flat_map(move |l| {
                    let t = e.text(l);
                    std::iter::once(&t.question).chain(t.phrasings.iter())
                })
        })
        .map(|p| crate::text_analysis::fold(p))
        .collect();
    reading.report.problems.extend(out_of_scope::check_overlap(
        &reading.out_of_scope,
        &phrasings,
    ));
    reading
}
