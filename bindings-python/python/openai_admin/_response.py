# mypy: disable-error-code="no-any-return"
"""Responses: `with_raw_response` (`LegacyAPIResponse`, read whole) and
`with_streaming_response` (`APIResponse`, the body read only when asked, piece by piece by the
Rust core). One implementation serves both clients:
the core waits for each read with the GIL released, or for the async client is awaited.
The sync class's types are declared on its methods, the async class's in a stub below: a
method returns what its class declares (hence the mypy setting on the first line)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import (
        Any,
        AsyncIterator,
        Callable,
        Generic,
        Iterable,
        Iterator,
        Optional,
        Tuple,
        TypeVar,
    )

    from ._core import Response

    R = TypeVar("R")
else:
    R = None

    class Generic:
        def __class_getitem__(cls, item):
            return cls


__all__ = ["APIResponse", "AsyncAPIResponse", "LegacyAPIResponse", "HTTPResponse", "Request"]


def _log_response(resp: Response) -> None:
    logging = sys.modules.get("logging")
    if logging is None:
        return
    log, (method, url, headers) = logging.getLogger("openai_admin"), resp.sent
    if log.isEnabledFor(logging.INFO):
        log.info('HTTP Request: %s %s "%s"', method, url, resp.status_code)
    if log.isEnabledFor(logging.DEBUG):
        log.debug("Request headers: %s", dict(headers))
        log.debug("Response headers: %s", dict(resp.headers))


def _then(x: Callable[[], Any], f: Callable[[Any], Any], is_async: bool) -> Any:
    """`f` of what `x()` gives; for the async client (whose `x()` gives an awaitable), an
    awaitable of it, which calls `x` when it is awaited."""
    if not is_async:
        return f(x())

    async def later() -> Any:
        return f(await x())

    return later()


def _text(content: bytes) -> str:
    return content.decode("utf-8", "replace")


def _json(content: bytes) -> Any:
    import json

    return json.loads(content)


class Request:
    """A request as it was sent: method, URL and headers (`Authorization` redacted)."""

    def __init__(self, method: str, url: str, headers: Iterable[Tuple[str, str]]) -> None:
        self.method, self.url, self.headers = method, url, Headers(headers)

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.url}>"


class Headers(dict):  # type: ignore[type-arg]
    """Header names and values; names are looked up in any case, as HTTP has them."""

    def __init__(self, pairs: Iterable[Tuple[str, str]]) -> None:
        super().__init__((k.lower(), v) for k, v in pairs)

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name.lower())

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(name.lower(), default)


class _ReadWhole:
    """The body of a response read whole, as properties (`content`, `text`) and `json()`."""

    _resp: Response

    @property
    def content(self) -> bytes:
        return self._resp.content

    @property
    def text(self) -> str:
        return _text(self._resp.content)

    def json(self) -> Any:
        return _json(self._resp.content)


class HTTPResponse(_ReadWhole):
    """An answer as httpx shows one (`APIStatusError.response`, `APIResponse.http_response`):
    status, headers, the request, and the body (`content`, `text`, `json()`) once read."""

    def __init__(self, resp: Response) -> None:
        self._resp = resp
        self.status_code: int = resp.status_code
        self.headers = Headers(resp.headers)
        self.request = Request(*resp.sent)
        self.url: str = self.request.url

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


class _Base(Generic[R]):
    """Status, headers, request id and the request, known before the body is read."""

    _async = False

    def __init__(self, resp: Response, parse: Callable[[], R]) -> None:
        self._resp, self._parse, self._parsed = resp, parse, None
        self.status_code: int = resp.status_code
        self.request_id: Optional[str] = resp.request_id
        self.headers = Headers(resp.headers)
        self.method, self.url, _ = resp.sent

    @property
    def http_request(self) -> Request:
        return Request(*self._resp.sent)

    request = http_request

    @property
    def http_response(self) -> HTTPResponse:
        return HTTPResponse(self._resp)

    @property
    def is_closed(self) -> bool:
        """Whether the body has been read whole, or its connection closed."""
        return self._resp.is_closed

    def _result(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse()  # type: ignore[assignment]
        return self._parsed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class LegacyAPIResponse(_ReadWhole, _Base[R]):
    """What `with_raw_response` gives, on both clients (the official SDK's class of that
    name): the body read whole (`content`, `text`, `json()`), and the method's result through
    `parse()`."""

    def parse(self) -> R:
        return self._result()


class APIResponse(_Base[R]):
    """What `with_streaming_response` gives inside its `with` block: status, headers, request
    id and request at once; the body only when asked, through `read()`, `text()`, `json()`,
    `iter_bytes()`, `iter_text()`, `iter_lines()`, or the result through `parse()`. Iterating
    yields what is left of the body, or all of it again once it has been read whole. Leaving
    the block unread closes the connection."""

    def read(self) -> bytes:
        return self._resp.read(self._async)

    def text(self) -> str:
        return _then(self.read, _text, self._async)

    def json(self) -> Any:
        return _then(self.read, _json, self._async)

    def parse(self) -> R:
        return _then(self.read, lambda _: self._result(), self._async)

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self._resp.pieces("bytes", chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self._resp.pieces("text", chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self._resp.pieces("lines")

    def close(self) -> None:
        """Stops reading: the connection is closed."""
        return self._resp.close(self._async)


if TYPE_CHECKING:

    class AsyncAPIResponse(_Base[R]):
        async def read(self) -> bytes: ...
        async def text(self) -> str: ...
        async def json(self) -> Any: ...
        async def parse(self) -> R: ...
        def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]: ...
        def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]: ...
        def iter_lines(self) -> AsyncIterator[str]: ...
        async def close(self) -> None: ...
else:

    class AsyncAPIResponse(APIResponse):
        """`APIResponse` for the async client: the same methods, whose reads are awaited
        (`await response.read()`, `async for line in response.iter_lines()`)."""

        _async = True


class _Streaming:
    """The context manager a `with_streaming_response` method returns: the request is sent
    when the `with` (or `async with`) block is entered, which returns once the status and
    headers are in; leaving the block closes the connection."""

    def __init__(self, send: Callable[[], Any], make: Callable[[Response], Any]) -> None:
        self._send, self._make = send, make

    def _open(self, resp: Response, cls: Any) -> Any:
        _log_response(resp)
        self._resp = resp
        return cls(resp, lambda: self._make(resp))

    def __enter__(self) -> Any:
        return self._open(self._send(), APIResponse)

    def __exit__(self, *exc: object) -> None:
        self._resp.close()

    async def __aenter__(self) -> Any:
        return self._open(await self._send(), AsyncAPIResponse)

    async def __aexit__(self, *exc: object) -> None:
        self._resp.close()
