#!/usr/bin/env python3
"""Validate generated payload files against the 200-response schemas of the spec.

Usage: check_schema.py [--spec SPEC.yaml] [--loose] FILE_OR_DIR...

Each file is matched to its operation by name (audit_logs_*, usage_completions_*,
costs_*, users_*). Only PyYAML is needed: the validator below covers the subset of
JSON Schema the spec uses ($ref, allOf, anyOf, oneOf, type, enum, properties,
required, items, additionalProperties, min/max length and items, minimum).
By default it is strict: a member that the schema's `properties` does not declare
is an error (unless `additionalProperties` allows it), so typos are caught too.
Pass --loose to accept undeclared members as JSON Schema itself would.
"""

import json
import pathlib
import sys

import yaml

OPERATIONS = {
    "audit_logs": "/organization/audit_logs",
    "usage_completions": "/organization/usage/completions",
    "costs": "/organization/costs",
    "users": "/organization/users",
}

# Usage buckets may hold any result kind; each endpoint returns only its own.
RESULT_OBJECT = {
    "/organization/usage/completions": "organization.usage.completions.result",
    "/organization/costs": "organization.costs.result",
}

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


class Validator:
    def __init__(self, spec, strict=True):
        self.spec = spec
        self.strict = strict

    def resolve(self, schema):
        while "$ref" in schema:
            node = self.spec
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def errors(self, value, schema, path="$"):
        """All the ways `value` breaks `schema`, as a list of messages."""
        s = self.resolve(schema)
        errs = []
        for sub in s.get("allOf", []):
            errs += self.errors(value, sub, path)
        if "anyOf" in s:
            branches = [self.errors(value, sub, path) for sub in s["anyOf"]]
            if all(branches):
                errs.append(f"{path}: matches no anyOf branch; closest: {min(branches, key=len)[0]}")
        if "oneOf" in s:
            branches = [self.errors(value, sub, path) for sub in s["oneOf"]]
            ok = sum(not b for b in branches)
            if ok == 0:
                errs.append(f"{path}: matches no oneOf branch; closest: {min(branches, key=len)[0]}")
            elif ok > 1:
                errs.append(f"{path}: matches {ok} oneOf branches, want exactly 1")
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(TYPES[t](value) for t in types):
                return errs + [f"{path}: {type(value).__name__} is not {'/'.join(types)}"]
        if "enum" in s and value not in s["enum"]:
            errs.append(f"{path}: {value!r} not in enum {s['enum'][:6]}...")
        if "const" in s and value != s["const"]:
            errs.append(f"{path}: {value!r} != const {s['const']!r}")
        if isinstance(value, str):
            if len(value) < s.get("minLength", 0) or len(value) > s.get("maxLength", len(value)):
                errs.append(f"{path}: string length {len(value)} out of bounds")
        if TYPES["number"](value) and "minimum" in s and value < s["minimum"]:
            errs.append(f"{path}: {value} below minimum {s['minimum']}")
        if isinstance(value, list):
            if len(value) < s.get("minItems", 0) or len(value) > s.get("maxItems", len(value)):
                errs.append(f"{path}: {len(value)} items out of bounds")
            if "items" in s:
                for i, item in enumerate(value):
                    errs += self.errors(item, s["items"], f"{path}[{i}]")
        if isinstance(value, dict):
            props = s.get("properties", {})
            for key in s.get("required", []):
                if key not in value:
                    errs.append(f"{path}: missing required {key!r}")
            extra = s.get("additionalProperties", None if self.strict else True)
            for key, member in value.items():
                if key in props:
                    errs += self.errors(member, props[key], f"{path}.{key}")
                elif isinstance(extra, dict):
                    errs += self.errors(member, extra, f"{path}.{key}")
                elif extra is False or (extra is None and "properties" in s):
                    errs.append(f"{path}: undeclared member {key!r}")
        return errs


def response_schema(spec, path):
    return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def main(argv):
    spec_path = pathlib.Path(__file__).resolve().parent.parent / "spec" / "openai-admin.openapi.yaml"
    strict = True
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--spec":
            spec_path = pathlib.Path(next(args))
        elif arg == "--loose":
            strict = False
        else:
            p = pathlib.Path(arg)
            files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    if not files:
        print(__doc__)
        return 2
    spec = yaml.safe_load(spec_path.read_text())
    validator = Validator(spec, strict)
    failed = 0
    for file in files:
        op = next((OPERATIONS[k] for k in sorted(OPERATIONS, key=len, reverse=True)
                   if file.name.startswith(k)), None)
        if op is None:
            print(f"SKIP {file}: no operation for this name")
            continue
        body = json.loads(file.read_bytes())
        errs = validator.errors(body, response_schema(spec, op))
        if op == OPERATIONS["audit_logs"]:  # each entry carries the detail named after its type
            errs += [f"$.data[{i}]: no {e['type']!r} detail member"
                     for i, e in enumerate(body["data"]) if e["type"] not in e]
        if op in RESULT_OBJECT:
            errs += [f"$.data[{i}].results[{j}]: object {r.get('object')!r}, want {RESULT_OBJECT[op]!r}"
                     for i, b in enumerate(body["data"]) for j, r in enumerate(b["results"])
                     if r.get("object") != RESULT_OBJECT[op]]
        status = "OK  " if not errs else "FAIL"
        print(f"{status} {file.name} against GET {op} ({len(errs)} errors)")
        for e in errs[:20]:
            print("     " + e)
        failed += bool(errs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
