"""The shared fault scenarios (tests/vectors/faults.json) against the fault server
(fault-server/), through the sync and the async client: attempts, waits within the jitter
bounds, error classes and fields, walks under faults (every item once, in order, and the
cursor to resume from), and hostile path ids (the path the server saw)."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

import openai_admin
from openai_admin import AdminClient, AsyncAdminClient

ROOT = Path(__file__).resolve().parents[2]
DOC: Dict[str, Any] = json.loads((ROOT / "tests" / "vectors" / "faults.json").read_text())
SCENARIOS: List[Dict[str, Any]] = DOC["scenarios"]
HOSTILE: Dict[str, Any] = DOC["hostile_ids"]

# Timer rounding allowed before a wait's lower bound, scheduling slack past its upper bound.
EARLY, LATE = 0.005, 0.35

# What the scenarios counted, per client flavour (printed at the end of the session).
TALLY: Dict[str, Dict[str, int]] = {}
FIGURES = ROOT / "target" / "python" / "fault-figures.txt"


class FaultServer:
    """The fault server binary, started once for the session; each scenario posts its script
    (which also clears the record)."""

    def __init__(self) -> None:
        exe = ROOT / "target" / "debug" / "fault-server"
        if not exe.exists():
            subprocess.run(["cargo", "build", "-q", "-p", "fault-server"], cwd=ROOT, check=True)
        self.proc = subprocess.Popen(
            [str(exe), "--exit-on-stdin-eof"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().decode().strip()
        assert self.url.startswith("http://127.0.0.1:"), self.url

    def script(self, script: Dict[str, Any]) -> None:
        req = urllib.request.Request(
            self.url + "/__faults/script",
            data=json.dumps(script).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req) as r:
            assert r.status == 200

    def log(self) -> List[Dict[str, Any]]:
        with urllib.request.urlopen(self.url + "/__faults/log") as r:
            return json.loads(r.read())  # type: ignore[no-any-return]

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[FaultServer]:
    s = FaultServer()
    yield s
    s.stop()
    lines = [
        f"faults (python {flavour}): {t['scenarios']} scenarios, {t['requests']} requests, "
        f"{t['faults']} faults injected and survived, {t['items']} items paged under faults, "
        f"{t.get('hostile', 0)} hostile ids tried"
        for flavour, t in sorted(TALLY.items())
    ]
    # pytest captures the output; scripts/test-python shows this file after the run.
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    FIGURES.write_text("".join(line + "\n" for line in lines))
    print("\n" + "\n".join(lines))


def tally(flavour: str, **counts: int) -> None:
    t = TALLY.setdefault(flavour, {"scenarios": 0, "requests": 0, "faults": 0, "items": 0})
    for k, v in counts.items():
        t[k] = t.get(k, 0) + v


def settings(sc: Dict[str, Any]) -> Dict[str, Any]:
    return {**DOC["client"], **sc.get("client", {})}


def make_client(cls: Any, server: FaultServer, spec: Dict[str, Any]) -> Any:
    kw: Dict[str, Any] = {}
    if "timeout_ms" in spec:
        kw["timeout"] = spec["timeout_ms"] / 1000
    for name in ("max_retries", "max_pages", "max_response_bytes", "retry_non_idempotent"):
        if name in spec:
            kw[name] = spec[name]
    return cls(admin_api_key=DOC["admin_key"], base_url=server.url + DOC["base_path"], **kw)


def method_of(client: Any, sdk_method: str) -> Any:
    node = client
    for part in sdk_method.split("."):
        node = getattr(node, part)
    return node


# ---------------------------------------------------------------------------------------------
# Checks shared by both flavours


def step_for(script: Dict[str, Any], n: int) -> Optional[Dict[str, Any]]:
    """The step the server answered request `n` (from 1) with, as fault-server/README.md says."""
    if str(n) in script.get("at", {}):
        return script["at"][str(n)]  # type: ignore[no-any-return]
    i = 0
    for step in script.get("steps", []):
        i += step.get("times", 1)
        if n <= i:
            return step  # type: ignore[no-any-return]
    return script.get("otherwise")


def is_fault(step: Optional[Dict[str, Any]]) -> bool:
    if step is None:
        return False
    status = step.get("status")
    keys = ("reset", "truncate", "claim_length", "huge", "redirect")
    return (
        not (status is None or 200 <= status < 300)
        or any(step.get(k) is not None for k in keys)
        or any(step.get(k) for k in ("malformed", "html", "no_length", "delay_ms", "drip_ms"))
    )


KIND_CLASS = {
    "status": openai_admin.APIStatusError,
    "timeout": openai_admin.APITimeoutError,
    "connection": openai_admin.APIConnectionError,
    "decode": openai_admin.APIResponseValidationError,
    "invalid_input": openai_admin.InvalidInputError,
}


def check_error(name: str, e: BaseException, want: Dict[str, Any]) -> None:
    assert isinstance(e, openai_admin.OpenAIError), f"{name}: {e!r}"
    for k, v in want.items():
        if k == "kind":
            assert isinstance(e, KIND_CLASS[v]), f"{name}: {e!r} is not of kind {v}"
        elif k == "class":
            assert type(e).__name__ == v, f"{name}: {e!r}"
        elif k == "class_js":
            pass  # the JS package's name
        elif k == "status":
            assert getattr(e, "status_code", None) == v, f"{name}: status of {e!r}"
        elif k == "message":
            assert v in str(e), f"{name}: {e!r}"
        else:
            assert getattr(e, k, None) == v, f"{name}: {k} of {e!r}"
    # The key never shows in an error.
    assert DOC["admin_key"] not in f"{e!r} {e}", name


def check_items(name: str, ids: List[str], want: Dict[str, Any]) -> None:
    assert len(ids) == want["count"], f"{name}: items"
    if "first" in want:
        assert ids[0] == want["first"], name
    if "last" in want:
        assert ids[-1] == want["last"], name
    if want.get("ordered"):
        assert all(a < b for a, b in zip(ids, ids[1:])), f"{name}: out of order or repeated"


def check_log(sc: Dict[str, Any], log: List[Dict[str, Any]], walked: bool) -> None:
    name, ex = sc["name"], sc["expect"]
    assert len(log) == ex["attempts"], f"{name}: attempts"
    for r in log:
        assert r["headers"].get("authorization") == f"Bearer {DOC['admin_key']}", name
    if not walked:
        first = (log[0]["method"], log[0]["target"], log[0]["body"])
        for r in log[1:]:
            assert (r["method"], r["target"], r["body"]) == first, f"{name}: a retry differs"
    if "waits" in ex:
        assert len(ex["waits"]) + 1 == len(log), f"{name}: one wait per retry"
        for i, (lo, hi) in enumerate(ex["waits"]):
            gap = (log[i + 1]["at_ms"] - log[i]["at_ms"]) / 1000
            assert lo - EARLY <= gap <= hi + LATE, (
                f"{name}: wait {i} was {gap:.3f}s, not {lo}..{hi}"
            )
    if "paths" in ex:
        assert [r["target"] for r in log] == ex["paths"], f"{name}: paths"


def finish(
    flavour: str,
    server: FaultServer,
    sc: Dict[str, Any],
    outcome: Tuple[Any, Optional[BaseException]],
    ids: Optional[List[str]],
) -> List[Dict[str, Any]]:
    name, ex = sc["name"], sc["expect"]
    result, error = outcome
    log = server.log()
    check_log(sc, log, ids is not None)
    if "error" in ex:
        assert error is not None, f"{name}: succeeded, expected {ex['error']}"
        check_error(name, error, ex["error"])
    else:
        assert error is None, f"{name}: failed with {error!r}"
    if ids is not None:
        if "items" in ex:
            check_items(name, ids, ex["items"])
        if "resume_cursor" in ex:
            assert getattr(error, "resume_cursor", None) == ex["resume_cursor"], name
    elif "result" in ex:
        for k, v in ex["result"].items():
            assert getattr(result, k) == v, f"{name}: result field {k}"
    faults = sum(is_fault(step_for(sc["script"], r["n"])) for r in log)
    tally(flavour, scenarios=1, requests=len(log), faults=faults, items=len(ids or []))
    return log


def check_resume(
    flavour: str,
    server: FaultServer,
    sc: Dict[str, Any],
    before: List[Dict[str, Any]],
    ids: List[str],
    again: List[str],
) -> None:
    name, want = sc["name"], sc["expect"]["resume"]
    log = server.log()
    assert len(log) - len(before) == want["attempts"], f"{name}: resumed attempts"
    check_items(name, again, want["items"])
    assert not set(ids) & set(again), f"{name}: an item came twice"
    tally(flavour, requests=len(log) - len(before), items=len(again))


# ---------------------------------------------------------------------------------------------
# The scenarios, sync


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda s: s["name"])
def test_scenario_sync(server: FaultServer, sc: Dict[str, Any]) -> None:
    server.script(sc["script"])
    client = make_client(AdminClient, server, settings(sc))
    call = sc["call"]
    fn = method_of(client, call["sdk_method"])
    result: Any = None
    error: Optional[BaseException] = None
    ids: Optional[List[str]] = None
    if call.get("walk") == "items":
        ids = []
        try:
            for item in fn(**call["params"]):
                ids.append(item.id)
        except openai_admin.OpenAIError as e:
            error = e
    else:
        try:
            result = fn(**call["params"])
        except openai_admin.OpenAIError as e:
            error = e
    log = finish("sync", server, sc, (result, error), ids)
    if "resume" in sc["expect"]:
        assert ids is not None and error is not None
        cursor = getattr(error, "resume_cursor", None)
        again = [u.id for u in fn(**call["params"], after=cursor)]
        check_resume("sync", server, sc, log, ids, again)


# ---------------------------------------------------------------------------------------------
# The scenarios, async


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda s: s["name"])
async def test_scenario_async(server: FaultServer, sc: Dict[str, Any]) -> None:
    server.script(sc["script"])
    client = make_client(AsyncAdminClient, server, settings(sc))
    call = sc["call"]
    fn = method_of(client, call["sdk_method"])
    result: Any = None
    error: Optional[BaseException] = None
    ids: Optional[List[str]] = None
    if call.get("walk") == "items":
        ids = []
        try:
            async for item in fn(**call["params"]):
                ids.append(item.id)
        except openai_admin.OpenAIError as e:
            error = e
    else:
        try:
            result = await fn(**call["params"])
        except openai_admin.OpenAIError as e:
            error = e
    log = finish("async", server, sc, (result, error), ids)
    if "resume" in sc["expect"]:
        assert ids is not None and error is not None
        cursor = getattr(error, "resume_cursor", None)
        again = [u.id async for u in fn(**call["params"], after=cursor)]
        check_resume("async", server, sc, log, ids, again)


# ---------------------------------------------------------------------------------------------
# Hostile path ids


def hostile_cases() -> List[Tuple[str, str, Dict[str, Any]]]:
    out = []
    for case in HOSTILE["cases"]:
        if "id_repeat" in case:
            r = case["id_repeat"]
            id_ = r.get("prefix", "") + r["text"] * r["times"]
        else:
            id_ = case["id"]
        out.append((case["name"], id_, case["expect"]))
    return out


def want_path(expect: Dict[str, Any]) -> str:
    if "path_repeat" in expect:
        r = expect["path_repeat"]
        return r.get("prefix", "") + r["text"] * r["times"]  # type: ignore[no-any-return]
    return expect["path"]  # type: ignore[no-any-return]


def test_hostile_ids_sync(server: FaultServer) -> None:
    server.script({"otherwise": HOSTILE["answer"]})
    client = make_client(AdminClient, server, {})
    fn = method_of(client, HOSTILE["sdk_method"])
    tried = 0
    for name, id_, expect in hostile_cases():
        before = len(server.log())
        if "error" in expect:
            with pytest.raises(openai_admin.InvalidInputError) as ei:
                fn(**{HOSTILE["param"]: id_})
            check_error(name, ei.value, expect["error"])
            assert ei.value.param == expect["error"]["param"], name
            assert len(server.log()) == before, f"{name}: nothing may be sent"
        else:
            fn(**{HOSTILE["param"]: id_})
            log = server.log()
            assert len(log) == before + 1, name
            assert log[-1]["method"] == "GET", name
            assert log[-1]["target"] == want_path(expect), f"{name}: the path the server saw"
        tried += 1
    tally("sync", hostile=tried)


async def test_hostile_ids_async(server: FaultServer) -> None:
    server.script({"otherwise": HOSTILE["answer"]})
    client = make_client(AsyncAdminClient, server, {})
    fn = method_of(client, HOSTILE["sdk_method"])
    tried = 0
    for name, id_, expect in hostile_cases():
        before = len(server.log())
        if "error" in expect:
            with pytest.raises(openai_admin.InvalidInputError) as ei:
                await fn(**{HOSTILE["param"]: id_})
            check_error(name, ei.value, expect["error"])
            assert len(server.log()) == before, f"{name}: nothing may be sent"
        else:
            await fn(**{HOSTILE["param"]: id_})
            log = server.log()
            assert len(log) == before + 1, name
            assert log[-1]["target"] == want_path(expect), f"{name}: the path the server saw"
        tried += 1
    tally("async", hostile=tried)
