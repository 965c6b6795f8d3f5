"""Reliability and secrets, against the fault server: retry options (client, copy, per call),
no timeout, escaped query keys, cyclic and very deep params, bad `to_json` arguments, panics,
cancellation, and keys kept out of repr, str, errors and debug logs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from typing import Any, Dict, List

import pytest
from test_faults import DOC, FaultServer, server  # noqa: F401  (the session fixture)

import openai_admin
from openai_admin import AdminClient, AsyncAdminClient, _core

KEY = DOC["admin_key"]


@pytest.fixture
def fs(request: pytest.FixtureRequest) -> FaultServer:
    """The session's fault server (`server` in test_faults.py)."""
    return request.getfixturevalue("server")  # type: ignore[no-any-return]


USER = {"object": "organization.user", "id": "user_1", "name": "Ada", "added_at": 1}
FAIL_500 = {"status": 500, "headers": {"retry-after-ms": "10"}, "body": {"error": {}}}
PROJECT = {"object": "organization.project", "id": "proj_1", "name": "p", "created_at": 1}
CREATED = {"status": 201, "body": PROJECT}
NEW_KEY = "sk-admin-NEWLY-CREATED-SECRET-0123456789"
ADMIN_KEY_CREATED = {
    "status": 201,
    "body": {
        "object": "organization.admin_api_key",
        "id": "key_1",
        "name": "ci",
        "redacted_value": "sk-admin-...6789",
        "value": NEW_KEY,
        "created_at": 1,
        "owner": {"type": "user", "id": "user_1"},
    },
}
SA_CREATED = {
    "status": 201,
    "body": {
        "object": "organization.project.service_account",
        "id": "svc_1",
        "name": "bot",
        "role": "member",
        "created_at": 1,
        "api_key": {
            "object": "organization.project.service_account.api_key",
            "value": NEW_KEY,
            "name": "k",
            "created_at": 1,
            "id": "key_2",
        },
    },
}


def sync_client(fs: FaultServer, **kw: Any) -> AdminClient:
    return AdminClient(admin_api_key=KEY, base_url=fs.url + "/v1", **kw)


def async_client(fs: FaultServer, **kw: Any) -> AsyncAdminClient:
    return AsyncAdminClient(admin_api_key=KEY, base_url=fs.url + "/v1", **kw)


def targets(fs: FaultServer) -> List[str]:
    return [r["target"] for r in fs.log()]


# ---------------------------------------------------------------------------------------------
# Retries: creates are retried only when opted in; max_retries per client, copy and call


def test_retry_non_idempotent_is_opt_in(fs: FaultServer) -> None:
    script = {"steps": [FAIL_500, CREATED]}
    fs.script(script)
    c = sync_client(fs, max_retries=2)
    assert c.retry_non_idempotent is False
    with pytest.raises(openai_admin.InternalServerError):
        c.admin.organization.projects.create(name="p")
    assert len(fs.log()) == 1

    # Opted in through a copy (`with_options`): the create is sent again after the 500.
    fs.script(script)
    opted = c.with_options(retry_non_idempotent=True)
    assert opted.retry_non_idempotent is True
    assert opted.admin.organization.projects.create(name="p").id == "proj_1"
    assert len(fs.log()) == 2
    # A copy of the copy keeps the choice; the original is unchanged.
    assert opted.copy(max_retries=1).retry_non_idempotent is True
    assert c.retry_non_idempotent is False

    # Opted in on the client itself.
    fs.script(script)
    c2 = sync_client(fs, retry_non_idempotent=True)
    assert c2.admin.organization.projects.create(name="p").id == "proj_1"
    assert len(fs.log()) == 2


def test_max_retries_per_client_and_copy(fs: FaultServer) -> None:
    fail = {"steps": [dict(FAIL_500, times=10)]}
    for retries in (0, 1, 3):
        fs.script(fail)
        c = sync_client(fs, max_retries=retries)
        with pytest.raises(openai_admin.InternalServerError):
            c.admin.organization.users.retrieve("user_1")
        assert len(fs.log()) == retries + 1
    base = sync_client(fs, max_retries=3)
    fs.script(fail)
    with pytest.raises(openai_admin.InternalServerError):
        base.with_options(max_retries=0).admin.organization.users.retrieve("user_1")
    assert len(fs.log()) == 1


# ---------------------------------------------------------------------------------------------
# timeout=None is no timeout


def test_timeout_none_means_no_timeout(fs: FaultServer) -> None:
    c = sync_client(fs, timeout=None, max_retries=0)
    assert c.timeout is None
    assert c.copy(max_retries=1).timeout is None
    assert sync_client(fs).timeout == openai_admin.DEFAULT_TIMEOUT
    assert c.copy(timeout=2.5).timeout == 2.5
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    assert c.admin.organization.users.retrieve("user_1").id == "user_1"
    # The same delay with a short timeout fails: the timeout is real when given.
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    with pytest.raises(openai_admin.APITimeoutError):
        c.copy(timeout=0.2).admin.organization.users.retrieve("user_1")


def test_per_call_timeout_none_means_no_timeout(fs: FaultServer) -> None:
    """Per call, `timeout=None` turns the timeout off; leaving it out keeps the client's."""
    short = sync_client(fs, timeout=0.2, max_retries=0)
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    assert short.admin.organization.users.retrieve("user_1", timeout=None).id == "user_1"
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    with pytest.raises(openai_admin.APITimeoutError):
        short.admin.organization.users.retrieve("user_1")
    # And a number given per call replaces the client's, either way.
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    with pytest.raises(openai_admin.APITimeoutError):
        sync_client(fs, timeout=None, max_retries=0).admin.organization.users.retrieve(
            "user_1", timeout=0.2
        )
    fs.script({"steps": [{"delay_ms": 600, "body": USER}]})
    assert short.admin.organization.users.retrieve("user_1", timeout=5).id == "user_1"


async def test_per_call_timeout_none_async(fs: FaultServer) -> None:
    short = async_client(fs, timeout=0.2, max_retries=0)
    fs.script({"steps": [{"delay_ms": 1200, "body": USER}]})
    user = await short.admin.organization.users.retrieve("user_1", timeout=None)
    assert user.id == "user_1"


# ---------------------------------------------------------------------------------------------
# Query keys are escaped


def test_query_keys_are_escaped(fs: FaultServer) -> None:
    fs.script({"otherwise": {"body": USER}})
    c = sync_client(fs, default_query={"d&x=1#": "v&w"})
    c.admin.organization.users.retrieve("user_1", extra_query={"a=b&c#d": "1", "plain": "2"})
    (target,) = targets(fs)
    path, _, query = target.partition("?")
    assert path == "/v1/organization/users/user_1"
    assert query == "d%26x%3D1%23=v%26w&a%3Db%26c%23d=1&plain=2"


# ---------------------------------------------------------------------------------------------
# Cyclic and very deep values


def deep(n: int) -> List[Any]:
    root: List[Any] = []
    node = root
    for _ in range(n):
        child: List[Any] = []
        node.append(child)
        node = child
    return root


def hostile_values() -> Dict[str, Any]:
    cyclic_list: List[Any] = [1]
    cyclic_list.append(cyclic_list)
    cyclic_dict: Dict[str, Any] = {"a": 1}
    cyclic_dict["self"] = cyclic_dict
    deep_dict: Dict[str, Any] = {}
    node = deep_dict
    for _ in range(100_000):
        node["x"] = {}
        node = node["x"]
    return {
        "cyclic list": cyclic_list,
        "cyclic dict": cyclic_dict,
        "100,000-deep list": deep(100_000),
        "100,000-deep dict": deep_dict,
    }


def test_cyclic_and_deep_values_get_a_typed_error(fs: FaultServer) -> None:
    fs.script({"otherwise": CREATED})
    c = sync_client(fs)
    tried = 0
    for name, value in hostile_values().items():
        with pytest.raises(openai_admin.InvalidInputError, match="levels deep"):
            c.admin.organization.projects.create(name="p", extra_body={"v": value})
        with pytest.raises(openai_admin.InvalidInputError):
            c.admin.organization.projects.create(name=value)  # type: ignore[arg-type]
        with pytest.raises(openai_admin.InvalidInputError):
            c.admin.organization.users.retrieve("u", extra_query={"q": value})
        tried += 3
        assert fs.log() == [], f"{name}: nothing may be sent"
        # The same client and a new one still work.
        assert c.admin.organization.projects.create(name="p").id == "proj_1"
        assert sync_client(fs).admin.organization.projects.create(name="p").id == "proj_1"
        fs.script({"otherwise": CREATED})
    assert tried == 12


async def test_cyclic_values_async(fs: FaultServer) -> None:
    fs.script({"otherwise": CREATED})
    c = async_client(fs)
    for value in hostile_values().values():
        with pytest.raises(openai_admin.InvalidInputError):
            await c.admin.organization.projects.create(name="p", extra_body={"v": value})
    assert (await c.admin.organization.projects.create(name="p")).id == "proj_1"


# ---------------------------------------------------------------------------------------------
# to_json's arguments


def test_to_json_bad_indents_raise_typed_errors(fs: FaultServer) -> None:
    fs.script({"otherwise": {"body": USER}})
    u = sync_client(fs).admin.organization.users.retrieve("user_1")
    for bad in (2**63, 2**64, -1, 10**6):
        with pytest.raises(openai_admin.InvalidInputError):
            u.to_json(indent=bad)
        with pytest.raises(openai_admin.InvalidInputError):
            u.model_dump_json(indent=bad)
    for bad_type in (2**200, "x", 1.5):
        with pytest.raises((TypeError, OverflowError, ValueError)):
            u.to_json(indent=bad_type)  # type: ignore[arg-type]
    assert u.to_json(indent=0).startswith("{")
    assert u.to_json(indent=None) == u.model_dump_json(exclude_unset=True, by_alias=True)
    assert '\n    "id"' in u.to_json(indent=4)


# ---------------------------------------------------------------------------------------------
# Panics become OpenAIError


def test_a_panic_is_an_openai_error_sync(fs: FaultServer) -> None:
    fs.script({"otherwise": {"body": USER}})
    c = sync_client(fs)
    for site in ("call", "task"):
        _core._panic_next(site)
        try:
            c.admin.organization.users.retrieve("user_1")
        except Exception as e:  # noqa: BLE001 - what `except Exception` catches is the point
            assert isinstance(e, openai_admin.OpenAIError), repr(e)
            assert isinstance(e, openai_admin._exceptions.InternalError)
            assert "test hook" in str(e)
        else:
            raise AssertionError(f"{site}: no panic")
        # The client, and a new one, still work.
        assert c.admin.organization.users.retrieve("user_1").id == "user_1"
        assert sync_client(fs).admin.organization.users.retrieve("user_1").id == "user_1"


async def test_a_panic_is_an_openai_error_async(fs: FaultServer) -> None:
    fs.script({"otherwise": {"body": USER}})
    c = async_client(fs)
    for site in ("call", "task"):
        _core._panic_next(site)
        with pytest.raises(openai_admin._exceptions.InternalError):
            await c.admin.organization.users.retrieve("user_1")
        assert (await c.admin.organization.users.retrieve("user_1")).id == "user_1"


# ---------------------------------------------------------------------------------------------
# Cancellation


async def test_cancel_during_the_request_stops_it(fs: FaultServer) -> None:
    fs.script({"steps": [{"delay_ms": 800, "body": USER}], "otherwise": {"body": USER}})
    c = async_client(fs)
    task = asyncio.ensure_future(c.admin.organization.users.retrieve("user_1"))
    await asyncio.sleep(0.2)
    assert len(fs.log()) == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(1.0)
    assert len(fs.log()) == 1, "a cancelled call sent a retry"
    assert (await c.admin.organization.users.retrieve("user_1")).id == "user_1"


async def test_cancel_during_the_backoff_sends_nothing_more(fs: FaultServer) -> None:
    wait_429 = {"status": 429, "headers": {"retry-after-ms": "800"}, "body": {"error": {}}}
    fs.script({"steps": [wait_429], "otherwise": {"body": USER}})
    c = async_client(fs)
    started = time.monotonic()
    task = asyncio.ensure_future(c.admin.organization.users.retrieve("user_1"))
    await asyncio.sleep(0.25)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 0.8  # the retry was due at 0.8 s
    await asyncio.sleep(1.0)
    assert len(fs.log()) == 1, "a cancelled call sent its retry"
    # A walk cancelled while waiting to retry a page stops too.
    fs.script(
        {
            "steps": [
                {"body": {"object": "list", "data": [USER], "has_more": True, "last_id": "user_1"}},
                wait_429,
            ],
            "otherwise": {"body": USER},
        }
    )

    async def walk() -> None:
        async for _ in c.admin.organization.users.list(limit=1):
            pass

    task = asyncio.ensure_future(walk())
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(1.0)
    assert len(fs.log()) == 2


# ---------------------------------------------------------------------------------------------
# Secrets


SECRETS = (KEY, NEW_KEY, "sk-HEADER-SECRET", "sk-API-KEY-SECRET", "sk-X-API-KEY", "COOKIE-SECRET")


def assert_hidden(shown: str) -> None:
    for s in SECRETS:
        assert s not in shown, f"{s} in {shown}"


def test_secrets_stay_out_of_repr_str_and_errors(fs: FaultServer) -> None:
    c = sync_client(fs, default_headers={"Authorization": "Bearer sk-HEADER-SECRET"})
    fs.script({"steps": [ADMIN_KEY_CREATED, SA_CREATED]})
    created = c.admin.organization.admin_api_keys.create(name="ci")
    assert created.value == NEW_KEY  # the caller gets it
    sa = c.admin.organization.projects.service_accounts.create("proj_1", name="bot")
    assert sa.api_key.value == NEW_KEY
    # The header given in default_headers is the one sent.
    assert fs.log()[0]["headers"]["authorization"] == "Bearer sk-HEADER-SECRET"
    raw = c.admin.organization.admin_api_keys.with_raw_response
    fs.script({"steps": [ADMIN_KEY_CREATED]})
    resp = raw.create(name="ci")
    for obj in (c, c.copy(), created, sa, sa.api_key, resp, resp.request, c._core.settings):
        assert_hidden(f"{obj!r} {obj}")
    assert_hidden(repr(resp.request.headers))
    # Errors: a 401, a reset and a timeout, with every credential header set.
    fs.script(
        {
            "steps": [
                {"status": 401, "body": {"error": {"message": "no"}}},
                {"reset": "before_head"},
                {"delay_ms": 600, "body": USER},
            ]
        }
    )
    extra = {"api-key": "sk-API-KEY-SECRET", "x-api-key": "sk-X-API-KEY", "cookie": "COOKIE-SECRET"}
    quick = c.copy(max_retries=0, timeout=0.2)
    for _ in range(3):
        with pytest.raises(openai_admin.APIError) as ei:
            quick.admin.organization.users.retrieve("user_1", extra_headers=extra)
        e = ei.value
        assert_hidden(f"{e!r} {e} {e.request!r} {e.body!r} {vars(e)!r}")
        if e.request is not None:
            assert_hidden(repr(e.request.headers))


LOG_SCRIPT = """
import sys
from openai_admin import AdminClient, APIError
c = AdminClient(admin_api_key=sys.argv[2], base_url=sys.argv[1],
                default_headers={"Authorization": "Bearer sk-HEADER-SECRET"}, max_retries=0)
extra = {"api-key": "sk-API-KEY-SECRET", "x-api-key": "sk-X-API-KEY", "cookie": "COOKIE-SECRET"}
k = c.admin.organization.admin_api_keys.create(name="ci", extra_headers=extra)
print(repr(k))
try:
    c.admin.organization.users.retrieve("u", extra_headers=extra)
except APIError as e:
    print(repr(e))
"""


def test_debug_logs_redact_credentials(fs: FaultServer) -> None:
    fs.script({"steps": [ADMIN_KEY_CREATED, {"status": 404, "body": {"error": {}}}]})
    env = dict(os.environ, OPENAI_LOG="debug")
    out = subprocess.run(
        [sys.executable, "-c", LOG_SCRIPT, fs.url + "/v1", KEY],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    logs = out.stdout + out.stderr
    assert "Request headers" in logs and "HTTP Request: POST" in logs, logs
    assert logs.count("<redacted>") >= 4, logs
    assert_hidden(logs)


# ---------------------------------------------------------------------------------------------
# Hostile query values and keys stay in their pair


def test_hostile_query_values_and_keys_stay_in_their_pair(fs: FaultServer) -> None:
    from urllib.parse import parse_qsl

    from test_faults import hostile_cases

    page = {"object": "list", "data": [], "has_more": False}
    fs.script({"otherwise": {"body": page}})
    c = sync_client(fs)
    tried = 0
    for name, text, _ in hostile_cases():
        if not text:
            continue
        # The 10,000-character ids go as a value only (three of them pass the URL limit).
        extra = {text: "v"} if len(text) < 1000 else {}
        c.admin.organization.users.list(limit=1, after=text, extra_query=extra)
        target = fs.log()[-1]["target"]
        path, _, query = target.partition("?")
        assert path == "/v1/organization/users", name
        pairs = parse_qsl(query, keep_blank_values=True, errors="strict")
        assert pairs == [("limit", "1"), ("after", text), *extra.items()], name
        tried += 1
    assert tried == len(hostile_cases()) - 1


# ---------------------------------------------------------------------------------------------
# Ctrl-C stops a sync call and its pending retry


def test_ctrl_c_stops_a_sync_call_during_the_backoff(fs: FaultServer) -> None:
    import _thread
    import threading

    wait_429 = {"status": 429, "headers": {"retry-after-ms": "800"}, "body": {"error": {}}}
    fs.script({"steps": [wait_429], "otherwise": {"body": USER}})
    c = sync_client(fs)
    timer = threading.Timer(0.25, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        c.admin.organization.users.retrieve("user_1")
    assert time.monotonic() - started < 0.8  # the retry was due at 0.8 s
    time.sleep(1.0)
    assert len(fs.log()) == 1, "an interrupted call sent its retry"
    assert c.admin.organization.users.retrieve("user_1").id == "user_1"
