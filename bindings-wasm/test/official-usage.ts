// Written against the official `openai` package's names, with only the package name changed
// (`openai` → `openai-admin`); checked by `tsc --noEmit --strict` (npm run typecheck) here, and
// again from the packed tarball with `moduleResolution` nodenext and bundler (test/pack.mjs).
import OpenAI, { APIPromise, PagePromise } from 'openai-admin';
import type {
  AdminAPIKey,
  AdminAPIKeyCreateParams,
  AdminAPIKeyCreateResponse,
  AdminAPIKeysPage,
} from 'openai-admin/resources/admin/organization/admin-api-keys';
import type { AuditLogListParams, AuditLogListResponse } from 'openai-admin/resources/admin/organization/audit-logs';
import type { Project, ProjectCreateParams, ProjectsPage } from 'openai-admin/resources/admin/organization/projects';
import type {
  ProjectUser,
  ProjectUsersPage,
  UserCreateParams as ProjectUserCreateParams,
  UserListParams as ProjectUserListParams,
} from 'openai-admin/resources/admin/organization/projects/users/users';
import type { UsageCostsParams, UsageCostsResponse } from 'openai-admin/resources/admin/organization/usage';
import {
  Users,
  type OrganizationUser,
  type OrganizationUsersPage,
  type UserDeleteResponse,
  type UserListParams,
  type UserUpdateParams,
} from 'openai-admin/resources/admin/organization/users';
import type { RoleListResponse } from 'openai-admin/resources/admin/organization/users/roles.js';
// The names that are unambiguous are at the root too.
import type { AdminAPIKeysPage as RootPage, OrganizationUser as RootUser } from 'openai-admin';

const client = new OpenAI({ adminAPIKey: 'sk-admin-…', maxRetries: 3, timeout: 20 * 1000 });

async function users(): Promise<OrganizationUser[]> {
  const params: UserListParams = { limit: 20, emails: ['a@example.com'] };
  let page: OrganizationUsersPage = await client.admin.organization.users.list(params);
  const all: OrganizationUser[] = [...page.data];
  while (page.hasNextPage()) {
    page = await page.getNextPage();
    all.push(...page.data);
  }
  for await (const user of client.admin.organization.users.list()) {
    const u: OrganizationUser = user;
    const email: string | null | undefined = u.email;
    void email;
  }
  for await (const p of page.iterPages()) {
    const typed: OrganizationUsersPage = p;
    void typed;
  }
  const pending: PagePromise<OrganizationUsersPage, OrganizationUser> = client.admin.organization.users.list();
  for await (const user of pending) void user.id;
  const firstPage: OrganizationUsersPage = await pending;
  const items: OrganizationUser[] = firstPage.getPaginatedItems();
  const one: APIPromise<OrganizationUser> = client.admin.organization.users.retrieve('user_abc');
  void items, (await one).id;
  const update: UserUpdateParams = { role: 'reader' };
  const updated: OrganizationUser = await client.admin.organization.users.update('user_abc', update);
  const deleted: UserDeleteResponse = await client.admin.organization.users.delete('user_abc');
  const roles: RoleListResponse[] = (await client.admin.organization.users.roles.list('user_abc')).data;
  const resource: Users = client.admin.organization.users;
  const root: RootUser = updated;
  void deleted, roles, resource, root;
  return all;
}

async function keys(): Promise<void> {
  const page: AdminAPIKeysPage = await client.admin.organization.adminAPIKeys.list({ limit: 10 });
  const first: AdminAPIKey | undefined = page.data[0];
  const samePage: RootPage = page;
  const create: AdminAPIKeyCreateParams = { name: 'ci' };
  const created: AdminAPIKeyCreateResponse = await client.admin.organization.adminAPIKeys.create(create);
  void first, samePage, created.id;
}

async function projects(): Promise<void> {
  const body: ProjectCreateParams = { name: 'new project' };
  const project: Project = await client.admin.organization.projects.create(body);
  const page: ProjectsPage = await client.admin.organization.projects.list();
  const params: ProjectUserListParams = { limit: 5 };
  const members: ProjectUsersPage = await client.admin.organization.projects.users.list(project.id, params);
  const member: ProjectUser | undefined = members.data[0];
  const add: ProjectUserCreateParams = { user_id: 'user_abc', role: 'member' };
  const added: ProjectUser = await client.admin.organization.projects.users.create(project.id, add);
  void page, member, added;
}

async function reports(): Promise<void> {
  const params: UsageCostsParams = { start_time: 1_700_000_000, group_by: ['project_id'] };
  const costs: UsageCostsResponse = await client.admin.organization.usage.costs(params);
  const audit: AuditLogListParams = { effective_at: { gte: 1_700_000_000 }, limit: 100 };
  for await (const event of client.admin.organization.auditLogs.list(audit)) {
    const e: AuditLogListResponse = event;
    void e;
  }
  void costs.data;
}

// The types through the client class's namespaces, as `OpenAI.Admin.…`.
function namespaces(
  user: OpenAI.Admin.Organization.OrganizationUser,
  viaUsers: OpenAI.Admin.Organization.Users.OrganizationUser,
  member: OpenAI.Admin.Organization.Projects.Users.ProjectUser,
  roleParams: OpenAI.Admin.Organization.Users.Roles.RoleListParams,
  page: OpenAI.Admin.Organization.AdminAPIKeysPage,
): string {
  const same: OrganizationUser = viaUsers;
  void same, roleParams, page;
  return user.id + member.id;
}

async function errorsAndCopies(): Promise<void> {
  const quick = client.withOptions({ timeout: 5 * 1000, maxRetries: 0 });
  const defaultTimeout: number = OpenAI.DEFAULT_TIMEOUT;
  void defaultTimeout;
  const same: OpenAI = quick;
  void same;
  try {
    await quick.admin.organization.users.retrieve('user_abc');
  } catch (err) {
    if (err instanceof OpenAI.NotFoundError) {
      const status: 404 = err.status;
      void status;
    } else if (err instanceof OpenAI.RateLimitError) {
      const retryAfter: string | null = err.headers.get('retry-after');
      void retryAfter;
    } else if (err instanceof OpenAI.APIConnectionTimeoutError) {
      const message: string = err.message;
      void message;
    } else if (err instanceof OpenAI.APIError) {
      const status: number | undefined = err.status;
      const requestID: string | null | undefined = err.requestID;
      void status, requestID, err.error, err.code, err.param, err.type;
    } else {
      throw err;
    }
  }
}

// @ts-expect-error: the official name of the page is not `UsersPage`.
import type { UsersPage } from 'openai-admin/resources/admin/organization/users';
// @ts-expect-error: names used by several modules (UserListParams) are not at the root.
import type { UserListParams as Ambiguous } from 'openai-admin';

void users, keys, projects, reports, namespaces, errorsAndCopies;
export type { UsersPage, Ambiguous };
