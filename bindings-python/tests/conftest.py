"""Fixtures: clients against Steady (OPENAI_ADMIN_MOCK_URL) and a scripted local server."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

from openai_admin import AdminClient, AsyncAdminClient

KEY = "sk-admin-test-fake-0123456789"


@pytest.fixture(scope="session")
def mock_url() -> str:
    url = os.environ.get("OPENAI_ADMIN_MOCK_URL")
    if not url:
        pytest.skip("OPENAI_ADMIN_MOCK_URL is not set (scripts/test-python starts Steady)")
    return url


@pytest.fixture
def client(mock_url: str) -> AdminClient:
    return AdminClient(
        admin_api_key=KEY, base_url=mock_url, max_retries=0, _strict_response_validation=True
    )


@pytest.fixture
def aclient(mock_url: str) -> AsyncAdminClient:
    return AsyncAdminClient(
        admin_api_key=KEY, base_url=mock_url, max_retries=0, _strict_response_validation=True
    )


Reply = Tuple[int, Dict[str, str], bytes]
Handler = Callable[[str, str, Dict[str, str], bytes], Reply]


class Scripted:
    """A local HTTP server answering with a function of (method, path+query, headers, body)."""

    def __init__(self) -> None:
        self.requests: List[Tuple[str, str, Dict[str, str], bytes]] = []
        self.handler: Handler = lambda m, p, h, b: (404, {}, b"{}")
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n) if n else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                outer.requests.append((self.command, self.path, headers, body))
                status, rh, rb = outer.handler(self.command, self.path, headers, body)
                self.send_response(status)
                rh = {"content-type": "application/json", **rh}
                for k, v in rh.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(rb)))
                self.end_headers()
                self.wfile.write(rb)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _any

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that timed out and hung up

        self.server = Server(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def json(self, status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> None:
        data = json.dumps(body).encode()
        self.handler = lambda m, p, h, b: (status, headers or {}, data)


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    s = Scripted()
    yield s
    s.server.shutdown()
    s.server.server_close()


USER = {
    "object": "organization.user",
    "id": "user_1",
    "name": "Ada",
    "email": "a@x.io",
    "role": "owner",
    "added_at": 1,
}


def created_admin_key(secret: str) -> Dict[str, Any]:
    """The body of a newly created admin key, whose `value` is `secret`."""
    return {
        "object": "organization.admin_api_key",
        "id": "k",
        "name": "n",
        "redacted_value": secret[:3] + "..." + secret[-2:],
        "created_at": 1,
        "value": secret,
        "owner": {"type": "user", "id": "u"},
    }


def users_page(ids: List[str], more: bool) -> Dict[str, Any]:
    data = [dict(USER, id=i) for i in ids]
    return {
        "object": "list",
        "data": data,
        "first_id": ids[0] if ids else None,
        "last_id": ids[-1] if ids else None,
        "has_more": more,
    }
