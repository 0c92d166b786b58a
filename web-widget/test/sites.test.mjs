// Browser tests of a deployment serving several Cités des métiers (README "Several centres on one
// deployment"), in Debian's chromium with axe-core, against a server of their own started with
// `--sites tests/fixtures/sites.toml` (the Brussels fixture and a fictional French-only centre, `sambre`)
// on copies of the fixtures. scripts/test.sh passes the binary in CDM_FAQ_TEST_BIN; without it the tests
// are skipped. Properties checked:
// - the demo page under /sambre/ loads /sambre/widget.js, which calls /sambre/api/v1/ and answers from
//   Sambre's entries, with Sambre's contacts on "talk to a counsellor", and offers French only;
// - one conversation per site: the Brussels page on the same origin starts empty, and Sambre's comes back;
// - a staff member of Sambre logs in at /sambre/admin/login and stays under /sambre/ (links, forms,
//   redirects); axe-core finds no violation on the widget and the staff page there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AXE, WIDGET_DIR, launch, openPage, closePage, $, openWidget, ask } from './helpers.mjs';

const BIN = process.env.CDM_FAQ_TEST_BIN;
const skip = !BIN ? 'CDM_FAQ_TEST_BIN not set (scripts/test.sh sets it)' : false;
const NAME = 'sambre-admin';
const PASSWORD = `sambre test ${Date.now()} ${Math.random()}`;

let browser;
let server;
let tmp;
let SERVER;

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const item of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, item.name);
    const target = path.join(to, item.name);
    if (item.isDirectory()) copyDir(source, target);
    else fs.copyFileSync(source, target);
  }
}

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdm-faq-sites-'));
  const fixtures = path.resolve(WIDGET_DIR, '..', 'tests', 'fixtures');
  for (const site of ['knowledge-base', 'sample-site-fr']) copyDir(path.join(fixtures, site), path.join(tmp, site));
  fs.copyFileSync(path.join(fixtures, 'sites.toml'), path.join(tmp, 'sites.toml'));
  const sites = path.join(tmp, 'sites.toml');
  const data = path.join(tmp, 'data');
  execFileSync(BIN, ['user', 'add', NAME, '--role', 'admin', '--password-stdin', '--sites', sites, '--site', 'sambre', '--data-dir', data],
    { input: `${PASSWORD}\n` });
  server = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--sites', sites, '--data-dir', data,
    '--no-rate-limit', '--insecure-cookies'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  server.stderr.on('data', (d) => { errors = (errors + d).slice(-4000); });
  SERVER = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the sites test server did not start: ${errors}`)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/cdm-faq listening on (http:\/\/[0-9.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the sites test server stopped (${code}): ${errors}`)); });
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => { server.on('exit', resolve); setTimeout(resolve, 5000); });
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** axe-core on the whole page (shadow DOM included; injected before the page's CSP applies): every violation. */
async function axeViolations(page) {
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** A page with axe-core loaded in every document it opens. */
async function pageWithAxe(url) {
  const page = await openPage(browser, null, { allowed: [SERVER] });
  await page.context().addInitScript({ content: fs.readFileSync(AXE, 'utf8') });
  await page.goto(url);
  return page;
}

test("a site's widget calls its own API, answers from its entries, shows its contacts and speaks its languages", { skip }, async () => {
  const page = await pageWithAxe(`${SERVER}/sambre/?lang=fr`);
  await openWidget(page);
  const answer = await ask(page, 'je viens de perdre mon travail, où m’inscrire ?');
  assert.match(await answer.textContent(), /Service emploi de Sambre/, 'Sambre’s entry and partner');
  const calls = page.seen.requests.map((r) => new URL(r.url()).pathname).filter((p) => p.includes('/api/v1/'));
  assert.ok(calls.length > 0 && calls.every((p) => p.startsWith('/sambre/api/v1/')), calls.join(', '));
  // French only: no Dutch or English button.
  const languages = await $(page, '.langs button').evaluateAll((buttons) => buttons.filter((b) => !b.hidden).map((b) => b.lang));
  assert.deepEqual(languages, ['fr']);
  // The hand-off card is a new card after the partner's: wait for it, not for the last card already there.
  const cardsBefore = await $(page, '.m.bot .card').count();
  await $(page, '.bar button').first().click();
  const card = $(page, '.m.bot .card').nth(cardsBefore);
  await card.waitFor();
  assert.match(await card.textContent(), /contact@cdm-sambre-demo\.be/);
  assert.doesNotMatch(await card.textContent(), /cdm-bp\.brussels/);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  const stored = await page.evaluate(() => Object.keys(sessionStorage));
  assert.deepEqual(stored, ['cdm-faq-widget:sambre']);

  // Brussels' page on the same origin: its own, empty conversation; then back to Sambre's.
  await page.goto(`${SERVER}/brussels/?lang=fr`);
  await openWidget(page);
  assert.doesNotMatch(await $(page, '.log').textContent(), /Sambre/);
  const brussels = await ask(page, 'Comment devenir indépendant ?');
  assert.match(await brussels.textContent(), /hub\.brussels/);
  await page.goto(`${SERVER}/sambre/?lang=fr`);
  await $(page, '.panel').waitFor({ state: 'visible' });
  assert.match(await $(page, '.log').textContent(), /Service emploi de Sambre/, 'Sambre’s conversation is kept');
  await closePage(page);
});

test("a site's staff pages stay under its address, and axe finds nothing there", { skip }, async () => {
  const page = await pageWithAxe(`${SERVER}/sambre/admin/login`);
  await page.locator('#name').fill(NAME);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/sambre/admin', 'landed on the site’s dashboard');
  const addresses = await page.evaluate(() => [...document.querySelectorAll('a[href], form[action], link[href]')]
    .map((e) => e.getAttribute('href') || e.getAttribute('action'))
    .filter((a) => a.startsWith('/')));
  assert.ok(addresses.length > 3);
  for (const address of addresses) assert.ok(address.startsWith('/sambre/'), address);
  await page.goto(`${SERVER}/sambre/admin/entries`);
  assert.match(await page.locator('main').textContent(), /Existe-t-il des formations gratuites/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Actiris/);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  // The session is Sambre's only: Brussels, which has no staff account here, refuses its pages.
  const refused = await page.goto(`${SERVER}/brussels/admin/entries`);
  assert.equal(refused.status(), 403);
  assert.equal(new URL(page.url()).pathname, '/brussels/admin/entries');
  assert.doesNotMatch(await page.locator('main').textContent(), /Existe-t-il des formations gratuites|Actiris/);
  await closePage(page);
});
