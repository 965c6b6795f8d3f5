"""Pages (auto-paginating, sync and async) and raw responses."""

from __future__ import annotations

import json
import logging
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
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

if TYPE_CHECKING:
    from ._client import AdminClient, AsyncAdminClient
    from ._core import Response

__all__ = ["APIResponse", "SyncPage", "AsyncPage", "AsyncPaginator"]

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger("openai_admin")

# extra_headers, extra_query, extra_body, timeout
Options = Tuple[Any, Any, Any, Any]


def _log_response(resp: Response) -> None:
    if log.isEnabledFor(logging.INFO):
        log.info('HTTP Request: %s %s "%s"', resp.method, resp.url, resp.status_code)
    if log.isEnabledFor(logging.DEBUG):
        log.debug("Request headers: %s", dict(resp.request_headers))
        log.debug("Response headers: %s", dict(resp.headers))


class APIResponse(Generic[R]):
    """A response as it came: status, headers, request id, body; `parse()` gives the result."""

    def __init__(self, resp: Response, parse: Callable[[], R]) -> None:
        self._resp = resp
        self._parse = parse
        self._parsed: Optional[R] = None

    @property
    def status_code(self) -> int:
        return self._resp.status_code

    @property
    def headers(self) -> Dict[str, str]:
        out: Dict[str, str] = {}
        for k, v in self._resp.headers:
            out[k] = f"{out[k]}, {v}" if k in out else v
        return out

    @property
    def request_id(self) -> Optional[str]:
        return self._resp.request_id

    @property
    def content(self) -> bytes:
        return self._resp.content

    @property
    def text(self) -> str:
        return self._resp.content.decode("utf-8", "replace")

    @property
    def url(self) -> str:
        return self._resp.url

    @property
    def method(self) -> str:
        return self._resp.method

    def json(self) -> Any:
        return json.loads(self._resp.content)

    def parse(self) -> R:
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


class _PageBase(Generic[T]):
    def __init__(self, method: str, resp: Response, opts: Options) -> None:
        self._method = method
        self._resp = resp
        self._opts = opts
        self._model: Any = resp.parse()
        self._data: Optional[List[T]] = None
        self._next: Any = False

    @property
    def data(self) -> List[T]:
        if self._data is None:
            self._data = self._model.data or []
        return self._data

    @property
    def has_more(self) -> Optional[bool]:
        return self._model.has_more  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._model, name)

    def _next_params(self) -> Optional[Dict[str, Any]]:
        if self._next is False:
            nxt = self._resp.next_params()
            # A server that hands back the cursor this page was asked with would loop forever.
            if nxt is not None and nxt == self._resp.params:
                nxt = None
            self._next = nxt
        return self._next  # type: ignore[no-any-return]

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next_params() is not None

    def to_dict(self) -> Dict[str, Any]:
        return self._model.to_dict()  # type: ignore[no-any-return]

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        return self._model.to_json(indent=indent)  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data=[...{len(self.data)} items], has_more={self.has_more})"


class SyncPage(_PageBase[T]):
    """One page of a list. Iterating walks every item of every page, fetching as it goes."""

    def __init__(self, client: AdminClient, method: str, resp: Response, opts: Options) -> None:
        super().__init__(method, resp, opts)
        self._client = client

    def get_next_page(self) -> SyncPage[T]:
        """Fetches the page after this one."""
        params = self._next_params()
        if params is None:
            raise RuntimeError("no next page; check has_next_page() first")
        resp = self._client._core.request(self._method, params, *self._opts)
        _log_response(resp)
        return SyncPage(self._client, self._method, resp, self._opts)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page and every page after it."""
        page = self
        seen = set()
        while True:
            yield page
            params = page._next_params()
            if params is None:
                return
            key = json.dumps(params, sort_keys=True)
            if key in seen:
                return
            seen.add(key)
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:  # type: ignore[override]
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """One page of a list from the async client; `async for` walks every item."""

    def __init__(
        self, client: AsyncAdminClient, method: str, resp: Response, opts: Options
    ) -> None:
        super().__init__(method, resp, opts)
        self._client = client

    async def get_next_page(self) -> AsyncPage[T]:
        """Fetches the page after this one."""
        params = self._next_params()
        if params is None:
            raise RuntimeError("no next page; check has_next_page() first")
        resp = await self._client._core.request_async(self._method, params, *self._opts)
        _log_response(resp)
        return AsyncPage(self._client, self._method, resp, self._opts)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and every page after it."""
        page = self
        seen = set()
        while True:
            yield page
            params = page._next_params()
            if params is None:
                return
            key = json.dumps(params, sort_keys=True)
            if key in seen:
                return
            seen.add(key)
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns: `await` it for the first page, or `async for` over
    it to walk every item."""

    def __init__(
        self,
        client: AsyncAdminClient,
        method: str,
        params: Dict[str, Any],
        opts: Options,
        raw: bool,
    ) -> None:
        self._client = client
        self._method = method
        self._params = params
        self._opts = opts
        self._raw = raw

    async def _first(self) -> Any:
        resp = await self._client._core.request_async(self._method, self._params, *self._opts)
        _log_response(resp)
        if self._raw:
            return APIResponse(
                resp, lambda: AsyncPage(self._client, self._method, resp, self._opts)
            )
        return AsyncPage(self._client, self._method, resp, self._opts)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()  # type: ignore[no-any-return]

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncPage[T] = await self._first()
        async for item in page:
            yield item
