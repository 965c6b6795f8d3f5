// Walks an organization and prints plain-text tables: its projects; each project's users,
// service accounts and API keys; and last week's costs by project. The Node twin of
// core/examples/org_walk.rs.
//
//   npm run build && OPENAI_ADMIN_KEY=sk-admin-... node examples/org-walk.mjs
//
// OPENAI_BASE_URL points it somewhere else, e.g. at the Steady mock server.
import { AdminClient } from '../dist/index.js';

// Caps, so that a list whose cursor never moves on cannot run forever.
const MAX_PROJECTS = 50;
const MAX_PER_PROJECT = 200;
const MAX_COST_PAGES = 10;
const DAY = 24 * 60 * 60;

async function take(iterable, max) {
  const out = [];
  for await (const x of iterable) {
    out.push(x);
    if (out.length >= max) break;
  }
  return out;
}

const date = (secs) => (typeof secs === 'number' ? new Date(secs * 1000).toISOString().slice(0, 10) : '-');
const opt = (v) => (v === undefined || v === null || v === '' ? '-' : String(v));

function table(title, head, rows) {
  console.log(title);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => '  ' + cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  if (rows.length === 0) console.log('  (none)');
  console.log();
}

async function main() {
  const client = new AdminClient();
  console.log(`Organization at ${client.baseURL}\n`);
  const org = client.admin.organization;

  const projects = await take(org.projects.list({ limit: 100, include_archived: true }), MAX_PROJECTS);
  table(
    projects.length === MAX_PROJECTS ? `Projects (first ${MAX_PROJECTS})` : `Projects (${projects.length})`,
    ['ID', 'NAME', 'STATUS', 'CREATED'],
    projects.map((p) => [p.id, opt(p.name), opt(p.status), date(p.created_at)]),
  );

  const members = [];
  const accounts = [];
  const keys = [];
  for (const p of projects) {
    for (const u of await take(org.projects.users.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      members.push([p.id, u.id, opt(u.email), opt(u.role)]);
    }
    for (const s of await take(org.projects.serviceAccounts.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      accounts.push([p.id, s.id, opt(s.name), opt(s.role)]);
    }
    for (const k of await take(org.projects.apiKeys.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      keys.push([p.id, k.id, opt(k.name), opt(k.redacted_value), date(k.last_used_at)]);
    }
  }
  table(`Project users (${members.length})`, ['PROJECT', 'USER', 'EMAIL', 'ROLE'], members);
  table(`Service accounts (${accounts.length})`, ['PROJECT', 'ACCOUNT', 'NAME', 'ROLE'], accounts);
  table(`API keys (${keys.length})`, ['PROJECT', 'KEY', 'NAME', 'REDACTED', 'LAST USED'], keys);

  const now = Math.floor(Date.now() / 1000);
  const start = now - (now % DAY) - 7 * DAY;
  const costs = new Map();
  let pages = 0;
  for await (const page of (await org.usage.costs({ start_time: start, group_by: ['project_id'], limit: 7 })).iterPages()) {
    for (const bucket of page.data) {
      for (const r of bucket.results ?? []) {
        const key = `${opt(r.project_id)} ${opt(r.amount?.currency ?? 'usd')}`;
        costs.set(key, (costs.get(key) ?? 0) + (typeof r.amount?.value === 'number' ? r.amount.value : 0));
      }
    }
    if (++pages >= MAX_COST_PAGES) break;
  }
  table(
    `Costs since ${date(start)} by project`,
    ['PROJECT', 'CURRENCY', 'AMOUNT'],
    [...costs].map(([k, v]) => [...k.split(' '), v.toFixed(2)]),
  );
}

main().catch((e) => {
  console.error(`org-walk: ${e?.message ?? e}`);
  if (e?.error !== undefined) console.error(`  response error: ${JSON.stringify(e.error)}`);
  process.exit(1);
});
