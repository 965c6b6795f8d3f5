"""The official `openai` Python package against the sandbox: a handful of admin calls through
its `client.admin.organization` namespace, with the package's strict response validation on,
each result checked. Run by tests/official-sdks/run, which starts the sandbox and sets
SANDBOX_URL and SANDBOX_ADMIN_KEY.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import openai

DAY = 86_400
failures: list[str] = []


# The one rule for money: the sandbox adds whole cents and gives each result's amount in
# dollars, so every amount is a whole number of cents and sums are compared in cents, exactly.
def cents(result: Any) -> int:
    amount = getattr(result, "amount", None)
    return round((amount.value or 0.0) * 100) if amount is not None else 0


def whole_cents(result: Any) -> bool:
    amount = getattr(result, "amount", None)
    value = (amount.value or 0.0) if amount is not None else 0.0
    return abs(value * 100 - cents(result)) < 1e-6


def check(ok: bool, what: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def main() -> int:
    url = os.environ["SANDBOX_URL"]
    key = os.environ["SANDBOX_ADMIN_KEY"]
    print(f"official openai {openai.__version__} (Python) against {url}")
    check(
        openai.__version__ == "3.51.0", "the pinned version 3.51.0 is the one imported"
    )
    client = openai.OpenAI(
        admin_api_key=key, base_url=url, max_retries=0, _strict_response_validation=True
    )
    org = client.admin.organization

    # List projects.
    projects = org.projects.list(limit=100)
    names = [p.name for p in projects.data]
    check(len(projects.data) >= 2, f"projects.list: {len(projects.data)} projects")
    check(
        "Default project" in names,
        "projects.list: the seeded 'Default project' is there",
    )

    # Create a project, retrieve it, find it in the next list.
    made = org.projects.create(name="Official SDK (Python)")
    check(
        made.id.startswith("proj_") and made.name == "Official SDK (Python)",
        "projects.create",
    )
    got = org.projects.retrieve(made.id)
    check(
        (got.id, got.name, got.status) == (made.id, made.name, "active"),
        "projects.retrieve",
    )
    ids = [p.id for p in org.projects.list(limit=100)]
    check(made.id in ids, "projects.list after create: the new project is listed")

    # Users, paged five at a time by the package's auto-paging.
    first = org.users.list(limit=5)
    check(
        len(first.data) == 5 and first.has_next_page(),
        "users.list(limit=5): a full first page",
    )
    paged = [u.id for u in first]
    whole = [u.id for u in org.users.list(limit=100).data]
    check(len(paged) > 5, f"users.list paging: {len(paged)} users over several pages")
    check(
        paged == whole,
        "users.list paging: every user once, in the order of one big page",
    )
    check(
        all("@" in (u.email or "") for u in first.data), "users.list: users have emails"
    )

    # Errors: a missing project is the package's NotFoundError, a wrong key AuthenticationError.
    try:
        org.projects.retrieve("proj_does_not_exist")
        check(False, "projects.retrieve(missing) raises NotFoundError")
    except openai.NotFoundError as e:
        body: dict[str, Any] = e.body if isinstance(e.body, dict) else {}
        check(
            e.status_code == 404 and body.get("type") == "invalid_request_error",
            f"projects.retrieve(missing) → NotFoundError 404: {e.message}",
        )
    bad = openai.OpenAI(admin_api_key="sk-admin-wrong", base_url=url, max_retries=0)
    try:
        bad.admin.organization.projects.list()
        check(False, "a wrong admin key raises AuthenticationError")
    except openai.AuthenticationError as e:
        check(e.status_code == 401, "a wrong admin key → AuthenticationError 401")

    # Costs for the last seven days, two daily buckets a page, followed by `next_page`.
    now = int(time.time())
    start = now - now % DAY - 7 * DAY
    pages = 0
    starts: list[int] = []
    grouped = 0
    all_whole = True
    page = None
    while True:
        page = org.usage.costs(
            start_time=start,
            bucket_width="1d",
            group_by=["project_id"],
            limit=2,
            **({"page": page.next_page} if page is not None else {}),
        )
        pages += 1
        for b in page.data:
            starts.append(b.start_time)
            for r in b.results:
                all_whole = all_whole and whole_cents(r)
                if getattr(r, "project_id", None):
                    grouped += cents(r)
        if not page.has_more or pages > 10:
            break
        check(
            page.next_page is not None,
            f"usage.costs page {pages}: has_more with next_page",
        )
    check(pages >= 4, f"usage.costs: {pages} pages of at most 2 buckets")
    check(
        starts == list(range(start, start + DAY * len(starts), DAY)),
        "usage.costs: consecutive buckets, each once",
    )
    check(
        len(starts) == 8,
        f"usage.costs: 8 daily buckets from {start} (got {len(starts)})",
    )
    totals = org.usage.costs(start_time=start, bucket_width="1d", limit=8)
    total_results = [r for b in totals.data for r in b.results]
    total = sum(cents(r) for r in total_results)
    check(
        all_whole and all(whole_cents(r) for r in total_results),
        "usage.costs: every amount is a whole number of cents",
    )
    check(
        grouped > 0 and grouped == total,
        f"usage.costs: grouped by project sums to the total ({grouped} = {total} cents)",
    )

    usage = org.usage.completions(
        start_time=start, bucket_width="1d", group_by=["model"], limit=3
    )
    models = {getattr(r, "model", None) for b in usage.data for r in b.results}
    check(
        usage.has_more and usage.next_page is not None and len(usage.data) == 3,
        "usage.completions: a page of 3 buckets and a next_page",
    )
    check(
        bool(models) and None not in models,
        f"usage.completions grouped by model: {sorted(m for m in models if m)}",
    )

    print(
        f"official Python SDK: {'all checks passed' if not failures else f'{len(failures)} failed'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
