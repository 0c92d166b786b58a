/*! cdm-faq widget, Cité des métiers / Beroepenpunt. Readable source: web-widget/src/widget.js */
// @ts-check
// The FAQ assistant of the Cité des métiers de Bruxelles / Beroepenpunt Brussel.
// Embed: <script src="https://HOST/widget.js" data-lang="fr" defer></script> (options: web-widget/README.md).
// Served minified from web-widget/dist/ (scripts/build.mjs).
// Rules kept in this file: everything renders in a Shadow DOM styled by constructable stylesheets (strict
// CSP: no inline style, no eval); visitor and knowledge-base text only ever goes in through textContent and
// DOM APIs, the server's sanitised `answer_html` is the single innerHTML; no cookies, no localStorage, the
// open conversation alone is kept in sessionStorage; the only requests go to the API, questions always in a
// POST body (never in a URL).
(() => {
  'use strict';

  // --- Types: the API's replies and the conversation's events --------------------------------------------
  /** @typedef {'fr' | 'nl' | 'en'} Lang */
  /** @typedef {{ id: string, question: string }} EntryRef */
  /** @typedef {{ id: string, question: string, confidence?: number }} Alternative */
  /**
   * @typedef {{ id: string, name: string, services?: string, summary?: string, url?: string | null,
   *   phone?: string | null, phone_uri?: string | null, email?: string | null, address?: string | null,
   *   hours?: string | null, verified?: boolean }} PartnerCard
   */
  /**
   * @typedef {{ id: string, question: string, answer_html: string, confidence: number, source?: string,
   *   partners?: PartnerCard[], related?: EntryRef[], time_sensitive?: boolean }} AnswerItem
   */
  /**
   * @typedef {{ email?: string, phone?: string, phone_uri?: string, phone_label?: string, chat_url?: string,
   *   chat_label?: string, website?: string, address?: string, hours?: string }} Handoff
   */
  /**
   * @typedef {{ kind: 'answer' | 'clarify' | 'no_answer' | 'smalltalk', lang: string, detected_lang?: string | null,
   *   message: string, answers?: AnswerItem[], alternatives?: Alternative[], referral?: PartnerCard | null,
   *   handoff?: Handoff | null, instead?: string | null, feedback?: 'yes' | 'no' }} Reply
   */
  /** @typedef {{ id: string, label: string, entries: string[] }} ThemeGroup A sub-group of a large theme (its entry ids). */
  /** @typedef {{ id: string, label: string, description?: string, featured?: EntryRef[], groups?: ThemeGroup[] }} ThemeInfo */
  /** @typedef {{ type: 'visitor', lang: Lang, text: string }} VisitorEvent */
  /** @typedef {{ type: 'greeting', lang: Lang, themes: ThemeInfo[] }} GreetingEvent */
  /** @typedef {{ type: 'reply', reply: Reply }} ReplyEvent */
  /** A theme's menu, or (`group` set) the questions of one of its sub-groups. */
  /** @typedef {{ type: 'themeMenu', lang: Lang, theme: ThemeInfo, entries: EntryRef[], group?: boolean }} ThemeMenuEvent */
  /** @typedef {{ type: 'handoff', lang: Lang, contacts: Handoff | null }} HandoffEvent */
  /** @typedef {{ type: 'error', lang: Lang, reason: 'down' | 'busy', seconds?: number }} ErrorEvent */
  /** @typedef {VisitorEvent | GreetingEvent | ReplyEvent | ThemeMenuEvent | HandoffEvent | ErrorEvent} ConversationEvent */
  /** How a visitor reached an answer without typing it (POST /api/v1/views). */
  /** @typedef {'suggestion' | 'theme' | 'related' | 'clarify' | 'alternative' | 'next_best'} Via */

  // --- Where the widget runs: its script tag, its options, the API ---------------------------------------
  const doc = document;
  const script = /** @type {HTMLScriptElement | null} */ (doc.currentScript || doc.querySelector('script[src*="widget.js"]'));
  const page = /** @type {Document & { cdmFaqWidget?: boolean }} */ (doc);
  if (!script || page.cdmFaqWidget) return; // one widget per page, even if the tag is pasted twice
  page.cdmFaqWidget = true;
  /** @param {string} name */
  const option = (name) => script.getAttribute('data-' + name);
  /** @type {Lang[]} */
  const LANGUAGES = ['fr', 'nl', 'en'];
  /** @param {unknown} value @returns {Lang | null} */
  const languageOf = (value) => {
    const code = String(value || '').slice(0, 2).toLowerCase();
    return LANGUAGES.find((l) => l === code) || null;
  };
  const pageLanguage = languageOf(option('lang')) || languageOf(doc.documentElement.lang) || 'fr';
  const scriptUrl = new URL(script.src, location.href);
  /**
   * The site, in a deployment serving several Cités des métiers: `data-site`, else the folder the script
   * is served from when it is one site's (`/sambre/widget.js` → `sambre`); none at the root.
   */
  const path = scriptUrl.pathname;
  const site = (option('site') || (path.endsWith('/widget.js') ? path.slice(1, -10) : '')).match(/^[a-z0-9-]*$/)?.[0] || '';
  const apiBase = (option('api') || scriptUrl.origin + (site && '/' + site)).replace(/\/+$/, '') + '/api/v1/';
  /** The contacts built into the widget are Brussels': another site's come from its API only. */
  const builtInContacts = !site || site === 'brussels';
  /** The server's question limit (characters), the same everywhere. */
  const QUESTION_LIMIT = 1000;
  /** The character counter appears from this length on. */
  const COUNTER_FROM = 800;
  /** A theme menu shows this many questions before "more"... */
  const MENU_FIRST = 6;
  /** ...and, with its sub-groups, this many choices in all (at least three questions). */
  const MENU_CHOICES = 8;
  const SITE = 'https://www.citedesmetiers.brussels';
  /**
   * Built-in hand-off, used when the API cannot be reached (same facts as knowledge-base/site.toml; the
   * opening hours, which change, are left to the API).
   */
  const BUILT_IN_HANDOFF = { email: 'info@cdm-bp.brussels', phone: '0800 555 66', phone_uri: 'tel:+3280055566', chat_url: SITE, website: SITE };
  const DEFAULT_ACCENT = '#0b5cab';

  // --- Translations, keyed by meaning ({n}, {q}, {t}, {p} are filled in) ----------------------------------
  const TEXT = {
    fr: {
      languageName: 'Français', panelTitle: 'Assistant de la Cité des métiers', launcher: 'Une question ?', close: 'Fermer',
      languageGroup: 'Langue', counsellor: 'Parler à un conseiller', newConversation: 'Nouvelle conversation',
      confirmNew: 'Effacer cette conversation et recommencer ?', confirmYes: 'Effacer', confirmNo: 'Annuler', cleared: 'Conversation effacée.',
      questionLabel: 'Votre question', placeholder: 'Écrivez votre question…', send: 'Envoyer',
      you: 'Vous : ', assistant: 'Assistant : ', log: 'Conversation', suggestions: 'Suggestions',
      noSuggestion: 'Aucune suggestion.', oneSuggestion: '1 suggestion. Flèches haut et bas pour choisir, Entrée pour valider.',
      manySuggestions: '{n} suggestions. Flèches haut et bas pour choisir, Entrée pour valider.',
      charactersLeft: '{n} caractères restants', limitReached: 'Limite de {n} caractères atteinte.',
      greeting: 'Bonjour ! Je réponds à vos questions sur les études, la formation, l’emploi, la mobilité et la création d’entreprise. Choisissez un thème ou écrivez votre question.',
      themes: 'Thèmes',
      themeIntro: '{t} : les questions les plus posées.', moreQuestions: 'Autres questions ({n})', filterLabel: 'Filtrer les questions',
      hereIs: 'Voici ce que je peux vous dire :', related: 'Questions liées :', orDidYouMean: 'Ou vouliez-vous dire :',
      noneOfThese: 'Aucune de ces questions', helpful: 'Cette réponse vous a-t-elle aidé ?', yes: 'Oui', no: 'Non',
      yesAbout: 'Oui, utile : {q}', noAbout: 'Non, pas utile : {q}', thanks: 'Merci pour votre avis !',
      nextBest: 'Désolé. Cherchiez-vous plutôt ceci ?', askCounsellor: 'Ou posez votre question à un conseiller :',
      timeSensitive: 'Ces informations peuvent changer : vérifiez-les auprès de l’organisme.',
      unverified: 'Nous n’avons pas pu vérifier les coordonnées de {p} : consultez son site avant de vous déplacer ou d’appeler.',
      unverifiedNoSite: 'Nous n’avons pas pu vérifier les coordonnées de {p} : un conseiller de la Cité des métiers peut vous les donner.',
      instead: 'Où vous adresser :',
      handoffTitle: 'Contacter la Cité des métiers', handoffIntro: 'Un conseiller ou une conseillère de la Cité des métiers vous aide, gratuitement et sans rendez-vous :',
      down: 'Le service ne répond pas pour le moment. Vous pouvez contacter directement la Cité des métiers :',
      busyOne: 'Beaucoup de questions en ce moment : je réessaie dans 1 seconde.', busyMany: 'Beaucoup de questions en ce moment : je réessaie dans {n} secondes.',
      gaveUp: 'Le service est encore trop occupé. Votre question est restée dans la zone de saisie : renvoyez-la dans un instant.',
      newAnswer: 'Réponse : {q}.', newAnswerPartner: 'Réponse : {q}. Organisme : {p}.', newOptions: 'Plusieurs sujets possibles : choisissez une question.',
      phone: 'Téléphone :', website: 'Site web :', email: 'E-mail :', address: 'Adresse :', hours: 'Horaires :', chat: 'Chat :', visit: 'Sur place :',
      handoffAddress: 'Tour Astro (rez-de-chaussée), avenue de l’Astronomie 14, 1210 Saint-Josse-ten-Noode, près de la station Madou',
      phoneLabel: 'appel gratuit', chatLabel: 'chat de conseil en ligne Miti',
    },
    nl: {
      languageName: 'Nederlands', panelTitle: 'Assistent van het Beroepenpunt', launcher: 'Een vraag?', close: 'Sluiten',
      languageGroup: 'Taal', counsellor: 'Praat met een adviseur', newConversation: 'Nieuw gesprek',
      confirmNew: 'Dit gesprek wissen en opnieuw beginnen?', confirmYes: 'Wissen', confirmNo: 'Annuleren', cleared: 'Gesprek gewist.',
      questionLabel: 'Je vraag', placeholder: 'Typ je vraag…', send: 'Verzenden',
      you: 'Jij: ', assistant: 'Assistent: ', log: 'Gesprek', suggestions: 'Suggesties',
      noSuggestion: 'Geen suggesties.', oneSuggestion: '1 suggestie. Pijltjes omhoog en omlaag om te kiezen, Enter om te bevestigen.',
      manySuggestions: '{n} suggesties. Pijltjes omhoog en omlaag om te kiezen, Enter om te bevestigen.',
      charactersLeft: 'nog {n} tekens', limitReached: 'Limiet van {n} tekens bereikt.',
      greeting: 'Dag! Ik beantwoord je vragen over studeren, opleiding, werk, mobiliteit en een eigen zaak starten. Kies een thema of typ je vraag.',
      themes: 'Thema’s',
      themeIntro: '{t}: de meest gestelde vragen.', moreQuestions: 'Meer vragen ({n})', filterLabel: 'Vragen filteren',
      hereIs: 'Dit kan ik je vertellen:', related: 'Gerelateerde vragen:', orDidYouMean: 'Of bedoelde je:',
      noneOfThese: 'Geen van deze vragen', helpful: 'Heb je iets aan dit antwoord?', yes: 'Ja', no: 'Nee',
      yesAbout: 'Ja, nuttig: {q}', noAbout: 'Nee, niet nuttig: {q}', thanks: 'Bedankt voor je feedback!',
      nextBest: 'Sorry. Zocht je eerder dit?', askCounsellor: 'Of stel je vraag aan een adviseur:',
      timeSensitive: 'Deze informatie kan veranderen: controleer ze bij de organisatie.',
      unverified: 'We konden de contactgegevens van {p} niet controleren: kijk op hun website voor je erheen gaat of belt.',
      unverifiedNoSite: 'We konden de contactgegevens van {p} niet controleren: een adviseur van het Beroepenpunt kan ze je geven.',
      instead: 'Waar je terechtkunt:',
      handoffTitle: 'Contact met het Beroepenpunt', handoffIntro: 'Een adviseur van het Beroepenpunt helpt je graag, gratis en zonder afspraak:',
      down: 'De dienst reageert momenteel niet. Je kunt het Beroepenpunt rechtstreeks contacteren:',
      busyOne: 'Veel vragen op dit moment: ik probeer het opnieuw over 1 seconde.', busyMany: 'Veel vragen op dit moment: ik probeer het opnieuw over {n} seconden.',
      gaveUp: 'De dienst is nog te druk. Je vraag staat nog in het invoerveld: verstuur ze zo meteen opnieuw.',
      newAnswer: 'Antwoord: {q}.', newAnswerPartner: 'Antwoord: {q}. Organisatie: {p}.', newOptions: 'Meerdere onderwerpen mogelijk: kies een vraag.',
      phone: 'Telefoon:', website: 'Website:', email: 'E-mail:', address: 'Adres:', hours: 'Openingsuren:', chat: 'Chat:', visit: 'Ter plaatse:',
      handoffAddress: 'Astrotoren (gelijkvloers), Sterrenkundelaan 14, 1210 Sint-Joost-ten-Node, vlak bij station Madou',
      phoneLabel: 'gratis nummer', chatLabel: 'online adviesChat Miti',
    },
    en: {
      languageName: 'English', panelTitle: 'Cité des métiers assistant', launcher: 'A question?', close: 'Close',
      languageGroup: 'Language', counsellor: 'Talk to a counsellor', newConversation: 'New conversation',
      confirmNew: 'Delete this conversation and start again?', confirmYes: 'Delete', confirmNo: 'Cancel', cleared: 'Conversation deleted.',
      questionLabel: 'Your question', placeholder: 'Type your question…', send: 'Send',
      you: 'You: ', assistant: 'Assistant: ', log: 'Conversation', suggestions: 'Suggestions',
      noSuggestion: 'No suggestions.', oneSuggestion: '1 suggestion. Up and down arrows to choose, Enter to confirm.',
      manySuggestions: '{n} suggestions. Up and down arrows to choose, Enter to confirm.',
      charactersLeft: '{n} characters left', limitReached: 'Limit of {n} characters reached.',
      greeting: 'Hello! I answer your questions about studies, training, jobs, working abroad and starting a business. Choose a theme or type your question.',
      themes: 'Themes',
      themeIntro: '{t}: the most asked questions.', moreQuestions: 'More questions ({n})', filterLabel: 'Filter the questions',
      hereIs: 'Here is what I can tell you:', related: 'Related questions:', orDidYouMean: 'Or did you mean:',
      noneOfThese: 'None of these', helpful: 'Was this answer helpful?', yes: 'Yes', no: 'No',
      yesAbout: 'Yes, helpful: {q}', noAbout: 'No, not helpful: {q}', thanks: 'Thank you for your feedback!',
      nextBest: 'Sorry. Were you looking for this instead?', askCounsellor: 'Or ask a counsellor:',
      timeSensitive: 'This information can change: check it with the organisation.',
      unverified: 'We could not confirm the contact details of {p}: check its website before you go or call.',
      unverifiedNoSite: 'We could not confirm the contact details of {p}: a Cité des métiers counsellor can give them to you.',
      instead: 'Where to go instead:',
      handoffTitle: 'Contact the Cité des métiers', handoffIntro: 'A Cité des métiers counsellor can help you, free of charge and without an appointment:',
      down: 'The service is not responding right now. You can contact the Cité des métiers directly:',
      busyOne: 'Many questions right now: I will try again in 1 second.', busyMany: 'Many questions right now: I will try again in {n} seconds.',
      gaveUp: 'The service is still too busy. Your question is back in the input box: send it again in a moment.',
      newAnswer: 'Answer: {q}.', newAnswerPartner: 'Answer: {q}. Organisation: {p}.', newOptions: 'Several topics are possible: choose a question.',
      phone: 'Phone:', website: 'Website:', email: 'E-mail:', address: 'Address:', hours: 'Opening hours:', chat: 'Chat:', visit: 'Visit us:',
      handoffAddress: 'Astro Tower (ground floor), avenue de l’Astronomie 14, 1210 Saint-Josse-ten-Noode, near Madou metro station',
      phoneLabel: 'freephone', chatLabel: 'Miti online advice chat',
    },
  };
  /** @typedef {typeof TEXT.fr} Texts */
  /** @param {string} sentence @param {Record<string, string | number>} values */
  const fill = (sentence, values) => sentence.replace(/\{(\w)\}/g, (all, key) => (key in values ? String(values[key]) : all));

  // --- Colours and placement options (data-accent, data-offset-*, data-z-index) -----------------------------
  /** Relative luminance of a #rrggbb colour (WCAG 2). @param {string} hex */
  const luminance = (hex) => {
    const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  };
  /** The accent colour: data-accent when it is a colour on which white text (and which, as text on white) reaches
   * the AA ratio of 4.5:1; otherwise the default, with a warning in the console. */
  const accent = (() => {
    const wanted = (option('accent') || '').trim();
    if (!wanted) return DEFAULT_ACCENT;
    let hex = /^#[0-9a-f]{3}$/i.test(wanted) ? '#' + [...wanted.slice(1)].map((c) => c + c).join('') : wanted;
    if (!/^#[0-9a-f]{6}$/i.test(hex)) {
      console.warn(`cdm-faq widget: data-accent ${wanted} is not a colour`);
      return DEFAULT_ACCENT;
    }
    hex = hex.toLowerCase();
    const ratio = 1.05 / (luminance(hex) + 0.05);
    if (ratio < 4.5) {
      console.warn(`cdm-faq widget: data-accent ${wanted} is ${ratio.toFixed(2)}:1 with white, under 4.5:1 (WCAG AA)`);
      return DEFAULT_ACCENT;
    }
    return hex;
  })();
  /** A length option in CSS pixels (0–400), else the default. @param {string} name @param {number} fallback */
  const pixels = (name, fallback) => {
    const value = Number(option(name));
    return option(name) != null && Number.isFinite(value) && value >= 0 && value <= 400 ? value : fallback;
  };
  const offsetBottom = pixels('offset-bottom', 16);
  const offsetSide = pixels('offset-side', 16);
  const zIndexOption = Number(option('z-index'));
  const zIndex = Number.isInteger(zIndexOption) && zIndexOption > 0 && zIndexOption <= 2147483647 ? zIndexOption : 2147483000;

  // --- Styles: sizes in em of the visitor's default font size ("medium", which the host page cannot change) --
  const CSS = `
:host{all:initial!important}
*{box-sizing:border-box}
.w{--accent:${DEFAULT_ACCENT};--accent-dark:color-mix(in srgb,var(--accent) 72%,#000);--tint:color-mix(in srgb,var(--accent) 12%,#fff);--text:#1b1b1b;--muted:#3d4651;--bg:#fff;--bot:#eef2f7;--line:#8a94a3;--rule:#d5dbe3;--link:var(--accent);
 font:medium/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--text);-webkit-text-size-adjust:100%}
[hidden]{display:none!important}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer;min-height:2em;min-width:2em;border-radius:.375em;border:2px solid var(--link);background:var(--bg);color:var(--link);padding:.2em .625em;text-align:start}
:focus-visible{outline:3px solid var(--text);outline-offset:2px}
a{color:var(--link);text-decoration:underline;overflow-wrap:anywhere}
.launch,.panel{position:fixed;bottom:calc(var(--offset-bottom) + var(--vv-bottom,0px));right:calc(var(--offset-side) + var(--vv-right,0px));z-index:var(--z)}
.left .launch,.left .panel{right:auto;left:calc(var(--offset-side) + var(--vv-left,0px))}
.launch{display:flex;align-items:center;gap:.5em;min-height:3em;padding:.5em 1.125em .5em .875em;border-radius:1.5em;background:var(--accent);color:#fff;border-color:var(--accent);font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.launch:focus-visible{box-shadow:0 0 0 2px #fff;outline-color:#1b1b1b}
.launch svg{width:1.5em;height:1.5em;fill:currentColor;flex:none}
.panel{display:flex;flex-direction:column;width:min(25em,calc(100vw - 2em));height:40em;max-height:calc(100dvh - 2em);background:var(--bg);border:1px solid var(--line);border-radius:.75em;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden;animation:in .18s ease-out}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
.hd{display:flex;flex-wrap:wrap;align-items:center;gap:.375em;padding:.5em .5em .5em .875em;background:var(--accent);color:#fff}
.hd :focus-visible{outline-color:#fff}
h2{flex:1 1 8em;margin:0;font-size:1.0625em;line-height:1.3}
h2:focus{outline:none}
.hd button{border-color:#fff;background:transparent;color:#fff;padding:.125em .375em;text-align:center}
.hd [aria-pressed=true]{background:#fff;color:var(--accent)}
.langs{display:flex;gap:.25em}
.x{font-size:1.375em;line-height:1}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25em .5em;padding:.375em .875em;border-bottom:1px solid var(--rule)}
.bar button{border:0;padding:.2em .25em;text-decoration:underline;font-weight:600}
.bar p{margin:0;flex-basis:100%}
.bar .confirm{text-decoration:none;border:2px solid var(--link)}
.log{flex:1;min-height:0;overflow-y:auto;overflow-x:hidden;padding:.75em;position:relative;display:flex;flex-direction:column;gap:.625em}
@media (prefers-reduced-motion:no-preference){.log{scroll-behavior:smooth}}
.m{max-width:92%;padding:.5em .75em;border-radius:.75em;overflow-wrap:anywhere;border:1px solid transparent}
.m.bot{align-self:flex-start;background:var(--bot);border-bottom-left-radius:.25em}
.m.me{align-self:flex-end;background:var(--accent);color:#fff;border-bottom-right-radius:.25em;white-space:pre-wrap}
.m p,.m ul,.m ol{margin:0 0 .5em}
.m>:last-child,.ans>:last-child,.card>:last-child{margin-bottom:0}
.m ul,.m ol{padding-left:1.375em}
h3,h4{margin:.25em 0 .375em;font-size:1em;line-height:1.35}
.ans{margin-bottom:.5em}
.note{font-size:.875em;font-style:italic;color:var(--muted)}
.card{background:var(--bg);border:1px solid var(--line);border-radius:.5em;padding:.5em .625em;margin:.5em 0}
.card p{margin:0 0 .25em}
.k{font-weight:600}
.opts{list-style:none;padding:0!important;display:flex;flex-wrap:wrap;gap:.375em}
.opts li{max-width:100%}
.theme{display:flex;flex-direction:column;align-items:flex-start}
.theme .d{font-size:.875em;color:var(--muted)}
.more{font-weight:600}
.filter{display:block;margin:.5em 0 .25em}
.filter input{min-height:2.5em;width:100%}
.fb{display:flex;flex-wrap:wrap;align-items:center;gap:.375em;margin-top:.5em}
.fb p{margin:0;flex-basis:100%}
.dots{display:flex;gap:.25em;padding:.875em .75em}
.dots span{width:.5em;height:.5em;border-radius:50%;background:#4b5563;animation:b 1s infinite alternate}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes b{to{opacity:.2}}
form{position:relative;display:flex;flex-wrap:wrap;gap:.375em;padding:.625em;border-top:1px solid var(--rule)}
input{flex:1;min-width:0;min-height:2.75em;padding:.5em .625em;border:2px solid #5f6b7a;border-radius:.375em;background:var(--bg)}
input::placeholder{color:#5f6b7a;opacity:1}
.send{background:var(--accent);color:#fff;border-color:var(--accent);min-height:2.75em;font-weight:600}
.count{flex-basis:100%;margin:0;font-size:.875em;color:var(--muted);text-align:end}
[role=listbox]{position:absolute;left:.625em;right:.625em;bottom:100%;margin:0;padding:.25em;list-style:none;background:var(--bg);border:2px solid #5f6b7a;border-radius:.375em;max-height:min(16em,45vh);overflow-y:auto;box-shadow:0 -4px 14px rgba(0,0,0,.2)}
[role=option]{padding:.375em .5em;min-height:2em;border-radius:.25em;cursor:pointer}
[role=option][aria-selected=true]{background:var(--accent);color:#fff;outline:2px solid var(--text)}
@media (hover:hover){
 button:hover{background:var(--tint)}
 .hd button:hover{background:#fff;color:var(--accent)}
 .launch:hover,.send:hover{background:var(--accent-dark)}
 a:hover{color:var(--accent-dark)}
 [role=option]:hover{background:var(--bot)}
}
.probe{position:fixed;inset:0;visibility:hidden;pointer-events:none}
@media (max-width:480px),(max-height:480px){.panel{inset:var(--vv-top,0) var(--vv-right,0) var(--vv-bottom,0) var(--vv-left,0)!important;width:auto;height:auto;max-height:none;border-radius:0;border:0}}
@media (prefers-color-scheme:dark){
 .w{--text:#eef1f5;--muted:#c5cbd3;--bg:#1d2024;--bot:#2c3138;--line:#8d97a5;--rule:#3d434b;--link:#a9cbf5;--tint:#2f3a48}
 input,[role=listbox]{border-color:#9aa4b1}
 input::placeholder{color:#b4bcc6}
 .dots span{background:#c5cbd3}
}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
@media (forced-colors:active){
 .m,.card,.panel{border:1px solid CanvasText}
 [role=option][aria-selected=true]{outline:3px solid Highlight}
}`;

  // --- DOM building: attributes by setAttribute, `text` as textContent, `on…` as listeners ----------------
  /**
   * @param {string} tag
   * @param {Record<string, any>} [attributes]
   * @param {...(Node | string | null | undefined | false | (Node | string | null | undefined | false)[])} children
   * @returns {HTMLElement}
   */
  const el = (tag, attributes = {}, ...children) => {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value == null || value === false) continue;
      if (name === 'text') element.textContent = value;
      else if (typeof value === 'function') element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : value);
    }
    element.append(.../** @type {(Node | string)[]} */ (children.flat().filter((c) => c != null && c !== false && c !== '')));
    return element;
  };
  /** Only links the widget can vouch for: web, e-mail and phone. @param {string | null | undefined} href */
  const safeHref = (href) => (/^(https?:|mailto:|tel:)/i.test(href || '') ? href : null);
  /** @param {string | null | undefined} href @param {string | null | undefined} text */
  const link = (href, text) => (safeHref(href) && text ? el('a', { href, text }) : null);
  /** A labelled line of a card ("Téléphone : 0800…"), or nothing without a value. */
  /** @param {string} label @param {Node | string | null | undefined} value @param {string} [after] */
  const line = (label, value, after) => value ? el('p', {}, label && el('span', { class: 'k', text: label + ' ' }), value, after) : null;
  /** @param {string} url */
  const bareUrl = (url) => String(url).replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
  /** @param {string} label @param {string} text @param {() => void} onClick */
  const button = (label, text, onClick) => el('button', { type: 'button', class: label || null, text, onclick: onClick });
  /** A list of buttons. @param {[string, () => void][]} choices @param {string} [label] */
  const choiceList = (choices, label) => el('ul', { class: 'opts', 'aria-label': label },
    choices.map(([text, onClick]) => el('li', {}, button('', text, onClick))));

  // --- The tab's conversation, kept in sessionStorage so it survives following a link on the site ----------
  // One conversation per site: two sites' pages on one origin never mix theirs.
  const STORAGE_KEY = 'cdm-faq-widget' + (site && ':' + site);
  /** @type {{ version: 2, pageLanguage: Lang, lang: Lang, open: boolean, events: ConversationEvent[] }} */
  const saved = (() => {
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (stored && stored.version === 2 && Array.isArray(stored.events)) return stored;
    } catch (e) { /* storage disabled or unreadable: a fresh conversation */ }
    return { version: 2, pageLanguage, lang: pageLanguage, open: false, events: [] };
  })();
  // The page's language wins when it changed since the last page (the visitor used the site's switch).
  /** @type {Lang} */
  let language = (saved.pageLanguage === pageLanguage && languageOf(saved.lang)) || pageLanguage;
  saved.pageLanguage = pageLanguage;
  saved.lang = language;
  /** Stored only once the visitor did something: a bare greeting leaves nothing in the tab's storage. */
  const save = () => {
    try {
      if (saved.events.some((e) => e.type !== 'greeting')) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* storage full or disabled */ }
  };
  /** @type {string | null} set by a theme menu, sent with the next typed question only */
  let pendingTheme = null;

  // --- Requests: JSON over fetch, no credentials, no referrer, with a deadline -----------------------------
  class BusyError extends Error {
    /** @param {number} seconds */
    constructor(seconds) { super('busy'); this.seconds = seconds; }
  }
  /** Seconds to wait from a Retry-After header (seconds or an HTTP date), 10 when it is not readable. */
  /** @param {string | null} header */
  const retryAfter = (header) => {
    const seconds = header && /^\d+$/.test(header.trim()) ? Number(header) : header ? Math.ceil((Date.parse(header) - Date.now()) / 1000) : NaN;
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 120) : 10;
  };
  /**
   * GET `path`, or POST `body` as JSON to it. Rejects with BusyError on 429, with an Error otherwise.
   * @param {string} path @param {object | null} [body] @param {{ timeoutMs?: number, signal?: AbortSignal }} [options]
   * @returns {Promise<any>}
   */
  const callApi = async (path, body = null, { timeoutMs = 15000, signal } = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    if (signal) signal.addEventListener('abort', () => controller.abort());
    try {
      /** @type {RequestInit} */
      const init = { credentials: 'omit', referrerPolicy: 'no-referrer', signal: controller.signal };
      if (body) Object.assign(init, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const response = await fetch(apiBase + path, init);
      if (response.status === 429) throw new BusyError(retryAfter(response.headers.get('retry-after')));
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.status === 204 ? null : await response.json();
    } finally { clearTimeout(timer); }
  };
  /** Counts an answer seen without typing (best effort). @param {string} entryId @param {Via} via @param {Lang} lang */
  const recordView = (entryId, via, lang) => { callApi('views', { entry_id: entryId, via, lang }, { timeoutMs: 5000 }).catch(() => {}); };
  /** @type {Partial<Record<Lang, ThemeInfo[]>>} */
  const themesCache = {};
  /** The languages the site serves (all three until its API says otherwise). @type {Lang[]} */
  let served = LANGUAGES;
  /** The themes with labels, descriptions, featured questions and sub-groups. When the API cannot be reached there
   * are none (their menus could not open either): the greeting then asks for a typed question, and the next
   * greeting tries again. */
  /** @param {Lang} lang @returns {Promise<ThemeInfo[]>} */
  const themesFor = async (lang) => {
    if (!themesCache[lang]) {
      try {
        const result = await callApi('themes?lang=' + lang, null, { timeoutMs: 5000 });
        themesCache[lang] = (result.themes || []).filter((/** @type {ThemeInfo} */ t) => t.id && t.label);
        // A site serving fewer languages: the buttons of its languages only.
        served = result.languages || served;
        languageButtons.forEach((b, i) => { b.hidden = !served.includes(LANGUAGES[i]); });
      } catch (e) { /* no themes this time */ }
    }
    return themesCache[lang] || [];
  };

  // --- The shell: launcher, panel, header, log, input --------------------------------------------------------
  const host = el('div', { id: 'cdm-faq-widget', 'data-cdm-faq': '' });
  const root = host.attachShadow({ mode: 'open' });
  // Options become custom properties in a second sheet, rewritten when the visual viewport moves (pinch zoom,
  // a page wider than the phone, the on-screen keyboard), so the launcher stays in view without inline styles.
  // Fixed elements sit in the layout viewport, which a page wider than the phone stretches: a fixed, invisible
  // probe covering it tells how far its edges are from the visible part's.
  const probe = el('div', { class: 'probe', 'aria-hidden': 'true' });
  const placement = () => {
    const viewport = window.visualViewport;
    const layout = probe.getBoundingClientRect();
    const gap = (/** @type {number} */ px) => Math.max(0, Math.round(px)) + 'px';
    const edges = viewport && layout.width
      ? { top: gap(viewport.offsetTop - layout.top), left: gap(viewport.offsetLeft - layout.left),
        right: gap(layout.right - viewport.offsetLeft - viewport.width), bottom: gap(layout.bottom - viewport.offsetTop - viewport.height) }
      : { top: '0px', left: '0px', right: '0px', bottom: '0px' };
    return `.w{--accent:${accent};--offset-bottom:${offsetBottom}px;--offset-side:${offsetSide}px;--z:${zIndex};--vv-top:${edges.top};--vv-right:${edges.right};--vv-left:${edges.left};--vv-bottom:${edges.bottom}}`;
  };
  /** @type {{ replaceSync(text: string): void }} */
  let placementSheet;
  if (root.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
    const styleSheet = new CSSStyleSheet();
    styleSheet.replaceSync(CSS);
    placementSheet = new CSSStyleSheet();
    root.adoptedStyleSheets = [styleSheet, /** @type {CSSStyleSheet} */ (placementSheet)];
  } else { // older browsers (needs a CSP that allows it)
    const style = el('style');
    placementSheet = { replaceSync: (text) => { style.textContent = text; } };
    root.append(el('style', { text: CSS }), style);
  }
  const updatePlacement = () => placementSheet.replaceSync(placement());
  updatePlacement();
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', updatePlacement);
    window.visualViewport.addEventListener('scroll', updatePlacement);
  }

  const SVG = 'http://www.w3.org/2000/svg';
  const icon = doc.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const iconPath = doc.createElementNS(SVG, 'path');
  iconPath.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z');
  icon.append(iconPath);
  const launcherText = el('span');
  const launcher = el('button', { type: 'button', class: 'launch', 'aria-controls': 'panel', 'aria-expanded': 'false', onclick: () => openPanel(true) }, icon, launcherText);

  const heading = el('h2', { id: 'title', tabindex: '-1' });
  const languageButtons = LANGUAGES.map((l) => el('button', { type: 'button', lang: l, onclick: () => switchLanguage(l) }, l.toUpperCase(), el('span', { class: 'sr', text: ' ' + TEXT[l].languageName })));
  const languageGroup = el('div', { class: 'langs', role: 'group' }, languageButtons);
  const closeButton = el('button', { type: 'button', class: 'x', onclick: () => closePanel(true) }, el('span', { 'aria-hidden': 'true', text: '×' }));
  const counsellorButton = button('', '', () => showCounsellor());
  const newConversationButton = button('new', '', () => askToClear());
  const bar = el('div', { class: 'bar' }, counsellorButton, newConversationButton);
  // The log is read on demand; new answers are announced by the status region in a short sentence.
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'off', tabindex: '0' });
  const typingDots = el('div', { class: 'm bot dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span'));
  const status = el('div', { class: 'sr', role: 'status' });
  const inputLabel = el('label', { for: 'q', class: 'sr' });
  const suggestionList = el('ul', { id: 'sugg', role: 'listbox', hidden: true });
  const counter = el('p', { id: 'count', class: 'count', hidden: true });
  const input = /** @type {HTMLInputElement} */ (el('input', {
    id: 'q', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'sugg',
    'aria-describedby': 'count', autocomplete: 'off', maxlength: String(QUESTION_LIMIT), enterkeyhint: 'send', spellcheck: 'true',
    oninput: () => { updateCounter(); scheduleSuggestions(); },
    onkeydown: onInputKey, onblur: () => closeSuggestions(),
  }));
  const sendButton = el('button', { type: 'submit', class: 'send' });
  const form = el('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); askQuestion(input.value); } }, inputLabel, suggestionList, input, sendButton, counter);
  const panel = el('section', { id: 'panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'title', hidden: true },
    el('div', { class: 'hd' }, heading, languageGroup, closeButton), bar, log, form, status);
  const wrapper = el('div', { class: 'w' + (option('position') === 'bottom-left' ? ' left' : '') }, probe, launcher, panel);
  root.append(wrapper);

  // Below 480 px (phones, 200% zoom) the panel covers the page: it is then modal and keeps Tab inside, so that
  // focus never lands on something hidden behind it (WCAG 2.4.11).
  const fullWindow = matchMedia('(max-width:480px),(max-height:480px)');
  const updateModal = () => panel.setAttribute('aria-modal', String(fullWindow.matches));
  if (fullWindow.addEventListener) fullWindow.addEventListener('change', updateModal);
  // On touch screens, focusing the input would raise the keyboard over the greeting.
  const touchScreen = matchMedia('(hover:none) and (pointer:coarse)');
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) { e.preventDefault(); closePanel(true); }
    if (e.key === 'Tab' && fullWindow.matches) {
      const focusable = [...panel.querySelectorAll('button,input,a[href],[tabindex="0"]')].filter((x) => x.getClientRects().length);
      const first = /** @type {HTMLElement} */ (focusable[0]);
      const last = /** @type {HTMLElement} */ (focusable[focusable.length - 1]);
      if (root.activeElement === (e.shiftKey ? first : last) || (root.activeElement === heading && e.shiftKey)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }
  });
  // Escape pressed in the page while the panel is open closes it without moving focus, revealing what has focus.
  doc.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !e.defaultPrevented && !panel.hidden && doc.activeElement !== host) closePanel(false); });

  /** Every sentence of the shell, in the current language. */
  const translateShell = () => {
    const t = TEXT[language];
    wrapper.lang = language;
    heading.textContent = option('title') || t.panelTitle;
    launcherText.textContent = t.launcher;
    closeButton.setAttribute('aria-label', t.close);
    languageGroup.setAttribute('aria-label', t.languageGroup);
    languageButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(LANGUAGES[i] === language)));
    counsellorButton.textContent = t.counsellor;
    newConversationButton.textContent = t.newConversation;
    log.setAttribute('aria-label', t.log);
    inputLabel.textContent = t.questionLabel;
    input.placeholder = t.placeholder;
    suggestionList.setAttribute('aria-label', t.suggestions);
    sendButton.textContent = t.send;
    updateCounter();
  };

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let announceTimer;
  /** Says a short sentence in the status region (re-set after a pause, so a repeated sentence is read again). */
  /** @param {string} sentence */
  const announce = (sentence) => {
    status.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { status.textContent = sentence; }, 120);
  };
  /** @param {HTMLElement} element */
  const scrollTo = (element) => { log.scrollTop = element.offsetTop - 8; };

  /** The character counter: shown near the limit, announced at 900 characters and at the limit. */
  let counterAnnounced = 0;
  const updateCounter = () => {
    const length = input.value.length;
    const t = TEXT[language];
    counter.hidden = length < COUNTER_FROM;
    counter.textContent = `${length} / ${QUESTION_LIMIT} · ${fill(t.charactersLeft, { n: QUESTION_LIMIT - length })}`;
    const step = length >= QUESTION_LIMIT ? 2 : length >= 900 ? 1 : 0;
    if (step > counterAnnounced) announce(step === 2 ? fill(t.limitReached, { n: QUESTION_LIMIT }) : fill(t.charactersLeft, { n: QUESTION_LIMIT - length }));
    counterAnnounced = step;
  };

  // --- Messages: every conversation event has one renderer ----------------------------------------------------
  /** A message bubble. @param {'me' | 'bot'} who @param {Lang} lang @param {...any} children */
  const bubble = (who, lang, ...children) => {
    const message = el('div', { class: 'm ' + who, lang }, el('span', { class: 'sr', text: TEXT[lang][who === 'me' ? 'you' : 'assistant'] }), ...children);
    log.insertBefore(message, typingDots.parentNode ? typingDots : null);
    return message;
  };
  /** Adds an event to the conversation, stores it, shows it and announces it. @param {ConversationEvent} event */
  const addEvent = (event) => {
    saved.events.push(event);
    if (saved.events.length > 60) saved.events.splice(0, saved.events.length - 60);
    save();
    const message = render(event);
    scrollTo(message);
    if (event.type !== 'visitor') announce(summaryOf(event));
    return message;
  };
  /** The short announcement of a new bot message. @param {ConversationEvent} event */
  const summaryOf = (event) => {
    const t = TEXT[event.type === 'reply' ? languageOf(event.reply.lang) || language : event.lang];
    if (event.type === 'reply') {
      const reply = event.reply;
      const first = (reply.answers || [])[0];
      if (reply.kind === 'answer' && first) {
        const partner = reply.referral || (first.partners || [])[0];
        return partner ? fill(t.newAnswerPartner, { q: first.question, p: partner.name }) : fill(t.newAnswer, { q: first.question });
      }
      if (reply.kind === 'clarify') return t.newOptions;
      return reply.message;
    }
    if (event.type === 'greeting') return t.greeting;
    if (event.type === 'themeMenu') return event.group ? event.theme.label : fill(t.themeIntro, { t: event.theme.label });
    if (event.type === 'handoff') return t.handoffTitle;
    if (event.type === 'error') return event.reason === 'busy' ? busySentence(t, event.seconds || 10) : t.down;
    return '';
  };
  /** @param {Texts} t @param {number} seconds */
  const busySentence = (t, seconds) => (seconds === 1 ? t.busyOne : fill(t.busyMany, { n: seconds }));
  /** "The service is not responding", with "contact us directly" only when there are contacts to show. @param {Lang} lang */
  const down = (lang) => (builtInContacts ? TEXT[lang].down : TEXT[lang].down.split('. ')[0] + '.');
  /** @param {ConversationEvent} event @returns {HTMLElement} */
  const render = (event) => {
    switch (event.type) {
      case 'visitor': return bubble('me', event.lang, el('p', { text: event.text }));
      case 'greeting': return renderGreeting(event);
      case 'themeMenu': return renderThemeMenu(event);
      case 'handoff': return bubble('bot', event.lang, el('p', { text: event.contacts || builtInContacts ? TEXT[event.lang].handoffIntro : down(event.lang) }), handoffCard(event.contacts, event.lang));
      case 'error': return event.reason === 'busy'
        ? bubble('bot', event.lang, el('p', { text: busySentence(TEXT[event.lang], event.seconds || 10) }))
        : bubble('bot', event.lang, el('p', { text: down(event.lang) }), handoffCard(null, event.lang));
      default: return renderReply(event.reply);
    }
  };
  /** The greeting: a theme menu whose buttons carry the theme's description. @param {GreetingEvent} event */
  const renderGreeting = (event) => {
    const t = TEXT[event.lang];
    const themes = event.themes.length && el('ul', { class: 'opts', 'aria-label': t.themes }, event.themes.map((theme) => el('li', {},
      el('button', { type: 'button', class: 'theme', onclick: () => openTheme(theme, event.lang) },
        el('span', { class: 'l', text: theme.label }), theme.description && ' ', theme.description && el('span', { class: 'd', text: theme.description })))));
    return bubble('bot', event.lang, el('p', { text: t.greeting }), themes);
  };
  /**
   * A theme's menu: its description, its most asked questions, its sub-groups ("Finding a job (6)") when
   * editors made some, then "more" with a filter box. A sub-group's menu (`group`) lists all its questions.
   * @param {ThemeMenuEvent} event
   */
  const renderThemeMenu = (event) => {
    const t = TEXT[event.lang];
    /** @param {EntryRef} entry @returns {[string, () => void]} */
    const choice = (entry) => [entry.question, () => openEntry(entry, event.lang, 'theme')];
    const groups = event.theme.groups || [];
    const shown = event.group ? event.entries.length : groups.length ? Math.max(3, MENU_CHOICES - groups.length) : MENU_FIRST;
    const first = event.entries.slice(0, shown);
    const rest = event.entries.slice(shown);
    const message = bubble('bot', event.lang, event.group ? el('h3', { text: event.theme.label }) : el('p', { text: fill(t.themeIntro, { t: event.theme.label }) }),
      event.theme.description && el('p', { class: 'note', text: event.theme.description }), choiceList(first.map(choice), event.theme.label),
      groups.length && choiceList(groups.map((group) => [`${group.label} (${group.entries.length})`, () => openGroup(event, group)])));
    if (rest.length) {
      const more = button('more', fill(t.moreQuestions, { n: rest.length }), () => {
        const list = choiceList(rest.map(choice), t.moreQuestions.replace(/ \(.*\)$/, ''));
        const filter = /** @type {HTMLInputElement} */ (el('input', {
          type: 'search', 'aria-label': t.filterLabel, autocomplete: 'off',
          oninput: () => {
            const words = fold(filter.value).split(/\s+/).filter(Boolean);
            for (const item of list.children) {
              const text = fold(item.textContent || '');
              /** @type {HTMLElement} */ (item).hidden = !words.every((w) => text.includes(w));
            }
          },
        }));
        more.replaceWith(el('label', { class: 'filter' }, filter), list);
        filter.focus();
      });
      message.append(more);
    }
    return message;
  };
  /** Lower case without accents, for the filter box. @param {string} text */
  const fold = (text) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  /** A reply of the API, by its kind. @param {Reply} reply */
  const renderReply = (reply) => {
    const lang = languageOf(reply.lang) || language;
    const t = TEXT[lang];
    const answers = reply.answers || [];
    const message = bubble('bot', lang, el('p', { text: reply.message }));
    if (reply.kind === 'answer' && answers[0]) {
      const answer = answers[0];
      const body = el('div', { class: 'ans' });
      body.innerHTML = answer.answer_html; // the server's sanitised HTML: the only HTML the widget inserts
      message.append(el('h3', { text: answer.question }), body);
      if (answer.time_sensitive) message.append(el('p', { class: 'note', text: t.timeSensitive }));
      const partner = reply.referral || (answer.partners || [])[0];
      if (partner) message.append(partnerCard(partner, lang));
      const alternatives = (reply.alternatives || []).slice(0, 2);
      if (alternatives.length) message.append(el('p', { text: t.orDidYouMean }), choiceList(alternatives.map((a) => [a.question, () => openEntry(a, lang, 'alternative')])));
      const related = (answer.related || []).slice(0, 3);
      if (related.length) message.append(el('p', { text: t.related }), choiceList(related.map((r) => [r.question, () => openEntry(r, lang, 'related')])));
      if (answer.source === 'entry') message.append(reply.feedback ? afterFeedback(reply, lang) : feedbackBox(reply, answer, lang));
    } else if (reply.kind === 'clarify') {
      // Options best first, and "none of these", which hands over to a counsellor.
      const options = [...answers].sort((a, b) => (b.confidence || 0) - (a.confidence || 0));
      message.append(choiceList([
        ...options.map((/** @type {AnswerItem} */ a) => /** @type {[string, () => void]} */ ([a.question, () => showAnswer(a, lang, 'clarify')])),
        [t.noneOfThese, () => { addEvent({ type: 'visitor', lang, text: t.noneOfThese }); focusMessage(addEvent({ type: 'handoff', lang, contacts: reply.handoff || null })); }],
      ]));
    }
    if (reply.kind === 'no_answer' && reply.instead) message.append(el('p', {}, el('span', { class: 'k', text: t.instead + ' ' }), reply.instead));
    // A clarification is answered by picking an option; "talk to a counsellor" stays one click away.
    if (reply.kind !== 'clarify' && (reply.handoff || reply.kind === 'no_answer')) message.append(handoffCard(reply.handoff || null, lang));
    return message;
  };
  /** An entry shown as an answer (from a list, a suggestion, a clarify option). @param {AnswerItem} answer @param {Lang} lang @returns {Reply} */
  const entryReply = (answer, lang) => ({ kind: 'answer', lang, message: TEXT[lang].hereIs, answers: [answer], referral: (answer.partners || [])[0] || null, handoff: null });
  /**
   * A partner card: contacts first (phone as a tel: link, website, e-mail, address, hours), then one sentence on
   * what it does. Unverified contacts are not shown as facts: a note sends the visitor to the partner's website.
   * @param {PartnerCard} partner @param {Lang} lang
   */
  const partnerCard = (partner, lang) => {
    const t = TEXT[lang];
    const website = partner.url && link(partner.url, bareUrl(partner.url));
    const summary = partner.summary || partner.services;
    if (partner.verified === false) {
      return el('div', { class: 'card' }, el('h4', { text: partner.name }), line(t.website, website),
        summary && el('p', { class: 'sum', text: summary }),
        el('p', { class: 'note', text: fill(website ? t.unverified : t.unverifiedNoSite, { p: partner.name }) }));
    }
    const phone = partner.phone && link(partner.phone_uri || 'tel:' + String(partner.phone).replace(/[^+\d]/g, ''), partner.phone);
    return el('div', { class: 'card' }, el('h4', { text: partner.name }),
      line(t.phone, phone), line(t.website, website), line(t.email, partner.email && link('mailto:' + partner.email, partner.email)),
      line(t.address, partner.address), line(t.hours, partner.hours), summary && el('p', { class: 'sum', text: summary }));
  };
  /**
   * How to reach a counsellor: the API's, else the built-in contacts (Brussels' only: another site's
   * card is left out rather than wrong). @param {Handoff | null} contacts @param {Lang} lang
   */
  const handoffCard = (contacts, lang) => {
    const t = TEXT[lang];
    if (!contacts && !builtInContacts) return '';
    const c = contacts || { ...BUILT_IN_HANDOFF, address: t.handoffAddress, phone_label: t.phoneLabel, chat_label: t.chatLabel };
    return el('div', { class: 'card' }, el('h3', { text: t.handoffTitle }),
      line(t.email, c.email && link('mailto:' + c.email, c.email)),
      line(t.phone, link(c.phone_uri, c.phone), c.phone_label && ` (${c.phone_label})`),
      line(t.chat, link(c.chat_url, c.chat_label)), line(t.website, c.website && link(c.website, bareUrl(c.website))),
      line(t.visit, c.address), line('', c.hours));
  };
  /** "Was this answer helpful?", its buttons named with the question they are about. */
  /** @param {Reply} reply @param {AnswerItem} answer @param {Lang} lang */
  const feedbackBox = (reply, answer, lang) => {
    const t = TEXT[lang];
    /** @param {boolean} helpful */
    const vote = (helpful) => () => {
      reply.feedback = helpful ? 'yes' : 'no';
      save();
      callApi('feedback', { entry_id: answer.id, helpful }).catch(() => { /* feedback is best effort */ });
      const after = afterFeedback(reply, lang);
      box.replaceWith(after);
      /** @type {HTMLElement} */ (after.matches('[tabindex="-1"]') ? after : after.querySelector('[tabindex="-1"]')).focus();
    };
    const box = el('div', { class: 'fb' }, el('p', { text: t.helpful }),
      el('button', { type: 'button', text: t.yes, 'aria-label': fill(t.yesAbout, { q: answer.question }), onclick: vote(true) }),
      el('button', { type: 'button', text: t.no, 'aria-label': fill(t.noAbout, { q: answer.question }), onclick: vote(false) }));
    return box;
  };
  /** Thanks; after "not helpful", also the next best answer and the counsellor. @param {Reply} reply @param {Lang} lang */
  const afterFeedback = (reply, lang) => {
    const t = TEXT[lang];
    const thanks = el('p', { tabindex: '-1', text: t.thanks });
    if (reply.feedback !== 'no') return thanks;
    const next = (reply.answers || [])[1];
    return el('div', { class: 'next' }, thanks,
      next && el('p', { text: t.nextBest }), next && choiceList([[next.question, () => showAnswer(next, lang, 'next_best')]]),
      el('p', { text: t.askCounsellor }), handoffCard(reply.handoff || null, lang));
  };
  /** @param {HTMLElement} message */
  const focusMessage = (message) => { message.tabIndex = -1; message.focus(); };

  // --- Conversation: typed questions, opened entries, themes, the counsellor ---------------------------------
  // Requests that produce a message run one after the other, so replies stay in order.
  let queue = Promise.resolve();
  /**
   * Runs `work` with the typing dots; a failure becomes an error message (the built-in contacts).
   * @param {Lang} lang @param {() => Promise<void>} work @param {(seconds: number) => boolean} [onBusy] true when it retries
   */
  const withTyping = (lang, work, onBusy) => (queue = queue.then(async () => {
    log.append(typingDots);
    scrollTo(typingDots);
    try { await work(); } catch (error) {
      if (error instanceof BusyError && onBusy && onBusy(error.seconds)) return;
      addEvent(error instanceof BusyError ? { type: 'error', lang, reason: 'busy', seconds: error.seconds } : { type: 'error', lang, reason: 'down' });
    } finally { typingDots.remove(); }
  }));
  /** Sends a typed question. On 429 it says how long it waits, retries by itself, and after two refusals puts the
   * question back in the input. @param {string} text */
  const askQuestion = (text) => {
    const question = text.trim().slice(0, QUESTION_LIMIT);
    if (!question) return;
    input.value = '';
    updateCounter();
    closeSuggestions();
    const lang = language;
    /** @type {VisitorEvent} */
    const visitorEvent = { type: 'visitor', lang, text: question };
    const mine = addEvent(visitorEvent);
    const body = { q: question, lang, theme: pendingTheme };
    pendingTheme = null;
    let attempts = 0;
    const attempt = () => withTyping(lang, async () => {
      const reply = /** @type {Reply} */ (await callApi('ask', body));
      const detected = languageOf(reply.detected_lang);
      if (detected && detected !== lang) { mine.lang = visitorEvent.lang = detected; save(); } // the visitor's words, read in their language
      addEvent({ type: 'reply', reply });
    }, (seconds) => {
      attempts += 1;
      if (attempts > 2) {
        addEvent({ type: 'reply', reply: { kind: 'smalltalk', lang, message: TEXT[lang].gaveUp } });
        if (!input.value) { input.value = question; updateCounter(); }
        return true;
      }
      addEvent({ type: 'error', lang, reason: 'busy', seconds });
      setTimeout(attempt, seconds * 1000);
      return true;
    });
    attempt();
  };
  /** Opens an entry the visitor picked (its question shown as theirs), and counts how it was reached. */
  /** @param {EntryRef} entry @param {Lang} lang @param {Via} via */
  const openEntry = (entry, lang, via) => {
    addEvent({ type: 'visitor', lang, text: entry.question });
    withTyping(lang, async () => {
      const path = 'entries/' + entry.id.split('/').map(encodeURIComponent).join('/') + '?lang=' + lang;
      addEvent({ type: 'reply', reply: entryReply(await callApi(path), lang) });
      recordView(entry.id, via, lang);
    });
  };
  /** Shows an answer the widget already holds (a clarify option, the next best), and counts it. */
  /** @param {AnswerItem} answer @param {Lang} lang @param {Via} via */
  const showAnswer = (answer, lang, via) => {
    addEvent({ type: 'visitor', lang, text: answer.question });
    addEvent({ type: 'reply', reply: entryReply(answer, lang) });
    recordView(answer.id, via, lang);
  };
  /** A theme button: its menu (featured questions first, then the rest); the theme goes with the next question. */
  /** @param {ThemeInfo} theme @param {Lang} lang */
  const openTheme = (theme, lang) => {
    pendingTheme = theme.id;
    addEvent({ type: 'visitor', lang, text: theme.label });
    withTyping(lang, async () => {
      const all = /** @type {EntryRef[]} */ (((await callApi(`entries?theme=${encodeURIComponent(theme.id)}&lang=${lang}`)).entries || [])
        .map((/** @type {EntryRef} */ e) => ({ id: e.id, question: e.question })));
      const featured = (theme.featured || []).filter((f) => all.some((e) => e.id === f.id));
      const entries = [...featured, ...all.filter((e) => !featured.some((f) => f.id === e.id))];
      addEvent({ type: 'themeMenu', lang, theme: { id: theme.id, label: theme.label, description: theme.description, groups: theme.groups }, entries });
    });
  };
  /** A sub-group of a theme's menu: its questions, in the editors' order, as a menu of their own. */
  /** @param {ThemeMenuEvent} menu @param {ThemeGroup} group */
  const openGroup = (menu, group) => {
    pendingTheme = menu.theme.id;
    addEvent({ type: 'visitor', lang: menu.lang, text: group.label });
    const entries = /** @type {EntryRef[]} */ (group.entries.map((id) => menu.entries.find((e) => e.id === id)).filter(Boolean));
    focusMessage(addEvent({ type: 'themeMenu', lang: menu.lang, theme: { id: menu.theme.id, label: group.label }, entries, group: true }));
  };
  const greet = async () => {
    const themes = await themesFor(language);
    // On a page in a language the site does not serve, the widget speaks the site's.
    if (!served.includes(language)) return switchLanguage(served[0]);
    addEvent({ type: 'greeting', lang: language, themes });
  };
  const showCounsellor = async () => {
    const lang = language;
    /** @type {Handoff | null} */
    let contacts = null;
    try { contacts = await callApi('handoff?lang=' + lang, null, { timeoutMs: 5000 }); } catch (e) { /* the built-in contacts */ }
    focusMessage(addEvent({ type: 'handoff', lang, contacts: contacts && contacts.email ? contacts : null }));
  };
  /** "New conversation": asks first, in the bar, then empties the log and the tab's storage. */
  const askToClear = () => {
    const t = TEXT[language];
    const question = el('p', { text: t.confirmNew });
    const restore = () => { bar.replaceChildren(counsellorButton, newConversationButton); newConversationButton.focus(); };
    const yes = button('confirm', t.confirmYes, () => {
      bar.replaceChildren(counsellorButton, newConversationButton);
      clearConversation();
      announce(t.cleared);
    });
    bar.replaceChildren(question, yes, button('confirm', t.confirmNo, restore));
    yes.focus();
  };
  const clearConversation = () => {
    saved.events = [];
    pendingTheme = null;
    try { sessionStorage.removeItem(STORAGE_KEY); } catch (e) { /* storage disabled */ }
    log.replaceChildren();
    input.value = '';
    updateCounter();
    closeSuggestions();
    greet();
    focusStart();
  };
  /** @param {Lang} lang */
  const switchLanguage = (lang) => {
    if (lang === language) return;
    language = saved.lang = lang;
    closeSuggestions();
    translateShell();
    save();
    greet();
  };
  /** Where focus goes when the panel opens: the input, or on touch screens the heading (no keyboard over the greeting). */
  const focusStart = () => { (touchScreen.matches ? heading : input).focus(); };
  /** @param {boolean} moveFocus */
  const openPanel = (moveFocus) => {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    saved.open = true;
    save();
    updateModal();
    updatePlacement();
    if (!log.querySelector('.m')) greet();
    log.scrollTop = log.scrollHeight;
    if (moveFocus) focusStart();
  };
  /** @param {boolean} returnFocus */
  const closePanel = (returnFocus) => {
    closeSuggestions();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    saved.open = false;
    save();
    if (returnFocus) launcher.focus();
  };

  // --- Suggestions: an ARIA 1.2 combobox with a listbox; a superseded request is cancelled ---------------------
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let suggestionTimer;
  /** @type {AbortController | null} */
  let suggestionRequest = null;
  /** @type {EntryRef[]} */
  let suggestions = [];
  let activeSuggestion = -1;
  let announcedCount = -1;
  let suggestedFor = '';
  const scheduleSuggestions = () => { clearTimeout(suggestionTimer); suggestionTimer = setTimeout(fetchSuggestions, 150); };
  const closeSuggestions = () => {
    clearTimeout(suggestionTimer);
    if (suggestionRequest) suggestionRequest.abort();
    suggestionRequest = null;
    suggestions = [];
    activeSuggestion = -1;
    announcedCount = -1;
    suggestionList.hidden = true;
    suggestionList.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const fetchSuggestions = async () => {
    const typed = input.value.trim();
    if (typed.length < 2) return closeSuggestions();
    if (typed === suggestedFor && !suggestionList.hidden) return; // same words (a space, an arrow key): the list stands
    suggestedFor = typed;
    if (suggestionRequest) suggestionRequest.abort(); // the previous words are superseded
    const request = (suggestionRequest = new AbortController());
    let result;
    try { result = await callApi('suggest', { q: typed, lang: language }, { timeoutMs: 5000, signal: request.signal }); } catch (e) { return; }
    if (request !== suggestionRequest || input.value.trim() !== typed || doc.activeElement !== host || root.activeElement !== input) return;
    suggestions = (result.suggestions || []).slice(0, 6);
    activeSuggestion = -1;
    suggestionList.replaceChildren(...suggestions.map((s, i) => el('li', {
      id: 'sug' + i, role: 'option', 'aria-selected': 'false', text: s.question,
      onmousedown: (/** @type {Event} */ e) => e.preventDefault(), onclick: () => chooseSuggestion(i),
    })));
    suggestionList.hidden = !suggestions.length;
    input.setAttribute('aria-expanded', String(!!suggestions.length));
    input.removeAttribute('aria-activedescendant');
    if (suggestions.length !== announcedCount) {
      announcedCount = suggestions.length;
      const t = TEXT[language];
      announce(suggestions.length ? fill(suggestions.length === 1 ? t.oneSuggestion : t.manySuggestions, { n: suggestions.length }) : t.noSuggestion);
    }
  };
  /** @param {number} index */
  const chooseSuggestion = (index) => {
    const chosen = suggestions[index];
    input.value = '';
    updateCounter();
    closeSuggestions();
    openEntry(chosen, language, 'suggestion');
  };
  /** @param {KeyboardEvent} e */
  function onInputKey(e) {
    const count = suggestions.length;
    if (!count || suggestionList.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      activeSuggestion = e.key === 'ArrowDown' ? (activeSuggestion + 1) % count : (activeSuggestion <= 0 ? count : activeSuggestion) - 1;
      [...suggestionList.children].forEach((o, i) => o.setAttribute('aria-selected', String(i === activeSuggestion)));
      input.setAttribute('aria-activedescendant', 'sug' + activeSuggestion);
      suggestionList.children[activeSuggestion].scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && activeSuggestion >= 0) {
      e.preventDefault();
      chooseSuggestion(activeSuggestion);
    } else if (e.key === 'Escape') {
      e.preventDefault(); // the panel's handler sees it and stays open
      closeSuggestions();
    }
  }

  // --- Start -----------------------------------------------------------------------------------------------------
  translateShell();
  try { saved.events.forEach(render); } catch (e) { saved.events = []; log.replaceChildren(); } // an unreadable old conversation is dropped
  const start = () => {
    doc.body.append(host);
    updatePlacement();
    window.addEventListener('resize', updatePlacement);
    const openOnLoad = option('open');
    if (saved.open || (!saved.events.length && openOnLoad != null && openOnLoad !== 'false')) openPanel(false); // no focus move on page load
  };
  if (doc.body) start(); else doc.addEventListener('DOMContentLoaded', start);
})();
