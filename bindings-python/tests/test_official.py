"""Code written against the official `openai` package's habits, with only the package name
changed: client copies, page helpers, raw and streaming responses, error attributes, and the
official type names in imports and annotations. Also checked by `mypy --strict`."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List

import pytest
from conftest import KEY, USER, Scripted, users_page

import openai_admin
from openai_admin import (
    APIConnectionError,
    APIStatusError,
    AsyncOpenAI,
    NotFoundError,
    OpenAI,
)
from openai_admin.pagination import (
    AsyncConversationCursorPage,
    SyncConversationCursorPage,
    SyncCursorPage,
)
from openai_admin.types.admin.organization import (
    AdminAPIKey,
    Invite,
    OrganizationUser,
    UserListParams,
    UserUpdateParams,
)
from openai_admin.types.admin.organization.projects import ProjectUser


def mock() -> str:
    url = os.environ.get("OPENAI_ADMIN_MOCK_URL")
    if not url:
        pytest.skip("OPENAI_ADMIN_MOCK_URL is not set")
    return url


def serve_users(scripted: Scripted) -> None:
    """Three pages of users: u1 u2 | u3 u4 | u5."""
    pages = {None: (["u1", "u2"], True), "u2": (["u3", "u4"], True), "u4": (["u5"], False)}

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        after = p.split("after=")[1].split("&")[0] if "after=" in p else None
        ids, more = pages[after]
        return 200, {"x-request-id": "req_p"}, json.dumps(users_page(ids, more)).encode()

    scripted.handler = handler


def test_with_options_and_copy(scripted: Scripted) -> None:
    scripted.json(200, USER)
    client = OpenAI(admin_api_key=KEY, base_url=scripted.url, default_headers={"x-a": "1"})
    other = client.with_options(max_retries=5, timeout=20)
    assert (other.max_retries, other.timeout, other.base_url) == (5, 20.0, client.base_url)
    assert (client.max_retries, client.timeout) != (5, 20.0)
    more = other.copy(organization="org-2", default_headers={"x-b": "2"})
    user: OrganizationUser = more.admin.organization.users.retrieve("user_1")
    assert user.id == "user_1"
    headers = scripted.requests[-1][2]
    assert headers["x-a"] == "1" and headers["x-b"] == "2"
    assert headers["openai-organization"] == "org-2"
    assert headers["authorization"] == f"Bearer {KEY}"
    only = more.copy(set_default_headers={"x-c": "3"})
    only.admin.organization.users.retrieve("user_1")
    assert "x-a" not in scripted.requests[-1][2] and scripted.requests[-1][2]["x-c"] == "3"
    with pytest.raises(ValueError):
        client.copy(default_headers={}, set_default_headers={})


def test_page_helpers(scripted: Scripted) -> None:
    serve_users(scripted)
    client = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    params: UserListParams = {"limit": 2}
    page: SyncConversationCursorPage[OrganizationUser] = client.admin.organization.users.list(
        **params
    )
    assert page.has_next_page()
    info = page.next_page_info()
    assert info is not None and info.params["after"] == "u2"
    second = page.get_next_page()
    assert [u.id for u in second.data] == ["u3", "u4"]
    ids: List[List[str]] = [[u.id for u in p.data] for p in page.iter_pages()]
    assert ids == [["u1", "u2"], ["u3", "u4"], ["u5"]]
    last = second.get_next_page()
    assert not last.has_next_page() and last.next_page_info() is None


async def test_page_helpers_async(scripted: Scripted) -> None:
    serve_users(scripted)
    client = AsyncOpenAI(admin_api_key="sk-other", base_url=scripted.url)
    client = client.copy(admin_api_key=KEY).with_options(max_retries=1, max_pages=2)
    assert (client.max_retries, client.max_pages) == (1, 2)
    page: AsyncConversationCursorPage[
        OrganizationUser
    ] = await client.admin.organization.users.list(limit=2)
    info = page.next_page_info()
    assert page.has_next_page() and info is not None and info.params["after"] == "u2"
    second = await page.get_next_page()
    assert [u.id for u in second.data] == ["u3", "u4"]
    ids = [[u.id for u in p.data] async for p in page.iter_pages()]
    assert ids == [["u1", "u2"], ["u3", "u4"]]  # the copy's page cap
    assert scripted.requests[-1][2]["authorization"] == f"Bearer {KEY}"


def test_raw_and_streaming_responses() -> None:
    client = OpenAI(admin_api_key=KEY, base_url=mock(), max_retries=0)
    assert client.admin_api_key == KEY and KEY not in repr(client)
    whole = client.with_raw_response.admin.organization.users.retrieve("user_1")
    assert whole.parse().object == "organization.user"
    with client.with_streaming_response.admin.organization.users.retrieve("user_1") as streamed:
        assert streamed.parse().object == "organization.user"
    raw = client.admin.organization.admin_api_keys.with_raw_response.retrieve("key_1")
    key: AdminAPIKey = raw.parse()
    assert raw.status_code == 200 and key.id is not None
    # The official raw response (LegacyAPIResponse): the body read whole, as properties.
    assert raw.is_closed is True and raw.http_request.method == "GET"
    assert json.loads(raw.text) == raw.json() and raw.content == raw.http_response.content
    assert raw.headers["Content-Type"] == raw.headers.get("content-type")
    users = client.admin.organization.users
    with users.with_streaming_response.retrieve("user_1") as response:
        assert not response.is_closed
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.request.method == "GET" and response.request.url.endswith("/user_1")
        body = response.read()
        assert json.loads(body) == response.json()
        assert response.text() == body.decode()
        assert b"".join(response.iter_bytes(7)) == body
        assert "\n".join(response.iter_lines()) == response.text().strip("\n")
        user: OrganizationUser = response.parse()
        assert user.object == "organization.user"
    assert response.is_closed is True
    with users.with_streaming_response.list(limit=1) as listed:
        page: SyncCursorPage[OrganizationUser] = listed.parse()
        assert isinstance(page.data, list)
    with users.with_streaming_response.retrieve("user_1") as unread:
        assert not unread.is_closed
    assert unread.is_closed  # leaving the block closed the connection


async def test_raw_and_streaming_responses_async() -> None:
    client = AsyncOpenAI(admin_api_key=KEY, base_url=mock(), max_retries=0)
    whole = await client.with_raw_response.admin.organization.users.retrieve("user_1")
    assert whole.parse().object == "organization.user"
    streaming = client.with_streaming_response.admin.organization.users
    async with streaming.retrieve("user_1") as streamed:
        assert (await streamed.parse()).object == "organization.user"
    invites = client.admin.organization.invites
    raw = await invites.with_raw_response.retrieve("inv_1")
    invite: Invite = raw.parse()  # the official raw response parses without awaiting
    assert invite.object == "organization.invite" and raw.is_closed is True
    assert json.loads(raw.text) == raw.json() and raw.content == raw.http_response.content
    async with invites.with_streaming_response.retrieve("inv_1") as response:
        assert response.status_code == 200 and response.request_id == response.headers.get(
            "x-request-id"
        )
        assert json.loads(await response.read()) == await response.json()
        chunks = [c async for c in response.iter_bytes()]
        assert b"".join(chunks) == (await response.text()).encode()
        assert [line async for line in response.iter_lines()]
        parsed: Invite = await response.parse()
        assert parsed.id == invite.id or parsed.id is not None
    users = client.admin.organization.projects.users
    async with users.with_streaming_response.list("proj_1", limit=1) as listed:
        page = await listed.parse()
        first: List[ProjectUser] = page.data
        assert isinstance(first, list)


def test_error_attributes(scripted: Scripted) -> None:
    body = {"error": {"message": "no such user", "type": "invalid_request_error"}}
    scripted.json(404, body, {"x-request-id": "req_404"})
    client = OpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=0)
    update: UserUpdateParams = {"role": "reader"}
    with pytest.raises(NotFoundError) as caught:
        client.admin.organization.users.update("user_9", **update)
    err: APIStatusError = caught.value
    assert err.status_code == err.response.status_code == 404
    assert err.response.headers["X-Request-ID"] == "req_404" == err.request_id
    assert err.response.json() == body and "no such user" in err.response.text
    assert err.response.request.method == "POST"
    assert err.response.request.url == f"{scripted.url}/organization/users/user_9"
    assert err.request is not None and err.request.url == err.response.request.url
    assert err.response.request.headers["authorization"] == "<redacted>"


async def test_error_attributes_async() -> None:
    client = AsyncOpenAI(admin_api_key=KEY, base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(APIConnectionError) as caught:
        await client.admin.organization.users.retrieve("user_1")
    request = caught.value.request
    assert request is not None and request.method == "GET"
    assert request.url == "http://127.0.0.1:9/organization/users/user_1"


def test_errors_made_the_official_way() -> None:
    # Code that raises the official exceptions itself (mocks, retries in tests) runs as it is;
    # the request and response are httpx objects there, duck-typed here.
    from types import SimpleNamespace

    request: Any = SimpleNamespace(method="GET", url="https://api.openai.com/v1/users/u")
    response: Any = SimpleNamespace(
        status_code=404, request=request, headers={"x-request-id": "req_9"}
    )
    body = {"code": "user_not_found", "param": "user_id", "type": "invalid_request_error"}
    err = NotFoundError("no such user", response=response, body=body)
    assert str(err) == "no such user" and err.status_code == 404 and err.request_id == "req_9"
    assert (err.code, err.param, err.type) == ("user_not_found", "user_id", "invalid_request_error")
    assert err.response is response and err.request is request and err.body == body
    plain = openai_admin.APIError("failed", request, body=None)
    assert plain.request is request and plain.code is None
    assert openai_admin.APIConnectionError(request=request).message == "Connection error."
    timeout = openai_admin.APITimeoutError(request=request)
    assert timeout.message == "Request timed out." and timeout.request is request
    invalid = openai_admin.APIResponseValidationError(response, None)
    assert invalid.status_code == 404 and invalid.response is response
