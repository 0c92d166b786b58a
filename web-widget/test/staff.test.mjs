// Browser tests of the staff login and account pages (issue 10, "People, accounts and roles"), in Debian's
// chromium with axe-core. scripts/test.sh creates the account these tests log in with (through
// `cdm-faq user add --password-stdin` on the test server's data folder) and passes its name and password in
// CDM_FAQ_STAFF_NAME / CDM_FAQ_STAFF_PASSWORD; without them (a server started by hand) the tests are skipped.
// Properties checked:
// - the login page is in the browser's language (lang attribute), usable with the keyboard only, and a wrong
//   password is announced (role=alert) and tied to the fields (aria-describedby, aria-invalid);
// - logging in leads to the staff pages; the accounts page adds an account with a form whose refusal is tied
//   to its field; logging out ends the session (the back button opens nothing);
// - axe-core finds no serious or critical violation on the login and account pages, at 1280 px and 320 px;
//   nothing scrolls sideways at 320 px except the accounts table's own scroller; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, AXE, launch, openPage, closePage, ensureResults } from './helpers.mjs';

const NAME = process.env.CDM_FAQ_STAFF_NAME;
const PASSWORD = process.env.CDM_FAQ_STAFF_PASSWORD;
const skip = !NAME || !PASSWORD ? 'CDM_FAQ_STAFF_NAME / CDM_FAQ_STAFF_PASSWORD not set (scripts/test.sh sets them)' : false;

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

async function logIn(page, name = NAME, password = PASSWORD) {
  await page.goto(`${BASE}/admin/login`);
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  await page.waitForLoadState('load');
}

test('login page: browser language, keyboard only, a wrong password announced and tied to the fields', { skip }, async () => {
  const page = await openPage(browser, null, { locale: 'nl-BE', extraHTTPHeaders: { 'Accept-Language': 'nl-BE,nl;q=0.9' } });
  await page.goto(`${BASE}/admin/login`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('h1').textContent(), 'Aanmelden');
  // Keyboard only: the first Tab stops are the fields, Enter sends.
  await page.keyboard.press('Tab');
  let guard = 0;
  while (await page.evaluate(() => document.activeElement?.id) !== 'name' && guard++ < 5) await page.keyboard.press('Tab');
  await page.keyboard.type(NAME);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
  await page.keyboard.type('not the password at all');
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load');
  const alert = page.locator('[role=alert]');
  assert.match(await alert.textContent(), /Verkeerde gebruikersnaam of wachtwoord/);
  assert.equal(await page.locator('#password').getAttribute('aria-describedby'), 'login-error');
  assert.equal(await page.locator('#name').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#name').inputValue(), NAME, 'the name typed is kept');
  await closePage(page);
});

test('log in, add an account, log out', { skip }, async () => {
  const page = await openPage(browser, null);
  await logIn(page);
  assert.equal(new URL(page.url()).pathname, '/admin');
  await page.goto(`${BASE}/admin/accounts`);
  // A refused account: the problem is tied to its field and what was typed is kept.
  await page.locator('#new-name').fill('Nadia K');
  await page.locator('#new-password').fill('een lange zin om te onthouden');
  await page.locator('#new-counsellor').check();
  await page.locator('form[action="/admin/accounts"] button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#new-name').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#new-name').getAttribute('aria-describedby'), /new-name-error/);
  assert.equal(await page.locator('#new-name').inputValue(), 'Nadia K');
  await page.locator('#new-name').fill(`nadia${Date.now() % 100000}`);
  await page.locator('#new-password').fill('een lange zin om te onthouden');
  await page.locator('#new-counsellor').check();
  await page.locator('form[action="/admin/accounts"] button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.notice').textContent(), /Account created|Compte créé|Account aangemaakt/);
  // Log out: the session ends on the server.
  await page.locator('header form button').click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/admin/login');
  await page.goto(`${BASE}/admin/accounts`);
  assert.equal(new URL(page.url()).pathname, '/admin/login', 'sent back to the login page');
  await closePage(page);
});

test('axe-core: no serious or critical violation on the login, account and test console pages, at 1280 and 320 px; screenshots', { skip }, async () => {
  const dir = ensureResults();
  const axeSource = fs.readFileSync(AXE, 'utf8');
  const report = [];
  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    const page = await openPage(browser, null, { viewport });
    await page.context().addInitScript({ content: axeSource });
    const pages = [['login', '/admin/login'], ['accounts', '/admin/accounts'], ['my-account', '/admin/me'],
      ['console', '/review/console?q=je+cherche+une+formtion+en+informatiqe&lang=fr']];
    for (const [name, url] of pages) {
      if (name === 'accounts') await logIn(page);
      await page.goto(`${BASE}${url}`);
      assert.equal(new URL(page.url()).pathname, url.split('?')[0], `${name} opened`);
      if (name === 'console') {
        assert.ok(await page.locator('details summary').isVisible(), 'console: the technical details are one click away');
        assert.equal(await page.locator('details table').isVisible(), false, 'console: folded at first');
      }
      await page.screenshot({ path: path.join(dir, `staff-${name}-${viewport.width}.png`), fullPage: true });
      const violations = await axe(page);
      report.push({ name, width: viewport.width, violations });
      console.log(`# axe (${name}, ${viewport.width} px): ${violations.length ? violations.map((v) => `${v.id} [${v.impact}] ${v.nodes.join(', ')}`).join('; ') : 'no violation'}`);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `${name}: no serious or critical accessibility violation`);
      if (viewport.width === 320) {
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(sideways <= 1, `${name}: nothing scrolls sideways at 320 px (${sideways} px)`);
      }
    }
    await closePage(page);
  }
  fs.writeFileSync(path.join(dir, 'axe-staff.json'), JSON.stringify(report, null, 2));
});
