// End-to-end tests of the web widget in a real browser (Debian's chromium, driven by playwright-core)
// against the real cdm-faq server on loopback, serving the fixture knowledge base (plus one entry that makes
// a clarification possible; see scripts/test.sh).
//
// Properties checked:
// - the server serves /widget.js within the 12 KB gzip budget and the demo page in FR/NL/EN under the strict CSP;
// - under that CSP the widget's constructable stylesheet applies (computed styles), nothing is blocked, and host
//   CSS cannot break the widget nor the widget's CSS leak into the page (Shadow DOM);
// - launcher → panel, greeting in the page language, five theme buttons with the API's labels;
// - questions in FR, NL and EN give the answer and the referral card (tel: link, website);
// - theme buttons list the theme's questions and send theme= with the next question;
// - suggestions: ARIA combobox/listbox, arrow keys, Enter picks, count announced in the status region;
// - feedback is POSTed to /api/v1/feedback (204) and thanked; clarify shows options; no_answer and the
//   "talk to a counsellor" button show the hand-off; smalltalk shows the message;
// - the FR/NL/EN switch inside the widget; every message carries its own lang;
// - keyboard only: Tab to the launcher, Enter opens with focus in the input, Esc closes and returns focus; the
//   full-window panel (phone, zoom) keeps Tab inside; Esc from the page closes the panel without moving focus;
// - API unreachable, 5xx and 429: the widget says so and shows the built-in contacts;
// - visitor text containing <script> or <img onerror> is shown as text and runs nothing;
// - no cookies, no localStorage, only the API is contacted; the conversation survives a reload (sessionStorage);
// - data-position, data-open, data-title, data-lang and <html lang>; a page of another origin (CORS);
// - 320 px width and 200% zoom without horizontal scrolling; targets ≥ 24×24 px; visible focus; reduced motion;
// - axe-core finds no serious or critical violation (panel open, answer shown); screenshots at 360×740 and 1280×800.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import http from 'node:http';
import {
  BASE, DEMO_CSP, AXE, W, $, launch, openPage, closePage, openWidget, ask, lastBotAfter, focused, startStatic,
  gzipBudget, ensureResults,
} from './helpers.mjs';

let browser;
let statics;
before(async () => {
  browser = await launch();
  statics = await startStatic();
});
after(async () => {
  await browser?.close();
  await statics?.close();
});

const demo = (lang = 'fr') => `${BASE}/?lang=${lang}`;
const clean = (page) => {
  assert.deepEqual(page.seen.dialogs, [], 'no dialog may open');
  assert.deepEqual(page.seen.errors, [], 'no page error');
  assert.deepEqual(page.seen.foreign, [], 'no request outside the API');
};
const text = (loc) => loc.evaluate((e) => e.textContent.replace(/\s+/g, ' ').trim());
/** A GET with a chosen Accept-Encoding, body as sent (fetch would decode it). */
const rawGet = (route, encoding, headers = {}) => new Promise((resolve, reject) => {
  http.get(`${BASE}${route}`, { headers: { 'accept-encoding': encoding, ...headers } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});

test('/widget.js is served precompressed: brotli, gzip within the 12 KB budget (the bytes sent), or plain', async () => {
  const plain = await rawGet('/widget.js', 'identity');
  assert.equal(plain.status, 200);
  assert.match(plain.headers['content-type'] || '', /javascript/);
  assert.equal(plain.headers['content-encoding'], undefined);
  const br = await rawGet('/widget.js', 'gzip, deflate, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(br.headers.vary || '', /accept-encoding/i);
  assert.ok(zlib.brotliDecompressSync(br.body).equals(plain.body), 'brotli decodes to the script');
  const gz = await rawGet('/widget.js', 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(plain.body), 'gzip decodes to the script');
  assert.notEqual(br.headers.etag, gz.headers.etag, 'one ETag per encoding');
  const again = await rawGet('/widget.js', 'br', { 'if-none-match': br.headers.etag });
  assert.equal(again.status, 304);
  console.log(`# widget.js served: ${plain.body.length} B plain, ${br.body.length} B brotli, ${gz.body.length} B gzip (budget ${gzipBudget()} B gzipped)`);
  assert.ok(gz.body.length <= gzipBudget(), `gzip size ${gz.body.length} > ${gzipBudget()}`);
  assert.ok(br.body.length < gz.body.length);
  const js = plain.body.toString();
  assert.doesNotMatch(js, /\beval\s*\(|new\s+Function\s*\(|document\.cookie|localStorage\.|\.style\.|setAttribute\('style'|insertAdjacentHTML|outerHTML|document\.write/);
  assert.equal(js.match(/\.innerHTML\s*=/g).length, 1, 'innerHTML only for answer_html');
});

test('the demo page exists in FR, NL and EN, under the strict CSP, with the widget in the page language', async () => {
  for (const lang of ['fr', 'nl', 'en']) {
    const res = await fetch(demo(lang));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), DEMO_CSP);
    const html = await res.text();
    assert.match(html, new RegExp(`<html lang="${lang}">`));
    assert.match(html, new RegExp(`<script src="/widget.js" data-lang="${lang}" defer></script>`));
    assert.doesNotMatch(html, /<script>|<style|style="/, 'no inline script or style');
    for (const l of ['fr', 'nl', 'en']) assert.ok(html.includes(`href="/?lang=${l}"`));
  }
  const css = await fetch(`${BASE}/demo.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') || '', /text\/css/);
  assert.match((await (await fetch(`${BASE}/`)).text()), /<html lang="fr">/, 'French by default');
});

test('under the CSP the stylesheet applies, nothing is blocked, and it opens with a greeting and five themes', async () => {
  const page = await openPage(browser, demo('fr'));
  const launcher = $(page, '.launch');
  await launcher.waitFor();
  const styles = await launcher.evaluate((e) => {
    const c = getComputedStyle(e);
    return { bg: c.backgroundColor, pos: c.position, radius: c.borderTopLeftRadius, sheets: e.getRootNode().adoptedStyleSheets.length };
  });
  assert.deepEqual(styles, { bg: 'rgb(11, 92, 171)', pos: 'fixed', radius: '24px', sheets: 2 }, 'the stylesheet and the placement sheet');
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  assert.equal(await $(page, '.panel').isVisible(), false);
  await openWidget(page);
  assert.equal(await focused(page), 'q', 'opening moves focus to the input');
  assert.equal(await $(page, '.panel').evaluate((e) => getComputedStyle(e).display), 'flex');
  const greeting = $(page, '.m.bot').first();
  assert.equal(await greeting.getAttribute('lang'), 'fr');
  assert.match(await text(greeting), /^Assistant : Bonjour/);
  const themes = await greeting.locator('.opts button .l').allTextContents();
  assert.deepEqual(themes, ["S'orienter", 'Se former', 'Bouger', 'Entreprendre', 'Travailler'], 'labels from /api/v1/themes');
  assert.match(await text(greeting.locator('.opts button').nth(1)), /^Se former\s*Formations, cours de langues/, 'each theme shows its description');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.equal(await page.evaluate((w) => document.querySelector(w).shadowRoot.querySelectorAll('[style]').length, W), 0, 'no style attribute');
  clean(page);
  await closePage(page);
});

test('questions in French, Dutch and English get the answer and the referral card', async () => {
  const cases = [
    ['fr', "Comment m'inscrire comme demandeur d'emploi ?", "Comment m'inscrire comme demandeur d'emploi à Bruxelles ?", 'Actiris', 'tel:+3280035123', 'https://www.actiris.brussels'],
    ['nl', 'Waar kan ik Nederlands leren?', 'Waar kan ik Nederlands leren in Brussel?', 'Huis van het Nederlands Brussel', null, null],
    ['en', 'How do I become self-employed in Brussels?', 'How do I become self-employed in Brussels?', 'hub.brussels', 'tel:1819', 'https://www.hub.brussels'],
  ];
  for (const [lang, q, question, partner, tel, url] of cases) {
    const page = await openPage(browser, demo(lang));
    await openWidget(page);
    const req = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/ask` && r.method() === 'POST');
    const m = await ask(page, q);
    assert.deepEqual((await req).postDataJSON(), { q, lang, theme: null });
    assert.equal(await m.getAttribute('lang'), lang);
    assert.equal(await $(page, '.m.me').last().getAttribute('lang'), lang);
    assert.equal(await text(m.locator('h3')), question);
    assert.ok((await m.locator('.ans').innerHTML()).length > 20, 'answer_html shown');
    const card = m.locator('.card').first();
    assert.equal(await text(card.locator('h4')), partner);
    assert.ok((await text(card)).length > partner.length + 20, 'card says what the partner does');
    if (tel) assert.equal(await card.locator(`a[href="${tel}"]`).count(), 1, 'phone as tel: link');
    if (url) assert.equal(await card.locator(`a[href="${url}"]`).count(), 1, 'website link');
    await page.waitForFunction((w) => document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent.length > 0, W); // new reply announced
    clean(page);
    await closePage(page);
  }
});

test('a theme button lists its questions, a question opens its answer, and the next question carries theme=', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  let before = await $(page, '.m.bot').count();
  await $(page, '.m.bot .opts button').filter({ hasText: /^Se former/ }).click();
  let m = await lastBotAfter(page, before);
  assert.match(await text(m), /Se former/);
  assert.equal(await $(page, '.m.me').last().textContent(), 'Vous : Se former');
  const questions = m.locator('.opts button');
  assert.ok(await questions.count() >= 2, 'the theme has questions');
  assert.ok((await questions.allTextContents()).includes('Où apprendre le néerlandais à Bruxelles ?'));
  before = await $(page, '.m.bot').count();
  const entryReq = page.waitForRequest((r) => r.url().startsWith(`${BASE}/api/v1/entries/learn/`));
  await questions.first().click();
  await entryReq;
  m = await lastBotAfter(page, before);
  assert.equal(await m.locator('h3').count(), 1);
  assert.ok(await m.locator('.card').count() >= 1, 'referral card');
  // The theme goes with the next typed question, and only that one.
  const req = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/ask`);
  await ask(page, 'Bonjour');
  assert.equal((await req).postDataJSON().theme, 'learn');
  const req2 = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/ask`);
  await ask(page, 'Bonjour');
  assert.equal((await req2).postDataJSON().theme, null);
  clean(page);
  await closePage(page);
});

test('suggestions: a combobox with a listbox, counted in the status region, arrow keys and Enter pick one', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const input = $(page, '#q');
  const sugReq = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/suggest` && r.method() === 'POST');
  await input.pressSequentially('inscri', { delay: 40 });
  assert.equal((await sugReq).postDataJSON().lang, 'fr', 'POST, the words in the body');
  const list = $(page, '[role=listbox]');
  await list.waitFor({ state: 'visible' });
  const options = list.locator('[role=option]');
  const n = await options.count();
  assert.ok(n >= 1 && n <= 6, `${n} suggestions`);
  assert.equal(await input.getAttribute('role'), 'combobox');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-controls'), await list.getAttribute('id'));
  await page.waitForFunction(([w, n]) => document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent.includes(`${n} suggestion`), [W, n]);
  await input.press('ArrowDown');
  const first = options.first();
  assert.equal(await input.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  const chosen = await first.textContent();
  if (n > 1) {
    await input.press('ArrowDown');
    assert.equal(await first.getAttribute('aria-selected'), 'false');
    await input.press('ArrowUp');
  }
  assert.equal(await focused(page), 'q', 'focus stays in the input');
  const before = await $(page, '.m.bot').count();
  await input.press('Enter');
  const m = await lastBotAfter(page, before);
  assert.equal(await text(m.locator('h3')), chosen);
  assert.equal(await $(page, '.m.me').last().textContent(), `Vous : ${chosen}`);
  assert.equal(await list.isVisible(), false);
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  // Escape closes the list first, the panel only on a second Escape.
  await input.pressSequentially('inscri', { delay: 40 });
  await list.waitFor({ state: 'visible' });
  await input.press('Escape');
  assert.equal(await list.isVisible(), false);
  assert.equal(await $(page, '.panel').isVisible(), true);
  await input.press('Escape');
  assert.equal(await $(page, '.panel').isVisible(), false);
  clean(page);
  await closePage(page);
});

test('feedback is sent to /api/v1/feedback and thanked; related questions are buttons', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const m = await ask(page, "Comment m'inscrire comme demandeur d'emploi ?");
  const related = m.locator('ul.opts button');
  assert.ok(await related.count() >= 1 && await related.count() <= 3, 'related questions');
  assert.match(await text(m.locator('.fb')), /Cette réponse vous a-t-elle aidé \?/);
  const req = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/feedback` && r.method() === 'POST');
  const res = page.waitForResponse((r) => r.url() === `${BASE}/api/v1/feedback`);
  await m.locator('.fb button', { hasText: 'Oui' }).click();
  assert.deepEqual((await req).postDataJSON(), { entry_id: 'work/register-as-job-seeker', helpful: true });
  assert.equal((await res).status(), 204);
  assert.equal(await m.locator('.fb').count(), 0);
  assert.match(await text(m), /Merci pour votre avis/);
  assert.equal(await page.evaluate((w) => document.querySelector(w).shadowRoot.activeElement.textContent, W), 'Merci pour votre avis !', 'focus on the thanks, not lost');
  // A related question opens its entry.
  const before = await $(page, '.m.bot').count();
  const label = await related.first().textContent();
  await related.first().click();
  const next = await lastBotAfter(page, before);
  assert.equal(await text(next.locator('h3')), label);
  clean(page);
  await closePage(page);
});

// Questions on the two close entries of different themes (tests/fixtures/clarify-entry.toml and
// learn/training-with-benefits); the engine's thresholds move, so the first that the server answers with a
// clarification is used.
const CLARIFY = ['allocations de chômage pendant une formation', 'formation chômage allocations', 'allocations formation',
  'chômage et formation'];

test('a clarify reply offers its options as buttons', async () => {
  const kinds = [];
  for (const q of CLARIFY) {
    const r = await (await fetch(`${BASE}/api/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, lang: 'fr' }) })).json();
    kinds.push(`${q} → ${r.kind}`);
    if (r.kind === 'clarify') break;
  }
  const hit = kinds.find((k) => k.endsWith('→ clarify'));
  assert.ok(hit, `no question gets a clarification from this server: ${kinds.join('; ')}`);
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const m = await ask(page, hit.split(' → ')[0]);
  assert.match(await text(m), /plusieurs sujets/);
  const options = m.locator('ul.opts button');
  assert.ok(await options.count() >= 2);
  assert.equal(await m.locator('.card').count(), 0, 'the options come first; no hand-off card under them');
  const label = await options.nth(1).textContent();
  const before = await $(page, '.m.bot').count();
  await options.nth(1).click();
  const next = await lastBotAfter(page, before);
  assert.equal(await text(next.locator('h3')), label);
  assert.ok((await next.locator('.ans').textContent()).length > 10);
  clean(page);
  await closePage(page);
});

test('no_answer apologises and shows the hand-off; smalltalk shows the message; the counsellor button is always there', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  let m = await ask(page, 'recette des boulettes sauce tomate');
  assert.match(await text(m), /Je n'ai pas de réponse sûre/);
  const card = m.locator('.card');
  for (const href of ['mailto:info@cdm-bp.brussels', 'tel:+3280055566', 'https://www.citedesmetiers.brussels']) {
    assert.ok(await card.locator(`a[href="${href}"]`).count() >= 1, href);
  }
  assert.match(await text(card), /Tour Astro/);
  assert.match(await text(card), /jeudi/);
  m = await ask(page, 'Bonjour');
  assert.match(await text(m), /Bonjour ! Je suis l'assistant/);
  assert.equal(await m.locator('.card').count(), 0);
  // "Talk to a counsellor": same place, before the conversation, on every page; shows the hand-off.
  const cons = $(page, '.bar button').first();
  assert.equal(await cons.textContent(), 'Parler à un conseiller');
  const before = await $(page, '.m.bot').count();
  const req = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/handoff?lang=fr`);
  await cons.click();
  await req;
  m = await lastBotAfter(page, before);
  assert.ok(await m.locator('a[href="mailto:info@cdm-bp.brussels"]').count() === 1);
  assert.match(await text(m), /Saint-Josse/);
  clean(page);
  await closePage(page);
});

test('the FR/NL/EN switch inside the widget changes its language; each message keeps its own lang', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const nl = $(page, '.langs button[lang=nl]');
  assert.equal(await nl.getAttribute('aria-pressed'), 'false');
  const before = await $(page, '.m.bot').count();
  await nl.click();
  assert.equal(await nl.getAttribute('aria-pressed'), 'true');
  assert.equal(await $(page, '.langs button[lang=fr]').getAttribute('aria-pressed'), 'false');
  const greet = await lastBotAfter(page, before);
  assert.equal(await greet.getAttribute('lang'), 'nl');
  assert.deepEqual(await greet.locator('.opts button .l').allTextContents(), ['Kiezen', 'Leren', 'Bewegen', 'Ondernemen', 'Werken']);
  assert.equal(await $(page, '.bar button').first().textContent(), 'Praat met een adviseur');
  assert.equal(await $(page, 'label[for=q]').textContent(), 'Je vraag');
  assert.equal(await $(page, '.w').getAttribute('lang'), 'nl');
  const req = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/ask`);
  const m = await ask(page, 'Waar kan ik Nederlands leren?');
  assert.equal((await req).postDataJSON().lang, 'nl');
  assert.equal(await m.getAttribute('lang'), 'nl');
  assert.equal(await $(page, '.m.bot').first().getAttribute('lang'), 'fr', 'the first greeting stays French');
  clean(page);
  await closePage(page);
});

test('keyboard only: Tab to the launcher, Enter opens, type and Enter asks, Tab reaches the answer, Esc closes', async () => {
  const page = await openPage(browser, demo('en'));
  await $(page, '.launch').waitFor();
  let tabs = 0;
  while ((await focused(page)) !== 'launch' && tabs++ < 30) await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'launch', 'the launcher is reachable with Tab');
  await page.keyboard.press('Enter');
  await $(page, '.m.bot .opts button').first().waitFor();
  assert.equal(await focused(page), 'q');
  const before = await $(page, '.m.bot').count();
  await page.keyboard.type('How do I register as a job seeker?');
  await page.keyboard.press('Enter'); // no suggestion is active, so Enter sends what was typed
  const m = await lastBotAfter(page, before);
  assert.match(await text(m), /Actiris/);
  // Shift+Tab goes back into the conversation: the last focusable thing is the answer's "No" button.
  await page.keyboard.press('Shift+Tab');
  const now = await page.evaluate((w) => {
    const el = document.querySelector(w).shadowRoot.activeElement;
    return { text: el.textContent, inLog: !!el.closest('[role=log]') };
  }, W);
  assert.deepEqual(now, { text: 'No', inLog: true }, 'Shift+Tab from the input reaches the answer');
  const fb = page.waitForRequest((r) => r.url() === `${BASE}/api/v1/feedback`);
  await page.keyboard.press('Enter'); // feedback sent with the keyboard
  assert.equal((await fb).postDataJSON().helpful, false);
  await page.waitForFunction((w) => /Thank you for your feedback/.test(document.querySelector(w).shadowRoot.querySelector('[role=log]').textContent), W);
  await page.keyboard.press('Escape');
  assert.equal(await $(page, '.panel').isVisible(), false);
  assert.equal(await focused(page), 'launch', 'focus returns to the launcher');
  assert.equal(await $(page, '.launch').getAttribute('aria-expanded'), 'false');
  // The close button works from the keyboard too.
  await page.keyboard.press('Enter');
  await $(page, '.panel').waitFor({ state: 'visible' });
  assert.equal(await focused(page), 'q');
  await $(page, '.x').focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'launch');
  // Escape pressed in the page (focus outside the widget) closes the panel and leaves focus where it is.
  await page.keyboard.press('Enter');
  await $(page, '.send').focus();
  await page.keyboard.press('Tab');
  const outside = await focused(page);
  assert.notEqual(outside, 'send');
  assert.equal(await $(page, '.panel').isVisible(), true);
  await page.keyboard.press('Escape');
  assert.equal(await $(page, '.panel').isVisible(), false);
  assert.equal(await focused(page), outside);
  clean(page);
  await closePage(page);
});

test('visitor text with <script> and <img onerror> is shown as text and runs nothing', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  for (const q of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'Bonjour <b onmouseover=alert(1)>x</b> <script>window.__pwned=1</script>']) {
    await ask(page, q);
    const mine = $(page, '.m.me').last();
    assert.equal(await mine.locator('p').textContent(), q);
    assert.equal(await mine.locator('script, img, b').count(), 0);
  }
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(page.seen.requests.filter((r) => /\/x$/.test(r.url())).length, 0, 'no image request');
  clean(page);
  await closePage(page);
});

test('API unreachable, 5xx or 429: the widget says so and shows the built-in contacts', async () => {
  const cases = [['http://127.0.0.1:9', /ne répond pas/], [`${statics.url}/fail`, /ne répond pas/], [`${statics.url}/busy`, /je réessaie dans 7 secondes/]];
  for (const [api, said] of cases) {
    const page = await openPage(browser, `${statics.url}/embed?lang=fr&api=${encodeURIComponent(api)}`, { allowed: [BASE, statics.url, 'http://127.0.0.1:9'] });
    await openWidget(page);
    assert.equal(await $(page, '.m.bot .opts').count(), 0, 'no theme buttons that could not open their menu');
    assert.match(await text($(page, '.m.bot').first()), /Choisissez un thème ou écrivez votre question/);
    const m = await ask(page, "Comment m'inscrire comme demandeur d'emploi ?");
    assert.match(await text(m), said);
    if (!api.endsWith('/busy')) {
      for (const href of ['mailto:info@cdm-bp.brussels', 'tel:+3280055566', 'https://www.citedesmetiers.brussels']) {
        assert.ok(await m.locator(`a[href="${href}"]`).count() >= 1, href);
      }
      assert.match(await text(m), /0800 555 66/);
    }
    // The counsellor button still gives the contacts.
    const before = await $(page, '.m.bot').count();
    await $(page, '.bar button').first().click();
    const h = await lastBotAfter(page, before);
    assert.equal(await h.locator('a[href="mailto:info@cdm-bp.brussels"]').count(), 1);
    assert.deepEqual(page.seen.dialogs, []);
    assert.deepEqual(page.seen.errors, []);
    await closePage(page);
  }
});

test('Shadow DOM isolation under a CSP: hostile host CSS does not break the widget, widget CSS does not leak', async () => {
  const page = await openPage(browser, `${statics.url}/embed?lang=en&csp=1&hostile=1`, { allowed: [BASE, statics.url] });
  const launcher = $(page, '.launch');
  await launcher.waitFor();
  const inside = await launcher.evaluate((e) => {
    const c = getComputedStyle(e);
    return { bg: c.backgroundColor, color: c.color, size: c.fontSize, pos: c.position, transform: c.transform };
  });
  assert.deepEqual(inside, { bg: 'rgb(11, 92, 171)', color: 'rgb(255, 255, 255)', size: '16px', pos: 'fixed', transform: 'none' });
  // The page's own .launch/.panel/.m.bot elements get none of the widget's rules (and the hostile CSS does apply to them).
  const hostStyle = await page.evaluate(() => ['button', 'div'].map((kind) => ['host', 'control'].map((id) => {
    const c = getComputedStyle(document.getElementById(`${id}-${kind}`));
    return ['backgroundColor', 'borderTopLeftRadius', 'minHeight', 'boxShadow', 'padding', 'fontWeight', 'animationName', 'display']
      .map((k) => `${k}: ${c[k]}`).join('; ');
  })));
  for (const [host, control] of hostStyle) assert.equal(host, control, 'no widget rule reaches the page');
  assert.match(hostStyle[0][0], /rgb\(255, 255, 0\)/, 'the hostile CSS is in force');
  await openWidget(page);
  const panel = await $(page, '.panel').boundingBox();
  assert.ok(panel.width > 300 && panel.width <= 400, 'panel keeps its size');
  assert.equal(await $(page, '.sr').first().evaluate((e) => getComputedStyle(e).position), 'absolute');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.seen.dialogs, []);
  assert.deepEqual(page.seen.errors, []);
  await closePage(page);
});

test('embedding options: data-position, data-open, data-title, <html lang>', async () => {
  let page = await openPage(browser, `${statics.url}/embed?htmllang=nl-BE&position=bottom-left&open&title=${encodeURIComponent('Vragen?')}`, { allowed: [BASE, statics.url] });
  await $(page, '.panel').waitFor({ state: 'visible' });
  await $(page, '.m.bot .opts button').first().waitFor();
  assert.equal(await $(page, 'h2').textContent(), 'Vragen?');
  assert.equal(await $(page, '.m.bot').first().getAttribute('lang'), 'nl', 'language from <html lang>');
  assert.notEqual(await focused(page), 'q', 'opening on load does not steal focus');
  const box = await $(page, '.panel').boundingBox();
  assert.ok(box.x <= 16.5, 'bottom-left');
  clean(page);
  await closePage(page);
  page = await openPage(browser, `${statics.url}/embed`, { allowed: [BASE, statics.url] });
  await $(page, '.launch').waitFor();
  assert.equal(await $(page, '.panel').isVisible(), false, 'closed by default');
  assert.equal(await $(page, '.launch').textContent(), 'Une question ?', 'French by default');
  assert.equal((await $(page, '.launch').boundingBox()).x > 600, true, 'bottom-right by default');
  await closePage(page);
});

test('embedded in a page of another origin, the widget asks and sends feedback (CORS)', async () => {
  // The widget POSTs JSON, so the browser first sends a CORS preflight (OPTIONS) that the server must answer.
  for (const route of ['ask', 'feedback']) {
    const pre = await fetch(`${BASE}/api/v1/${route}`, {
      method: 'OPTIONS',
      headers: { origin: statics.url, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const allowed = pre.headers.get('access-control-allow-origin');
    assert.ok(pre.status < 300 && (allowed === '*' || allowed === statics.url),
      `CORS preflight of POST /api/v1/${route} from ${statics.url}: status ${pre.status}, access-control-allow-origin ${allowed}`);
  }
  const page = await openPage(browser, `${statics.url}/embed?lang=nl`, { allowed: [BASE, statics.url] });
  await openWidget(page);
  assert.deepEqual(await $(page, '.m.bot .opts button .l').allTextContents(), ['Kiezen', 'Leren', 'Bewegen', 'Ondernemen', 'Werken'], 'labels from the API');
  const m = await ask(page, 'Waar kan ik Nederlands leren?');
  assert.doesNotMatch(await text(m), /reageert momenteel niet/, 'the cross-origin question reached the API');
  assert.equal(await text(m.locator('.card h4')), 'Huis van het Nederlands Brussel');
  const res = page.waitForResponse((r) => r.url() === `${BASE}/api/v1/feedback` && r.request().method() === 'POST');
  await m.locator('.fb button', { hasText: 'Ja' }).click();
  assert.equal((await res).status(), 204);
  clean(page);
  await closePage(page);
});

test('no cookies, no localStorage; the open conversation survives a reload in sessionStorage', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  await ask(page, "Comment m'inscrire comme demandeur d'emploi ?");
  const store = await page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage), cookie: document.cookie }));
  assert.deepEqual(store, { local: 0, session: ['cdm-faq-widget'], cookie: '' });
  assert.deepEqual(await page.context().cookies(), []);
  for (const r of page.seen.requests) assert.equal(await r.headerValue('cookie'), null);
  const count = await $(page, '.m').count();
  await page.reload();
  await $(page, '.panel').waitFor({ state: 'visible' });
  assert.equal(await $(page, '.m').count(), count, 'conversation restored');
  assert.equal(await text($(page, '.m.bot h3').last()), "Comment m'inscrire comme demandeur d'emploi à Bruxelles ?");
  // The site's language switch wins over the language the widget had.
  await page.goto(demo('en'));
  await $(page, '.panel').waitFor({ state: 'visible' });
  assert.equal(await $(page, '.bar button').first().textContent(), 'Talk to a counsellor');
  clean(page);
  await closePage(page);
});

test('320 px wide and 200% zoom: the panel fits, nothing scrolls sideways', async () => {
  for (const [viewport, scale] of [[{ width: 320, height: 640 }, 1], [{ width: 640, height: 400 }, 2], [{ width: 1280, height: 800 }, 1]]) {
    const page = await openPage(browser, demo('fr'), { viewport, deviceScaleFactor: scale });
    await openWidget(page);
    await ask(page, 'recette des boulettes sauce tomate');
    await ask(page, "Comment m'inscrire comme demandeur d'emploi ?");
    const box = await $(page, '.panel').boundingBox();
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5,
      `panel inside the ${viewport.width}×${viewport.height} viewport: ${JSON.stringify(box)}`);
    const overflow = await page.evaluate((w) => {
      const r = document.querySelector(w).shadowRoot;
      const log = r.querySelector('[role=log]');
      return { page: document.documentElement.scrollWidth - window.innerWidth, log: log.scrollWidth - log.clientWidth, panel: r.querySelector('.panel').scrollWidth - r.querySelector('.panel').clientWidth };
    }, W);
    assert.deepEqual(overflow, { page: 0, log: 0, panel: 0 }, `no horizontal scrolling at ${viewport.width}px`);
    assert.ok((await $(page, '#q').boundingBox()).width >= 120, 'the input stays usable');
    // When the panel covers the window it is modal: Tab wraps inside it instead of reaching the hidden page.
    const full = viewport.width <= 480 || viewport.height <= 480;
    assert.equal(await $(page, '.panel').getAttribute('aria-modal'), String(full));
    await $(page, '.send').focus();
    await page.keyboard.press('Tab');
    const inPanel = await page.evaluate((w) => !!document.querySelector(w).shadowRoot.activeElement?.closest('.panel'), W);
    assert.equal(inPanel, full, full ? 'Tab wraps inside the full-window panel' : 'Tab leaves the floating panel');
    if (full) {
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'send');
    }
    clean(page);
    await closePage(page);
  }
});

test('targets are at least 24×24 px, focus is visible, reduced motion is respected', async () => {
  const page = await openPage(browser, demo('fr'), { reducedMotion: 'reduce' });
  await openWidget(page);
  await ask(page, "Comment m'inscrire comme demandeur d'emploi ?");
  await $(page, '#q').pressSequentially('inscri', { delay: 40 });
  await $(page, '[role=listbox]').waitFor({ state: 'visible' });
  // Inline links inside sentences are exempt (WCAG 2.5.8); every button, input and option is checked.
  const small = await page.evaluate((w) => [...document.querySelector(w).shadowRoot.querySelectorAll('button, input, [role=option]')]
    .filter((e) => e.getClientRects().length)
    .map((e) => ({ t: e.textContent.trim().slice(0, 30), ...e.getBoundingClientRect().toJSON() }))
    .filter((r) => r.width < 24 || r.height < 24), W);
  assert.deepEqual(small, [], 'targets ≥ 24×24');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  const ring = await page.evaluate((w) => {
    const el = document.querySelector(w).shadowRoot.activeElement;
    const c = getComputedStyle(el);
    return { style: c.outlineStyle, width: parseFloat(c.outlineWidth), matches: el.matches(':focus-visible') };
  }, W);
  assert.ok(ring.matches && ring.style === 'solid' && ring.width >= 2, `visible focus: ${JSON.stringify(ring)}`);
  assert.equal(await $(page, '.panel').evaluate((e) => getComputedStyle(e).animationName), 'none', 'no animation with reduced motion');
  await closePage(page);
  const moving = await openPage(browser, demo('fr'));
  await openWidget(moving);
  assert.equal(await $(moving, '.panel').evaluate((e) => getComputedStyle(e).animationName), 'in');
  await closePage(moving);
});

test('axe-core: no serious or critical violation with the panel open and an answer shown; screenshots', async () => {
  const dir = ensureResults();
  const axeSource = fs.readFileSync(AXE, 'utf8');
  const report = [];
  for (const [name, viewport, q] of [
    ['desktop', { width: 1280, height: 800 }, "Comment m'inscrire comme demandeur d'emploi ?"],
    ['phone', { width: 360, height: 740 }, 'recette des boulettes sauce tomate'],
  ]) {
    const page = await openPage(browser, demo('fr'), { viewport, reducedMotion: 'reduce' });
    await page.context().addInitScript({ content: axeSource }); // init scripts are not subject to the page's CSP
    await page.reload();
    await openWidget(page);
    await ask(page, q);
    await page.screenshot({ path: path.join(dir, `widget-${name}-${viewport.width}x${viewport.height}.png`) });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    report.push({ name, violations });
    console.log(`# axe (${name}): ${violations.length ? violations.map((v) => `${v.id} [${v.impact}] ${v.nodes.join(', ')}`).join('; ') : 'no violation'}`);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], 'no serious or critical accessibility violation');
    clean(page);
    await closePage(page);
  }
  fs.writeFileSync(path.join(dir, 'axe.json'), JSON.stringify(report, null, 2));
  for (const f of ['widget-desktop-1280x800.png', 'widget-phone-360x740.png']) assert.ok(fs.statSync(path.join(dir, f)).size > 10000, f);
});
