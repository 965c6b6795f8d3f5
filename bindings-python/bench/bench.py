"""Runs every benchmark for openai_admin and the official `openai` package, side by side in
one run, each measurement in a fresh process; prints a Markdown table.

    python bench.py PAYLOAD_DIR
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

HERE = Path(__file__).parent
PAYLOADS = Path(sys.argv[1])
PY = sys.executable
LIBS = ["openai", "ours"]


def run(lib: str, bench: str, url: str) -> Dict[str, Any]:
    out = subprocess.run(
        [PY, str(HERE / "client.py"), lib, bench, url], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cold(code: str, reps: int = 7) -> float:
    times: List[float] = []
    for _ in range(reps):
        t = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, env={"OPENAI_API_KEY": "x", "PATH": ""})
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    port_file = Path(tempfile.mkdtemp()) / "port"
    server = subprocess.Popen([PY, str(HERE / "server.py"), str(PAYLOADS), str(port_file)])
    try:
        for _ in range(200):
            if port_file.exists() and port_file.read_text():
                break
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port_file.read_text()}"
        rows = []
        sizes = {
            "audit_logs": "audit_logs_10000.json",
            "usage": "usage_completions_31x300.json",
            "costs": "costs_31x300.json",
            "users": "users_10000.json",
            "users_all_ids": "users_10000.json",
        }
        labels = {
            "audit_logs": "page → objects: audit logs, 10,000 events",
            "usage": "page → objects: usage completions, 31 × 300",
            "costs": "page → objects: costs, 31 × 300",
            "users": "page → objects: users, 10,000",
            "users_all_ids": "users, 10,000: read every item's `id`",
        }
        for bench, fname in sizes.items():
            mb = (PAYLOADS / fname).stat().st_size / 1e6
            r = {lib: run(lib, bench, url)["median_s"] * 1000 for lib in LIBS}
            rows.append(
                (
                    f"{labels[bench]} ({mb:.1f} MB), ms",
                    r["openai"],
                    r["ours"],
                    r["openai"] / r["ours"],
                )
            )
        for bench, label in [
            ("paging", "walk 10,000 users, 100 per page, req/s"),
            ("small", "sequential small requests (keep-alive), req/s"),
        ]:
            r = {lib: run(lib, bench, url)["req_per_s"] for lib in LIBS}
            rows.append((label, r["openai"], r["ours"], r["ours"] / r["openai"]))
        imp = {
            "openai": cold(
                "from openai import OpenAI; c = OpenAI(admin_api_key='k'); "
                "c.admin.organization.users"
            ),
            "ours": cold(
                "from openai_admin import OpenAI; c = OpenAI(admin_api_key='k'); "
                "c.admin.organization.users"
            ),
        }
        base = cold("pass")
        rows.append(
            (
                "cold import to a ready admin client, ms",
                imp["openai"] * 1000,
                imp["ours"] * 1000,
                imp["openai"] / imp["ours"],
            )
        )
        body = (PAYLOADS / "audit_logs_10000.json").stat().st_size
        mem = {lib: run(lib, "memory", url)["peak_delta_bytes"] / body for lib in LIBS}
        rows.append(
            (
                "peak memory for the audit-log page, × body size",
                mem["openai"],
                mem["ours"],
                mem["openai"] / mem["ours"],
            )
        )
        print("| benchmark | official `openai` 3.51.0 | openai_admin | ratio |")
        print("|---|---:|---:|---:|")
        for label, a, b, ratio in rows:
            print(f"| {label} | {a:,.1f} | {b:,.1f} | {ratio:,.1f}× |")
        print(
            f"\n`python -c pass`: {base * 1000:.0f} ms. Ratios: how many times faster (or "
            "smaller) openai_admin is; for req/s and times alike, higher is better."
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
