//! A partner organisation (Actiris, VDAB Brussel, hub.brussels, ...): names, services and contacts in
//! French, Dutch and English; and how one `partners/<id>.toml` file is read.

use std::path::PathBuf;

use super::contact;
use super::entry::audiences;
use super::parse::{Located, SourceFile, TableReader};
use super::theme::Theme;
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// The longest summary the checker accepts, in characters: one sentence a visitor reads at a glance on
/// a phone (about two lines of the widget's card).
pub const SUMMARY_MAX_CHARS: usize = 160;

/// One language version of a partner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerText {
    /// The partner's name in that language.
    pub name: String,
    /// What it does for visitors (indexed).
    pub services: String,
    /// One short sentence for the partner card, after the contacts (at most
    /// [`SUMMARY_MAX_CHARS`] characters; `services` stands in when it is missing).
    pub summary: Option<String>,
    /// Address in that language (street names differ in French and Dutch).
    pub address: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// A language-specific website, overriding the partner's.
    pub website: Option<String>,
}

/// A partner organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// Canonical id: the file name.
    pub id: String,
    /// The file, relative to the knowledge-base folder.
    pub file: PathBuf,
    /// Website.
    pub website: Option<String>,
    /// Phone number as people dial it.
    pub phone: Option<String>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Service languages.
    pub languages: Vec<String>,
    /// Themes it covers.
    pub themes: Vec<Theme>,
    /// Who it serves.
    pub audiences: Vec<String>,
    /// Are the contact facts confirmed?
    pub verified: bool,
    /// When they were last confirmed.
    pub verified_on: Option<time::Date>,
    texts: PerLanguage<PartnerText>,
}

impl Partner {
    /// The partner in `language`.
    pub fn text(&self, language: Language) -> &PartnerText {
        &self.texts[language]
    }

    /// The website to show in `language`.
    pub fn website_in(&self, language: Language) -> Option<&str> {
        self.text(language)
            .website
            .as_deref()
            .or(self.website.as_deref())
    }

    pub(crate) fn parse(
        file: &mut SourceFile,
        text: &str,
        id: String,
        served: LanguageSet,
    ) -> Option<Partner> {
        let table = file.parse(text)?;
        let mut root = TableReader::new(&table, "the partner");
        let website = optional(root.string(file, "website", false));
        let phone = optional(root.string(file, "phone", false));
        let email = optional(root.string(file, "email", false));
        check(file, &website, contact::check_url);
        check(file, &phone, contact::check_phone);
        check(file, &email, contact::check_email);
        let languages = root
            .string_list(file, "languages", true)
            .unwrap_or_default();
        for language in &languages {
            let ok =
                language.value.len() == 2 && language.value.chars().all(|c| c.is_ascii_lowercase());
            if !ok {
                file.error(
                    &language.span,
                    format!(
                        "{:?} is not a language code such as fr, nl, en",
                        language.value
                    ),
                );
            }
        }
        let mut themes = Vec::new();
        for theme in root.string_list(file, "themes", true).unwrap_or_default() {
            match theme.value.parse::<Theme>() {
                Ok(t) => themes.push(t),
                Err(e) => file.error(&theme.span, e.to_string()),
            }
        }
        if themes.is_empty() {
            let span = root.span();
            file.error(&span, "`themes` needs at least one theme");
        }
        let audience_values = root.string_list(file, "audiences", false);
        let audiences = audiences(file, audience_values);
        let verified = root.bool(file, "verified", true);
        let verified_on = root.date(file, "verified_on", false);
        if verified.as_ref().is_some_and(|v| v.value) && verified_on.is_none() {
            let span = verified
                .as_ref()
                .map(|v| v.span.clone())
                .unwrap_or_default();
            file.error(
                &span,
                "`verified = true` needs `verified_on`, the date the contacts were confirmed",
            );
        }
        let mut texts: PerLanguage<PartnerText> = Default::default();
        for language in Language::ALL {
            let name = format!("[{}]", language.code());
            let required = served.contains(language);
            let Some(mut section) = root.table(file, language.code(), &name, required) else {
                continue;
            };
            let text = read_text(file, &mut section, language);
            section.finish(file);
            texts[language] = text;
        }
        root.finish(file);
        Some(Partner {
            id,
            file: file.path.clone(),
            website: website.map(|w| w.value),
            phone: phone.map(|p| p.value),
            email: email.map(|e| e.value),
            languages: languages.into_iter().map(|l| l.value).collect(),
            themes,
            audiences,
            verified: verified.is_some_and(|v| v.value),
            verified_on: verified_on.map(|d| d.value),
            texts,
        })
    }
}

/// An optional text, where `""` means absent.
pub(crate) fn optional(value: Option<Located<String>>) -> Option<Located<String>> {
    value
        .map(|v| Located {
            value: v.value.trim().to_string(),
            span: v.span,
        })
        .filter(|v| !v.value.is_empty())
}

/// Runs a contact check and records its complaint at the value's line.
pub(crate) fn check(
    file: &mut SourceFile,
    value: &Option<Located<String>>,
    check: fn(&str) -> Result<(), String>,
) {
    if let Some(v) = value
        && let Err(why) = check(&v.value)
    {
        file.error(&v.span, why);
    }
}

fn read_text(
    file: &mut SourceFile,
    section: &mut TableReader<'_, '_>,
    language: Language,
) -> PartnerText {
    let lang = language.code();
    let name = section.string(file, "name", true);
    let services = section.string(file, "services", true);
    for (value, what) in [(&name, "name"), (&services, "services")] {
        if let Some(v) = value
            && v.value.trim().is_empty()
        {
            file.error(&v.span, format!("the {lang} {what} is empty"));
        }
    }
    if let Some(services) = &services {
        let (_, has_html) = super::markdown::links_and_html(&services.value);
        if has_html {
            file.error(
                &services.span,
                format!("the {lang} services text contains HTML; use Markdown only"),
            );
        }
        super::markdown::check_links(file, services, &format!("the {lang} services text"));
    }
    let summary = optional(section.string(file, "summary", false));
    match &summary {
        None => {
            let span = section.span();
            file.warning(
                &span,
                format!(
                    "[{lang}] has no `summary`: the card shows the long `services` text instead"
                ),
            );
        }
        Some(s) => {
            let chars = s.value.chars().count();
            if chars > SUMMARY_MAX_CHARS {
                file.error(
                    &s.span,
                    format!(
                        "the {lang} summary has {chars} characters; at most {SUMMARY_MAX_CHARS} (one short sentence)"
                    ),
                );
            }
            let sentences = s
                .value
                .trim_end_matches(['.', '!', '?'])
                .matches(". ")
                .count();
            if sentences > 0 || s.value.contains('\n') {
                file.error(&s.span, format!("the {lang} summary must be one sentence"));
            }
        }
    }
    let address = optional(section.string(file, "address", false));
    let hours = optional(section.string(file, "hours", false));
    let website = optional(section.string(file, "website", false));
    check(file, &website, contact::check_url);
    // What the card shows as it is gets the language's typography once, here (French: no-break spaces in
    // `8 h 30`, before `:`...); `services` is indexed and stays as written.
    let typeset = |text: String| match language {
        Language::Fr => super::markdown::french_typography(&text),
        _ => text,
    };
    PartnerText {
        name: name.map(|n| n.value.trim().to_string()).unwrap_or_default(),
        services: services
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default(),
        summary: summary.map(|s| typeset(s.value)),
        address: address.map(|a| typeset(a.value)),
        hours: hours.map(|h| typeset(h.value)),
        website: website.map(|w| w.value),
    }
}

#[cfg(test)]
mod tests {
    //! Properties: a summary is read per language; one over the length limit, or of two sentences, is an
    //! error at its line; a missing one is only a warning; French card texts get French typography.
    use super::*;
    use crate::knowledge_base::parse::SourceFile;

    fn partner(fr_summary: &str) -> (Option<Partner>, SourceFile) {
        let mut text = String::from(
            "website = \"https://www.actiris.brussels\"\nlanguages = [\"fr\"]\nthemes = [\"work\"]\nverified = false\n",
        );
        for lang in ["fr", "nl", "en"] {
            text.push_str(&format!(
                "[{lang}]\nname = \"Actiris\"\nservices = \"Le service de l'emploi.\"\n"
            ));
            if lang == "fr" && !fr_summary.is_empty() {
                text.push_str(&format!("summary = \"{fr_summary}\"\n"));
                text.push_str("hours = \"de 8 h 30 à 16 h 30\"\n");
            }
            if lang != "fr" {
                text.push_str("summary = \"The employment service.\"\n");
            }
        }
        let mut file = SourceFile::new(std::path::Path::new("partners/actiris.toml"), &text);
        let p = Partner::parse(&mut file, &text, "actiris".into(), LanguageSet::all());
        (p, file)
    }

    #[test]
    fn summaries_are_read_and_checked_for_length_and_sentences() {
        let errors = |file: &SourceFile| {
            file.problems
                .iter()
                .filter(|p| p.severity == crate::knowledge_base::Severity::Error)
                .count()
        };
        let (p, file) = partner("Le service public de l'emploi à Bruxelles.");
        assert_eq!(errors(&file), 0, "{:?}", file.problems);
        let p = p.unwrap();
        assert_eq!(
            p.text(Language::Fr).summary.as_deref(),
            Some("Le service public de l'emploi à Bruxelles.")
        );
        assert_eq!(
            p.text(Language::En).summary.as_deref(),
            Some("The employment service.")
        );
        assert_eq!(
            p.text(Language::Fr).hours.as_deref(),
            Some("de 8\u{a0}h\u{a0}30 à 16\u{a0}h\u{a0}30"),
            "French typography on what the card shows"
        );
        let long = "Un très long résumé ".repeat(10);
        let (_, file) = partner(long.trim());
        assert_eq!(errors(&file), 1, "over {SUMMARY_MAX_CHARS} characters");
        let (_, file) = partner("Une phrase. Puis une autre.");
        assert_eq!(errors(&file), 1, "two sentences");
        let (_, file) = partner("");
        assert_eq!(errors(&file), 0, "missing is only a warning");
        assert_eq!(file.problems.len(), 1);
    }
}
