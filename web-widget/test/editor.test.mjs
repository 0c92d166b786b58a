// Browser tests of the editors' workspace (issue 10, "Editing" and "The pages themselves"), in Debian's
// chromium with axe-core, against a server of their own: edits change the knowledge base, so these tests start
// `cdm-faq serve` on a fresh copy of tests/fixtures/knowledge-base (and its own data folder, with an editor
// account made by `cdm-faq user add --password-stdin`), and stop it at the end. scripts/test.sh passes the
// binary in CDM_FAQ_TEST_BIN; without it (a server started by hand) the tests are skipped.
// Properties checked:
// - an editor logs in, changes the French answer of an entry, sees it rendered in the preview (nothing saved
//   yet: the widget still gives the old text), saves, and the widget then answers with the new text;
// - a declined question on /admin/unanswered becomes a phrasing of an entry in two clicks ("Add as a phrasing",
//   then "Save and publish"), and is answered by that entry right after;
// - axe-core finds no violation (minor ones included) on the entries list, an entry's editor, its history, the
//   unanswered questions, the review page, the files and an error page (unknown entry), at 1280 px and 320 px;
//   screenshots of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AXE, WIDGET_DIR, launch, openPage, closePage, ensureResults, $, openWidget, ask } from './helpers.mjs';

const BIN = process.env.CDM_FAQ_TEST_BIN;
const skip = !BIN ? 'CDM_FAQ_TEST_BIN not set (scripts/test.sh sets it)' : false;
const NAME = 'editor-test';
const PASSWORD = `editor test ${Date.now()} ${Math.random()}`;
const ENTRY = 'work/register-as-job-seeker';
const ADDED = "Nouveau : l'inscription se fait aussi au guichet, sans rendez-vous.";

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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdm-faq-editor-'));
  copyDir(path.resolve(WIDGET_DIR, '..', 'tests', 'fixtures', 'knowledge-base'), path.join(tmp, 'kb'));
  const data = path.join(tmp, 'data');
  execFileSync(BIN, ['user', 'add', NAME, '--role', 'editor', '--password-stdin', '--data-dir', data], { input: `${PASSWORD}\n` });
  server = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--kb', path.join(tmp, 'kb'), '--data-dir', data,
    '--no-rate-limit', '--insecure-cookies'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  server.stderr.on('data', (d) => { errors = (errors + d).slice(-4000); });
  SERVER = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the editor test server did not start: ${errors}`)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/cdm-faq listening on (http:\/\/[0-9.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the editor test server stopped (${code}): ${errors}`)); });
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

async function logIn(page) {
  await page.goto(`${SERVER}/admin/login`);
  await page.locator('#name').fill(NAME);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.waitForLoadState('load');
  assert.notEqual(new URL(page.url()).pathname, '/admin/login', 'logged in');
}

async function askApi(q) {
  const reply = await fetch(`${SERVER}/api/v1/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ q, lang: 'fr' }),
  });
  assert.equal(reply.status, 200);
  return reply.json();
}

test('edit the French answer, preview it, save it, and the widget answers with the new text', { skip }, async () => {
  const page = await openPage(browser, null, { allowed: [SERVER] });
  await logIn(page);
  await page.goto(`${SERVER}/admin/entry/${ENTRY}`);
  const answer = page.locator('#fr-answer');
  const before = await answer.inputValue();
  assert.ok(before.length > 50, 'the French answer is in the form');
  await answer.fill(`**${ADDED}**\n\n${before}`);
  await page.locator('button[value=preview]').click();
  await page.waitForLoadState('load');
  const preview = page.locator('.preview[lang=fr], [lang=fr] .preview').first();
  assert.equal(await preview.locator('strong').first().textContent(), ADDED, 'the Markdown rendered in the preview');
  assert.match(await page.locator('#fr-answer').inputValue(), /se fait aussi au guichet/, 'the text typed is kept');
  const unchanged = await askApi("Comment m'inscrire comme demandeur d'emploi à Bruxelles ?");
  assert.doesNotMatch(JSON.stringify(unchanged), /se fait aussi au guichet/, 'a preview saves nothing');

  await page.locator('button[value=save]').click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('#saved-title').textContent(), /the change is live/);

  const visitor = await openPage(browser, `${SERVER}/`, { allowed: [SERVER] });
  await openWidget(visitor);
  const reply = await ask(visitor, "Comment m'inscrire comme demandeur d'emploi à Bruxelles ?");
  assert.match(await reply.textContent(), /se fait aussi au guichet/, 'the widget gives the new text');
  await closePage(visitor);
  await closePage(page);
});

test('a declined question becomes a phrasing in two clicks', { skip }, async () => {
  const question = "ma conseillère m'a dit de me mettre dans le fichier, c'est quoi";
  assert.equal((await askApi(question)).kind, 'no_answer');
  const page = await openPage(browser, null, { allowed: [SERVER] });
  await logIn(page);
  // Statistics are written in the background: the question shows up within a few seconds.
  let group;
  for (let i = 0; i < 40; i++) {
    await page.goto(`${SERVER}/admin/unanswered`);
    group = page.locator('.actions', { has: page.locator(`input[name=q][value="${question}"]`) }).first();
    if (await group.count()) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(await group.count(), 1, 'the declined question is listed');
  await group.locator('select[name=entry]').selectOption(ENTRY);
  await group.locator('form[action="/admin/entries/add-phrasing"] button[type=submit]').click(); // 1
  await page.waitForLoadState('load');
  assert.match(await page.locator('#fr-phrasings').inputValue(), /me mettre dans le fichier/, 'prefilled in the editor');
  await page.locator('button[value=save]').click(); // 2
  await page.waitForLoadState('load');
  assert.match(await page.locator('#saved-title').textContent(), /the change is live/);
  const reply = await askApi(question);
  assert.equal(reply.kind, 'answer');
  assert.equal(reply.answers[0].id, ENTRY);
  await closePage(page);
});

test('axe-core: no violation at all on the editors\' pages, at 1280 and 320 px; screenshots', { skip }, async () => {
  const dir = ensureResults();
  const axeSource = fs.readFileSync(AXE, 'utf8');
  const report = [];
  const pages = [['entries', '/admin/entries'], ['entry-editor', `/admin/entry/${ENTRY}`],
    ['entry-history', `/admin/entry/${ENTRY}/history`], ['history', '/admin/history'],
    ['unanswered', '/admin/unanswered'], ['review', '/review'], ['files', '/admin/files'],
    ['error-unknown-entry', '/admin/entry/work/no-such-entry']];
  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    const page = await openPage(browser, null, { viewport, allowed: [SERVER] });
    await page.context().addInitScript({ content: axeSource });
    await logIn(page);
    for (const [name, url] of pages) {
      await page.goto(`${SERVER}${url}`);
      assert.equal(new URL(page.url()).pathname, url, `${name} opened`);
      await page.screenshot({ path: path.join(dir, `editor-${name}-${viewport.width}.png`), fullPage: true });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
      });
      report.push({ name, width: viewport.width, violations });
      console.log(`# axe (${name}, ${viewport.width} px): ${violations.length ? violations.map((v) => `${v.id} [${v.impact}] ${v.nodes.join(', ')}`).join('; ') : 'no violation'}`);
      assert.deepEqual(violations, [], `${name}: no accessibility violation, minor ones included`);
    }
    await closePage(page);
  }
  fs.writeFileSync(path.join(dir, 'axe-editor.json'), JSON.stringify(report, null, 2));
});
