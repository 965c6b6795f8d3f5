"""The shared vectors (tests/vectors/*.json) replayed through the package's by-name layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from openai_admin import APIResponseValidationError, APIStatusError, _core

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load(name: str) -> Dict[str, Any]:
    return json.loads((VECTORS / f"{name}.json").read_text())  # type: ignore[no-any-return]


REQUESTS = load("requests")
RESPONSES = load("responses")["cases"]
PAGES = load("pages")["cases"]


@pytest.mark.parametrize("case", REQUESTS["cases"], ids=lambda c: c["name"])
def test_requests(case: Dict[str, Any]) -> None:
    base, key = REQUESTS["base_url"], REQUESTS["api_key"]
    if "error" in case:
        with pytest.raises(ValueError, match=f"`{case['error']['param']}`"):
            _core.build_request(case["sdk_method"], case["params"], base, key)
        return
    method, url, headers, body = _core.build_request(case["sdk_method"], case["params"], base, key)
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
    if "error" not in case:
        compare(_core.parse_body(case["sdk_method"], case["status"], body, headers), case["expect"])
        return
    err = case["error"]
    if err["kind"] == "decode":
        with pytest.raises(APIResponseValidationError):
            _core.parse_body(case["sdk_method"], case["status"], body, headers)
        return
    with pytest.raises(APIStatusError) as ei:
        _core.parse_body(case["sdk_method"], case["status"], body, headers)
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
    assert _core.next_params(case["sdk_method"], case["params"], page) == case["next"]
