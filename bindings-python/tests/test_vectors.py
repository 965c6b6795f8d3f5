"""The shared vectors (tests/vectors/*.json) replayed through the package's by-name layer (the
one the generated methods call), against a local server that records each request and answers
with the vector's response."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest
from conftest import Scripted

from openai_admin import (
    NOT_GIVEN,
    AdminClient,
    APIResponseValidationError,
    APIStatusError,
    InvalidInputError,
)

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load(name: str) -> Dict[str, Any]:
    return json.loads((VECTORS / f"{name}.json").read_text())  # type: ignore[no-any-return]


REQUESTS = load("requests")
RESPONSES = load("responses")["cases"]
PAGES = load("pages")["cases"]
GENERATED = Path(__file__).parent / "generated" / "cases.json"
# The smallest call of each method (its required arguments), from the generated cases.
FIRST_CALL = {c["sdk_method"]: c["calls"][0] for c in json.loads(GENERATED.read_text())["cases"]}
# A call's extra headers, query and body, its timeout, and "not raw".
PLAIN = (None, None, None, NOT_GIVEN, False)


def client_for(server: Scripted, key: str = "sk-admin-vectors", strict: bool = True) -> AdminClient:
    return AdminClient(
        admin_api_key=key,
        base_url=server.url + "/v1",
        max_retries=0,
        _strict_response_validation=strict,
    )


@pytest.mark.parametrize("case", REQUESTS["cases"], ids=lambda c: c["name"])
def test_requests(case: Dict[str, Any], scripted: Scripted) -> None:
    # The answer is not what the operation returns: only the request is checked.
    client = client_for(scripted, REQUESTS["api_key"], strict=False)
    scripted.handler = lambda m, p, h, b: (200, {}, b"{}")
    if "error" in case:
        with pytest.raises(InvalidInputError, match=f"`{case['error']['param']}`") as ei:
            client._call(case["sdk_method"], case["params"], *PLAIN)
        assert ei.value.param == case["error"]["param"]
        assert scripted.requests == [], "nothing is sent for bad input"
        return
    client._call(case["sdk_method"], case["params"], *PLAIN)
    [(method, path, headers, body)] = scripted.requests
    want = case["expect"]
    assert method == want["method"]
    assert path == "/v1" + want["url"]
    if want["body"] is None:
        assert body == b""
    else:
        assert json.loads(body) == want["body"]
    assert headers["authorization"] == "Bearer " + REQUESTS["api_key"]


def compare(value: Any, want: Any) -> None:
    if isinstance(want, dict):
        for k, v in want.items():
            got = value[k] if isinstance(value, dict) else getattr(value, k)
            compare(got, v)
    elif isinstance(want, list):
        assert len(value) == len(want)
        for got, w in zip(value, want):
            compare(got, w)
    else:
        if hasattr(value, "to_dict"):
            value = value.to_dict()
        assert value == want


@pytest.mark.parametrize("case", RESPONSES, ids=lambda c: c["name"])
def test_responses(case: Dict[str, Any], scripted: Scripted) -> None:
    answer = (case["status"], case.get("headers") or {}, case["body"].encode())
    scripted.handler = lambda m, p, h, b: answer
    client = client_for(scripted)

    method: Any = client
    for name in case["sdk_method"].split("."):
        method = getattr(method, name)
    args = FIRST_CALL[case["sdk_method"]]

    def call() -> Any:
        return method(*args["args"], **args["kwargs"])

    if "error" not in case:
        compare(call(), case["expect"])
        return
    err = case["error"]
    if err["kind"] == "decode":
        with pytest.raises(APIResponseValidationError):
            call()
        return
    with pytest.raises(APIStatusError) as ei:
        call()
    e = ei.value
    assert e.status_code == err["status"]
    if "message" in err:
        assert err["message"] in e.message
    for field, attr in [
        ("request_id", "request_id"),
        ("error_type", "type"),
        ("param", "param"),
        ("code", "code"),
    ]:
        if field in err:
            assert getattr(e, attr) == err[field]


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c["name"])
def test_pages(case: Dict[str, Any], scripted: Scripted) -> None:
    scripted.json(200, case["page"])
    page = client_for(scripted)._page(case["sdk_method"], case["params"], *PLAIN)
    info = page.next_page_info()
    assert (None if info is None else info.params) == case["next"]
