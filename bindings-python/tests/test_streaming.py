"""`with_streaming_response` reads the body only when asked: against a local server that sends
the status and headers, part of the body, and then waits to be told to send the rest."""

from __future__ import annotations

import json
import select
import socket
import threading
from typing import Iterator, List, Optional

import pytest

from openai_admin import APIConnectionError, APIStatusError, AsyncOpenAI, OpenAI

KEY = "sk-admin-test-fake-0123456789"
USER = json.dumps(
    {"object": "organization.user", "id": "user_1", "name": "Ada", "added_at": 1}
).encode()


class Staged:
    """A server for one request: sends the head and `first`, then waits for `go` before
    sending `rest`; `hung_up` is set when the client closes the connection while it waits."""

    def __init__(
        self, first: bytes, rest: bytes, status: int = 200, length: Optional[int] = None
    ) -> None:
        self.go, self.hung_up = threading.Event(), threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"
        size = len(first) + len(rest) if length is None else length
        head = f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-request-id: req_s\r\n"
        self.head = f"{head}content-length: {size}\r\n\r\n".encode()
        self.parts = (first, rest)
        threading.Thread(target=self._serve, daemon=True).start()
        # A client that waited for the whole body would get it after 3 s, and fail the test.
        timer = threading.Timer(3, self.go.set)
        timer.daemon = True
        timer.start()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            conn.sendall(self.head + self.parts[0])
            while not self.go.wait(0.02):
                if select.select([conn], [], [], 0)[0] and not conn.recv(1, socket.MSG_PEEK):
                    self.hung_up.set()
                    return
            conn.sendall(self.parts[1])


@pytest.fixture
def staged() -> Iterator[Staged]:
    s = Staged(USER[:20], USER[20:])
    yield s
    s.go.set()


def test_the_block_is_entered_before_the_body_is_sent(staged: Staged) -> None:
    client = OpenAI(admin_api_key=KEY, base_url=staged.url, max_retries=0)
    users = client.admin.organization.users
    with users.with_streaming_response.retrieve("user_1") as response:
        # The server is still holding the rest of the body back.
        assert not staged.go.is_set()
        assert response.status_code == 200 and response.request_id == "req_s"
        assert response.headers["content-type"] == "application/json"
        assert response.http_request.method == "GET"
        assert response.http_request.url.endswith("/organization/users/user_1")
        staged.go.set()
        assert response.read() == USER
        assert response.parse().name == "Ada"
        assert response.json()["id"] == "user_1"
        # Once read whole, iterating gives the whole body again.
        assert b"".join(response.iter_bytes(5)) == USER


def test_leaving_the_block_unread_closes_the_connection() -> None:
    # Far more body announced than is sent: only the first part is ever read.
    s = Staged(b"x" * 1000, b"", length=10_000_000)
    client = OpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0, timeout=2)
    users = client.admin.organization.users
    with users.with_streaming_response.retrieve("user_1") as response:
        first = next(response.iter_bytes())
        assert 0 < len(first) <= 1000
    assert s.hung_up.wait(5), "the connection stayed open"
    # The rest of a closed body cannot be read any more.
    with pytest.raises(APIConnectionError):
        response.read()


async def test_async_reads_only_when_asked(staged: Staged) -> None:
    client = AsyncOpenAI(admin_api_key=KEY, base_url=staged.url, max_retries=0)
    users = client.admin.organization.users
    async with users.with_streaming_response.retrieve("user_1") as response:
        assert not staged.go.is_set() and response.status_code == 200
        assert response.http_request.method == "GET"
        chunks: List[bytes] = []
        async for chunk in response.iter_bytes():
            chunks.append(chunk)
            staged.go.set()
        assert b"".join(chunks) == USER and len(chunks) >= 2
        assert (await response.parse()).id == "user_1"
        assert [t async for t in response.iter_text()] == [USER.decode()]


async def test_async_leaving_unread_closes_the_connection() -> None:
    s = Staged(b"{", b"", length=10_000)
    client = AsyncOpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0)
    async with client.admin.organization.users.with_streaming_response.retrieve("u") as response:
        await response.close()
        assert s.hung_up.wait(5), "the connection stayed open"
        with pytest.raises(APIConnectionError):
            [chunk async for chunk in response.iter_bytes()]


def test_lines_and_text_split_across_chunks() -> None:
    # A `\r\n` and a two-byte character each cut in half between the two parts.
    body = "one\r\ntwo \u00e9\nthree".encode()
    cut = body.index(b"\n")
    s = Staged(body[:cut], body[cut:])
    client = OpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0)
    with client.admin.organization.users.with_streaming_response.retrieve("u") as response:
        s.go.set()
        assert list(response.iter_lines()) == ["one", "two \u00e9", "three"]
    e = body.index("\u00e9".encode()) + 1
    s = Staged(body[:e], body[e:])
    client = OpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0)
    with client.admin.organization.users.with_streaming_response.retrieve("u") as response:
        s.go.set()
        assert "".join(response.iter_text()) == body.decode()
        assert all("\ufffd" not in t for t in response.iter_text())


def test_an_error_status_raises_on_entering() -> None:
    body = b'{"error": {"message": "no", "type": "invalid_request_error"}}'
    s = Staged(body, b"", status=404)
    client = OpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0)
    with pytest.raises(APIStatusError) as caught:
        with client.admin.organization.users.with_streaming_response.retrieve("u"):
            pass
    assert caught.value.status_code == 404 and caught.value.request_id == "req_s"


def test_a_timeout_applies_to_each_read() -> None:
    s = Staged(b"{", b"}", length=2)
    client = OpenAI(admin_api_key=KEY, base_url=s.url, max_retries=0, timeout=0.3)
    users = client.admin.organization.users
    with users.with_streaming_response.retrieve("u") as response:
        from openai_admin import APITimeoutError

        with pytest.raises(APITimeoutError):
            response.read()
    s.go.set()
