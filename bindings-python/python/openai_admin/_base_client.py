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


__all__ = ["APIResponse", "SyncPage", "AsyncPage", "AsyncPaginator"]

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

    def json(self) -> Any:
        import json

        return json.loads(self._resp.content)

    def parse(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


class _PageBase(Generic[T]):
    """A page of a list. It holds the walk it belongs to (the core's walk, which ends at a
    cursor already followed and at the client's page cap) as it stood before this page."""

    first_id: Optional[str]
    last_id: Optional[str]
    next: Optional[str]
    next_page: Optional[str]
    object: str

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

    @property
    def has_more(self) -> Optional[bool]:
        return self._model.has_more  # type: ignore[attr-defined, no-any-return]

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

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_params() is not None

    def _next_request(self) -> Any:
        params = self._next_params()
        if params is None:
            raise RuntimeError("no next page; check has_next_page() first")
        return (self._method, params, self._opts)

    def _following(self, resp: Response) -> Any:
        _log_response(resp)
        walk = self._after.share() if self._after is not None else None
        return type(self)(self._client, self._method, resp, self._opts, walk)

    def to_dict(self) -> Dict[str, Any]:
        return self._model.to_dict()

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        return self._model.to_json(indent=indent)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data=[...{len(self.data)} items], has_more={self.has_more})"


class SyncPage(_PageBase[T]):
    """One page of a list. Iterating walks every item of every page, fetching as it goes."""

    def get_next_page(self) -> SyncPage[T]:
        """Fetches the page after this one."""
        return self._following(self._client._core.request(*self._next_request()))  # type: ignore[no-any-return]

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
        resp = await self._client._core.request_async(*self._next_request())
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
