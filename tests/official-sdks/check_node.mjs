// The official `openai` npm package against the sandbox: a handful of admin calls through its
// `client.admin.organization` namespace, each result checked. Run by tests/official-sdks/run,
// which installs the package into target/official-sdks/node, starts the sandbox and sets
// SANDBOX_URL, SANDBOX_ADMIN_KEY and OPENAI_SDK_DIR (where node_modules/openai is).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(join(process.env.OPENAI_SDK_DIR, 'package.json'));
const { default: OpenAI, NotFoundError, AuthenticationError } = await import(pathToFileURL(require.resolve('openai')).href);
const pkg = join(process.env.OPENAI_SDK_DIR, 'node_modules', 'openai', 'package.json');
const { version } = JSON.parse(readFileSync(pkg, 'utf8'));

const DAY = 86_400;
// The one rule for money: the sandbox adds whole cents and gives each result's amount in
// dollars, so every amount is a whole number of cents and sums are compared in cents, exactly.
const cents = (r) => Math.round((r.amount?.value ?? 0) * 100);
const wholeCents = (r) => Math.abs((r.amount?.value ?? 0) * 100 - cents(r)) < 1e-6;
const failures = [];
const check = (ok, what) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const url = process.env.SANDBOX_URL;
const key = process.env.SANDBOX_ADMIN_KEY;
console.log(`official openai ${version} (Node) against ${url}`);
check(version === '7.59.0', 'the pinned version 7.59.0 is the one imported');
const client = new OpenAI({ adminAPIKey: key, apiKey: null, baseURL: url, maxRetries: 0 });
const org = client.admin.organization;

// List projects.
const projects = await org.projects.list({ limit: 100 });
const names = projects.data.map((p) => p.name);
check(projects.data.length >= 2, `projects.list: ${projects.data.length} projects`);
check(names.includes('Default project'), "projects.list: the seeded 'Default project' is there");

// Create a project, retrieve it, find it in the next list.
const made = await org.projects.create({ name: 'Official SDK (Node)' });
check(made.id.startsWith('proj_') && made.name === 'Official SDK (Node)', 'projects.create');
const got = await org.projects.retrieve(made.id);
check(got.id === made.id && got.name === made.name && got.status === 'active', 'projects.retrieve');
const ids = [];
for await (const p of org.projects.list({ limit: 100 })) ids.push(p.id);
check(ids.includes(made.id), 'projects.list after create: the new project is listed');

// Users, paged five at a time by the package's auto-paging.
const first = await org.users.list({ limit: 5 });
check(first.data.length === 5 && first.hasNextPage(), 'users.list({limit: 5}): a full first page');
const paged = [];
for await (const u of org.users.list({ limit: 5 })) paged.push(u.id);
const whole = (await org.users.list({ limit: 100 })).data.map((u) => u.id);
check(paged.length > 5, `users.list paging: ${paged.length} users over several pages`);
check(JSON.stringify(paged) === JSON.stringify(whole), 'users.list paging: every user once, in the order of one big page');
check(first.data.every((u) => (u.email ?? '').includes('@')), 'users.list: users have emails');

// Errors: a missing project is the package's NotFoundError, a wrong key AuthenticationError.
try {
  await org.projects.retrieve('proj_does_not_exist');
  check(false, 'projects.retrieve(missing) throws NotFoundError');
} catch (e) {
  check(e instanceof NotFoundError && e.status === 404 && e.type === 'invalid_request_error', `projects.retrieve(missing) → NotFoundError 404: ${e.message}`);
}
try {
  const bad = new OpenAI({ adminAPIKey: 'sk-admin-wrong', apiKey: null, baseURL: url, maxRetries: 0 });
  await bad.admin.organization.projects.list();
  check(false, 'a wrong admin key throws AuthenticationError');
} catch (e) {
  check(e instanceof AuthenticationError && e.status === 401, 'a wrong admin key → AuthenticationError 401');
}

// Costs for the last seven days, two daily buckets a page, followed by `next_page`.
const now = Math.floor(Date.now() / 1000);
const start = now - (now % DAY) - 7 * DAY;
const starts = [];
let grouped = 0;
let allWhole = true;
let pages = 0;
let page;
do {
  const query = { start_time: start, bucket_width: '1d', group_by: ['project_id'], limit: 2 };
  if (page) query.page = page.next_page;
  page = await org.usage.costs(query);
  pages++;
  for (const b of page.data) {
    starts.push(b.start_time);
    for (const r of b.results) {
      allWhole &&= wholeCents(r);
      if (r.project_id) grouped += cents(r);
    }
  }
  if (page.has_more) check(typeof page.next_page === 'string', `usage.costs page ${pages}: has_more with next_page`);
} while (page.has_more && pages <= 10);
check(pages >= 4, `usage.costs: ${pages} pages of at most 2 buckets`);
check(starts.every((s, i) => s === start + i * DAY), 'usage.costs: consecutive buckets, each once');
check(starts.length === 8, `usage.costs: 8 daily buckets from ${start} (got ${starts.length})`);
const totals = await org.usage.costs({ start_time: start, bucket_width: '1d', limit: 8 });
const totalResults = totals.data.flatMap((b) => b.results);
const total = totalResults.reduce((a, r) => a + cents(r), 0);
check(allWhole && totalResults.every(wholeCents), 'usage.costs: every amount is a whole number of cents');
check(grouped > 0 && grouped === total, `usage.costs: grouped by project sums to the total (${grouped} = ${total} cents)`);

const usage = await org.usage.completions({ start_time: start, bucket_width: '1d', group_by: ['model'], limit: 3 });
const models = new Set(usage.data.flatMap((b) => b.results).map((r) => r.model));
check(usage.has_more && typeof usage.next_page === 'string' && usage.data.length === 3, 'usage.completions: a page of 3 buckets and a next_page');
check(models.size > 0 && !models.has(null) && !models.has(undefined), `usage.completions grouped by model: ${[...models].sort().join(', ')}`);

console.log(`official Node SDK: ${failures.length === 0 ? 'all checks passed' : `${failures.length} failed`}`);
process.exit(failures.length === 0 ? 0 : 1);
