"""Errors: raw responses, status errors and their fields, retries, validation, connection
and timeout errors, bad ids and bad parameters."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Dict

import pytest
from conftest import KEY, USER, Scripted

from openai_admin import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAI,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)


def test_raw_response(scripted: Scripted) -> None:
    scripted.json(200, USER, {"x-request-id": "req_123"})
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    raw = c.admin.organization.users.with_raw_response.retrieve("user_1")
    assert raw.status_code == 200
    assert raw.request_id == "req_123"
    assert raw.headers["x-request-id"] == "req_123"
    assert raw.json()["id"] == "user_1"
    assert raw.parse().email == "a@x.io"
    raw_page = c.admin.organization.users.with_raw_response.list()
    assert raw_page.status_code == 200


@pytest.mark.parametrize(
    "status,cls",
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_errors(scripted: Scripted, status: int, cls: type) -> None:
    body = {
        "error": {"message": "nope", "type": "invalid_request_error", "param": "x", "code": "bad"}
    }
    scripted.json(status, body, {"x-request-id": "req_9"})
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=0)
    with pytest.raises(cls) as ei:
        c.admin.organization.users.retrieve("u")
    e = ei.value
    assert type(e) is cls
    assert isinstance(e, APIStatusError)
    assert e.status_code == status
    assert e.request_id == "req_9"
    assert e.body == body
    assert e.code == "bad" and e.param == "x" and e.type == "invalid_request_error"
    assert e.message == f"Error code: {status} - nope" == str(e)


def test_decode_error_fields(scripted: Scripted) -> None:
    scripted.handler = lambda m, p, h, b: (200, {"x-request-id": "req_d"}, b"[1")
    with pytest.raises(APIResponseValidationError) as ei:
        OpenAI(admin_api_key=KEY, base_url=scripted.url).admin.organization.users.retrieve("u")
    assert (ei.value.status_code, ei.value.request_id) == (200, "req_d")


def test_retries_then_success(scripted: Scripted) -> None:
    calls = []

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        calls.append(1)
        if len(calls) < 3:
            return 500, {"retry-after-ms": "10"}, b'{"error":{"message":"later"}}'
        return 200, {}, json.dumps(USER).encode()

    scripted.handler = handler
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=2)
    assert c.admin.organization.users.retrieve("u").id == "user_1"
    assert len(calls) == 3


def test_validation_error(scripted: Scripted) -> None:
    scripted.json(200, {"object": "organization.user", "id": 5})
    strict = OpenAI(admin_api_key=KEY, base_url=scripted.url, _strict_response_validation=True)
    with pytest.raises(APIResponseValidationError):
        strict.admin.organization.users.retrieve("u")
    # Like the official SDK, the default is not to check types: the value comes as it is.
    assert (
        OpenAI(admin_api_key=KEY, base_url=scripted.url).admin.organization.users.retrieve("u").id
        == 5
    )
    scripted.handler = lambda m, p, h, b: (200, {}, b'{"object": "organization.user", "id"')
    with pytest.raises(APIResponseValidationError):
        OpenAI(admin_api_key=KEY, base_url=scripted.url).admin.organization.users.retrieve("u")


def test_connection_and_timeout_errors(scripted: Scripted) -> None:
    c = OpenAI(admin_api_key=KEY, base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(APIConnectionError) as ei:
        c.admin.organization.users.retrieve("u")
    assert not isinstance(ei.value, APITimeoutError)

    def slow(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        time.sleep(0.5)
        return 200, {}, json.dumps(USER).encode()

    scripted.handler = slow
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=0, timeout=0.1)
    with pytest.raises(APITimeoutError):
        c.admin.organization.users.retrieve("u")
    with pytest.raises(APITimeoutError):
        OpenAI(
            admin_api_key=KEY, base_url=scripted.url, max_retries=0
        ).admin.organization.users.retrieve("u", timeout=0.1)


def test_async_errors(scripted: Scripted) -> None:
    scripted.json(404, {"error": {"message": "gone"}})

    async def main() -> None:
        c = AsyncOpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=0)
        with pytest.raises(NotFoundError):
            await c.admin.organization.users.retrieve("u")
        with pytest.raises(NotFoundError):
            async for _ in c.admin.organization.users.list():
                pass
        with pytest.raises(ValueError, match="user_id"):
            await c.admin.organization.users.retrieve("")

    asyncio.run(main())


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_bad_path_ids(client: OpenAI, bad: str) -> None:
    with pytest.raises(ValueError, match="user_id"):
        client.admin.organization.users.retrieve(bad)
    with pytest.raises(ValueError, match="project_id"):
        client.admin.organization.projects.users.retrieve("user_1", project_id=bad)


def test_wrong_types_and_unknown_params(client: OpenAI) -> None:
    with pytest.raises(ValueError, match="limit"):
        client.admin.organization.users.list(limit="many")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.admin.organization.users.list(limt=5)  # type: ignore[call-arg]
