"""The shared vectors (tests/vectors/*.json) replayed through the package's by-name layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from openai_admin import APIResponseValidationError, APIStatusError, InvalidInputError, _core

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load(name: str) -> Dict[str, Any]:
    return json.loads((VECTORS / f"{name}.json").read_text())  # type: ignore[no-any-return]


REQUESTS = load("requests")
RESPONSES = load("responses")["cases"]
PAGES = load("pages")["cases"]


@pytest.mark.parametrize("case", REQUESTS["cases"], ids=lambda c: c["name"])
def test_requests(case: Dict[str, Any]) -> None:
    base, key = REQUESTS["base_url"], REQUESTS["api_key"]
    core = _core.CoreClient({}, api_key=key, base_url=base)
    if "error" in case:
        with pytest.raises(InvalidInputError, match=f"`{case['error']['param']}`") as ei:
            core.build(case["sdk_method"], case["params"])
        assert ei.value.param == case["error"]["param"]
        return
    method, url, headers, body = core.build(case["sdk_method"], case["params"])
    want = case["expect"]
    assert method == want["method"]
    assert url == base + want["url"]
    if want["body"] is None:
        assert body is None
    else:
        assert body is not None and json.loads(body) == want["body"]
    assert ("authorization", "<redacted>") in headers


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
def test_responses(case: Dict[str, Any]) -> None:
    body = case["body"].encode()
    headers = case.get("headers") or {}
    args = (case["sdk_method"], case["status"], body, headers)
    if "error" not in case:
        compare(_core.response(*args).parse(), case["expect"])
        return
    err = case["error"]
    if err["kind"] == "decode":
        with pytest.raises(APIResponseValidationError):
            _core.response(*args)
        return
    with pytest.raises(APIStatusError) as ei:
        _core.response(*args)
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
def test_pages(case: Dict[str, Any]) -> None:
    page = json.dumps(case["page"]).encode()
    resp = _core.response(case["sdk_method"], 200, page, params=case["params"])
    assert resp.next_params() == case["next"]
