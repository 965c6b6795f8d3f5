"""Every operation against Steady, sync and async, with required parameters only and with
every parameter; Steady must report no problem with any request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from openai_admin import AdminClient, AsyncAdminClient, AsyncPage, BaseModel, SyncPage

CASES = json.loads((Path(__file__).parent / "generated" / "cases.json").read_text())["cases"]
IDS = [c["sdk_method"] for c in CASES]


def test_every_operation_is_covered() -> None:
    from openai_admin import _core

    assert len(CASES) == _core.OPERATION_COUNT == 143


def resolve(root: Any, sdk_method: str) -> Any:
    parts = sdk_method.split(".")
    node = root
    for p in parts[:-1]:
        node = getattr(node, p)
    return node.with_raw_response, parts[-1]


def check_raw(raw: Any) -> None:
    assert raw.status_code == 200
    assert raw.headers.get("x-steady-error-count") == "0", raw.headers


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("which", [0, 1], ids=["required", "all"])
def test_sync(client: AdminClient, case: Dict[str, Any], which: int) -> None:
    call = case["calls"][which]
    node, verb = resolve(client, case["sdk_method"])
    raw = getattr(node, verb)(*call["args"], **call["kwargs"])
    check_raw(raw)
    result = raw.parse()
    if case["page"]:
        assert isinstance(result, SyncPage)
        assert isinstance(result.data, list)
        for item in result.data:
            assert isinstance(item, BaseModel)
    else:
        assert isinstance(result, BaseModel)
        assert isinstance(result.to_dict(), dict)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("which", [0, 1], ids=["required", "all"])
async def test_async(aclient: AsyncAdminClient, case: Dict[str, Any], which: int) -> None:
    call = case["calls"][which]
    node, verb = resolve(aclient, case["sdk_method"])
    raw = await getattr(node, verb)(*call["args"], **call["kwargs"])
    check_raw(raw)
    result = await raw.parse()
    if case["page"]:
        assert isinstance(result, AsyncPage)
        assert isinstance(result.data, list)
    else:
        assert isinstance(result, BaseModel)
