"""`AdminClient` and `AsyncAdminClient` (also exported as `OpenAI` and `AsyncOpenAI`).

The settings, their defaults and the environment variables are the core's: the client hands
`os.environ` and its arguments to the extension and shows what it decided.
"""

from __future__ import annotations

import os

from . import _core
from ._base_client import AsyncPaginator, SyncPage, _opts, _result
from ._core import DEFAULT_BASE_URL, DEFAULT_MAX_PAGES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Mapping, Optional

    from ._generated.resources import Admin, AsyncAdmin

__all__ = [
    "AdminClient",
    "AsyncAdminClient",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
]


class _BaseClient:
    base_url: str
    organization: Optional[str]
    project: Optional[str]
    timeout: float
    max_retries: int
    max_pages: int

    def __init__(
        self,
        *,
        admin_api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        max_pages: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        _strict_response_validation: bool = False,
    ) -> None:
        """Arguments left as `None` come from the environment or the core's defaults; empty
        values count as unset. `max_pages` caps how many pages one walk over a list follows
        (0: no cap)."""
        self._core = _core.CoreClient(
            os.environ,
            admin_api_key,
            base_url,
            organization,
            project,
            None if default_headers is None else dict(default_headers),
            None if default_query is None else dict(default_query),
            timeout,
            max_retries,
            max_pages,
            _strict_response_validation,
        )
        s = self._core.settings
        self.base_url, self.organization, self.project = (
            s["base_url"],
            s["organization"],
            s["project"],
        )
        self.timeout, self.max_retries = s["timeout_ms"] / 1000, s["max_retries"]
        self.max_pages = s["max_pages"]

    def _tree(self, name: str) -> Any:
        tree = self.__dict__.get("_admin")
        if tree is None:
            from ._generated import resources

            tree = self.__dict__["_admin"] = getattr(resources, name)(self)
        return tree

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r}>"


class AdminClient(_BaseClient):
    """A client for the Admin API. Requests are sent by the Rust core with the GIL released."""

    @property
    def admin(self) -> Admin:
        return self._tree("Admin")  # type: ignore[no-any-return]

    def _call(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        *rest, raw = args
        return _result(self._core.request(method, params, _opts(*rest)), raw)

    def _page(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        *rest, raw = args
        opts = _opts(*rest)
        resp = self._core.request(method, params, opts)
        return _result(resp, raw, lambda: SyncPage(self, method, resp, opts))

    def close(self) -> None:
        """Releases the client (connections close when it is garbage-collected)."""

    def __enter__(self) -> AdminClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncAdminClient(_BaseClient):
    """The asyncio client: the same operations, awaited; requests run on a Tokio runtime."""

    @property
    def admin(self) -> AsyncAdmin:
        return self._tree("AsyncAdmin")  # type: ignore[no-any-return]

    async def _acall(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        *rest, raw = args
        return _result(await self._core.request_async(method, params, _opts(*rest)), raw)

    def _apage(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        *rest, raw = args
        return AsyncPaginator(self, method, params, _opts(*rest), raw)

    async def close(self) -> None:
        """Releases the client (connections close when it is garbage-collected)."""

    async def __aenter__(self) -> AsyncAdminClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
