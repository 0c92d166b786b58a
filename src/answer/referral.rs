//! Who or where to send the visitor: partner cards for the answers' partners, the first-line referral,
//! a partner profile turned into an answer when only a partner matches, and the hand-off to a
//! counsellor of the Cité des métiers.

use super::reply::{AnswerItem, AnswerSource, HandoffCard, PartnerCard, RelatedQuestion};
use crate::knowledge_base::{Entry, KnowledgeBase, Partner, Theme, tel_uri, to_safe_html};
use crate::text_analysis::Language;

/// The card of `partner` in `language`.
pub fn partner_card(partner: &Partner, language: Language) -> PartnerCard {
    let text = partner.text(language);
    PartnerCard {
        id: partner.id.clone(),
        name: text.name.clone(),
        services: text.services.clone(),
        summary: text
            .summary
            .clone()
            .unwrap_or_else(|| text.services.clone()),
        url: partner.website_in(language).map(str::to_string),
        phone: partner.phone.clone(),
        phone_uri: partner.phone.as_deref().map(tel_uri),
        email: partner.email.clone(),
        address: text.address.clone(),
        hours: text.hours.clone(),
        verified: partner.verified,
    }
}

/// The hand-off card in `language`.
pub fn handoff(kb: &KnowledgeBase, language: Language) -> HandoffCard {
    let h = &kb.site().handoff;
    let t = h.text(language);
    HandoffCard {
        email: h.email.clone(),
        phone: h.phone.clone(),
        phone_uri: tel_uri(&h.phone),
        phone_label: t.phone_label.clone(),
        chat_url: h.chat_url.clone(),
        chat_label: t.chat_label.clone(),
        website: h.website.clone(),
        address: t.address.clone(),
        hours: t.hours.clone(),
    }
}

/// An entry as an answer in `language`.
pub fn entry_answer(
    kb: &KnowledgeBase,
    entry: &Entry,
    language: Language,
    confidence: f32,
) -> AnswerItem {
    let text = entry.text(language);
    let related = entry
        .related
        .iter()
        .filter_map(|id| kb.entry(id))
        .map(|e| RelatedQuestion {
            id: e.id.clone(),
            question: e.text(language).question.clone(),
        })
        .collect();
    AnswerItem {
        id: entry.id.clone(),
        theme: entry.theme,
        theme_label: kb.site().theme(entry.theme, language).label.clone(),
        question: text.question.clone(),
        answer: text.answer.clone(),
        answer_html: text.answer_html.clone(),
        confidence: round(confidence),
        partners: entry
            .partners
            .iter()
            .filter_map(|p| kb.partner(p))
            .map(|p| partner_card(p, language))
            .collect(),
        related,
        source: AnswerSource::Entry,
        time_sensitive: entry.review.time_sensitive,
    }
}

/// A partner profile as an answer in `language`: what it does and how to reach it.
pub fn partner_answer(
    kb: &KnowledgeBase,
    partner: &Partner,
    language: Language,
    confidence: f32,
) -> AnswerItem {
    let card = partner_card(partner, language);
    let mut markdown = format!("**{}**: {}", card.name, card.services);
    let mut contacts = Vec::new();
    if let Some(url) = &card.url {
        contacts.push(format!(
            "- [{}]({url})",
            url.trim_start_matches("https://").trim_end_matches('/')
        ));
    }
    if let Some(phone) = &card.phone {
        contacts.push(format!("- {phone}"));
    }
    if let Some(email) = &card.email {
        contacts.push(format!("- [{email}](mailto:{email})"));
    }
    if let Some(address) = &card.address {
        contacts.push(format!("- {address}"));
    }
    if !contacts.is_empty() {
        markdown.push_str("\n\n");
        markdown.push_str(&contacts.join("\n"));
    }
    let theme = partner.themes.first().copied().unwrap_or(Theme::Choose);
    let question = kb
        .site()
        .messages(language)
        .partner_question
        .replace("{partner}", &card.name);
    AnswerItem {
        id: format!("partners/{}", partner.id),
        theme,
        theme_label: kb.site().theme(theme, language).label.clone(),
        question,
        answer_html: to_safe_html(&markdown).into(),
        answer: markdown.into(),
        confidence: round(confidence),
        partners: vec![card],
        related: Vec::new(),
        source: AnswerSource::Partner,
        time_sensitive: false,
    }
}

/// Confidence rounded to two decimals, so replies are stable to read and to snapshot.
pub fn round(confidence: f32) -> f32 {
    (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0
}
