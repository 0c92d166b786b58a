//! The Cité des métiers' own settings from `site.toml`: the hand-off contacts shown when the bot
//! passes a visitor to a person, the bot's own sentences, the theme labels, featured entries and
//! sub-groups (`theme_group.rs`), and small talk.

use std::collections::BTreeMap;

use super::contact;
use super::parse::{SourceFile, TableReader};
use super::partner::{check, optional};
use super::theme::Theme;
use super::theme_group::ThemeGroup;
use crate::text_analysis::{Language, LanguageSet, PerLanguage};

/// One language version of the hand-off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandoffText {
    /// Postal address, with directions.
    pub address: String,
    /// Opening hours (only confirmed facts).
    pub hours: String,
    /// Label shown with the phone number.
    pub phone_label: String,
    /// Label shown with the chat link.
    pub chat_label: String,
}

/// How a visitor reaches a counsellor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handoff {
    /// Contact e-mail.
    pub email: String,
    /// Freephone number.
    pub phone: String,
    /// Where the online chat is.
    pub chat_url: String,
    /// The website.
    pub website: String,
    texts: PerLanguage<HandoffText>,
}

impl Handoff {
    /// The hand-off texts in `language`.
    pub fn text(&self, language: Language) -> &HandoffText {
        &self.texts[language]
    }
}

/// The bot's own sentences in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    /// Before an answer.
    pub answer: String,
    /// Before the options of a clarification.
    pub clarify: String,
    /// Before the guided choice offered for a broad question ("emploi", "opleiding").
    pub guide: String,
    /// The apology before the hand-off.
    pub no_answer: String,
    /// When only a partner matches; `{partner}` is replaced by its name.
    pub partner: String,
    /// When the question is empty.
    pub empty: String,
    /// The question shown for a partner profile; `{partner}` is replaced by its name.
    pub partner_question: String,
}

/// A theme's label and description in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeLabel {
    /// Short label: "S'orienter".
    pub label: String,
    /// One sentence.
    pub description: String,
}

/// A small-talk intent: greeting, thanks, "are you a robot?", goodbye, help.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SmallTalk {
    /// The intent's name.
    pub intent: String,
    /// What visitors write, per language.
    pub triggers: PerLanguage<Vec<String>>,
    /// The bot's reply, per language.
    pub replies: PerLanguage<String>,
}

/// Everything in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The hand-off to a person.
    pub handoff: Handoff,
    messages: PerLanguage<Messages>,
    themes: BTreeMap<Theme, PerLanguage<ThemeLabel>>,
    featured: BTreeMap<Theme, Vec<String>>,
    featured_lines: BTreeMap<Theme, Vec<usize>>,
    groups: BTreeMap<Theme, Vec<ThemeGroup>>,
    /// Small-talk intents.
    pub smalltalk: Vec<SmallTalk>,
    off_topic: PerLanguage<Vec<String>>,
    /// The languages the site is written in and answers in (`languages` in `site.toml`; all three
    /// when it is not there).
    languages: LanguageSet,
}

impl Default for Site {
    fn default() -> Site {
        Site {
            handoff: Handoff::default(),
            messages: PerLanguage::default(),
            themes: BTreeMap::new(),
            featured: BTreeMap::new(),
            featured_lines: BTreeMap::new(),
            groups: BTreeMap::new(),
            smalltalk: Vec::new(),
            off_topic: PerLanguage::default(),
            languages: LanguageSet::all(),
        }
    }
}

impl Site {
    /// The languages the site serves: its texts are required in these, and it answers in them only.
    pub fn languages(&self) -> LanguageSet {
        self.languages
    }

    /// The language a reply is given in when `language` is asked for: itself when the site serves
    /// it, else the site's first language (a French-only site answers in French on every page).
    pub fn serving(&self, language: Language) -> Language {
        if self.languages.contains(language) {
            language
        } else {
            self.languages.iter().next().unwrap_or(Language::Fr)
        }
    }

    /// The bot's sentences in `language`.
    pub fn messages(&self, language: Language) -> &Messages {
        &self.messages[language]
    }

    /// Words of everyday subjects the Cité des métiers does not handle, in `language`.
    pub fn off_topic(&self, language: Language) -> &[String] {
        &self.off_topic[language]
    }

    /// A theme's label in `language`.
    pub fn theme(&self, theme: Theme, language: Language) -> &ThemeLabel {
        static EMPTY: ThemeLabel = ThemeLabel {
            label: String::new(),
            description: String::new(),
        };
        self.themes
            .get(&theme)
            .map_or(&EMPTY, |labels| &labels[language])
    }

    /// The entry ids editors put first in a theme's menu (`featured` in `[themes.<slug>]`), in their
    /// order; the widget's menu shows the most asked entries first and fills up with these.
    pub fn featured(&self, theme: Theme) -> &[String] {
        self.featured.get(&theme).map_or(&[], Vec::as_slice)
    }

    /// Line of each `featured` id of `theme` in `site.toml`, for the checker.
    pub(crate) fn featured_lines(&self, theme: Theme) -> &[usize] {
        self.featured_lines.get(&theme).map_or(&[], Vec::as_slice)
    }

    /// The sub-groups of `theme` (`[[themes.<slug>.groups]]`), in file order; empty when the theme is
    /// small enough to be one list.
    pub fn groups(&self, theme: Theme) -> &[ThemeGroup] {
        self.groups.get(&theme).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn parse(file: &mut SourceFile, text: &str) -> Option<Site> {
        let table = file.parse(text)?;
        let mut root = TableReader::new(&table, "site.toml");
        let mut site = Site::default();
        if let Some(codes) = root.string_list(file, "languages", false) {
            let mut languages = LanguageSet::empty();
            for code in &codes {
                match code.value.parse::<Language>() {
                    Ok(language) if code.value.trim().len() == 2 => {
                        if languages.contains(language) {
                            file.error(&code.span, format!("{:?} is listed twice", code.value));
                        }
                        languages.insert(language);
                    }
                    _ => file.error(
                        &code.span,
                        format!("{:?} is not one of the languages fr, nl, en", code.value),
                    ),
                }
            }
            if languages.is_empty() {
                let span = root.span();
                file.error(
                    &span,
                    "`languages` needs at least one of fr, nl, en (leave it out for all three)",
                );
            } else {
                site.languages = languages;
            }
        }
        let served = site.languages;
        if let Some(mut handoff) = root.table(file, "handoff", "[handoff]", true) {
            let email = optional(handoff.string(file, "email", true));
            let phone = optional(handoff.string(file, "phone", true));
            let chat_url = optional(handoff.string(file, "chat_url", true));
            let website = optional(handoff.string(file, "website", true));
            check(file, &email, contact::check_email);
            check(file, &phone, contact::check_phone);
            check(file, &chat_url, contact::check_url);
            check(file, &website, contact::check_url);
            site.handoff.email = email.map(|v| v.value).unwrap_or_default();
            site.handoff.phone = phone.map(|v| v.value).unwrap_or_default();
            site.handoff.chat_url = chat_url.map(|v| v.value).unwrap_or_default();
            site.handoff.website = website.map(|v| v.value).unwrap_or_default();
            for language in Language::ALL {
                let name = format!("[handoff.{}]", language.code());
                if let Some(mut t) =
                    handoff.table(file, language.code(), &name, served.contains(language))
                {
                    let mut get = |key| non_empty(file, &mut t, key);
                    site.handoff.texts[language] = HandoffText {
                        address: get("address"),
                        hours: get("hours"),
                        phone_label: get("phone_label"),
                        chat_label: get("chat_label"),
                    };
                    t.finish(file);
                }
            }
            handoff.finish(file);
        }
        if let Some(mut messages) = root.table(file, "messages", "[messages]", true) {
            for language in Language::ALL {
                let name = format!("[messages.{}]", language.code());
                if let Some(mut t) =
                    messages.table(file, language.code(), &name, served.contains(language))
                {
                    let mut get = |key| non_empty(file, &mut t, key);
                    site.messages[language] = Messages {
                        answer: get("answer"),
                        clarify: get("clarify"),
                        guide: get("guide"),
                        no_answer: get("no_answer"),
                        partner: get("partner"),
                        empty: get("empty"),
                        partner_question: get("partner_question"),
                    };
                    t.finish(file);
                }
            }
            messages.finish(file);
        }
        if let Some(mut themes) = root.table(file, "themes", "[themes]", true) {
            for theme in Theme::ALL {
                let name = format!("[themes.{}]", theme.slug());
                let Some(mut t) = themes.table(file, theme.slug(), &name, true) else {
                    continue;
                };
                let featured = t.string_list(file, "featured", false).unwrap_or_default();
                site.featured_lines.insert(
                    theme,
                    featured.iter().map(|f| file.line(f.span.start)).collect(),
                );
                site.featured
                    .insert(theme, featured.into_iter().map(|f| f.value).collect());
                let groups = ThemeGroup::parse_all(file, &mut t, theme.slug(), served);
                site.groups.insert(theme, groups);
                let mut labels: PerLanguage<ThemeLabel> = Default::default();
                for language in Language::ALL {
                    let name = format!("[themes.{}.{}]", theme.slug(), language.code());
                    if let Some(mut l) =
                        t.table(file, language.code(), &name, served.contains(language))
                    {
                        labels[language] = ThemeLabel {
                            label: non_empty(file, &mut l, "label"),
                            description: non_empty(file, &mut l, "description"),
                        };
                        l.finish(file);
                    }
                }
                t.finish(file);
                site.themes.insert(theme, labels);
            }
            themes.finish(file);
        }
        for mut intent in root.tables(file, "smalltalk", "[[smalltalk]]") {
            let mut smalltalk = SmallTalk {
                intent: non_empty(file, &mut intent, "intent"),
                ..SmallTalk::default()
            };
            for language in Language::ALL {
                let name = format!(
                    "the {} small talk of {:?}",
                    language.code(),
                    smalltalk.intent
                );
                if let Some(mut t) =
                    intent.table(file, language.code(), &name, served.contains(language))
                {
                    let triggers = t.string_list(file, "triggers", true).unwrap_or_default();
                    if triggers.is_empty() {
                        let span = t.span();
                        file.error(&span, format!("{name} needs at least one trigger"));
                    }
                    smalltalk.triggers[language] = triggers
                        .into_iter()
                        .map(|v| v.value)
                        .filter(|v| !v.trim().is_empty())
                        .collect();
                    smalltalk.replies[language] = non_empty(file, &mut t, "reply");
                    t.finish(file);
                }
            }
            intent.finish(file);
            site.smalltalk.push(smalltalk);
        }
        if let Some(mut off_topic) = root.table(file, "off_topic", "[off_topic]", false) {
            for language in Language::ALL {
                site.off_topic[language] = off_topic
                    .string_list(file, language.code(), false)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|v| v.value.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
            }
            off_topic.finish(file);
        }
        root.finish(file);
        Some(site)
    }
}

fn non_empty<'a>(file: &mut SourceFile, table: &mut TableReader<'a, '_>, key: &'a str) -> String {
    match table.string(file, key, true) {
        Some(v) if v.value.trim().is_empty() => {
            file.error(&v.span, format!("`{key}` is empty"));
            String::new()
        }
        Some(v) => v.value.trim().to_string(),
        None => String::new(),
    }
}
