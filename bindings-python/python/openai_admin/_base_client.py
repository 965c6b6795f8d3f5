"""Pages (auto-paginating, sync and async) and raw responses.

Kept off the import path on purpose: `typing`, `json` and `logging` cost more to import than
the rest of the package. The types are in `_base_client.pyi`.
"""

import sys

__all__ = ["APIResponse", "SyncPage", "AsyncPage", "AsyncPaginator"]


class _Generic:
    def __class_getitem__(cls, item):
        return cls


def _log_response(resp):
    logging = sys.modules.get("logging")
    if logging is None:
        return
    log = logging.getLogger("openai_admin")
    if log.isEnabledFor(logging.INFO):
        log.info('HTTP Request: %s %s "%s"', resp.method, resp.url, resp.status_code)
    if log.isEnabledFor(logging.DEBUG):
        log.debug("Request headers: %s", dict(resp.request_headers))
        log.debug("Response headers: %s", dict(resp.headers))


_CURSOR_FIELDS = frozenset(["first_id", "last_id", "next", "next_page", "object"])


def _opts(extra_headers, extra_query, extra_body, timeout):
    """A call's options as the extension takes them."""
    return (
        None if extra_headers is None else dict(extra_headers),
        None if extra_query is None else dict(extra_query),
        None if extra_body is None else dict(extra_body),
        timeout,
    )


def _result(resp, raw, make=None):
    """What a method returns for `resp`: its result (`make()`, or the parsed body), or the
    raw response with that result behind `parse()`."""
    _log_response(resp)
    make = make or resp.parse
    return APIResponse(resp, make) if raw else make()


class APIResponse(_Generic):
    """A response as it came: status, headers, request id, body; `parse()` gives the result."""

    def __init__(self, resp, parse):
        self._resp = resp
        self._parse = parse
        self._parsed = None

    @property
    def status_code(self):
        return self._resp.status_code

    @property
    def headers(self):
        out = {}
        for k, v in self._resp.headers:
            out[k] = f"{out[k]}, {v}" if k in out else v
        return out

    @property
    def request_id(self):
        return self._resp.request_id

    @property
    def content(self):
        return self._resp.content

    @property
    def text(self):
        return self._resp.content.decode("utf-8", "replace")

    @property
    def url(self):
        return self._resp.url

    @property
    def method(self):
        return self._resp.method

    def json(self):
        import json

        return json.loads(self._resp.content)

    def parse(self):
        if self._parsed is None:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self):
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


class _PageBase(_Generic):
    """A page of a list. It holds the walk it belongs to (the core's walk: it ends at a cursor
    already followed and at the client's page cap) as it stood before this page."""

    def __init__(self, client, method, resp, opts, walk=None):
        self._client = client
        self._method = method
        self._resp = resp
        self._opts = opts
        self._walk = walk
        self._model = resp.parse()
        self._data = None
        self._next = self._after = None

    @property
    def data(self):
        if self._data is None:
            self._data = self._model.data or []
        return self._data

    @property
    def has_more(self):
        return self._model.has_more

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in _CURSOR_FIELDS:  # every page answers these, None when its style has none
            return getattr(self._model, name, None)
        return getattr(self._model, name)

    def _next_params(self):
        if self._after is None:
            walk = self._resp.walk() if self._walk is None else self._walk
            self._next, self._after = walk.step(self._resp)
        return self._next

    def has_next_page(self):
        """Whether another page follows this one."""
        return self._next_params() is not None

    def _next_request(self):
        params = self._next_params()
        if params is None:
            raise RuntimeError("no next page; check has_next_page() first")
        return (self._method, params, self._opts)

    def _following(self, resp):
        _log_response(resp)
        return type(self)(self._client, self._method, resp, self._opts, self._after.share())

    def to_dict(self):
        return self._model.to_dict()

    def to_json(self, *, indent=2):
        return self._model.to_json(indent=indent)

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        return f"{type(self).__name__}(data=[...{len(self.data)} items], has_more={self.has_more})"


class SyncPage(_PageBase):
    """One page of a list. Iterating walks every item of every page, fetching as it goes."""

    def get_next_page(self):
        """Fetches the page after this one."""
        return self._following(self._client._core.request(*self._next_request()))

    def iter_pages(self):
        """This page and every page after it."""
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self):
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase):
    """One page of a list from the async client; `async for` walks every item."""

    async def get_next_page(self):
        """Fetches the page after this one."""
        return self._following(await self._client._core.request_async(*self._next_request()))

    async def iter_pages(self):
        """This page and every page after it."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self):
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(_Generic):
    """What an async list method returns: `await` it for the first page, or `async for` over
    it to walk every item."""

    def __init__(self, client, method, params, opts, raw):
        self._client = client
        self._method = method
        self._params = params
        self._opts = opts
        self._raw = raw

    async def _first(self):
        resp = await self._client._core.request_async(self._method, self._params, self._opts)
        return _result(resp, self._raw, lambda: AsyncPage(self._client, self._method, resp, self._opts))

    def __await__(self):
        return self._first().__await__()

    async def __aiter__(self):
        page = await self._first()
        async for item in page:
            yield item
