"""Responses: `with_raw_response` (read whole) and `with_streaming_response` (the body read only
when asked, chunk by chunk from the Rust core), sync and async."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import (
        Any,
        AsyncIterator,
        Callable,
        Dict,
        Generic,
        Iterator,
        List,
        Optional,
        Tuple,
        TypeVar,
    )

    from ._core import Response

    R = TypeVar("R")
    Step = Callable[[Optional[bytes]], List[Any]]
else:
    R = None

    class Generic:
        def __class_getitem__(cls, item):
            return cls


__all__ = ["APIResponse", "Request", "StreamedAPIResponse", "AsyncStreamedAPIResponse"]


def _log_response(resp: Response) -> None:
    logging = sys.modules.get("logging")
    if logging is None:
        return
    log = logging.getLogger("openai_admin")
    if log.isEnabledFor(logging.INFO):
        log.info('HTTP Request: %s %s "%s"', resp.method, resp.url, resp.status_code)
    if log.isEnabledFor(logging.DEBUG):
        log.debug("Request headers: %s", dict(resp.request_headers))
        log.debug("Response headers: %s", dict(resp.headers))


class Request:
    """A request as it was sent: method, URL and headers (`Authorization` redacted)."""

    def __init__(self, method: str, url: str, headers: List[Tuple[str, str]]) -> None:
        self.method, self.url, self.headers = method, url, dict(headers)

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.url}>"


class _Base(Generic[R]):
    """Status, headers, request id and the request, known before the body is read."""

    def __init__(self, resp: Response, parse: Callable[[], R]) -> None:
        self._resp, self._parse, self._parsed = resp, parse, None
        self.status_code: int = resp.status_code
        self.request_id: Optional[str] = resp.request_id
        self.url: str = resp.url
        self.method: str = resp.method

    @property
    def headers(self) -> Dict[str, str]:
        out: Dict[str, str] = {}
        for k, v in self._resp.headers:
            out[k] = f"{out[k]}, {v}" if k in out else v
        return out

    @property
    def http_request(self) -> Request:
        return Request(self.method, self.url, self._resp.request_headers)

    request = http_request

    def _result(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse()  # type: ignore[assignment]
        return self._parsed  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class APIResponse(_Base[R]):
    """A response read whole (`with_raw_response`): `parse()` gives the method's result."""

    @property
    def content(self) -> bytes:
        return self._resp.content

    @property
    def text(self) -> str:
        return self._resp.content.decode("utf-8", "replace")

    def json(self) -> Any:
        import json

        return json.loads(self._resp.content)

    def parse(self) -> R:
        return self._result()


def _sized(size: Optional[int]) -> Step:
    """Chunks as they come (`size` None) or cut to `size` bytes; `None` ends them."""
    buf = bytearray()

    def step(chunk: Optional[bytes]) -> List[Any]:
        if chunk is None or not size:
            out = [bytes(buf)] if buf else []
            buf.clear()
            return out + ([chunk] if chunk else [])
        buf.extend(chunk)
        out = []
        while len(buf) >= size:
            out.append(bytes(buf[:size]))
            del buf[:size]
        return out

    return step


def _decoded(size: Optional[int]) -> Step:
    """UTF-8 text of the chunks, a character never split across two pieces."""
    import codecs

    raw, dec = _sized(size), codecs.getincrementaldecoder("utf-8")("replace")

    def step(chunk: Optional[bytes]) -> List[Any]:
        out = [dec.decode(c) for c in raw(chunk)]
        out += [dec.decode(b"", True)] if chunk is None else []
        return [t for t in out if t]

    return step


def _lines() -> Step:
    """Lines of the text, without their ends (`\\n`, `\\r\\n` or `\\r`)."""
    import re

    text, rest = _decoded(None), [""]

    def step(chunk: Optional[bytes]) -> List[Any]:
        buf = rest[0] + "".join(text(chunk))
        # A `\r` at the end may be the first half of `\r\n`: kept for the next chunk.
        held = "\r" if chunk is not None and buf.endswith("\r") else ""
        parts = re.split("\r\n|\r|\n", buf[: len(buf) - len(held)])
        last = parts.pop()
        rest[0] = last + held
        return parts + ([last] if chunk is None and last else [])

    return step


class StreamedAPIResponse(_Base[R]):
    """What `with_streaming_response` gives inside its `with` block: status, headers, request
    id and request at once; the body only when asked, through `read()`, `text()`, `json()`,
    `iter_bytes()`, `iter_text()`, `iter_lines()`, or the result through `parse()`. Iterating
    yields what is left of the body, or all of it again once it has been read whole. Leaving
    the block unread closes the connection."""

    def _chunks(self) -> Iterator[bytes]:
        if self._resp.is_read:
            yield self._resp.content
            return
        while (chunk := self._resp.next_chunk()) is not None:
            yield chunk

    def _each(self, step: Step) -> Iterator[Any]:
        for chunk in self._chunks():
            yield from step(chunk)
        yield from step(None)

    def read(self) -> bytes:
        for _ in self._chunks():
            pass
        return self._resp.content

    def text(self) -> str:
        return self.read().decode("utf-8", "replace")

    def json(self) -> Any:
        import json

        return json.loads(self.read())

    def parse(self) -> R:
        self.read()
        return self._result()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self._each(_sized(chunk_size))

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self._each(_decoded(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return self._each(_lines())

    def close(self) -> None:
        """Stops reading: the connection is closed."""
        self._resp.close()


class AsyncStreamedAPIResponse(_Base[R]):
    """`StreamedAPIResponse` for the async client: the body methods are awaited, the
    iterators are async (`async for`)."""

    async def _chunks(self) -> AsyncIterator[bytes]:
        if self._resp.is_read:
            yield self._resp.content
            return
        while (chunk := await self._resp.next_chunk(True)) is not None:
            yield chunk

    async def _each(self, step: Step) -> AsyncIterator[Any]:
        async for chunk in self._chunks():
            for out in step(chunk):
                yield out
        for out in step(None):
            yield out

    async def read(self) -> bytes:
        async for _ in self._chunks():
            pass
        return self._resp.content

    async def text(self) -> str:
        return (await self.read()).decode("utf-8", "replace")

    async def json(self) -> Any:
        import json

        return json.loads(await self.read())

    async def parse(self) -> R:
        await self.read()
        return self._result()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self._each(_sized(chunk_size))

    def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        return self._each(_decoded(chunk_size))

    def iter_lines(self) -> AsyncIterator[str]:
        return self._each(_lines())

    async def close(self) -> None:
        """Stops reading: the connection is closed."""
        self._resp.close()


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
        return self._open(self._send(), StreamedAPIResponse)

    def __exit__(self, *exc: object) -> None:
        self._resp.close()

    async def __aenter__(self) -> Any:
        return self._open(await self._send(), AsyncStreamedAPIResponse)

    async def __aexit__(self, *exc: object) -> None:
        self._resp.close()
