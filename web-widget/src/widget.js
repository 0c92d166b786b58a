/*! cdm-faq widget — the FAQ assistant of the Cité des métiers de Bruxelles / Beroepenpunt Brussel.
 * Embed: <script src="https://HOST/widget.js" data-lang="fr" defer></script> (options: web-widget/README.md).
 * Rules kept here: everything renders in a Shadow DOM styled by a constructable stylesheet (strict CSP:
 * no inline style, no eval); visitor and knowledge-base text only ever goes in through textContent/DOM
 * APIs, the server's sanitised `answer_html` is the single innerHTML; no cookies, no localStorage, the
 * open conversation alone is kept in sessionStorage; the only requests go to the API. */
(() => {
  'use strict';
  const D = document;
  const me = D.currentScript || D.querySelector('script[src*="widget.js"]');
  if (!me || D.cdmFaqWidget) return; // one widget per page, even if the tag is pasted twice
  D.cdmFaqWidget = 1;
  const opt = (n) => me.getAttribute('data-' + n);
  const LANGS = ['fr', 'nl', 'en'];
  const pick = (l) => ((l = String(l || '').slice(0, 2).toLowerCase()), LANGS.includes(l) ? l : '');
  const pageLang = pick(opt('lang')) || pick(D.documentElement.lang) || 'fr';
  const api = (opt('api') || new URL(me.src, location.href).origin).replace(/\/+$/, '') + '/api/v1/';
  const THEMES = ['choose', 'learn', 'move', 'self-employment', 'work'];
  const WEB = 'https://www.citedesmetiers.brussels';
  // Built-in hand-off, used when the API cannot be reached (same facts as knowledge-base/site.toml).
  const HANDOFF = { email: 'info@cdm-bp.brussels', phone: '0800 555 66', phone_uri: 'tel:+3280055566', chat_url: WEB, website: WEB };

  // UI sentences. {n} and {t} are replaced. Names of the languages in their own language.
  const T = {
    fr: {
      name: 'Français', title: 'Assistant de la Cité des métiers', launch: 'Une question ?', close: 'Fermer', lang: 'Langue',
      cons: 'Parler à un conseiller', q: 'Votre question', ph: 'Écrivez votre question…', send: 'Envoyer',
      you: 'Vous : ', bot: 'Assistant : ', log: 'Conversation', sug: 'Suggestions',
      sg0: 'Aucune suggestion.', sg1: '1 suggestion. Flèches haut et bas pour choisir, Entrée pour valider.',
      sgN: '{n} suggestions. Flèches haut et bas pour choisir, Entrée pour valider.',
      hi: 'Bonjour ! Je réponds à vos questions sur les études, la formation, l’emploi, la mobilité et la création d’entreprise. Choisissez un thème ou écrivez votre question.',
      th: 'Thèmes', themes: ['S’orienter', 'Se former', 'Bouger', 'Entreprendre', 'Travailler'],
      inT: 'Questions du thème « {t} » :', here: 'Voici ce que je peux vous dire :', rel: 'Questions liées :',
      help: 'Cette réponse vous a-t-elle aidé ?', yes: 'Oui', no: 'Non', thx: 'Merci pour votre avis !',
      ts: 'Ces informations peuvent changer : vérifiez-les auprès de l’organisme.',
      hoT: 'Contacter la Cité des métiers', hoI: 'Un conseiller ou une conseillère de la Cité des métiers vous aide, gratuitement et sans rendez-vous :',
      down: 'Le service ne répond pas pour le moment. Vous pouvez contacter directement la Cité des métiers :',
      busy: 'Trop de questions d’un coup : réessayez dans {n} secondes.', newR: 'Nouvelle réponse de l’assistant.',
      tel: 'Téléphone :', web: 'Site web :', mail: 'E-mail :', addr: 'Adresse :', hours: 'Horaires :', chat: 'Chat :', visit: 'Sur place :',
      ho: ['Tour Astro (rez-de-chaussée), avenue de l’Astronomie 14, 1210 Saint-Josse-ten-Noode, près de la station Madou',
        'Sans rendez-vous, gratuit et anonyme. Ouverture en soirée le jeudi jusqu’à 19 h.', 'appel gratuit', 'chat de conseil en ligne Miti'],
    },
    nl: {
      name: 'Nederlands', title: 'Assistent van het Beroepenpunt', launch: 'Een vraag?', close: 'Sluiten', lang: 'Taal',
      cons: 'Praat met een adviseur', q: 'Je vraag', ph: 'Typ je vraag…', send: 'Verzenden',
      you: 'Jij: ', bot: 'Assistent: ', log: 'Gesprek', sug: 'Suggesties',
      sg0: 'Geen suggesties.', sg1: '1 suggestie. Pijltjes omhoog en omlaag om te kiezen, Enter om te bevestigen.',
      sgN: '{n} suggesties. Pijltjes omhoog en omlaag om te kiezen, Enter om te bevestigen.',
      hi: 'Dag! Ik beantwoord je vragen over studeren, opleiding, werk, mobiliteit en een eigen zaak starten. Kies een thema of typ je vraag.',
      th: 'Thema’s', themes: ['Kiezen', 'Leren', 'Bewegen', 'Ondernemen', 'Werken'],
      inT: 'Vragen over ‘{t}’:', here: 'Dit kan ik je vertellen:', rel: 'Gerelateerde vragen:',
      help: 'Heb je iets aan dit antwoord?', yes: 'Ja', no: 'Nee', thx: 'Bedankt voor je feedback!',
      ts: 'Deze informatie kan veranderen: controleer ze bij de organisatie.',
      hoT: 'Contact met het Beroepenpunt', hoI: 'Een adviseur van het Beroepenpunt helpt je graag, gratis en zonder afspraak:',
      down: 'De dienst reageert momenteel niet. Je kunt het Beroepenpunt rechtstreeks contacteren:',
      busy: 'Te veel vragen tegelijk: probeer opnieuw over {n} seconden.', newR: 'Nieuw antwoord van de assistent.',
      tel: 'Telefoon:', web: 'Website:', mail: 'E-mail:', addr: 'Adres:', hours: 'Openingsuren:', chat: 'Chat:', visit: 'Ter plaatse:',
      ho: ['Astrotoren (gelijkvloers), Sterrenkundelaan 14, 1210 Sint-Joost-ten-Node, vlak bij station Madou',
        'Zonder afspraak, gratis en anoniem. Op donderdag open tot 19 uur.', 'gratis nummer', 'online adviesChat Miti'],
    },
    en: {
      name: 'English', title: 'Cité des métiers assistant', launch: 'A question?', close: 'Close', lang: 'Language',
      cons: 'Talk to a counsellor', q: 'Your question', ph: 'Type your question…', send: 'Send',
      you: 'You: ', bot: 'Assistant: ', log: 'Conversation', sug: 'Suggestions',
      sg0: 'No suggestions.', sg1: '1 suggestion. Up and down arrows to choose, Enter to confirm.',
      sgN: '{n} suggestions. Up and down arrows to choose, Enter to confirm.',
      hi: 'Hello! I answer your questions about studies, training, jobs, working abroad and starting a business. Choose a theme or type your question.',
      th: 'Themes', themes: ['Choose', 'Learn', 'Move', 'Self-employment', 'Work'],
      inT: 'Questions about ‘{t}’:', here: 'Here is what I can tell you:', rel: 'Related questions:',
      help: 'Was this answer helpful?', yes: 'Yes', no: 'No', thx: 'Thank you for your feedback!',
      ts: 'This information can change: check it with the organisation.',
      hoT: 'Contact the Cité des métiers', hoI: 'A Cité des métiers counsellor can help you, free of charge and without an appointment:',
      down: 'The service is not responding right now. You can contact the Cité des métiers directly:',
      busy: 'Too many questions at once: try again in {n} seconds.', newR: 'New reply from the assistant.',
      tel: 'Phone:', web: 'Website:', mail: 'E-mail:', addr: 'Address:', hours: 'Opening hours:', chat: 'Chat:', visit: 'Visit us:',
      ho: ['Astro Tower (ground floor), avenue de l’Astronomie 14, 1210 Saint-Josse-ten-Noode, near Madou metro station',
        'No appointment needed, free and anonymous. Open late on Thursdays, until 7 pm.', 'freephone', 'Miti online advice chat'],
    },
  };

  const CSS = `
:host{all:initial!important}
*{box-sizing:border-box}
.w{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;-webkit-text-size-adjust:100%}
[hidden]{display:none!important}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer;min-height:32px;min-width:32px;border-radius:6px;border:2px solid #0b5cab;background:#fff;color:#0b5cab;padding:3px 10px;text-align:start}
button:hover{background:#e3edf8}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
a{color:#0b5cab;text-decoration:underline;overflow-wrap:anywhere}
a:hover{color:#083f75}
.launch,.panel{position:fixed;bottom:16px;right:16px;z-index:2147483000}
.left .launch,.left .panel{right:auto;left:16px}
.launch{display:flex;align-items:center;gap:8px;min-height:48px;padding:8px 18px 8px 14px;border-radius:24px;background:#0b5cab;color:#fff;border-color:#0b5cab;font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.launch:hover{background:#083f75}
.launch:focus-visible{box-shadow:0 0 0 2px #fff;outline-color:#1b1b1b}
.launch svg{width:24px;height:24px;fill:currentColor;flex:none}
.panel{display:flex;flex-direction:column;width:min(400px,calc(100vw - 32px));height:640px;max-height:calc(100vh - 32px);max-height:calc(100dvh - 32px);background:#fff;border:1px solid #8a94a3;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden;animation:in .18s ease-out}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
.hd{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 8px 8px 14px;background:#0b5cab;color:#fff}
.hd :focus-visible{outline-color:#fff}
h2{flex:1 1 8em;margin:0;font-size:17px;line-height:1.3}
.hd button{border-color:#fff;background:transparent;color:#fff;padding:2px 6px;text-align:center}
.hd button:hover,.hd [aria-pressed=true]{background:#fff;color:#0b5cab}
.langs{display:flex;gap:4px}
.x{font-size:22px;line-height:1}
.bar{padding:6px 14px;border-bottom:1px solid #d5dbe3}
.bar button{border:0;padding:3px 4px;text-decoration:underline;font-weight:600}
.log{flex:1;min-height:0;overflow-y:auto;overflow-x:hidden;padding:12px;position:relative;display:flex;flex-direction:column;gap:10px}
@media (prefers-reduced-motion:no-preference){.log{scroll-behavior:smooth}}
.m{max-width:92%;padding:8px 12px;border-radius:12px;overflow-wrap:anywhere}
.m.bot{align-self:flex-start;background:#eef2f7;border-bottom-left-radius:4px}
.m.me{align-self:flex-end;background:#0b5cab;color:#fff;border-bottom-right-radius:4px;white-space:pre-wrap}
.m p,.m ul,.m ol{margin:0 0 8px}
.m>:last-child,.ans>:last-child{margin-bottom:0}
.m ul,.m ol{padding-left:22px}
h3,h4{margin:4px 0 6px;font-size:16px;line-height:1.35}
.ans{margin-bottom:8px}
.note{font-size:14px;font-style:italic;color:#3d4651}
.card{background:#fff;border:1px solid #8a94a3;border-radius:8px;padding:8px 10px;margin:8px 0}
.card p{margin:0 0 4px}
.k{font-weight:600}
.opts{list-style:none;padding:0!important;display:flex;flex-wrap:wrap;gap:6px}
.opts li{max-width:100%}
.fb{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:8px}
.fb p{margin:0;flex-basis:100%}
.dots{display:flex;gap:4px;padding:14px 12px}
.dots span{width:8px;height:8px;border-radius:50%;background:#4b5563;animation:b 1s infinite alternate}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes b{to{opacity:.2}}
form{position:relative;display:flex;gap:6px;padding:10px;border-top:1px solid #d5dbe3}
input{flex:1;min-width:0;min-height:44px;padding:8px 10px;border:2px solid #5f6b7a;border-radius:6px;background:#fff}
input::placeholder{color:#5f6b7a;opacity:1}
.send{background:#0b5cab;color:#fff;min-height:44px;font-weight:600}
.send:hover{background:#083f75}
[role=listbox]{position:absolute;left:10px;right:10px;bottom:100%;margin:0;padding:4px;list-style:none;background:#fff;border:2px solid #5f6b7a;border-radius:6px;max-height:min(260px,45vh);overflow-y:auto;box-shadow:0 -4px 14px rgba(0,0,0,.2)}
[role=option]{padding:6px 8px;min-height:32px;border-radius:4px;cursor:pointer}
[role=option]:hover{background:#eef2f7}
[role=option][aria-selected=true]{background:#0b5cab;color:#fff;outline:2px solid #1b1b1b}
@media (max-width:480px),(max-height:480px){.panel{inset:0!important;width:auto;height:auto;max-height:none;border-radius:0;border:0}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
@media (forced-colors:active){[role=option][aria-selected=true]{outline:3px solid Highlight}}`;

  // Element builder: attributes via setAttribute, `text` via textContent, functions as listeners, children appended
  // as nodes or text. This is the only way the widget builds its DOM.
  const h = (tag, attrs, ...kids) => {
    const e = D.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k == 'text') e.textContent = v;
      else if (typeof v == 'function') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    e.append(...kids.flat().filter((k) => k != null && k !== false && k !== ''));
    return e;
  };
  const safe = (u) => (/^(https?:|mailto:|tel:)/i.test(u || '') ? u : null);
  const link = (href, text) => (safe(href) && text ? h('a', { href, text }) : null);
  const row = (label, value, extra) => value && h('p', {}, label && h('span', { class: 'k', text: label + ' ' }), value, extra);
  const bare = (u) => String(u).replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
  const enc = encodeURIComponent;
  const fill = (s, k, v) => s.replace('{' + k + '}', v);

  // The open conversation, kept for this tab only (sessionStorage), so it survives following a link.
  const KEY = 'cdm-faq-widget';
  let S;
  try { S = JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { /* storage disabled */ }
  if (!S || S.v !== 1) S = { v: 1, h: [] };
  const save = () => { try { sessionStorage.setItem(KEY, JSON.stringify(S)); } catch (e) { /* storage full or disabled */ } };
  // The page's language wins when it changed since the last page (the visitor used the site's switch).
  let lang = (S.pl == pageLang && pick(S.l)) || pageLang;
  S.pl = pageLang;
  let theme = null; // set by a theme button, sent with the next question only

  // --- Requests ------------------------------------------------------------------------------------
  const call = async (path, body, ms = 15000, ctl = new AbortController()) => {
    const timer = setTimeout(() => ctl.abort(), ms);
    try {
      const init = { credentials: 'omit', referrerPolicy: 'no-referrer', signal: ctl.signal };
      if (body) Object.assign(init, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const r = await fetch(api + path, init);
      if (!r.ok) throw Object.assign(new Error('HTTP ' + r.status), { status: r.status, retry: parseInt(r.headers.get('retry-after'), 10) });
      return r.status == 204 ? null : await r.json();
    } finally { clearTimeout(timer); }
  };
  // Requests that produce a message run one after the other, so replies stay in order.
  let chain = Promise.resolve();
  const guard = (l, fn) => (chain = chain.then(async () => {
    log.append(dots);
    scroll(dots);
    try { return await fn(); } catch (e) {
      add(e.status == 429 ? ['x', l, 'busy', e.retry > 0 ? e.retry : 10] : ['x', l, 'down']);
    } finally { dots.remove(); }
  }));
  const themesCache = {};
  const themesFor = async (l) => {
    if (!themesCache[l]) {
      try {
        const r = await call('themes?lang=' + l, 0, 5000);
        themesCache[l] = r.themes.filter((t) => t.id && t.label).map((t) => [t.id, t.label]);
      } catch (e) { /* built-in labels below */ }
      if (!(themesCache[l] || []).length) themesCache[l] = THEMES.map((id, i) => [id, T[l].themes[i]]);
    }
    return themesCache[l];
  };

  // --- The shell: launcher, panel, header, log, input ----------------------------------------------
  const host = h('div', { id: 'cdm-faq-widget', 'data-cdm-faq': '' });
  const root = host.attachShadow({ mode: 'open' });
  if (root.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else root.append(h('style', { text: CSS })); // older browsers (needs a CSP that allows it)

  const svg = D.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.append(D.createElementNS('http://www.w3.org/2000/svg', 'path'));
  svg.firstChild.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z');
  const launchText = h('span');
  const launcher = h('button', { type: 'button', class: 'launch', 'aria-controls': 'panel', 'aria-expanded': 'false', onclick: () => open(true) }, svg, launchText);

  const title = h('h2', { id: 'title' });
  const langBtns = LANGS.map((l) => h('button', { type: 'button', lang: l, onclick: () => setLang(l) }, l.toUpperCase(), h('span', { class: 'sr', text: ' ' + T[l].name })));
  const langs = h('div', { class: 'langs', role: 'group' }, langBtns);
  const closeBtn = h('button', { type: 'button', class: 'x', onclick: () => close(true) }, h('span', { 'aria-hidden': 'true', text: '×' }));
  const consBtn = h('button', { type: 'button', onclick: () => counsellor() });
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  const dots = h('div', { class: 'm bot dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
  const status = h('div', { class: 'sr', role: 'status' });
  const qLabel = h('label', { for: 'q', class: 'sr' });
  const lb = h('ul', { id: 'sugg', role: 'listbox', hidden: true });
  const input = h('input', {
    id: 'q', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'sugg',
    autocomplete: 'off', maxlength: '500', enterkeyhint: 'send', spellcheck: 'true',
    oninput: () => { clearTimeout(sugTimer); sugTimer = setTimeout(suggest, 150); },
    onkeydown: keys, onblur: () => closeSug(),
  });
  const sendBtn = h('button', { type: 'submit', class: 'send' });
  const form = h('form', { onsubmit: (e) => { e.preventDefault(); ask(input.value); } }, qLabel, lb, input, sendBtn);
  const panel = h('section', { id: 'panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'title', hidden: true },
    h('div', { class: 'hd' }, title, langs, closeBtn), h('div', { class: 'bar' }, consBtn), log, form, status);
  const wrap = h('div', { class: 'w' + (opt('position') == 'bottom-left' ? ' left' : '') }, launcher, panel);
  root.append(wrap);
  // Below 480 px (phones, 200% zoom) the panel covers the page: it is then modal and keeps Tab inside, so that
  // focus never lands on something hidden behind it (WCAG 2.4.11).
  const full = matchMedia('(max-width:480px),(max-height:480px)');
  const modal = () => panel.setAttribute('aria-modal', String(full.matches));
  if (full.addEventListener) full.addEventListener('change', modal);
  panel.addEventListener('keydown', (e) => {
    if (e.key == 'Escape' && !e.defaultPrevented) { e.preventDefault(); close(true); }
    if (e.key == 'Tab' && full.matches) {
      const all = [...panel.querySelectorAll('button,input,a[href],[tabindex="0"]')].filter((x) => x.getClientRects().length);
      const [first, last] = [all[0], all[all.length - 1]];
      if (root.activeElement == (e.shiftKey ? first : last)) { e.preventDefault(); (e.shiftKey ? last : first).focus(); }
    }
  });
  // Escape pressed in the page while the panel is open closes it without moving focus, revealing what has focus.
  D.addEventListener('keydown', (e) => { if (e.key == 'Escape' && !e.defaultPrevented && !panel.hidden && D.activeElement != host) close(false); });

  // Every visible sentence of the shell, in the current language.
  const ui = () => {
    const L = T[lang];
    wrap.lang = lang;
    title.textContent = opt('title') || L.title;
    launchText.textContent = L.launch;
    closeBtn.setAttribute('aria-label', L.close);
    langs.setAttribute('aria-label', L.lang);
    langBtns.forEach((b, i) => b.setAttribute('aria-pressed', String(LANGS[i] == lang)));
    consBtn.textContent = L.cons;
    log.setAttribute('aria-label', L.log);
    qLabel.textContent = L.q;
    input.placeholder = L.ph;
    lb.setAttribute('aria-label', L.sug);
    sendBtn.textContent = L.send;
  };

  let sayTimer;
  const say = (text) => { // re-set after a pause so that the same sentence is announced again
    status.textContent = '';
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => { status.textContent = text; }, 120);
  };
  const scroll = (el) => { log.scrollTop = el.offsetTop - 8; };

  // --- Messages --------------------------------------------------------------------------------------
  // A conversation is a list of events, stored as they are and rendered by `render`:
  // ['q', lang, text] visitor · ['g', lang, themes] greeting · ['r', reply] · ['t', lang, label, entries]
  // theme questions · ['h', lang, handoff|null] counsellor · ['x', lang, 'down'|'busy', seconds] error.
  const msg = (who, l, ...kids) => {
    const m = h('div', { class: 'm ' + who, lang: l }, h('span', { class: 'sr', text: T[l][who == 'me' ? 'you' : 'bot'] }), ...kids);
    log.insertBefore(m, dots.parentNode ? dots : null);
    return m;
  };
  const buttons = (items, label) => h('ul', { class: 'opts', 'aria-label': label }, items.map(([text, fn]) => h('li', {}, h('button', { type: 'button', onclick: fn, text }))));
  const add = (ev) => {
    S.h.push(ev);
    if (S.h.length > 60) S.h.splice(0, S.h.length - 60);
    save();
    const m = render(ev);
    scroll(m);
    if (ev[0] != 'q') say(T[lang].newR);
    return m;
  };
  const render = (ev) => {
    const [kind, l] = ev;
    const L = T[l] || T[lang];
    if (kind == 'q') return msg('me', l, h('p', { text: ev[2] }));
    if (kind == 'g') return msg('bot', l, h('p', { text: L.hi }), buttons(ev[2].map(([id, label]) => [label, () => pickTheme(id, label, l)]), L.th));
    if (kind == 't') return msg('bot', l, h('p', { text: fill(L.inT, 't', ev[2]) }), buttons(ev[3].map((e) => [e.question, () => showEntry(e.id, e.question, l)])));
    if (kind == 'h') return msg('bot', l, h('p', { text: L.hoI }), handoff(ev[2], l));
    if (kind == 'x') return msg('bot', l, ev[2] == 'busy' ? h('p', { text: fill(L.busy, 'n', ev[3]) }) : [h('p', { text: L.down }), handoff(null, l)]);
    return reply(ev[1]);
  };
  const reply = (r) => {
    const l = pick(r.lang) || lang;
    const L = T[l];
    const list = r.answers || [];
    const m = msg('bot', l, h('p', { text: r.message }));
    if (r.kind == 'answer' && list[0]) {
      const a = list[0];
      const body = h('div', { class: 'ans' });
      body.innerHTML = a.answer_html; // the server's sanitised HTML: the only HTML the widget inserts
      const rel = (a.related || []).slice(0, 3);
      m.append(h('h3', { text: a.question }), body);
      if (a.time_sensitive) m.append(h('p', { class: 'note', text: L.ts }));
      if (r.referral || (a.partners || [])[0]) m.append(card(r.referral || a.partners[0], l));
      if (rel.length) m.append(h('p', { text: L.rel }), buttons(rel.map((x) => [x.question, () => showEntry(x.id, x.question, l)])));
      if (a.source == 'entry' && !r.fb) m.append(feedback(r, a.id, l));
    } else if (r.kind == 'clarify') {
      m.append(buttons(list.map((a) => [a.question, () => { add(['q', l, a.question]); add(['r', entryReply(a, l)]); }])));
    }
    // A clarification is answered by picking an option; "talk to a counsellor" stays one click away.
    if (r.kind != 'clarify' && (r.handoff || r.kind == 'no_answer')) m.append(handoff(r.handoff, l));
    return m;
  };
  const entryReply = (a, l) => ({ kind: 'answer', lang: l, message: T[l].here, answers: [a], referral: (a.partners || [])[0] || null, handoff: null });
  const card = (p, l) => {
    const L = T[l];
    return h('div', { class: 'card' }, h('h4', { text: p.name }), p.services && h('p', { text: p.services }),
      row(L.tel, link(p.phone_uri || 'tel:' + String(p.phone).replace(/[^+\d]/g, ''), p.phone)),
      row(L.web, p.url && link(p.url, bare(p.url))), row(L.mail, p.email && link('mailto:' + p.email, p.email)),
      row(L.addr, p.address), row(L.hours, p.hours));
  };
  const handoff = (o, l) => {
    const L = T[l];
    const [address, hours, phoneLabel, chatLabel] = L.ho;
    o = o || Object.assign({ address, hours, phone_label: phoneLabel, chat_label: chatLabel }, HANDOFF);
    return h('div', { class: 'card' }, h('h3', { text: L.hoT }),
      row(L.mail, o.email && link('mailto:' + o.email, o.email)),
      row(L.tel, link(o.phone_uri, o.phone), o.phone_label && ` (${o.phone_label})`),
      row(L.chat, link(o.chat_url, o.chat_label)), row(L.web, o.website && link(o.website, bare(o.website))),
      row(L.visit, o.address), row('', o.hours));
  };
  const feedback = (r, id, l) => {
    const L = T[l];
    const send = (helpful) => () => {
      const thanks = h('p', { tabindex: '-1', text: L.thx });
      box.replaceWith(thanks);
      thanks.focus();
      r.fb = 1;
      save();
      call('feedback', { entry_id: id, helpful }).catch(() => { /* feedback is best effort */ });
    };
    const box = h('div', { class: 'fb' }, h('p', { text: L.help }), h('button', { type: 'button', onclick: send(true), text: L.yes }), h('button', { type: 'button', onclick: send(false), text: L.no }));
    return box;
  };

  // --- Conversation ------------------------------------------------------------------------------------
  const ask = (q) => {
    q = q.trim();
    if (!q) return;
    input.value = '';
    closeSug();
    const l = lang;
    const ev = ['q', l, q];
    const mine = add(ev);
    const body = { q, lang: l, theme };
    theme = null;
    guard(l, async () => {
      const r = await call('ask', body);
      const seen = pick(r.detected_lang);
      if (seen && seen != l) { mine.lang = ev[1] = seen; } // the visitor's words are read in their language
      add(['r', r]);
    });
  };
  const showEntry = (id, question, l) => {
    add(['q', l, question]);
    guard(l, async () => add(['r', entryReply(await call('entries/' + id.split('/').map(enc).join('/') + '?lang=' + l), l)]));
  };
  const pickTheme = (id, label, l) => {
    theme = id;
    add(['q', l, label]);
    guard(l, async () => add(['t', l, label, ((await call(`entries?theme=${enc(id)}&lang=${l}`)).entries || []).map((e) => ({ id: e.id, question: e.question }))]));
  };
  const greet = async () => { const l = lang; add(['g', l, await themesFor(l)]); };
  const counsellor = async () => {
    const l = lang;
    let o = null;
    try { o = await call('handoff?lang=' + l, 0, 5000); } catch (e) { /* built-in contacts */ }
    const m = add(['h', l, o && o.email ? o : null]);
    m.tabIndex = -1;
    m.focus();
  };
  const setLang = (l) => {
    if (l == lang) return;
    lang = S.l = l;
    closeSug();
    ui();
    save();
    greet();
  };
  const open = (focus) => {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    S.o = 1;
    save();
    modal();
    if (!log.querySelector('.m')) greet();
    log.scrollTop = log.scrollHeight;
    if (focus) input.focus();
  };
  const close = (refocus) => {
    closeSug();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    S.o = 0;
    save();
    if (refocus) launcher.focus();
  };

  // --- Suggestions: an ARIA 1.2 combobox with a listbox -----------------------------------------------
  let sugTimer, sugCtl, sugs = [], active = -1, announced = -1;
  const closeSug = () => {
    clearTimeout(sugTimer);
    if (sugCtl) sugCtl.abort();
    sugs = [];
    active = -1;
    announced = -1;
    lb.hidden = true;
    lb.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  let asked = '';
  async function suggest() {
    const q = input.value.trim();
    if (q.length < 2) return closeSug();
    if (q == asked && !lb.hidden) return; // same words (a space, an arrow key): the list stands
    asked = q;
    if (sugCtl) sugCtl.abort();
    const ctl = (sugCtl = new AbortController());
    let r;
    try { r = await call(`suggest?q=${enc(q)}&lang=${lang}`, 0, 5000, ctl); } catch (e) { return; }
    if (ctl != sugCtl || input.value.trim() != q || D.activeElement != host || root.activeElement != input) return;
    sugs = (r.suggestions || []).slice(0, 6);
    active = -1;
    lb.replaceChildren(...sugs.map((s, i) => h('li', {
      id: 'sug' + i, role: 'option', 'aria-selected': 'false', text: s.question,
      onmousedown: (e) => e.preventDefault(), onclick: () => choose(i),
    })));
    lb.hidden = !sugs.length;
    input.setAttribute('aria-expanded', String(!!sugs.length));
    input.removeAttribute('aria-activedescendant');
    if (sugs.length != announced) {
      announced = sugs.length;
      const L = T[lang];
      say(sugs.length ? fill(sugs.length == 1 ? L.sg1 : L.sgN, 'n', sugs.length) : L.sg0);
    }
  }
  const choose = (i) => {
    const s = sugs[i];
    input.value = '';
    closeSug();
    showEntry(s.id, s.question, lang);
  };
  function keys(e) {
    const n = sugs.length;
    if (!n || lb.hidden) return;
    if (e.key == 'ArrowDown' || e.key == 'ArrowUp') {
      e.preventDefault();
      active = e.key == 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n : active) - 1;
      [...lb.children].forEach((o, i) => o.setAttribute('aria-selected', String(i == active)));
      input.setAttribute('aria-activedescendant', 'sug' + active);
      lb.children[active].scrollIntoView({ block: 'nearest' });
    } else if (e.key == 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key == 'Escape') {
      e.preventDefault(); // the panel's handler sees it and stays open
      closeSug();
    }
  }

  // --- Start ----------------------------------------------------------------------------------------------
  ui();
  try { S.h.forEach(render); } catch (e) { S.h = []; log.replaceChildren(); } // an unreadable old conversation is dropped
  const start = () => {
    D.body.append(host);
    const flag = opt('open');
    if (S.o === 1 || (S.o == null && flag != null && flag != 'false')) open(false); // no focus move on page load
  };
  if (D.body) start(); else D.addEventListener('DOMContentLoaded', start);
})();
