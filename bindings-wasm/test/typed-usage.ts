// Type-checked with `tsc --noEmit --strict` (npm run typecheck): code written against the
// official SDK's shapes compiles against this package, and misuse does not.
import OpenAI, {
  AdminClient,
  APIError,
  NotFoundError,
  RateLimitError,
  type Page,
  type Project,
  type User,
  type UsersListParams,
} from '../dist/index.js';

async function main(): Promise<void> {
  const client = new OpenAI({ adminAPIKey: 'sk-admin-…', maxRetries: 3, timeout: 20_000 });
  const other: AdminClient = client;

  // A list: a page with data, and async iteration over every item.
  const params: UsersListParams = { limit: 20, emails: ['a@example.com'] };
  const page = await client.admin.organization.users.list(params);
  const first: User | undefined = page.data[0];
  const more: boolean = page.hasNextPage();
  const hasMore: boolean = page.has_more;
  for await (const user of client.admin.organization.users.list()) {
    const id: string = user.id;
    const email: string | null | undefined = user.email;
    void id, email;
  }
  for await (const p of page.iterPages()) {
    const ps: Page<User, unknown> = p;
    void ps;
  }

  // The own id first, then the params object, then request options.
  const member = await client.admin.organization.projects.users.retrieve('user_abc', { project_id: 'proj_abc' });
  const role: string = member.role;
  const project: Project = await client.admin.organization.projects.retrieve('proj_abc', { timeout: 1000 });
  await client.admin.organization.projects.update('proj_abc', { name: 'new name' });

  // Usage and costs: pages of buckets.
  const costs = await client.admin.organization.usage.costs({ start_time: 1_700_000_000, group_by: ['project_id'] });
  for (const bucket of costs.data) {
    const start: number = bucket.start_time;
    void start;
  }

  // Audit logs with the object query parameter.
  await client.admin.organization.auditLogs.list({ effective_at: { gte: 1_700_000_000 }, project_ids: ['proj_abc'] });

  // Raw responses.
  const res: Response = await client.admin.organization.invites.list().asResponse();
  const { data, response, request_id } = await client.admin.organization.adminAPIKeys.retrieve('key_abc').withResponse();
  const rid: string | null = request_id;
  void res, data.id, response.status, rid;

  // Errors.
  try {
    await client.admin.organization.users.delete('user_abc');
  } catch (e) {
    if (e instanceof NotFoundError) {
      const s: 404 = e.status;
      void s;
    } else if (e instanceof RateLimitError || e instanceof APIError) {
      const id: string | null | undefined = e.requestID;
      void id;
    }
  }

  // @ts-expect-error: the required params object is missing.
  await client.admin.organization.projects.users.retrieve('user_abc');
  // @ts-expect-error: start_time is required.
  await client.admin.organization.usage.costs({});
  // @ts-expect-error: limit is a number.
  await client.admin.organization.users.list({ limit: 'ten' });

  void other, first, more, hasMore, role, project;
}

void main;
