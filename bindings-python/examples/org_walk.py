"""Walks an organization: its projects, each project's users, service accounts and API keys,
then last week's costs grouped by project, printed as tables.

    OPENAI_ADMIN_KEY=... python org_walk.py    # OPENAI_BASE_URL points it at a mock server
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from openai_admin import APIError, OpenAI

MAX_PROJECTS = 50
MAX_PER_PROJECT = 200
MAX_COST_PAGES = 10
DAY = 24 * 60 * 60


def date(ts: Optional[int]) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d")


def text(*values: Optional[str]) -> str:
    return next((v for v in values if v), "-")


def table(title: str, head: Sequence[str], rows: List[List[str]]) -> None:
    print(f"{title}\n")
    if not rows:
        print("  (none)\n")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    for r in [list(head), *rows]:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print()


def first(items: Iterable[Any], n: int) -> List[Any]:
    return list(itertools.islice(items, n))


def main() -> int:
    client = OpenAI()
    print(f"Organization at {client.base_url}\n")
    org = client.admin.organization
    projects = first(org.projects.list(limit=100, include_archived=True), MAX_PROJECTS)
    table(
        f"Projects ({len(projects)})",
        ["ID", "NAME", "STATUS", "CREATED"],
        [[p.id, text(p.name), text(p.status), date(p.created_at)] for p in projects],
    )

    rows: List[List[str]] = []
    for p in projects:
        for u in first(org.projects.users.list(p.id, limit=100), MAX_PER_PROJECT):
            rows.append([p.id, "user", u.id, text(u.name, u.email), text(u.role), date(u.added_at)])
        for sa in first(org.projects.service_accounts.list(p.id, limit=100), MAX_PER_PROJECT):
            rows.append(
                [p.id, "service account", sa.id, text(sa.name), text(sa.role), date(sa.created_at)]
            )
        for k in first(org.projects.api_keys.list(p.id, limit=100), MAX_PER_PROJECT):
            owner = k.owner.user or k.owner.service_account if k.owner else None
            rows.append(
                [
                    p.id,
                    "API key",
                    k.id,
                    text(k.name),
                    f"owner: {text(owner.id if owner else None)}",
                    date(k.created_at),
                ]
            )
    table(
        "Project users, service accounts and API keys",
        ["PROJECT", "KIND", "ID", "NAME", "ROLE / OWNER", "CREATED"],
        rows,
    )

    totals: Dict[Tuple[str, str], float] = defaultdict(float)
    other: Dict[str, int] = defaultdict(int)
    page = org.usage.costs(
        start_time=int(time.time()) - 7 * DAY, bucket_width="1d", group_by=["project_id"]
    )
    for pg in first(page.iter_pages(), MAX_COST_PAGES):
        for bucket in pg.data:
            for r in bucket.results:
                if r.object != "organization.costs.result":
                    other[r.object] += 1
                    continue
                amount = r.amount
                key = (text(r.project_id), text(amount.currency if amount else None))
                totals[key] += (amount.value or 0.0) if amount else 0.0
    table(
        "Costs, last 7 days, by project",
        ["PROJECT", "CURRENCY", "AMOUNT"],
        [[p, c, f"{v:.2f}"] for (p, c), v in sorted(totals.items())],
    )
    for kind, n in sorted(other.items()):
        print(f"  (skipped {n} result(s) of kind {kind})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except APIError as e:
        print(f"org_walk: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
