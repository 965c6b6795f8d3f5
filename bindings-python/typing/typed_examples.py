"""User code that `mypy --strict` must accept (scripts/test-python checks it); it is not run."""

from __future__ import annotations

import asyncio
from typing import List, Optional

import openai_admin
from openai_admin import APIStatusError, AsyncOpenAI, InvalidInputError, NotFoundError, OpenAI
from openai_admin.types import Project, User


def walk(client: OpenAI) -> List[str]:
    ids: List[str] = []
    for user in client.admin.organization.users.list(limit=10, emails=["a@example.com"]):
        email: Optional[str] = user.email
        ids.append(user.id + (email or ""))
    page = client.admin.organization.projects.list(include_archived=True)
    first: Project = page.data[0]
    print(first.name, page.has_more, page.has_next_page())
    for p in page.iter_pages():
        print(len(p.data))
    u: User = client.admin.organization.users.retrieve("user_abc")
    print(u.added_at + 1, u.to_dict(), u.to_json())
    costs = client.admin.organization.usage.costs(start_time=1730419200, group_by=["project_id"])
    for bucket in costs:
        print(bucket.start_time, len(bucket.results))
    raw = client.admin.organization.users.with_raw_response.retrieve("user_abc")
    print(raw.status_code, raw.request_id, raw.headers.get("x-request-id"), raw.parse().id)
    text: str = raw.text
    print(text, raw.http_response.text, raw.http_response.json(), u.model_dump(exclude_none=True))
    pu = client.admin.organization.projects.users.retrieve("user_abc", project_id="proj_1")
    print(pu.id)
    try:
        client.admin.organization.invites.create(email="a@example.com", role="reader")
    except NotFoundError as e:
        print(e.status_code, e.request_id)
    except APIStatusError as e:
        print(e.body)
    try:
        client.admin.organization.users.retrieve("")
    except InvalidInputError as e:
        print(e.param, e.message)
    return ids


async def awalk(client: AsyncOpenAI) -> None:
    async for user in client.admin.organization.users.list():
        print(user.id)
    page = await client.admin.organization.users.list(limit=2)
    print(page.data[0].id)
    u = await client.admin.organization.users.retrieve("user_abc")
    print(u.email, dict(u))
    raw = await client.admin.organization.users.with_raw_response.retrieve("user_abc")
    got: User = raw.parse()
    body: bytes = raw.content
    print(got.id, body, raw.text, raw.json(), raw.is_closed)
    async with client.admin.organization.users.with_streaming_response.retrieve("u") as streamed:
        streamed_user: User = await streamed.parse()
        print(streamed_user.id, await streamed.text(), streamed.is_closed)
    async with client:
        pass


def main() -> None:
    with openai_admin.OpenAI(admin_api_key="k", base_url="http://127.0.0.1:1", max_pages=50) as c:
        print(c.max_pages, c.organization, openai_admin.DEFAULT_MAX_PAGES)
        walk(c)
    asyncio.run(awalk(AsyncOpenAI(admin_api_key="k", timeout=5.0, max_retries=1)))
