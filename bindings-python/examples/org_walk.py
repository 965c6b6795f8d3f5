"""Walks an organization and prints plain-text tables: its projects; their members, service
accounts and API keys (with last use); the stale keys; and last week's costs by project. The
Rust and Node walks print the same tables in the same layout.

    OPENAI_ADMIN_KEY=... python org_walk.py    # OPENAI_BASE_URL points it elsewhere (the sandbox)
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from openai_admin import APIError, OpenAI

# Caps, so that a list whose cursor never moves on cannot run forever.
MAX_PROJECTS = 50
MAX_PER_PROJECT = 200
MAX_COST_PAGES = 10
DAY = 24 * 60 * 60
STALE_DAYS = 90  # a key not used for this many days (since creation if never used) is stale


def date(ts: Optional[int]) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d")


def text(*values: Optional[str]) -> str:
    return next((v for v in values if v), "-")


def table(title: str, head: Sequence[str], rows: List[List[str]]) -> None:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(head)]
    print(title)
    for r in [list(head), ["-" * w for w in widths], *rows]:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if not rows:
        print("  (none)")
    print()


def first(items: Iterable[Any], n: int) -> List[Any]:
    return list(itertools.islice(items, n))


def key_owner(k: Any) -> str:
    owner = k.owner
    if owner is None:
        return "-"
    if owner.user is not None:
        return text(owner.user.email, owner.user.id)
    if owner.service_account is not None:
        return f"{text(owner.service_account.name, owner.service_account.id)} (service account)"
    return text(owner.type)


def main() -> int:
    client = OpenAI()
    print(f"Organization at {client.base_url}\n")
    now = int(time.time())
    org = client.admin.organization

    projects = first(org.projects.list(limit=100, include_archived=True), MAX_PROJECTS)
    names = {p.id: p.name or p.id for p in projects}
    table(
        f"Projects ({len(projects)})",
        ["NAME", "ID", "STATUS", "CREATED"],
        [[text(p.name), p.id, text(p.status), date(p.created_at)] for p in projects],
    )

    members: List[List[str]] = []
    accounts: List[List[str]] = []
    keys: List[List[str]] = []
    stale: List[List[str]] = []
    for p in projects:
        name = names[p.id]
        for u in first(org.projects.users.list(p.id, limit=100), MAX_PER_PROJECT):
            members.append([name, text(u.name), text(u.email), u.role, date(u.added_at)])
        for sa in first(org.projects.service_accounts.list(p.id, limit=100), MAX_PER_PROJECT):
            accounts.append([name, sa.name, str(sa.role), date(sa.created_at)])
        for k in first(org.projects.api_keys.list(p.id, limit=100), MAX_PER_PROJECT):
            last = "never" if k.last_used_at is None else date(k.last_used_at)
            row = [name, k.name, key_owner(k), last]
            if (
                now - (k.last_used_at if k.last_used_at is not None else k.created_at)
                > STALE_DAYS * DAY
            ):
                stale.append(list(row))
            keys.append(row + [date(k.created_at)])
    table(f"Members ({len(members)})", ["PROJECT", "NAME", "EMAIL", "ROLE", "ADDED"], members)
    table(f"Service accounts ({len(accounts)})", ["PROJECT", "NAME", "ROLE", "CREATED"], accounts)
    table(f"API keys ({len(keys)})", ["PROJECT", "NAME", "OWNER", "LAST USED", "CREATED"], keys)
    table(
        f"Stale API keys: no use for {STALE_DAYS}+ days ({len(stale)})",
        ["PROJECT", "NAME", "OWNER", "LAST USED"],
        stale,
    )

    # From midnight (UTC) seven days ago, so that every walk asks for the same buckets.
    start = now - now % DAY - 7 * DAY
    totals: Dict[Tuple[str, str], float] = defaultdict(float)
    page = org.usage.costs(start_time=start, bucket_width="1d", group_by=["project_id"], limit=7)
    for pg in first(page.iter_pages(), MAX_COST_PAGES):
        for bucket in pg.data:
            for r in bucket.results:
                if r.object != "organization.costs.result":
                    continue
                amount = r.amount
                project = text(r.project_id)
                key = (names.get(project, project), text(amount.currency if amount else None))
                totals[key] += (amount.value or 0.0) if amount else 0.0
    rows = [[p, f"{v:.2f}", c] for (p, c), v in sorted(totals.items())]
    rows.append(["TOTAL", f"{sum(totals.values()):.2f}", ""])
    table(f"Costs since {date(start)} by project", ["PROJECT", "AMOUNT", "CURRENCY"], rows)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except APIError as e:
        print(f"org_walk: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
