"""The README's Python quick start runs as written (against Steady)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def test_python_quick_start(mock_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text()
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks
    monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-readme-fake")
    monkeypatch.setenv("OPENAI_BASE_URL", mock_url)
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
