"""Pages (auto-paginating, sync and async), and how a generated method's call is sent.

`typing`, `json` and `logging` cost more to import than the rest of the package, so they are
imported only by type checkers (or when used).
"""

from __future__ import annotations

from ._resource import NotGiven
from ._response import APIResponse, _log_response, _Streaming

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import (
        Any,
        AsyncIterator,
        Awaitable,
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
        Union,
    )

    from ._core import Response, Walk, _Opts

    T = TypeVar("T")
else:
    T = None

    class Generic:
        def __class_getitem__(cls, item):
            return cls


__all__ = ["SyncPage", "AsyncPage", "AsyncPaginator"]

# Every page answers these, None when its style has none.
_CURSOR_FIELDS = frozenset(["first_id", "last_id", "next", "next_page", "object"])


def _seconds(timeout: Union[float, None, NotGiven]) -> Optional[float]:
    """A timeout as the extension takes it: `None` for the default, `inf` for none at all."""
    if isinstance(timeout, NotGiven):
        return None
    return float("inf") if timeout is None else timeout


def _opts(
    extra_headers: Optional[Mapping[str, str]],
    extra_query: Optional[Mapping[str, object]],
    extra_body: Optional[Mapping[str, object]],
    timeout: Union[float, None, NotGiven],
) -> _Opts:
    """A call's options as the extension takes them."""
    dicts = [None if m is None else dict(m) for m in (extra_headers, extra_query, extra_body)]
    return (dicts[0], dicts[1], dicts[2], _seconds(timeout))


def _call(
    client: Any, method: str, params: Dict[str, Any], args: Tuple[Any, ...], page: Any
) -> Any:
    """Sends a generated method's call: `args` are its extras, timeout and mode (False, True
    for a raw response, "stream"); `page` is the page class of a list (else None). The sync
    client gets the result, the async one an awaitable of it (a paginator for a list)."""
    *extras, raw = args
    opts, is_async = _opts(*extras), client._async

    def send(stream: bool = False) -> Any:
        return client._core.request(method, params, opts, is_async=is_async, stream=stream)

    def make(resp: Response) -> Any:
        return resp.parse() if page is None else page(client, method, resp, opts)

    def result(resp: Response) -> Any:
        _log_response(resp)
        return APIResponse(resp, lambda: make(resp)) if raw else make(resp)

    if raw == "stream":
        return _Streaming(lambda: send(True), make)
    if not is_async:
        return result(send())
    first = _then(send, result)
    return first() if page is None else AsyncPaginator(first)


def _then(send: Callable[[], Awaitable[Response]], result: Callable[[Response], Any]) -> Any:
    async def first() -> Any:
        return result(await send())

    return first


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
            resp = await self._client._core.request(*req, is_async=True)
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

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for item in await self._first():
            yield item
