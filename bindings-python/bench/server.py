"""A small keep-alive HTTP/1.1 server for the benchmarks, serving the payload files.

    python server.py PAYLOAD_DIR PORT_FILE

Routes (any method): /organization/audit_logs, /organization/usage/completions,
/organization/costs, /organization/users (the 10,000-user page), /organization/users/{id}
(one small user), and /paged/organization/users (10,000 users, 100 per page, by `after`).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Dict, Optional

PAYLOADS = Path(sys.argv[1])


def load(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


ROUTES: Dict[str, bytes] = {
    "/organization/audit_logs": load("audit_logs_10000.json"),
    "/organization/usage/completions": load("usage_completions_31x300.json"),
    "/organization/costs": load("costs_31x300.json"),
    "/organization/users": load("users_10000.json"),
}
USERS = json.loads(ROUTES["/organization/users"])["data"]
SMALL = json.dumps(USERS[0]).encode()
PAGES: Dict[Optional[str], bytes] = {}
for i in range(0, len(USERS), 100):
    chunk = USERS[i : i + 100]
    body = {
        "object": "list",
        "data": chunk,
        "first_id": chunk[0]["id"],
        "last_id": chunk[-1]["id"],
        "has_more": i + 100 < len(USERS),
    }
    PAGES[None if i == 0 else USERS[i - 1]["id"]] = json.dumps(body).encode()


def route(target: str) -> bytes:
    path, _, query = target.partition("?")
    if path.startswith("/paged/"):
        after = None
        for pair in query.split("&"):
            if pair.startswith("after="):
                after = pair[6:]
        return PAGES[after]
    if path in ROUTES:
        return ROUTES[path]
    if path.startswith("/organization/users/"):
        return SMALL
    return b'{"error":{"message":"not found"}}'


class Http(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.t: asyncio.Transport = transport  # type: ignore[assignment]
        self.buf = b""

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                k, _, v = line.partition(":")
                if k.strip().lower() == "content-length":
                    length = int(v)
            if len(self.buf) < end + 4 + length:
                return
            self.buf = self.buf[end + 4 + length :]
            target = head.split(" ", 2)[1]
            body = route(target)
            self.t.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                b"x-request-id: req_bench\r\ncontent-length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )


async def main() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Http, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    Path(sys.argv[2]).write_text(str(port))
    await server.serve_forever()


if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})
    asyncio.run(main())
