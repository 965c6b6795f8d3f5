"""Result objects as the official SDK's models behave: `to_dict`/`to_json` and pydantic's
`model_dump`/`model_dump_json` with their options, iteration, pickling and copying; and values
that cannot be sent as JSON, refused with a typed error naming the parameter."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any, Dict

import pytest
from conftest import KEY, USER, Scripted, created_admin_key

from openai_admin import InvalidInputError, OpenAI

AUDIT_ENTRY: Dict[str, Any] = {
    "id": "audit_1",
    "type": "api_key.created",
    "effective_at": 1,
    "actor": {"type": "session", "session": {"ip_address": "10.0.0.1", "user": {"id": "u"}}},
    "api_key.created": {"id": "key_1", "data": {"scopes": ["read"]}},
    "from_the_future": None,
}


def client(scripted: Scripted) -> OpenAI:
    return OpenAI(admin_api_key=KEY, base_url=scripted.url, max_retries=0)


def audit_entry(scripted: Scripted) -> Any:
    scripted.json(200, {"object": "list", "data": [AUDIT_ENTRY], "has_more": False})
    return client(scripted).admin.organization.audit_logs.list().data[0]


def test_to_dict_gives_api_names_and_only_what_the_body_has(scripted: Scripted) -> None:
    entry = audit_entry(scripted)
    assert entry.to_dict() == AUDIT_ENTRY
    assert entry.to_dict(mode="json") == AUDIT_ENTRY
    assert json.loads(entry.to_json()) == AUDIT_ENTRY
    d = entry.to_dict(use_api_names=False)
    assert d["api_key_created"] == AUDIT_ENTRY["api_key.created"] and "api_key.created" not in d
    assert "from_the_future" not in entry.to_dict(exclude_none=True)
    assert "from_the_future" not in entry.to_dict(exclude_defaults=True)
    # Every field of the type, absent ones as None (nested models too).
    full = entry.to_dict(exclude_unset=False)
    assert full["project"] is None and full["api_key.deleted"] is None
    assert full["actor"]["api_key"] is None and full["actor"]["session"]["user"]["email"] is None
    assert full["from_the_future"] is None  # unknown fields are kept


def test_model_dump_is_pydantics(scripted: Scripted) -> None:
    entry = audit_entry(scripted)
    d = entry.model_dump()
    # pydantic's defaults: Python names, every field of the type.
    assert d["api_key_created"] == {"id": "key_1", "data": {"scopes": ["read"]}}
    assert d["project"] is None and "api_key.created" not in d
    assert entry.model_dump(by_alias=True)["api_key.created"]["id"] == "key_1"
    assert set(entry.model_dump(include={"id", "type"})) == {"id", "type"}
    assert "actor" not in entry.model_dump(exclude={"actor"})
    lean = entry.model_dump(exclude_none=True)
    assert "project" not in lean and "from_the_future" not in lean
    assert json.loads(entry.model_dump_json()) == d
    assert entry.model_dump_json(exclude_unset=True, by_alias=True) == json.dumps(
        AUDIT_ENTRY, separators=(",", ":"), sort_keys=True
    )


def test_bad_options_are_typed_errors(scripted: Scripted) -> None:
    entry = audit_entry(scripted)
    with pytest.raises(InvalidInputError, match="mode"):
        entry.to_dict(mode="yaml")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="mode"):
        entry.model_dump_json(mode="xml")  # type: ignore[call-arg]
    with pytest.raises(InvalidInputError, match="exclude_nones"):
        entry.to_json(exclude_nones=True)  # type: ignore[call-arg]
    with pytest.raises(InvalidInputError, match="include"):
        entry.model_dump(include=5)  # type: ignore[arg-type]


def test_iteration_and_dict(scripted: Scripted) -> None:
    entry = audit_entry(scripted)
    pairs = dict(entry)
    assert pairs["id"] == "audit_1"
    assert pairs["api_key_created"].id == "key_1"  # models stay models, by Python name
    assert pairs["from_the_future"] is None
    names = {"id", "type", "effective_at", "actor", "api_key_created", "from_the_future"}
    assert set(pairs) == names


def test_pickle_and_copy_keep_type_fields_and_redaction(scripted: Scripted) -> None:
    secret = "sk-admin-pickled-secret"
    scripted.json(200, created_admin_key(secret))
    key = client(scripted).admin.organization.admin_api_keys.create(name="n")
    for again in (pickle.loads(pickle.dumps(key)), copy.copy(key), copy.deepcopy(key)):
        assert again == key and again._type_name == key._type_name
        assert again.value == secret and again.owner.id == "u"
        assert secret not in repr(again)
    scripted.json(200, dict(USER, future_field=[1, 2]))
    user = client(scripted).admin.organization.users.retrieve("u")
    assert pickle.loads(pickle.dumps(user)).future_field == [1, 2]


@pytest.mark.parametrize(
    "value",
    [b"bytes", {1, 2}, float("nan"), float("inf"), 2**70, -(2**70), "\ud800", object()],
    ids=["bytes", "set", "nan", "inf", "huge int", "huge negative int", "lone surrogate", "object"],
)
def test_values_json_cannot_hold_are_typed_errors(scripted: Scripted, value: Any) -> None:
    c = client(scripted)
    org = c.admin.organization
    with pytest.raises(InvalidInputError) as ei:
        org.projects.create(name=value)
    assert ei.value.param == "name"
    with pytest.raises(InvalidInputError) as ei:
        org.projects.create(name="p", extra_body={"meta": {"deep": [value]}})
    assert ei.value.param == "meta"
    with pytest.raises(InvalidInputError) as ei:
        org.users.list(extra_query={"q": value})
    assert ei.value.param == "q"
    # Also what other clients raise for such values, so existing handlers catch it.
    with pytest.raises(TypeError):
        org.projects.create(name=value)
    with pytest.raises(ValueError):
        org.projects.create(name=value)
    assert scripted.requests == [], "nothing is sent"
