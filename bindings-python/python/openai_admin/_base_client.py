"""Pages (auto-paginating, sync and async) and raw responses.

`typing`, `json` and `logging` cost more to import than the rest of the package, so they are
imported only by type checkers (or when used).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import (
        Any,
        AsyncIterator,
        Callable,
        Dict,
        Generator,
        Generic,
        Iterator,
        List,
        Mapping,
        Optional,
        Tuple,
        TypeVar,
    )

    from ._core import Response, Walk, _Opts
    from ._resource import NotGiven as NotGiven

    T = TypeVar("T")
    R = TypeVar("R")
else:
    T = R = None

    class Generic:
        def __class_getitem__(cls, item):
            return cls


__all__ = ["APIResponse", "Request", "SyncPage", "AsyncPage", "AsyncPaginator"]
__all__ += ["StreamedAPIResponse", "AsyncStreamedAPIResponse"]

# Every page answers these, None when its style has none.
_CURSOR_FIELDS = frozenset(["first_id", "last_id", "next", "next_page", "object"])


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


def _opts(
    extra_headers: Optional[Mapping[str, str]],
    extra_query: Optional[Mapping[str, object]],
    extra_body: Optional[Mapping[str, object]],
    timeout: Optional[float],
) -> _Opts:
    """A call's options as the extension takes them."""
    dicts = [None if m is None else dict(m) for m in (extra_headers, extra_query, extra_body)]
    return (dicts[0], dicts[1], dicts[2], timeout)


def _result(resp: Response, raw: bool, make: Optional[Callable[[], Any]] = None) -> Any:
    """What a method returns: its result (`make()`, or the parsed body), or with `raw` the
    response with that result behind `parse()`."""
    _log_response(resp)
    make = make or resp.parse
    return APIResponse(resp, make) if raw else make()


class Request:
    """A request as it was sent: method, URL and headers (`Authorization` redacted)."""

    def __init__(self, method: str, url: str, headers: List[Tuple[str, str]]) -> None:
        self.method, self.url, self.headers = method, url, dict(headers)

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.url}>"


class APIResponse(Generic[R]):
    """A response as it came: status, headers, request id, body; `parse()` gives the result."""

    def __init__(self, resp: Response, parse: Callable[[], R]) -> None:
        self._resp = resp
        self._parse = parse
        self._parsed: Optional[R] = None
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
    def content(self) -> bytes:
        return self._resp.content

    @property
    def text(self) -> str:
        return self._resp.content.decode("utf-8", "replace")

    @property
    def request(self) -> Request:
        return Request(self.method, self.url, self._resp.request_headers)

    def json(self) -> Any:
        import json

        return json.loads(self._resp.content)

    def parse(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


class _Streamed(Generic[R]):
    def __init__(self, raw: APIResponse[R]) -> None:
        self._raw, self.status_code, self.request_id = raw, raw.status_code, raw.request_id
        self.headers, self.url, self.method = raw.headers, raw.url, raw.method
        self.request = raw.request


class StreamedAPIResponse(_Streamed[R]):
    """What `with_streaming_response` gives inside its `with` block: status, headers and
    request id at once; the body through `read()`, `text()`, `json()`, `iter_bytes()`,
    `iter_lines()`, or the result through `parse()`."""

    def parse(self) -> R:
        return self._raw.parse()

    def read(self) -> bytes:
        return self._raw.content

    def text(self) -> str:
        return self._raw.text

    def json(self) -> Any:
        return self._raw.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        body = self._raw.content
        step = chunk_size or len(body) or 1
        for i in range(0, len(body), step):
            yield body[i : i + step]

    def iter_lines(self) -> Iterator[str]:
        yield from self._raw.text.splitlines()

    def close(self) -> None:
        """Nothing to release: the core has read the answer."""


class AsyncStreamedAPIResponse(_Streamed[R]):
    """`StreamedAPIResponse` for the async client: the body methods are awaited."""

    def __init__(self, raw: APIResponse[R]) -> None:
        super().__init__(raw)
        self._sync = StreamedAPIResponse(raw)

    async def parse(self) -> R:
        return self._sync.parse()

    async def read(self) -> bytes:
        return self._sync.read()

    async def text(self) -> str:
        return self._sync.text()

    async def json(self) -> Any:
        return self._sync.json()

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        for chunk in self._sync.iter_bytes(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        for line in self._sync.iter_lines():
            yield line

    async def close(self) -> None:
        """Nothing to release: the core has read the answer."""


class _Streaming:
    """The context manager a `with_streaming_response` method returns: the request is sent
    when the `with` (or `async with`) block is entered."""

    def __init__(self, send: Callable[[], Any]) -> None:
        self._send = send

    def __enter__(self) -> Any:
        return StreamedAPIResponse(self._send())

    def __exit__(self, *exc: object) -> None:
        pass

    async def __aenter__(self) -> Any:
        return AsyncStreamedAPIResponse(await self._send())

    async def __aexit__(self, *exc: object) -> None:
        pass


class _PageBase(Generic[T]):
    """A page of a list. It holds the walk it belongs to (the core's walk, which ends at a
    cursor already followed and at the client's page cap) as it stood before this page."""

    first_id: Optional[str]
    last_id: Optional[str]
    next: Optional[str]
    next_page: Optional[str]
    object: str
    has_more: Optional[bool]

    def __init__(
        self, client: Any, method: str, resp: Response, opts: _Opts, walk: Optional[Walk] = None
    ) -> None:
        self._client = client
        self._method = method
        self._resp = resp
        self._opts = opts
        self._walk = walk
        self._model = resp.parse()
        self._data: Optional[List[T]] = None
        self._next: Optional[Dict[str, Any]] = None
        self._after: Optional[Walk] = None

    @property
    def data(self) -> List[T]:
        if self._data is None:
            self._data = self._model.data or []  # type: ignore[attr-defined]
        return self._data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in _CURSOR_FIELDS:
            return getattr(self._model, name, None)
        return getattr(self._model, name)

    def _next_params(self) -> Optional[Dict[str, Any]]:
        if self._after is None:
            walk = self._resp.walk() if self._walk is None else self._walk
            self._next, self._after = walk.step(self._resp)
        return self._next

    def next_page_info(self) -> Optional[PageInfo]:
        """The parameters of the next page's request, or `None` after the last page."""
        params = self._next_params()
        return None if params is None else PageInfo(params)

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_params() is not None

    def _next_request(self) -> Any:
        params = self._next_params()
        if params is None:
            raise RuntimeError("no next page; check has_next_page() first")
        return (self._method, params, self._opts)

    def _failed(self, e: BaseException) -> None:
        """Marks an API error of the next page's request with the cursor to resume from."""
        from ._exceptions import APIError

        if isinstance(e, APIError) and self._after is not None:
            e.resume_cursor = self._after.resume_cursor

    def _following(self, resp: Response) -> Any:
        _log_response(resp)
        walk = self._after.share() if self._after is not None else None
        return type(self)(self._client, self._method, resp, self._opts, walk)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data=[...{len(self.data)} items], has_more={self.has_more})"


class PageInfo:
    """Where the next page starts: `params` are its request's parameters (the cursor)."""

    def __init__(self, params: Dict[str, Any]) -> None:
        self.params = params

    def __repr__(self) -> str:
        return f"PageInfo(params={self.params!r})"


class SyncPage(_PageBase[T]):
    """One page of a list. Iterating walks every item of every page, fetching as it goes."""

    def get_next_page(self) -> SyncPage[T]:
        """Fetches the page after this one."""
        req = self._next_request()
        try:
            resp = self._client._core.request(*req)
        except Exception as e:
            self._failed(e)
            raise
        return self._following(resp)  # type: ignore[no-any-return]

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page and every page after it."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """One page of a list from the async client; `async for` walks every item."""

    async def get_next_page(self) -> AsyncPage[T]:
        """Fetches the page after this one."""
        req = self._next_request()
        try:
            resp = await self._client._core.request_async(*req)
        except Exception as e:
            self._failed(e)
            raise
        return self._following(resp)  # type: ignore[no-any-return]

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and every page after it."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns: `await` it for the first page, or `async for` over
    it to walk every item."""

    def __init__(
        self, client: Any, method: str, params: Dict[str, Any], opts: _Opts, raw: bool
    ) -> None:
        self._args = (client, method, params, opts, raw)

    async def _first(self) -> AsyncPage[T]:
        client, method, params, opts, raw = self._args
        resp = await client._core.request_async(method, params, opts)
        return _result(resp, raw, lambda: AsyncPage(client, method, resp, opts))  # type: ignore[no-any-return]

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for item in await self._first():
            yield item
