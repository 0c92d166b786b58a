// Shared pieces of the browser tests: the browser, the cdm-faq server's address, a small static server for
// test pages that embed the real /widget.js, and helpers that look inside the widget's Shadow DOM.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WIDGET_DIR = path.resolve(HERE, '..');
export const RESULTS = path.join(WIDGET_DIR, 'test-results');
export const AXE = path.join(WIDGET_DIR, 'node_modules', 'axe-core', 'axe.min.js');

/** The running cdm-faq server (scripts/test.sh starts it and sets CDM_FAQ_URL). */
export const BASE = (process.env.CDM_FAQ_URL || '').replace(/\/+$/, '');
if (!BASE) throw new Error('CDM_FAQ_URL is not set: run the tests through web-widget/scripts/test.sh');

/** The CSP the server must send on the demo page (see the brief / issue 5). */
export const DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // launch() gives every run a fresh temporary user-data-dir, removed on close.
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh context and page that records what must never happen: JavaScript dialogs (alert from an injected
 * script), page errors, CSP violations, and requests to anything but the allowed origins.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, allowed = [BASE], ...ctx } = {}) {
  const context = await browser.newContext({ viewport, ...ctx });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const seen = { dialogs: [], errors: [], requests: [], foreign: [] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => {
    seen.requests.push(r);
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && !allowed.includes(u.origin)) seen.foreign.push(r.url());
  });
  page.seen = seen;
  page.setDefaultTimeout(15000);
  if (url) await page.goto(url);
  return page;
}

export async function closePage(page) {
  await page.context().close();
}

// Playwright's CSS locators pierce open shadow roots, so '#cdm-faq-widget .launch' reaches inside.
export const W = '#cdm-faq-widget';
export const $ = (page, sel) => page.locator(`${W} ${sel}`);

/** Open the panel with the launcher and wait for the greeting and its theme buttons. */
export async function openWidget(page) {
  await $(page, '.launch').click();
  await $(page, '.panel').waitFor({ state: 'visible' });
  // Geometry is measured at rest: let the panel's short slide-in end (on a loaded machine it can outlast
  // the first questions).
  await $(page, '.panel').evaluate((e) => Promise.all(e.getAnimations().map((a) => a.finished)));
  // The greeting is shown once the themes are known (with their buttons), or known to be unavailable.
  await $(page, '.m.bot').first().waitFor();
}

/** Type a question in the widget and send it with Enter; returns the bot message that answers it. */
export async function ask(page, text) {
  const before = await $(page, '.m.bot').count();
  await $(page, '#q').fill(text);
  await $(page, '#q').press('Enter');
  return lastBotAfter(page, before);
}

export async function lastBotAfter(page, before) {
  await page.waitForFunction(([sel, n]) => {
    const root = document.querySelector(sel).shadowRoot;
    return root.querySelectorAll('.m.bot:not(.dots)').length > n && !root.querySelector('.dots');
  }, [W, before]);
  return $(page, '.m.bot:not(.dots)').last();
}

/** What has focus, seen through the shadow root: 'launch', 'q', or the light-DOM tag name. */
export function focused(page) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    if (document.activeElement !== host) return document.activeElement ? document.activeElement.tagName : null;
    const el = host.shadowRoot.activeElement;
    return el ? el.id || el.className || el.tagName : null;
  }, W);
}

export function gzipBudget() { return 12 * 1024; }

/**
 * A tiny static server for test pages that embed the real widget from the cdm-faq server:
 * - /embed?lang=..&api=..&position=..&open=..&title=..&accent=..&offset-bottom=..&offset-side=..&z-index=..
 *   &htmllang=..&csp=1&hostile=1&wide=1&banner=1 : a page with <script src="CDM/widget.js" data-…> built from
 *   the query (wide: content wider than a phone; banner: a fixed cookie banner at the bottom, top z-index);
 * - /hostile.css : host CSS that tries to break the widget;
 * - /fail/api/v1/... : an API that answers 500 to everything; /busy/api/v1/... : 429 with Retry-After: 7
 *   (both with CORS, so the widget sees the status).
 */
export function startStatic() {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const cors = {
      'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type',
      'access-control-allow-methods': 'GET, POST', 'access-control-expose-headers': 'retry-after',
    };
    if (u.pathname.startsWith('/fail/') || u.pathname.startsWith('/busy/')) {
      if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
      const busy = u.pathname.startsWith('/busy/');
      res.writeHead(busy ? 429 : 500, { ...cors, 'content-type': 'application/json', ...(busy ? { 'retry-after': '7' } : {}) });
      return res.end(JSON.stringify({ error: { code: busy ? 'rate_limited' : 'internal', message: 'test' } }));
    }
    if (u.pathname === '/hostile.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      return res.end(`* { font-size: 40px !important; color: #f0f !important; font-family: serif !important; }
div, section, button { position: relative !important; transform: scale(0.5); background: #ff0 !important; border: 9px dotted red !important; }
#cdm-faq-widget { filter: blur(4px); opacity: 0.5; }
[role=log], [role=status], .sr, [hidden] { display: block !important; visibility: visible !important; }`);
    }
    if (u.pathname === '/embed') {
      const q = u.searchParams;
      const attrs = ['lang', 'api', 'position', 'open', 'title', 'accent', 'offset-bottom', 'offset-side', 'z-index']
        .filter((k) => q.has(k)).map((k) => ` data-${k}="${esc(q.get(k))}"`).join('');
      const headers = { 'content-type': 'text/html; charset=utf-8' };
      if (q.get('csp')) {
        headers['content-security-policy'] = `default-src 'self'; script-src 'self' ${BASE}; style-src 'self'; connect-src 'self' ${BASE}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
      }
      res.writeHead(200, headers);
      return res.end(`<!doctype html><html${q.has('htmllang') ? ` lang="${esc(q.get('htmllang'))}"` : ''}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Embedding test page</title><link rel="icon" href="data:,">
${q.get('hostile') ? '<link rel="stylesheet" href="/hostile.css">' : ''}
<script src="${BASE}/widget.js"${attrs} defer></script></head>
<body><main><h1>Embedding test page</h1><p>Host content.</p>
<button class="launch panel" type="button" id="host-button">Host button</button>
<button type="button" id="control-button">Control button</button>
<div class="m bot" id="host-div">Host div</div><div id="control-div">Control div</div>
${q.get('wide') ? '<div id="wide" style="width:1400px;height:20px;background:#ccc">A table wider than the phone</div>' : ''}
${q.get('banner') ? '<div id="banner" style="position:fixed;left:0;right:0;bottom:0;height:90px;z-index:2147483647;background:#222;color:#fff">Cookie banner</div>' : ''}</main></body></html>`);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((resolve) => server.listen(Number(process.env.WIDGET_TEST_PAGES_PORT) || 0, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}`;
    resolve({ url, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

export function ensureResults() {
  fs.mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

/**
 * The statistics' "requests per source" (typed, suggestion, theme, related, clarify, alternative, next_best),
 * read with `cdm-faq stats` from the database of the server that scripts/test.sh started; null when the tests
 * run against another server (CDM_FAQ_URL given).
 */
export async function requestsBySource() {
  const bin = process.env.CDM_FAQ_TEST_BIN;
  const dir = process.env.CDM_FAQ_TEST_DATA_DIR;
  if (!bin || !dir) return null;
  const { execFileSync } = await import('node:child_process');
  if (!fs.existsSync(path.join(dir, 'statistics.sqlite'))) return {}; // nothing recorded yet
  let out;
  try {
    out = execFileSync(bin, ['stats', '--data-dir', dir, '--year', String(new Date().getUTCFullYear())], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return {}; // the database is being created (no tables yet): nothing counted so far
  }
  const section = out.split('requests per source:')[1] || '';
  const counts = {};
  for (const line of section.split('\n')) {
    const m = line.match(/^\s+([a-z_]+)\s+(\d+)$/);
    if (m) counts[m[1]] = Number(m[2]);
    else if (line.trim() && !m && Object.keys(counts).length) break;
  }
  return counts;
}
