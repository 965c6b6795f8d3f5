// Walks an organization and prints plain-text tables: its projects; their members, service
// accounts and API keys (with last use); the stale keys; and last week's costs by project. The
// Rust and Python walks print the same tables in the same layout.
//
//   npm run build && OPENAI_ADMIN_KEY=sk-admin-... node examples/org-walk.mjs
//
// OPENAI_BASE_URL points it somewhere else, e.g. at the sandbox `scripts/demo` starts.
import { AdminClient } from '../dist/index.js';

// Caps, so that a list whose cursor never moves on cannot run forever.
const MAX_PROJECTS = 50;
const MAX_PER_PROJECT = 200;
const MAX_COST_PAGES = 10;
const DAY = 24 * 60 * 60;
const STALE_DAYS = 90; // a key not used for this many days (since creation if never used) is stale

async function take(iterable, max) {
  const out = [];
  for await (const x of iterable) {
    out.push(x);
    if (out.length >= max) break;
  }
  return out;
}

const date = (secs) => (typeof secs === 'number' ? new Date(secs * 1000).toISOString().slice(0, 10) : '-');
const text = (...values) => values.find((v) => v !== undefined && v !== null && v !== '') ?? '-';

function table(title, head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => '  ' + cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(title);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  if (rows.length === 0) console.log('  (none)');
  console.log();
}

function keyOwner(k) {
  const o = k.owner;
  if (!o) return '-';
  if (o.user) return text(o.user.email, o.user.id);
  if (o.service_account) return `${text(o.service_account.name, o.service_account.id)} (service account)`;
  return text(o.type);
}

async function main() {
  const client = new AdminClient();
  console.log(`Organization at ${client.baseURL}\n`);
  const now = Math.floor(Date.now() / 1000);
  const org = client.admin.organization;

  const projects = await take(org.projects.list({ limit: 100, include_archived: true }), MAX_PROJECTS);
  const names = new Map(projects.map((p) => [p.id, p.name || p.id]));
  table(
    `Projects (${projects.length})`,
    ['NAME', 'ID', 'STATUS', 'CREATED'],
    projects.map((p) => [text(p.name), p.id, text(p.status), date(p.created_at)]),
  );

  const members = [];
  const accounts = [];
  const keys = [];
  const stale = [];
  for (const p of projects) {
    const name = names.get(p.id);
    for (const u of await take(org.projects.users.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      members.push([name, text(u.name), text(u.email), u.role, date(u.added_at)]);
    }
    for (const s of await take(org.projects.serviceAccounts.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      accounts.push([name, s.name, String(s.role), date(s.created_at)]);
    }
    for (const k of await take(org.projects.apiKeys.list(p.id, { limit: 100 }), MAX_PER_PROJECT)) {
      const used = typeof k.last_used_at === 'number' ? k.last_used_at : null;
      const row = [name, k.name, keyOwner(k), used === null ? 'never' : date(used)];
      if (now - (used ?? k.created_at) > STALE_DAYS * DAY) stale.push([...row]);
      keys.push([...row, date(k.created_at)]);
    }
  }
  table(`Members (${members.length})`, ['PROJECT', 'NAME', 'EMAIL', 'ROLE', 'ADDED'], members);
  table(`Service accounts (${accounts.length})`, ['PROJECT', 'NAME', 'ROLE', 'CREATED'], accounts);
  table(`API keys (${keys.length})`, ['PROJECT', 'NAME', 'OWNER', 'LAST USED', 'CREATED'], keys);
  table(`Stale API keys: no use for ${STALE_DAYS}+ days (${stale.length})`, ['PROJECT', 'NAME', 'OWNER', 'LAST USED'], stale);

  // From midnight (UTC) seven days ago, so that every walk asks for the same buckets.
  const start = now - (now % DAY) - 7 * DAY;
  const totals = new Map();
  let pages = 0;
  const first = await org.usage.costs({ start_time: start, bucket_width: '1d', group_by: ['project_id'], limit: 7 });
  for await (const page of first.iterPages()) {
    for (const bucket of page.data) {
      for (const r of bucket.results ?? []) {
        if (r.object !== 'organization.costs.result') continue;
        const project = text(r.project_id);
        const key = JSON.stringify([names.get(project) ?? project, text(r.amount?.currency)]);
        totals.set(key, (totals.get(key) ?? 0) + (typeof r.amount?.value === 'number' ? r.amount.value : 0));
      }
    }
    if (++pages >= MAX_COST_PAGES) break;
  }
  const sorted = [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = sorted.map(([k, v]) => {
    const [project, currency] = JSON.parse(k);
    return [project, v.toFixed(2), currency];
  });
  rows.push(['TOTAL', [...totals.values()].reduce((a, b) => a + b, 0).toFixed(2), '']);
  table(`Costs since ${date(start)} by project`, ['PROJECT', 'AMOUNT', 'CURRENCY'], rows);
}

main().catch((e) => {
  console.error(`org-walk: ${e?.message ?? e}`);
  if (e?.error !== undefined) console.error(`  response error: ${JSON.stringify(e.error)}`);
  process.exit(1);
});
