// The bench's HTTP server (its own process): fixed bodies from the core's payloads.
//   /big/v1/...     the large pages (audit logs, usage, costs, 10,000 users)
//   /u100/v1/...    the 100-user page
//   /page/v1/...    10,000 users in pages of `limit`, by `after` cursor
//   /small/v1/...   one small user (the small-request loop)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
const load = (f) => readFileSync(join(dir, f));
const big = {
  '/organization/audit_logs': load('audit_logs_10000.json'),
  '/organization/usage/completions': load('usage_completions_31x300.json'),
  '/organization/costs': load('costs_31x300.json'),
  '/organization/users': load('users_10000.json'),
};
const u100 = load('users_100.json');
const users = JSON.parse(load('users_10000.json')).data;
const index = new Map(users.map((u, i) => [u.id, i]));
const small = Buffer.from(JSON.stringify(users[0]));
const pageCache = new Map();

function page(after, limit) {
  const key = `${after}:${limit}`;
  let body = pageCache.get(key);
  if (!body) {
    const start = after === null ? 0 : index.get(after) + 1;
    const data = users.slice(start, start + limit);
    const more = start + limit < users.length;
    body = Buffer.from(JSON.stringify({ object: 'list', data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: more }));
    pageCache.set(key, body);
  }
  return body;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const [, prefix, , ...rest] = url.pathname.split('/');
  const path = '/' + rest.join('/');
  let body;
  if (prefix === 'big') body = big[path];
  else if (prefix === 'u100' && path === '/organization/users') body = u100;
  else if (prefix === 'page' && path === '/organization/users') {
    body = page(url.searchParams.get('after'), Number(url.searchParams.get('limit') ?? 20));
  } else if (prefix === 'small') body = small;
  if (!body) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no route"}}');
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'x-request-id': 'req_bench' });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
