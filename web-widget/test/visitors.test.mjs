// The widget as visitors live it (issue 11), plus the widget's parts of issues 8 and 9, in Debian's chromium
// against the real server (scripts/test.sh), with axe-core.
//
// Properties checked:
// - a touch-emulated phone opens the panel without focusing the input (focus on the heading, greeting visible);
//   hover styles exist only under (hover: hover); the launcher stays inside the visual viewport on a page wider
//   than the phone; data-offset-*, data-z-index and data-accent (refused with a console warning when it fails AA);
// - the theme menu: the theme's description, at most eight choices before "more", then a filter box; a large
//   theme's sub-groups as "label (n)" buttons after its first questions, each opening all its questions;
// - the partner card lists the contacts before its one-sentence description; unverified contacts give a note to
//   check the partner's website instead of the facts;
// - "new conversation" asks first, then empties the log and sessionStorage;
// - a 1,000-character question is accepted (the server's limit) and the counter shows near the end;
// - the status region says a short sentence for a new answer (question and partner), the log keeps the full
//   text; feedback buttons are named with their question;
// - 429: the typed question is kept, the widget says "1 second" correctly and retries by itself;
// - ask and suggest are POSTs: no typed word appears in any URL; a superseded suggest request is cancelled;
// - "answer with alternatives" (buttons), clarify options in order with "none of these" (the hand-off), and
//   after "not helpful" the next best answer and the counsellor;
// - a clicked suggestion, theme entry, related question, clarify option, alternative and next best answer are
//   each counted in the statistics database with their source;
// - forced colours and dark mode keep the bubbles visible (screenshots); axe-core reports zero violations, minor
//   ones included, in every state; phone and desktop screenshots in each language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  BASE, AXE, W, $, launch, openPage, closePage, openWidget, ask, lastBotAfter, focused, startStatic, ensureResults,
  requestsBySource,
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
const text = (loc) => loc.evaluate((e) => e.textContent.replace(/\s+/g, ' ').trim());
const clean = (page) => {
  assert.deepEqual(page.seen.dialogs, [], 'no dialog may open');
  assert.deepEqual(page.seen.errors, [], 'no page error');
  assert.deepEqual(page.seen.foreign, [], 'no request outside the API');
};
const statusText = (page) => page.evaluate((w) => document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent, W);
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const JOB_SEEKER = "Comment m'inscrire comme demandeur d'emploi ?";

/** Waits until the statistics count `want` more requests of each source than `base`. */
async function countedBySource(base, want) {
  let now = null;
  for (let i = 0; i < 50; i++) {
    now = await requestsBySource();
    if (Object.entries(want).every(([k, n]) => (now[k] || 0) >= (base[k] || 0) + n)) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`statistics by source: wanted +${JSON.stringify(want)} over ${JSON.stringify(base)}, got ${JSON.stringify(now)}`);
}

test('phone: opening on a touch screen does not focus the input; hover styles only for (hover: hover)', async () => {
  const page = await openPage(browser, demo('fr'), PHONE);
  await page.locator(`${W} .launch`).tap();
  await $(page, '.m.bot .opts button').first().waitFor();
  assert.equal(await focused(page), 'title', 'focus on the panel heading, so no keyboard covers the greeting');
  assert.equal(await $(page, '.panel').getAttribute('aria-modal'), 'true');
  const greeting = await $(page, '.m.bot').first().boundingBox();
  assert.ok(greeting.y >= 0 && greeting.y + 40 < 740, 'the greeting is on screen');
  const hoverOutside = await page.evaluate((w) => {
    const sheets = document.querySelector(w).shadowRoot.adoptedStyleSheets;
    return [...sheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSStyleRule && r.selectorText.includes(':hover')).map((r) => r.selectorText);
  }, W);
  assert.deepEqual(hoverOutside, [], 'every :hover rule is inside @media (hover: hover)');
  assert.equal(await page.evaluate(() => matchMedia('(hover: hover)').matches), false, 'the emulated phone has no hover');
  // Typing still works once the visitor taps the input.
  await $(page, '#q').tap();
  assert.equal(await focused(page), 'q');
  clean(page);
  await closePage(page);
});

test('placement options: data-offset-*, data-z-index; the launcher stays in the visual viewport of a wide page', async () => {
  let page = await openPage(browser, `${statics.url}/embed?lang=fr&offset-bottom=100&offset-side=30&z-index=500&banner=1`, { allowed: [BASE, statics.url] });
  const launcher = $(page, '.launch');
  await launcher.waitFor();
  const style = await launcher.evaluate((e) => { const c = getComputedStyle(e); return { bottom: c.bottom, right: c.right, z: c.zIndex }; });
  assert.deepEqual(style, { bottom: '100px', right: '30px', z: '500' });
  const box = await launcher.boundingBox();
  assert.ok(box.y + box.height <= 800 - 90, 'above a 90 px cookie banner when offset by 100 px');
  await closePage(page);
  page = await openPage(browser, `${statics.url}/embed?lang=fr&wide=1`, { ...PHONE, allowed: [BASE, statics.url] });
  await page.locator(`${W} .launch`).waitFor();
  await page.evaluate(() => window.scrollTo(600, 0));
  await page.waitForTimeout(200);
  const inView = await page.evaluate((w) => {
    const r = document.querySelector(w).shadowRoot.querySelector('.launch').getBoundingClientRect();
    const v = window.visualViewport;
    return { left: r.left >= v.offsetLeft - 0.5, right: r.right <= v.offsetLeft + v.width + 0.5, top: r.top >= v.offsetTop - 0.5, bottom: r.bottom <= v.offsetTop + v.height + 0.5 };
  }, W);
  assert.deepEqual(inView, { left: true, right: true, top: true, bottom: true }, 'launcher inside the visual viewport');
  await closePage(page);
});

test('data-accent: an AA colour is used; a failing one is refused with a console warning', async () => {
  for (const [accent, expected, warns] of [['#7a1f3d', 'rgb(122, 31, 61)', false], ['#ffcc00', 'rgb(11, 92, 171)', true]]) {
    const page = await openPage(browser, `${statics.url}/embed?lang=fr&accent=${encodeURIComponent(accent)}`, { allowed: [BASE, statics.url] });
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.reload();
    await $(page, '.launch').waitFor();
    assert.equal(await $(page, '.launch').evaluate((e) => getComputedStyle(e).backgroundColor), expected);
    assert.equal(warnings.some((w) => /data-accent .*4\.5:1/.test(w)), warns, warnings.join('; '));
    await closePage(page);
  }
});

test('the theme menu: description, at most eight choices before "more", a filter box; a picked entry is counted', async () => {
  const page = await openPage(browser, demo('fr'));
  // A theme of 14 questions (the fixture's themes are small): the real entries first, then made-up ones.
  const real = (await (await fetch(`${BASE}/api/v1/entries?theme=learn&lang=fr`)).json()).entries;
  const many = [...real, ...Array.from({ length: 14 - real.length }, (_, i) => ({ id: `learn/made-up-${i}`, theme: 'learn', question: `Question inventée numéro ${i} sur les langues` }))];
  await page.route(`${BASE}/api/v1/entries?theme=learn&lang=fr`, (route) => route.fulfill({ json: { entries: many, version: 'x' } }));
  await openWidget(page);
  const base = await requestsBySource();
  const before = await $(page, '.m.bot').count();
  await $(page, '.m.bot .opts button.theme').filter({ hasText: /^Se former/ }).click();
  const m = await lastBotAfter(page, before);
  assert.match(await text(m), /Se former\s?: les questions les plus posées\.\s*Formations, cours de langues/);
  const choices = await m.locator('button').count();
  assert.ok(choices <= 8, `${choices} choices before "more"`);
  const more = m.locator('button.more');
  assert.equal(await more.textContent(), `Autres questions (${14 - 6})`);
  await more.click();
  const filter = m.locator('input[type=search]');
  assert.equal(await page.evaluate((w) => document.querySelector(w).shadowRoot.activeElement.type, W), 'search', 'focus in the filter box');
  await filter.fill('numero 1');
  const shown = await m.locator('ul.opts').last().locator('li:not([hidden])').allTextContents();
  assert.ok(shown.length >= 1 && shown.every((s) => /numéro 1/.test(s)), `filtered: ${shown}`);
  // A featured question opens its entry, counted as reached from a theme.
  const featured = m.locator('ul.opts').first().locator('button').first();
  const label = await featured.textContent();
  const next = $(page, '.m.bot').count();
  await featured.click();
  const answer = await lastBotAfter(page, await next);
  assert.equal(await text(answer.locator('h3')), label);
  if (base) await countedBySource(base, { theme: 1 });
  clean(page);
  await closePage(page);
});

test('a large theme\'s sub-groups: after its first questions, "label (n)" buttons, each opening its questions; counted', async () => {
  const page = await openPage(browser, demo('fr'));
  // The fixture's "work" theme has two sub-groups in its site.toml; its menu is made larger here (twelve more
  // questions, four groups) so that the eight-choice limit and "more" are exercised too.
  const real = (await (await fetch(`${BASE}/api/v1/entries?theme=work&lang=fr`)).json()).entries;
  const madeUp = Array.from({ length: 12 }, (_, i) => ({ id: `work/made-up-${i}`, theme: 'work', question: `Question inventée numéro ${i} sur l’emploi` }));
  await page.route(`${BASE}/api/v1/entries?theme=work&lang=fr`, (route) => route.fulfill({ json: { entries: [...real, ...madeUp], version: 'x' } }));
  const themes = await (await fetch(`${BASE}/api/v1/themes?lang=fr`)).json();
  const work = themes.themes.find((t) => t.id === 'work');
  assert.deepEqual(work.groups.map((g) => g.label), ['S\'inscrire', 'Sans revenus'], 'the groups of site.toml, in order');
  work.groups.push({ id: 'made-up-a', label: 'Groupe inventé A', entries: madeUp.slice(0, 5).map((e) => e.id) },
    { id: 'made-up-b', label: 'Groupe inventé B', entries: madeUp.slice(5).map((e) => e.id) });
  await page.route(`${BASE}/api/v1/themes?lang=fr`, (route) => route.fulfill({ json: themes }));
  await openWidget(page);
  const base = await requestsBySource();
  let before = await $(page, '.m.bot').count();
  await $(page, '.m.bot .opts button.theme').filter({ hasText: /^Travailler/ }).click();
  await lastBotAfter(page, before);
  const menu = $(page, '.m.bot:not(.dots)').nth(before); // this message, whatever comes after it
  const lists = menu.locator('ul.opts');
  assert.equal(await lists.count(), 2, 'the first questions, then the groups');
  const groupButtons = await lists.nth(1).locator('button').allTextContents();
  assert.deepEqual(groupButtons, ['S\'inscrire (1)', 'Sans revenus (1)', 'Groupe inventé A (5)', 'Groupe inventé B (7)']);
  const choices = await menu.locator('ul.opts button').count();
  assert.equal(choices, 8, 'four questions and four groups: eight choices before "more"');
  assert.equal(await menu.locator('button.more').textContent(), `Autres questions (${real.length + madeUp.length - 4})`);
  // A group opens as a menu of its own, in the editors' order, with the focus on it.
  before = await $(page, '.m.bot').count();
  await lists.nth(1).locator('button').filter({ hasText: 'Groupe inventé A' }).click();
  const group = await lastBotAfter(page, before);
  assert.equal(await $(page, '.m.me').last().textContent(), 'Vous : Groupe inventé A');
  assert.equal(await text(group.locator('h3')), 'Groupe inventé A');
  assert.deepEqual(await group.locator('.opts button').allTextContents(), madeUp.slice(0, 5).map((e) => e.question));
  assert.equal(await group.locator('button.more').count(), 0, 'a group shows all its questions');
  assert.equal(await group.evaluate((e) => e.getRootNode().activeElement === e), true, 'focus on the group\'s menu');
  await page.waitForFunction((w) => document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent.length > 0, W);
  assert.equal(await statusText(page), 'Groupe inventé A', 'announced by its label');
  // A real group's question opens its answer, counted as reached from a theme.
  before = await $(page, '.m.bot').count();
  await lists.nth(1).locator('button').filter({ hasText: 'Sans revenus' }).click();
  const income = await lastBotAfter(page, before);
  const question = income.locator('.opts button').first();
  const label = await question.textContent();
  before = await $(page, '.m.bot').count();
  await question.click();
  const answer = await lastBotAfter(page, before);
  assert.equal(await text(answer.locator('h3')), label);
  if (base) await countedBySource(base, { theme: 1 });
  // The group menus survive a reload (the conversation is in sessionStorage).
  await page.reload();
  await $(page, '.m.bot h3').filter({ hasText: 'Groupe inventé A' }).first().waitFor();
  clean(page);
  await closePage(page);
});

test('the partner card: contacts first, then one sentence; unverified contacts send to the website', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const m = await ask(page, JOB_SEEKER);
  const card = m.locator('.card').first();
  const order = await card.evaluate((c) => [...c.children].map((e) => (e.querySelector('a[href^="tel:"]') ? 'phone' : e.querySelector('a[href^="https:"]') ? 'web' : e.classList.contains('sum') ? 'summary' : e.tagName)));
  assert.ok(order.indexOf('phone') > 0 && order.indexOf('phone') < order.indexOf('summary') && order.indexOf('web') < order.indexOf('summary'), `contacts before the description: ${order}`);
  assert.equal(await text(card.locator('.sum')), "Le service public de l'emploi à Bruxelles : inscription, accompagnement et offres d'emploi.");
  // Huis van het Nederlands: contacts not confirmed (verified = false in the fixture).
  const nl = await ask(page, 'Où apprendre le néerlandais à Bruxelles ?');
  const unverified = nl.locator('.card').first();
  assert.match(await text(unverified), /Nous n’avons pas pu vérifier les coordonnées de Huis van het Nederlands : consultez son site/);
  assert.equal(await unverified.locator('a[href^="tel:"]').count(), 0, 'no unconfirmed phone number');
  clean(page);
  await closePage(page);
});

test('"new conversation" asks first, then empties the log and sessionStorage', async () => {
  const page = await openPage(browser, demo('en'));
  await openWidget(page);
  await ask(page, 'How do I become self-employed in Brussels?');
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), ['cdm-faq-widget']);
  await $(page, '.bar button').filter({ hasText: 'New conversation' }).click();
  assert.match(await text($(page, '.bar')), /Delete this conversation and start again\?/);
  assert.equal(await page.evaluate((w) => document.querySelector(w).shadowRoot.activeElement.textContent, W), 'Delete');
  await $(page, '.bar button').filter({ hasText: 'Cancel' }).click();
  assert.ok(await $(page, '.m.me').count() >= 1, 'cancel keeps the conversation');
  await $(page, '.bar button').filter({ hasText: 'New conversation' }).click();
  await $(page, '.bar button').filter({ hasText: 'Delete' }).click();
  await $(page, '.m.bot .opts button').first().waitFor();
  assert.equal(await $(page, '.m.me').count(), 0, 'no visitor message left');
  assert.equal(await $(page, '.m').count(), 1, 'only a fresh greeting');
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), [], 'sessionStorage emptied');
  await page.reload();
  await $(page, '.launch').waitFor();
  assert.equal(await $(page, '.m.me').count(), 0, 'nothing comes back after a reload');
  clean(page);
  await closePage(page);
});

test('one limit: a 1,000-character question is accepted, the counter shows near the end', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const input = $(page, '#q');
  assert.equal(await input.getAttribute('maxlength'), '1000');
  const counter = $(page, '#count');
  await input.fill('emploi '.repeat(100).slice(0, 700));
  assert.equal(await counter.isVisible(), false, 'no counter far from the limit');
  const long = (JOB_SEEKER + ' ').repeat(30).slice(0, 1000);
  await input.fill(long);
  assert.equal(await counter.isVisible(), true);
  assert.match(await counter.textContent(), /^1000 \/ 1000 · 0 caractères restants$/);
  await page.waitForFunction((w) => /Limite de 1000 caractères atteinte/.test(document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent), W);
  const res = page.waitForResponse((r) => r.url() === `${BASE}/api/v1/ask`);
  const before = await $(page, '.m.bot').count();
  await input.press('Enter');
  assert.equal((await res).status(), 200, 'the server accepts 1,000 characters');
  const m = await lastBotAfter(page, before);
  assert.doesNotMatch(await text(m), /ne répond pas/);
  assert.equal((await $(page, '.m.me p').last().textContent()).length, 1000);
  clean(page);
  await closePage(page);
});

test('screen readers: a short announcement for a new answer, the full text in the log; feedback buttons name their question', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const m = await ask(page, JOB_SEEKER);
  const question = await text(m.locator('h3'));
  await page.waitForFunction((w) => document.querySelector(w).shadowRoot.querySelector('[role=status]').textContent.startsWith('Réponse'), W);
  const said = await statusText(page);
  assert.equal(said, `Réponse : ${question}. Organisme : Actiris.`);
  assert.ok(said.split(/\s+/).length < 25, 'short');
  assert.equal(await $(page, '[role=log]').getAttribute('aria-live'), 'off', 'the log is not read out in full');
  assert.ok((await text(m.locator('.ans'))).length > 50, 'the full answer is in the log');
  const names = await m.locator('.fb button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(names, [`Oui, utile : ${question}`, `Non, pas utile : ${question}`]);
  clean(page);
  await closePage(page);
});

test('429: the question is kept, "1 second" is said correctly, and the widget retries by itself', async () => {
  const page = await openPage(browser, demo('en'));
  let refused = 0;
  await page.route(`${BASE}/api/v1/ask`, (route) => {
    if (refused++ === 0) return route.fulfill({ status: 429, headers: { 'retry-after': '1', 'access-control-expose-headers': 'retry-after' }, json: { error: { code: 'rate_limited', message: 'x' } } });
    return route.continue();
  });
  await openWidget(page);
  const before = await $(page, '.m.bot').count();
  await $(page, '#q').fill('How do I become self-employed in Brussels?');
  await $(page, '#q').press('Enter');
  const waiting = await lastBotAfter(page, before);
  assert.equal(await text(waiting), 'Assistant: Many questions right now: I will try again in 1 second.');
  assert.equal(await $(page, '.m.me').count(), 1, 'the question stays in the conversation');
  await page.waitForFunction((w) => !!document.querySelector(w).shadowRoot.querySelector('.m.bot h3'), W, { timeout: 8000 });
  assert.equal(await text($(page, '.m.bot h3').last()), 'How do I become self-employed in Brussels?');
  assert.equal(refused, 2, 'one refusal, one automatic retry');
  clean(page);
  await closePage(page);
});

test('questions never in URLs: ask and suggest are POSTs; a superseded suggest request is cancelled', async () => {
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  // Slow suggestions, so that the next keystroke supersedes the request in flight.
  await page.route(`${BASE}/api/v1/suggest`, async (route) => { await new Promise((r) => setTimeout(r, 600)); route.continue().catch(() => {}); });
  await $(page, '#q').pressSequentially('inscription', { delay: 250 });
  await page.waitForTimeout(800);
  assert.ok(failed.filter((u) => u === `${BASE}/api/v1/suggest`).length >= 1, 'a superseded suggest request was aborted');
  await page.unroute(`${BASE}/api/v1/suggest`);
  await ask(page, 'secretword demandeur emploi');
  for (const r of page.seen.requests) {
    assert.doesNotMatch(r.url(), /inscri|secretword/, `no typed word in ${r.url()}`);
    if (/\/api\/v1\/(ask|suggest)$/.test(r.url())) assert.equal(r.method(), 'POST');
  }
  clean(page);
  await closePage(page);
});

test('answer with alternatives; after "not helpful" the next best answer and the counsellor; both are counted', async () => {
  const page = await openPage(browser, demo('fr'));
  const base = await requestsBySource();
  // The server's reply, with an alternative added (the contract of issue 8; the engine may not offer one here).
  await page.route(`${BASE}/api/v1/ask`, async (route) => {
    const response = await route.fetch();
    const reply = await response.json();
    if (reply.kind === 'answer') {
      reply.alternatives = [{ id: 'learn/learn-dutch', question: 'Où apprendre le néerlandais à Bruxelles ?', confidence: 0.3 }];
      // A runner-up in answers[1] (the engine keeps one when it has one; the small fixture may not).
      if (reply.answers.length < 2) reply.answers.push(await (await fetch(`${BASE}/api/v1/entries/work/social-aid-cpas?lang=fr`)).json());
    }
    route.fulfill({ response, json: reply });
  });
  await openWidget(page);
  await ask(page, JOB_SEEKER);
  // A fixed handle on this message (ask() returns "the last bot message", which moves on).
  const m = $(page, '.m.bot:not(.dots)').nth((await $(page, '.m.bot:not(.dots)').count()) - 1);
  assert.match(await text(m), /Ou vouliez-vous dire :\s*Où apprendre le néerlandais à Bruxelles \?/);
  const runnerUp = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cdm-faq-widget')).events.filter((e) => e.type === 'reply').pop().reply.answers[1]);
  assert.ok(runnerUp && runnerUp.question, 'a runner-up in answers[1]');
  await m.locator('.fb button', { hasText: 'Non' }).click();
  const after = m.locator('.next');
  assert.match(await text(after), /Merci pour votre avis !\s*Désolé\. Cherchiez-vous plutôt ceci \?/);
  assert.ok(await after.locator('a[href="mailto:info@cdm-bp.brussels"]').count() === 1, 'the counsellor');
  let before = await $(page, '.m.bot').count();
  await after.locator('ul.opts button').click();
  let next = await lastBotAfter(page, before);
  assert.equal(await text(next.locator('h3')), runnerUp.question);
  before = await $(page, '.m.bot').count();
  await m.locator('ul.opts button', { hasText: 'Où apprendre le néerlandais' }).first().click();
  next = await lastBotAfter(page, before);
  assert.equal(await text(next.locator('h3')), 'Où apprendre le néerlandais à Bruxelles ?');
  if (base) await countedBySource(base, { next_best: 1, alternative: 1 });
  clean(page);
  await closePage(page);
});

// Questions that the fixture answers with a clarification (see widget.test.mjs).
const CLARIFY = ['allocations de chômage pendant une formation', 'formation chômage allocations', 'allocations formation', 'chômage et formation'];
async function clarifyQuestion() {
  for (const q of CLARIFY) {
    const r = await (await fetch(`${BASE}/api/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q, lang: 'fr' }) })).json();
    if (r.kind === 'clarify') return [q, r];
  }
  assert.fail('no question gets a clarification from this server');
}

test('clarify: options in the order of their confidence, then "none of these", which shows the hand-off', async () => {
  const [q, reply] = await clarifyQuestion();
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  const m = await ask(page, q);
  const labels = await m.locator('ul.opts button').allTextContents();
  const expected = [...reply.answers].sort((a, b) => b.confidence - a.confidence).map((a) => a.question);
  assert.deepEqual(labels, [...expected, 'Aucune de ces questions']);
  const before = await $(page, '.m.bot').count();
  await m.locator('ul.opts button', { hasText: 'Aucune de ces questions' }).click();
  const h = await lastBotAfter(page, before);
  assert.equal(await h.locator('a[href="mailto:info@cdm-bp.brussels"]').count(), 1);
  assert.equal(await $(page, '.m.me').last().textContent(), 'Vous : Aucune de ces questions');
  clean(page);
  await closePage(page);
});

test('a clicked suggestion, theme entry, related question and clarify option are each counted in the statistics', async (t) => {
  const base = await requestsBySource();
  if (!base) return t.skip('the statistics database of this server is not reachable (CDM_FAQ_URL given)');
  const page = await openPage(browser, demo('fr'));
  await openWidget(page);
  // Suggestion.
  await $(page, '#q').pressSequentially('inscri', { delay: 40 });
  await $(page, '[role=listbox]').waitFor({ state: 'visible' });
  let before = await $(page, '.m.bot').count();
  const views = [];
  page.on('request', (r) => { if (r.url() === `${BASE}/api/v1/views`) views.push(r.postDataJSON()); });
  await $(page, '[role=option]').first().click();
  await lastBotAfter(page, before);
  // Related question (under a typed answer that has some).
  let m = await ask(page, JOB_SEEKER);
  before = await $(page, '.m.bot').count();
  await m.locator('ul.opts button').first().click();
  m = await lastBotAfter(page, before);
  // Clarify option.
  const [q] = await clarifyQuestion();
  m = await ask(page, q);
  before = await $(page, '.m.bot').count();
  await m.locator('ul.opts button').first().click();
  await lastBotAfter(page, before);
  // Theme entry.
  before = await $(page, '.m.bot').count();
  await $(page, '.m.bot .opts button.theme').filter({ hasText: /^Travailler/ }).first().click();
  m = await lastBotAfter(page, before);
  before = await $(page, '.m.bot').count();
  await m.locator('ul.opts button').first().click();
  await lastBotAfter(page, before);
  await page.waitForTimeout(300);
  assert.deepEqual(views.map((v) => v.via), ['suggestion', 'related', 'clarify', 'theme']);
  for (const v of views) assert.deepEqual(Object.keys(v).sort(), ['entry_id', 'lang', 'via'], 'no cookie, no id: the entry, the source, the language');
  const now = await countedBySource(base, { suggestion: 1, related: 1, theme: 1, clarify: 1, typed: 1 });
  console.log(`# requests by source after the clicks: ${JSON.stringify(now)}`);
  clean(page);
  await closePage(page);
});

test('forced colours and dark mode keep the bubbles visible (screenshots)', async () => {
  const dir = ensureResults();
  for (const [name, media] of [['forced-colors', { forcedColors: 'active' }], ['dark', { colorScheme: 'dark' }]]) {
    const page = await openPage(browser, demo('fr'), { reducedMotion: 'reduce', ...media });
    await openWidget(page);
    const m = await ask(page, JOB_SEEKER);
    const bubbles = await page.evaluate((w) => [...document.querySelector(w).shadowRoot.querySelectorAll('.m:not(.dots)')].map((e) => {
      const c = getComputedStyle(e);
      return { border: c.borderTopStyle !== 'none' && parseFloat(c.borderTopWidth) >= 1 && c.borderTopColor !== 'rgba(0, 0, 0, 0)', bg: c.backgroundColor };
    }), W);
    if (name === 'forced-colors') assert.ok(bubbles.every((b) => b.border), `bubbles have a visible border: ${JSON.stringify(bubbles)}`);
    else {
      const panelBg = await $(page, '.panel').evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(panelBg, 'rgb(29, 32, 36)', 'dark panel');
      assert.ok(bubbles.every((b) => b.bg !== panelBg), 'bubbles stand out from the dark panel');
    }
    await m.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, `widget-${name}-1280x800.png`) });
    await closePage(page);
  }
});

/** axe-core on the whole page (shadow DOM included): every violation, minor ones too. */
async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

test('axe-core: zero violations in every state, in each language, on phone and desktop; screenshots', async () => {
  const dir = ensureResults();
  const axeSource = fs.readFileSync(AXE, 'utf8');
  const [clarifyQ] = await clarifyQuestion();
  const questions = { fr: JOB_SEEKER, nl: 'Waar kan ik Nederlands leren?', en: 'How do I become self-employed in Brussels?' };
  const report = [];
  for (const lang of ['fr', 'nl', 'en']) {
    for (const [device, options] of [['desktop', { viewport: { width: 1280, height: 800 } }], ['phone', PHONE]]) {
      for (const scheme of lang === 'fr' ? ['light', 'dark'] : ['light']) {
        const page = await openPage(browser, demo(lang), { reducedMotion: 'reduce', colorScheme: scheme, ...options });
        await page.context().addInitScript({ content: axeSource }); // init scripts are not subject to the page's CSP
        await page.reload();
        const states = [];
        const check = async (state) => {
          const violations = await axe(page);
          states.push({ state, violations });
          assert.deepEqual(violations, [], `axe (${lang}, ${device}, ${scheme}, ${state})`);
        };
        await check('closed');
        await openWidget(page);
        await check('greeting');
        const m = await ask(page, questions[lang]);
        await check('answer');
        await m.scrollIntoViewIfNeeded();
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({ path: path.join(dir, `widget-${lang}-${device}-${options.viewport.width}x${options.viewport.height}${suffix}.png`) });
        if (lang === 'fr' && scheme === 'light') {
          await m.locator('.fb button').nth(1).click();
          await check('not helpful: next best and counsellor');
          let before = await $(page, '.m.bot').count();
          await $(page, '.m.bot .opts button.theme').first().click();
          await lastBotAfter(page, before);
          await check('theme menu');
          before = await $(page, '.m.bot').count();
          await $(page, '.m.bot .opts button.theme').filter({ hasText: /^Travailler/ }).click();
          const workMenu = await lastBotAfter(page, before);
          before = await $(page, '.m.bot').count();
          await workMenu.locator('ul.opts').nth(1).locator('button').first().click();
          await lastBotAfter(page, before);
          await check('theme sub-group');
          await ask(page, clarifyQ);
          await check('clarify');
          await ask(page, 'recette des boulettes sauce tomate');
          await check('no answer');
          await $(page, '#q').pressSequentially('inscri', { delay: 40 });
          await $(page, '[role=listbox]').waitFor({ state: 'visible' });
          await check('suggestions');
          await page.keyboard.press('Escape');
          await $(page, '#q').fill('x'.repeat(950));
          await check('counter');
          await $(page, '.bar button').filter({ hasText: 'Nouvelle conversation' }).click();
          await check('confirm new conversation');
        }
        report.push({ lang, device, scheme, states });
        clean(page);
        await closePage(page);
      }
    }
  }
  fs.writeFileSync(path.join(dir, 'axe-states.json'), JSON.stringify(report, null, 2));
  for (const lang of ['fr', 'nl', 'en']) {
    for (const f of [`widget-${lang}-desktop-1280x800.png`, `widget-${lang}-phone-360x740.png`]) assert.ok(fs.statSync(path.join(dir, f)).size > 10000, f);
  }
});
