// The pages of the large-page comparison: where the bench server serves each (its URL prefix
// and path), the payload file it serves, and the same call in both packages.
export const PAGES = [
  { name: 'audit logs, 10,000 events', prefix: 'big', path: '/organization/audit_logs', file: 'audit_logs_10000.json', call: (c) => c.admin.organization.auditLogs.list() },
  {
    name: 'usage completions, 31 × 300',
    prefix: 'big',
    path: '/organization/usage/completions?start_time=1',
    file: 'usage_completions_31x300.json',
    call: (c) => c.admin.organization.usage.completions({ start_time: 1 }),
  },
  { name: 'costs, 31 × 300', prefix: 'big', path: '/organization/costs?start_time=1', file: 'costs_31x300.json', call: (c) => c.admin.organization.usage.costs({ start_time: 1 }) },
  { name: 'users, 10,000', prefix: 'big', path: '/organization/users', file: 'users_10000.json', call: (c) => c.admin.organization.users.list() },
  // Small: ten times as many calls per round.
  { name: 'users, 100', prefix: 'u100', path: '/organization/users', file: 'users_100.json', call: (c) => c.admin.organization.users.list(), small: true },
];
