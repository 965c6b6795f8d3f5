// A real browser: headless Chromium (Debian's, driven by playwright-core) loads a page from
// 127.0.0.1 that imports the built package (dist/, no bundler) and runs a few operations
// against Steady. Steady sends no CORS headers, so this server also proxies /api/* to it:
// the page's requests are same-origin.
//
//   OPENAI_ADMIN_MOCK_URL=http://127.0.0.1:PORT node test/browser.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

import { chromium } from 'playwright-core';

import { here } from './helpers.mjs';

const mock = process.env.OPENAI_ADMIN_MOCK_URL;
if (!mock) throw new Error('OPENAI_ADMIN_MOCK_URL is not set');
const dist = join(here, '..', 'dist');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const page = `<!doctype html>
<meta charset="utf-8">
<title>openai-admin in a browser</title>
<pre id="out">running…</pre>
<script type="module">
import { AdminClient, BadRequestError, InvalidInputError, OpenAIError } from '/pkg/index.js';
const report = {};
try {
  try {
    new AdminClient({ adminAPIKey: 'sk-admin-browser' });
    report.refusedWithoutOptIn = false;
  } catch (e) {
    report.refusedWithoutOptIn = e instanceof OpenAIError;
  }
  const client = new AdminClient({
    adminAPIKey: 'sk-admin-browser',
    baseURL: location.origin + '/api',
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
  });
  const users = await client.admin.organization.users.list({ limit: 2 });
  report.users = users.data.map((u) => u.object);
  let keys = 0;
  for await (const k of client.admin.organization.adminAPIKeys.list({ limit: 1 })) keys += k.object ? 1 : 0;
  report.keys = keys;
  let pages = 0;
  for await (const p of (await client.admin.organization.adminAPIKeys.list()).iterPages()) pages += 1;
  report.pages = pages;
  const invite = await client.admin.organization.invites.create({ email: 'new@example.com', role: 'reader' });
  report.invite = invite.object;
  const { response } = await client.admin.organization.projects.retrieve('proj_1').withResponse();
  report.status = response.status;
  try {
    await client.admin.organization.usage.costs({ start_time: 1, group_by: ['nope'] });
  } catch (e) {
    report.apiError = { name: e.constructor.name, badRequest: e instanceof BadRequestError, status: e.status };
  }
  try {
    await client.admin.organization.users.retrieve('..');
  } catch (e) {
    report.inputError = { invalid: e instanceof InvalidInputError, param: e.param };
  }
} catch (e) {
  report.failure = String(e && e.stack || e);
}
document.getElementById('out').textContent = JSON.stringify(report, null, 2);
window.__report = report;
</script>`;

const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
const proxied = [];

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    } else if (url.pathname.startsWith('/pkg/')) {
      const file = normalize(join(dist, url.pathname.slice(5)));
      if (!file.startsWith(dist)) return res.writeHead(403).end();
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } else if (url.pathname.startsWith('/api/')) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const headers = { ...req.headers };
      delete headers.host;
      delete headers['content-length'];
      delete headers.connection;
      const target = mock + url.pathname.slice(4) + url.search;
      proxied.push(`${req.method} ${url.pathname.slice(4)}${url.search}`);
      const r = await fetch(target, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      const out = Buffer.from(await r.arrayBuffer());
      const h = {};
      r.headers.forEach((v, k) => {
        if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding') h[k] = v;
      });
      res.writeHead(r.status, h).end(out);
    } else {
      res.writeHead(404).end();
    }
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const tab = await browser.newPage();
  const logs = [];
  tab.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await tab.goto(origin + '/');
  await tab.waitForFunction(() => window.__report !== undefined, null, { timeout: 30_000 });
  const report = await tab.evaluate(() => window.__report);
  console.log(JSON.stringify(report));
  assert.equal(report.failure, undefined, `${report.failure}\n${logs.join('\n')}`);
  assert.equal(report.refusedWithoutOptIn, true);
  assert.deepEqual(report.users, ['organization.user']);
  assert.ok(report.keys >= 1);
  assert.ok(report.pages >= 2, `pages: ${report.pages}`);
  assert.equal(report.invite, 'organization.invite');
  assert.equal(report.status, 200);
  assert.deepEqual(report.apiError, { name: 'BadRequestError', badRequest: true, status: 400 });
  assert.deepEqual(report.inputError, { invalid: true, param: 'user_id' });
  assert.ok(proxied.some((p) => p.startsWith('POST /organization/invites')));
  assert.ok(!proxied.some((p) => p.startsWith('GET /organization/users/')), 'the bad id must not be sent');
  console.log(`browser test: ok (${proxied.length} requests through the same-origin proxy)`);
} finally {
  await browser.close();
  server.close();
}
