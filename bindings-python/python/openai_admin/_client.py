"""`AdminClient` and `AsyncAdminClient` (also exported as `OpenAI` and `AsyncOpenAI`).

The settings, their defaults and the environment variables are the core's: the client hands
`os.environ` and its arguments to the extension and shows what it decided.
"""

from __future__ import annotations

import os

from . import _core
from ._base_client import AsyncPage, SyncPage, _call
from ._core import DEFAULT_BASE_URL, DEFAULT_MAX_PAGES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._resource import NOT_GIVEN, NotGiven

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Mapping, Optional, TypedDict, TypeVar, Union

    from typing_extensions import Unpack

    from ._generated.resources import (
        Admin,
        AdminWithRawResponse,
        AdminWithStreamingResponse,
        AsyncAdmin,
        AsyncAdminWithRawResponse,
        AsyncAdminWithStreamingResponse,
    )

    class AdminClientWithRawResponse:
        admin: AdminWithRawResponse

    class AdminClientWithStreamingResponse:
        admin: AdminWithStreamingResponse

    class AsyncAdminClientWithRawResponse:
        admin: AsyncAdminWithRawResponse

    class AsyncAdminClientWithStreamingResponse:
        admin: AsyncAdminWithStreamingResponse

    Self = TypeVar("Self", bound="_BaseClient")

    class _Settings(TypedDict, total=False):
        """The settings a copy may change (as the constructor's arguments)."""

        admin_api_key: Optional[str]
        organization: Optional[str]
        project: Optional[str]
        base_url: Optional[str]
        timeout: Union[float, None, NotGiven]
        max_retries: Optional[int]
        max_pages: Optional[int]
        retry_non_idempotent: Optional[bool]
        max_response_bytes: Optional[int]


__all__ = [
    "AdminClient",
    "AsyncAdminClient",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
]


_NO_TIMEOUT_MS = 2**64 - 1
# The core's settings a client shows as attributes (besides `timeout`).
_SETTINGS = "base_url organization project max_retries max_pages retry_non_idempotent".split()


class _BaseClient:
    # How the generated methods' calls are sent (`_call`, `_page`).
    _async: bool = False
    _page_class: Any = SyncPage
    base_url: str
    organization: Optional[str]
    project: Optional[str]
    timeout: Optional[float]
    max_retries: int
    max_pages: int
    retry_non_idempotent: bool

    def __init__(
        self,
        *,
        admin_api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Union[float, None, NotGiven] = NOT_GIVEN,
        max_retries: Optional[int] = None,
        max_pages: Optional[int] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        retry_non_idempotent: Optional[bool] = None,
        max_response_bytes: Optional[int] = None,
        _strict_response_validation: bool = False,
        _share: Optional[_core.CoreClient] = None,
    ) -> None:
        """Arguments left as `None` come from the environment or the core's defaults; empty
        values count as unset. `timeout=None` means no timeout (left out: the default).
        `max_pages` caps how many pages one walk over a list follows (0: no cap).
        `retry_non_idempotent=True` lets failed creates be sent again (off by default: a
        create that may have been acted on is never repeated). `max_response_bytes` caps the
        size of a response body."""
        self._strict = _strict_response_validation
        self._headers = dict(default_headers or {})
        self._query = dict(default_query or {})
        self._core = _core.CoreClient(
            os.environ,
            timeout,
            self._headers,
            self._query,
            _share,
            api_key=admin_api_key,
            base_url=base_url,
            organization=organization,
            project=project,
            max_retries=max_retries,
            max_pages=max_pages,
            retry_non_idempotent=retry_non_idempotent,
            max_response_bytes=max_response_bytes,
            strict_response_validation=_strict_response_validation,
        )
        s = self._core.settings
        for name in _SETTINGS:
            setattr(self, name, s[name])
        # The core keeps "no timeout" as the largest number of milliseconds.
        self.timeout = None if s["timeout_ms"] >= _NO_TIMEOUT_MS else s["timeout_ms"] / 1000

    def copy(
        self: Self,
        *,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        **settings: Unpack[_Settings],
    ) -> Self:
        """A new client with the given settings changed and the others (the key included) as
        this one's, sharing its connection pool. `default_headers`/`default_query` are added
        to this client's; the `set_` variants replace them."""
        if default_headers is not None and set_default_headers is not None:
            raise ValueError("default_headers and set_default_headers are exclusive")
        if default_query is not None and set_default_query is not None:
            raise ValueError("default_query and set_default_query are exclusive")
        headers = {**self._headers, **(default_headers or {})}
        query = {**self._query, **(default_query or {})}
        return type(self)(
            **settings,
            default_headers=headers if set_default_headers is None else set_default_headers,
            default_query=query if set_default_query is None else set_default_query,
            _strict_response_validation=self._strict,
            _share=self._core,
        )

    with_options = copy

    def _call(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        return _call(self, method, params, args, None)

    def _page(self, method: str, params: Dict[str, Any], *args: Any) -> Any:
        return _call(self, method, params, args, self._page_class)

    def _tree(self, name: str) -> Any:
        tree = self.__dict__.get("_admin")
        if tree is None:
            from ._generated import resources

            tree = self.__dict__["_admin"] = getattr(resources, name)(self)
        return tree

    @property
    def admin_api_key(self) -> Optional[str]:
        """The admin key the client sends (never shown by `repr`)."""
        return self._core.admin_api_key

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r}>"


class _Modes:
    """`client.with_raw_response` and `client.with_streaming_response`: the client's `admin`
    tree whose methods return responses."""

    def __init__(self, admin: Any) -> None:
        self.admin = admin


class AdminClient(_BaseClient):
    """A client for the Admin API. Requests are sent by the Rust core with the GIL released."""

    @property
    def admin(self) -> Admin:
        return self._tree("Admin")  # type: ignore[no-any-return]

    @property
    def with_raw_response(self) -> AdminClientWithRawResponse:
        return _Modes(self.admin.with_raw_response)  # type: ignore[return-value]

    @property
    def with_streaming_response(self) -> AdminClientWithStreamingResponse:
        return _Modes(self.admin.with_streaming_response)  # type: ignore[return-value]

    def close(self) -> None:
        """Releases the client (connections close when it is garbage-collected)."""

    def __enter__(self) -> AdminClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncAdminClient(_BaseClient):
    """The asyncio client: the same operations, awaited; requests run on a Tokio runtime."""

    _async, _page_class = True, AsyncPage

    @property
    def admin(self) -> AsyncAdmin:
        return self._tree("AsyncAdmin")  # type: ignore[no-any-return]

    @property
    def with_raw_response(self) -> AsyncAdminClientWithRawResponse:
        return _Modes(self.admin.with_raw_response)  # type: ignore[return-value]

    @property
    def with_streaming_response(self) -> AsyncAdminClientWithStreamingResponse:
        return _Modes(self.admin.with_streaming_response)  # type: ignore[return-value]

    async def close(self) -> None:
        """Releases the client (connections close when it is garbage-collected)."""

    async def __aenter__(self) -> AsyncAdminClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
