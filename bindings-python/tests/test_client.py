"""Client behaviour: options, paging, raw responses, exceptions, bad ids, forward compatibility,
logging, secrets."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Dict, List

import pytest
from conftest import KEY, USER, Scripted, created_admin_key, users_page

import openai_admin
from openai_admin import (
    AsyncOpenAI,
    InvalidInputError,
    OpenAI,
    OpenAIError,
)


def test_aliases() -> None:
    assert OpenAI is openai_admin.AdminClient
    assert AsyncOpenAI is openai_admin.AsyncAdminClient


def test_key_from_env_and_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_ADMIN_KEY", raising=False)
    with pytest.raises(OpenAIError, match="OPENAI_ADMIN_KEY"):
        OpenAI()
    monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    c = OpenAI()
    assert c.base_url == "http://127.0.0.1:9/v1"
    monkeypatch.delenv("OPENAI_BASE_URL")
    assert OpenAI().base_url == "https://api.openai.com/v1"


def test_settings_of_the_wrong_type_are_typed_errors() -> None:
    for bad in ({"max_retries": "3"}, {"max_retries": -1}, {"max_pages": 1.5}):
        with pytest.raises(InvalidInputError, match="client settings") as e:
            OpenAI(admin_api_key=KEY, **bad)  # type: ignore[arg-type]
        assert KEY not in str(e.value)
    with pytest.raises(InvalidInputError, match="client settings"):
        OpenAI(admin_api_key=7)  # type: ignore[arg-type]


def test_extras_take_any_mapping(scripted: Scripted) -> None:
    from types import MappingProxyType

    scripted.json(200, USER)
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url + "/v1")
    c.admin.organization.users.retrieve(
        "user_1", extra_headers=MappingProxyType({"x-b": "2"}), extra_query=MappingProxyType({})
    )
    assert scripted.requests[-1][2]["x-b"] == "2"
    with pytest.raises(TypeError):
        c.admin.organization.users.retrieve("user_1", extra_headers=[("x-b", "2")])  # type: ignore[arg-type]


def test_headers_and_options(scripted: Scripted) -> None:
    scripted.json(200, USER)
    c = OpenAI(
        admin_api_key=KEY,
        base_url=scripted.url + "/v1",
        organization="org_1",
        project="proj_1",
        default_headers={"x-a": "1"},
        default_query={"q": "z"},
    )
    u = c.admin.organization.users.retrieve(
        "user 1", extra_headers={"x-b": "2"}, extra_query={"e": "3"}, timeout=5
    )
    assert u.id == "user_1"
    method, path, headers, _ = scripted.requests[-1]
    assert method == "GET"
    assert path.startswith("/v1/organization/users/user%201?")
    assert "q=z" in path and "e=3" in path
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["openai-organization"] == "org_1"
    assert headers["openai-project"] == "proj_1"
    assert headers["x-a"] == "1" and headers["x-b"] == "2"
    assert headers["user-agent"].startswith("openai-admin-python/")


def test_body_and_extra_body(scripted: Scripted) -> None:
    scripted.json(
        200,
        {
            "object": "organization.invite",
            "id": "i",
            "email": "e@x.io",
            "role": "reader",
            "status": "pending",
            "created_at": 1,
            "projects": [],
        },
    )
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    inv = c.admin.organization.invites.create(
        email="e@x.io", role="reader", extra_body={"note": "hi"}
    )
    assert inv.status == "pending"
    _, _, headers, body = scripted.requests[-1]
    assert json.loads(body) == {"email": "e@x.io", "role": "reader", "note": "hi"}
    assert headers["content-type"].startswith("application/json")


def test_none_clears_a_field_that_may_be_null(scripted: Scripted) -> None:
    project = {
        "object": "organization.project",
        "id": "p",
        "name": "n",
        "created_at": 1,
        "status": "active",
    }
    scripted.json(200, project)
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    c.admin.organization.projects.update("p", name="n")
    c.admin.organization.projects.update("p", external_key_id=None)
    assert json.loads(scripted.requests[-2][3]) == {"name": "n"}
    assert json.loads(scripted.requests[-1][3]) == {"external_key_id": None}


def test_auto_paging_sync(scripted: Scripted) -> None:
    pages = {None: (["u1", "u2"], True), "u2": (["u3", "u4"], True), "u4": (["u5"], False)}

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        after = p.split("after=")[1].split("&")[0] if "after=" in p else None
        ids, more = pages[after]
        return 200, {}, json.dumps(users_page(ids, more)).encode()

    scripted.handler = handler
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    page = c.admin.organization.users.list(limit=2)
    assert [u.id for u in page.data] == ["u1", "u2"]
    assert page.has_more is True and page.last_id == "u2"
    assert [u.id for u in page] == ["u1", "u2", "u3", "u4", "u5"]
    assert [len(p.data) for p in page.iter_pages()] == [2, 2, 1]
    assert page.has_next_page()
    assert [u.id for u in page.get_next_page().data] == ["u3", "u4"]
    assert all("limit=2" in r[1] for r in scripted.requests)


def test_auto_paging_async(scripted: Scripted) -> None:
    pages = {None: (["u1", "u2"], True), "u2": (["u3"], False)}

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        after = p.split("after=")[1].split("&")[0] if "after=" in p else None
        ids, more = pages[after]
        return 200, {}, json.dumps(users_page(ids, more)).encode()

    scripted.handler = handler

    async def main() -> None:
        c = AsyncOpenAI(admin_api_key=KEY, base_url=scripted.url)
        async with c:
            ids = [u.id async for u in c.admin.organization.users.list()]
            assert ids == ["u1", "u2", "u3"]
            page = await c.admin.organization.users.list()
            assert [len(p.data) async for p in page.iter_pages()] == [2, 1]

    asyncio.run(main())


def test_a_single_page_list_reads_missing_page_fields_as_none(scripted: Scripted) -> None:
    cert = {"object": "organization.certificate", "id": "cert_1", "active": True}
    scripted.json(200, {"object": "list", "data": [cert]})
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    page = c.admin.organization.certificates.activate(certificate_ids=["cert_1"])
    assert (page.has_more, page.last_id, page.next_page) == (None, None, None)
    assert not page.has_next_page() and [x.id for x in page] == ["cert_1"]
    assert repr(page) == "SyncPage(data=[...1 items], has_more=None)"
    with pytest.raises(AttributeError):
        page.not_a_page_field  # noqa: B018


def test_usage_pages_follow_next_page(scripted: Scripted) -> None:
    def bucket(i: int) -> Dict[str, Any]:
        return {
            "object": "bucket",
            "start_time": i,
            "end_time": i + 1,
            "results": [
                {
                    "object": "organization.costs.result",
                    "amount": {"value": 1.5, "currency": "usd"},
                    "project_id": "p",
                }
            ],
        }

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        second = "page=pg2" in p
        body = {
            "object": "page",
            "data": [bucket(2 if second else 1)],
            "has_more": not second,
            "next_page": None if second else "pg2",
        }
        return 200, {}, json.dumps(body).encode()

    scripted.handler = handler
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    page = c.admin.organization.usage.costs(start_time=1, group_by=["project_id"])
    assert page.next_page == "pg2"
    assert page.last_id is None  # not a field of usage pages
    buckets = list(page)
    assert [b.start_time for b in buckets] == [1, 2]
    assert buckets[0].results[0].amount.value == 1.5
    assert "group_by[]=project_id" in scripted.requests[0][1]


def scripted_pages(scripted: Scripted, pages: Dict[Any, Any]) -> None:
    """Serves users pages by their `after` cursor: `pages[after] = (ids, has_more, last_id)`."""

    def handler(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        after = p.split("after=")[1].split("&")[0] if "after=" in p else None
        ids, more, last = pages[after]
        return 200, {}, json.dumps(dict(users_page(ids, more), last_id=last)).encode()

    scripted.handler = handler


def test_a_cursor_cycle_stops(scripted: Scripted) -> None:
    # A -> B -> A: the third page hands back a cursor the walk has already followed.
    scripted_pages(
        scripted, {None: (["u1"], True, "A"), "A": (["u2"], True, "B"), "B": (["u3"], True, "A")}
    )
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    page = c.admin.organization.users.list()
    assert [u.id for u in page] == ["u1", "u2", "u3"]
    assert len(scripted.requests) == 3
    # Walking again from the first page decides the same way.
    assert [len(p.data) for p in page.iter_pages()] == [1, 1, 1]
    second = page.get_next_page().get_next_page()
    assert not second.has_next_page()

    async def main() -> List[str]:
        ac = AsyncOpenAI(admin_api_key=KEY, base_url=scripted.url)
        return [u.id async for u in ac.admin.organization.users.list()]

    assert asyncio.run(main()) == ["u1", "u2", "u3"]


def test_the_page_cap_stops_an_endless_walk(scripted: Scripted) -> None:
    n = [0]

    def endless(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        n[0] += 1
        return 200, {}, json.dumps(users_page([f"u{n[0]}"], True)).encode()

    scripted.handler = endless
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url, max_pages=5)
    assert c.max_pages == 5
    assert [u.id for u in c.admin.organization.users.list()] == ["u1", "u2", "u3", "u4", "u5"]
    assert OpenAI(admin_api_key=KEY).max_pages == openai_admin.DEFAULT_MAX_PAGES > 5


def test_empty_env_values_are_unset(scripted: Scripted, monkeypatch: pytest.MonkeyPatch) -> None:
    scripted.json(200, USER)
    monkeypatch.setenv("OPENAI_ADMIN_KEY", KEY)
    monkeypatch.setenv("OPENAI_ORG_ID", "")
    monkeypatch.setenv("OPENAI_PROJECT_ID", " ")
    monkeypatch.setenv("OPENAI_BASE_URL", scripted.url + "/")
    c = OpenAI()
    assert (c.organization, c.project, c.base_url) == (None, None, scripted.url)
    c.admin.organization.users.retrieve("u")
    headers = scripted.requests[-1][2]
    assert "openai-organization" not in headers and "openai-project" not in headers
    monkeypatch.setenv("OPENAI_ORG_ID", "org_env")
    assert OpenAI().organization == "org_env"
    assert OpenAI(organization="org_arg").organization == "org_arg"
    monkeypatch.setenv("OPENAI_ADMIN_KEY", "")
    with pytest.raises(OpenAIError, match="OPENAI_ADMIN_KEY"):
        OpenAI()


def test_invalid_input_is_raised_before_sending(scripted: Scripted) -> None:
    scripted.json(200, USER)
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    with pytest.raises(InvalidInputError) as ei:
        c.admin.organization.users.retrieve("..")
    assert ei.value.param == "user_id" and "user_id" in ei.value.message
    assert isinstance(ei.value, ValueError) and isinstance(ei.value, OpenAIError)
    with pytest.raises(InvalidInputError, match="limit"):
        c.admin.organization.users.list(limit="many")  # type: ignore[arg-type]
    assert scripted.requests == []


def test_steady_loop_guard(client: OpenAI) -> None:
    # Steady answers every page of this list with has_more=true and the same items.
    items = list(client.admin.organization.admin_api_keys.list())
    assert 1 <= len(items) <= 2


def test_forward_compatibility(scripted: Scripted) -> None:
    scripted.json(200, dict(USER, role="galactic_admin", from_the_future={"x": 1}))
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    u = c.admin.organization.users.retrieve("u")
    assert u.role == "galactic_admin"
    assert u.from_the_future == {"x": 1}
    assert u.to_dict()["from_the_future"] == {"x": 1}
    assert json.loads(u.to_json())["role"] == "galactic_admin"
    with pytest.raises(AttributeError):
        u.no_such_field  # noqa: B018


def test_model_behaviour(scripted: Scripted) -> None:
    scripted.json(200, USER)
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    a = c.admin.organization.users.retrieve("u")
    b = c.admin.organization.users.retrieve("u")
    assert a == b and a is not b
    assert a.is_default is None  # optional and absent
    assert "email" in dir(a)
    assert repr(a).startswith("User(")


def test_repr_hides_secrets(scripted: Scripted) -> None:
    secret = "sk-admin-very-secret-value"
    scripted.json(200, created_admin_key(secret))
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    key = c.admin.organization.admin_api_keys.create(name="n")
    assert key.value == secret
    assert secret not in repr(key) and secret not in str(key)
    assert KEY not in repr(c)


def test_logging(scripted: Scripted, caplog: pytest.LogCaptureFixture) -> None:
    scripted.json(200, USER)
    c = OpenAI(admin_api_key=KEY, base_url=scripted.url)
    with caplog.at_level(logging.DEBUG, logger="openai_admin"):
        c.admin.organization.users.retrieve("u")
    text = caplog.text
    assert "HTTP Request: GET" in text
    assert KEY not in text
    assert "<redacted>" in text


def test_openai_log_sets_the_logger_level_as_the_official_client_does() -> None:
    import subprocess
    import sys

    from openai_admin import _core

    # The core reads the level; Python logs at the official client's two levels only.
    assert _core.log_level({"OPENAI_LOG": "debug"}) == "debug"
    assert _core.log_level({"OPENAI_LOG": "info"}) == "info"
    for quiet in ("warn", "error", "off", "verbose", "", " "):
        assert _core.log_level({"OPENAI_LOG": quiet}) is None, quiet
    assert _core.log_level({}) is None
    # And the package sets its logger from it when imported.
    probe = "import logging, openai_admin; print(logging.getLogger('openai_admin').level)"
    for value, level in (("debug", logging.DEBUG), ("info", logging.INFO), ("warn", 0)):
        env = {"OPENAI_LOG": value, "PATH": ""}
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True)
        assert out.stdout.decode().strip() == str(level), (value, out.stderr)


def test_context_managers(scripted: Scripted) -> None:
    scripted.json(200, USER)
    with OpenAI(admin_api_key=KEY, base_url=scripted.url) as c:
        assert c.admin.organization.users.retrieve("u").id == "user_1"
    c.close()


def test_ctrl_c_interrupts_a_waiting_call(scripted: Scripted) -> None:
    import signal
    import subprocess
    import sys

    def slow(m: str, p: str, h: Dict[str, str], b: bytes) -> Any:
        time.sleep(5)
        return 200, {}, json.dumps(USER).encode()

    scripted.handler = slow
    code = (
        "import sys\n"
        "from openai_admin import OpenAI\n"
        f"c = OpenAI(admin_api_key='k', base_url={scripted.url!r}, max_retries=0)\n"
        "print('ready', flush=True)\n"
        "try:\n"
        "    c.admin.organization.users.retrieve('u')\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=4)
    assert "interrupted" in out
    assert time.monotonic() - started < 3
