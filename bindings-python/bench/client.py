"""One benchmark in one fresh process, for one library; prints JSON.

    python client.py ours|openai BENCH BASE_URL

BENCH: audit_logs | usage | costs | users | users_all_ids | paging | small | memory
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from typing import Any, Callable, Dict

lib, bench, base = sys.argv[1], sys.argv[2], sys.argv[3]
if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
    os.sched_setaffinity(0, {0})
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-unused")

if lib == "ours":
    from openai_admin import OpenAI
else:
    from openai import OpenAI  # type: ignore[no-redef]


def make(url: str) -> Any:
    return OpenAI(admin_api_key="sk-admin-bench-fake", base_url=url, max_retries=0)


client = make(base)
org = client.admin.organization


def timed(fn: Callable[[], Any], reps: int) -> Dict[str, float]:
    fn()  # warm-up: connection, caches
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return {"median_s": statistics.median(times), "reps": reps}


def last_id(page: Any) -> Any:
    return page.data[-1].id


LARGE = {
    "audit_logs": lambda: last_id(org.audit_logs.list()),
    "usage": lambda: org.usage.completions(start_time=0).data[-1].results[-1].object,
    "costs": lambda: org.usage.costs(start_time=0).data[-1].results[-1].object,
    "users": lambda: last_id(org.users.list()),
    "users_all_ids": lambda: [u.id for u in org.users.list().data],
}

reps = 3 if lib == "openai" else 15
if bench in LARGE:
    out = timed(LARGE[bench], reps)
elif bench == "paging":
    paged = make(base + "/paged").admin.organization

    def walk() -> None:
        n = sum(1 for _ in paged.users.list(limit=100))
        assert n == 10000, n

    out = timed(walk, 3)
    out["req_per_s"] = 100 / out["median_s"]
elif bench == "small":
    n = 300 if lib == "openai" else 2000

    def loop() -> None:
        for _ in range(n):
            org.users.retrieve("user_1").id  # noqa: B018

    out = timed(loop, 3)
    out["req_per_s"] = n / out["median_s"]
elif bench == "memory":
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    page = org.audit_logs.list()
    last_id(page)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {"peak_delta_bytes": (after - before) * 1024}
else:
    raise SystemExit(f"unknown bench {bench}")
print(json.dumps(out))
