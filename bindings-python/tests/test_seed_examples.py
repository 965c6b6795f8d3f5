"""The official SDK reference's `client.admin…` examples (shared/seed/) run against Steady with
only the import changed: every call found there is made with the same arguments."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, List, Tuple

import pytest

from openai_admin import OpenAI, _core

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def calls() -> List[Tuple[str, str]]:
    found = {}
    for f in sorted(SEED.glob("*.txt")) if SEED.is_dir() else []:
        text = f.read_text()
        for m in re.finditer(r"client\.(admin\.[\w.]+)\(", text):
            if re.search(r"\s-(\w+ = )?$", text[max(0, m.start() - 80) : m.start()]):
                continue  # a removed line: the old side of the diff
            depth, i = 1, m.end()
            while depth and i < len(text):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            # The seed is a diff flattened onto one line: keep the new side. A " -" marks
            # one removed line (one argument, up to its comma); what follows it on the same
            # segment is context, which both sides share.
            parts = re.split(r"(?:^|\s)([+-])(?=\s|$)", " " + text[m.end() : i - 1])
            kept = [parts[0]]
            for mark, seg in zip(parts[1::2], parts[2::2]):
                kept.append(seg if mark == "+" else seg.partition(",")[2])
            expr = f"client.{m.group(1)}({' '.join(kept).strip()})"
            try:
                ast.parse(expr, mode="eval")
            except SyntaxError:
                continue  # a call the diff interleaved with another: its new form is elsewhere
            if "client." in expr[7:]:
                continue
            found.setdefault(expr, m.group(1))
    return sorted(
        (expr, name) for expr, name in found.items() if _core.page_style(name) is not None
    )


CALLS = calls()


def test_seed_has_examples() -> None:
    if not SEED.is_dir():
        pytest.skip("shared/seed is not beside the repository")
    assert len(CALLS) >= 40


@pytest.mark.parametrize("expr,name", CALLS, ids=[c[1] for c in CALLS])
def test_seed_example(client: OpenAI, expr: str, name: str) -> None:
    tree = ast.parse(expr, mode="eval")
    result: Any = eval(compile(tree, "<seed>", "eval"), {"client": client})
    if _core.page_style(name) not in ("none", None):
        assert isinstance(list(result.data), list)
    else:
        assert result.to_dict() is not None
