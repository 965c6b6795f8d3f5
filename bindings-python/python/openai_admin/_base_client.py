"""Pages (auto-paginating), and how a generated method's call is sent. The core decides which
page comes next and sends its request; the sync and async pages differ only in how they wait.

`typing`, `json` and `logging` cost more to import than the rest of the package, so they are
imported only by type checkers (or when used).
"""

from __future__ import annotations

from ._core import PAGE_FIELDS
from ._response import LegacyAPIResponse, _log_response, _Streaming, _then

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
        Optional,
        Tuple,
        TypeVar,
    )

    from ._core import Response, _Opts

    T = TypeVar("T")
else:
    T = None

    class Generic:
        def __class_getitem__(cls, item):
            return cls


__all__ = ["SyncPage", "AsyncPage", "AsyncPaginator"]


def _call(
    client: Any, method: str, params: Dict[str, Any], args: Tuple[Any, ...], page: Any
) -> Any:
    """Sends a generated method's call: `args` are its extra headers, query and body, its
    timeout (as given) and mode (False, True for a raw response, "stream"); `page` is the page
    class of a list (else None). The sync client gets the result, the async one an awaitable
    of it (a paginator for a list)."""
    opts, raw, is_async = args[:4], args[4], client._async

    def send(stream: bool = False) -> Any:
        return client._core.request(method, params, opts, is_async=is_async, stream=stream)

    def make(resp: Response) -> Any:
        return resp.parse() if page is None else page(client, resp, opts)

    def result(resp: Response) -> Any:
        _log_response(resp)
        return LegacyAPIResponse(resp, lambda: make(resp)) if raw else make(resp)

    def first() -> Any:
        return _then(send, result, is_async)

    if raw == "stream":
        return _Streaming(lambda: send(True), make)
    return AsyncPaginator(first) if is_async and page is not None else first()


class _PageBase(Generic[T]):
    """A page of a list. The core's walk decides what comes after it, and ends at a cursor
    already followed and at the client's page cap."""

    _async = False
    first_id: Optional[str]
    last_id: Optional[str]
    next: Optional[str]
    next_page: Optional[str]
    object: str
    has_more: Optional[bool]

    def __init__(self, client: Any, resp: Response, opts: _Opts) -> None:
        self._client, self._resp, self._opts = client, resp, opts
        self._model = resp.parse()
        self._data: Optional[List[T]] = None

    @property
    def data(self) -> List[T]:
        if self._data is None:
            self._data = self._model.data or []  # type: ignore[attr-defined]
        return self._data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in PAGE_FIELDS:  # read as None where this page's style has no such field
            return getattr(self._model, name, None)
        return getattr(self._model, name)

    def next_page_info(self) -> Optional[PageInfo]:
        """The parameters of the next page's request, or `None` after the last page."""
        params = self._resp.next_params()
        return None if params is None else PageInfo(params)

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._resp.next_params() is not None

    def get_next_page(self) -> Any:
        """Fetches the page after this one."""
        core, opts = self._client._core, self._opts
        return _then(lambda: self._resp.follow(core, opts, self._async), self._next, self._async)

    def _next(self, resp: Response) -> Any:
        _log_response(resp)
        return type(self)(self._client, resp, self._opts)

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

    if TYPE_CHECKING:

        def get_next_page(self) -> SyncPage[T]: ...

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

    _async = True

    if TYPE_CHECKING:

        async def get_next_page(self) -> AsyncPage[T]: ...

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
