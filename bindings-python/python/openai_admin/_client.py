"""`AdminClient` and `AsyncAdminClient` (also exported as `OpenAI` and `AsyncOpenAI`)."""

from __future__ import annotations

import os

from . import _core
from ._base_client import APIResponse, AsyncPaginator, SyncPage, _log_response
from ._exceptions import OpenAIError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Mapping, Optional

    from ._generated.resources import Admin, AsyncAdmin

__all__ = ["AdminClient", "AsyncAdminClient", "DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES"]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MAX_RETRIES = 2
DEFAULT_TIMEOUT = 600.0


def _dict(m: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    return None if m is None else dict(m)


class _BaseClient:
    def __init__(
        self,
        *,
        admin_api_key: Optional[str] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        _strict_response_validation: bool = False,
    ) -> None:
        if admin_api_key is None:
            admin_api_key = os.environ.get("OPENAI_ADMIN_KEY")
        if not admin_api_key:
            raise OpenAIError(
                "The admin_api_key client option must be set either by passing admin_api_key "
                "to the client or by setting the OPENAI_ADMIN_KEY environment variable"
            )
        if organization is None:
            organization = os.environ.get("OPENAI_ORG_ID")
        if project is None:
            project = os.environ.get("OPENAI_PROJECT_ID")
        if base_url is None:
            base_url = os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = base_url
        self.organization = organization
        self.project = project
        self.timeout = timeout
        self.max_retries = max_retries
        self._core = _core.CoreClient(
            admin_api_key,
            base_url,
            organization,
            project,
            _dict(default_headers),
            _dict(default_query),
            timeout,
            max_retries,
            _strict_response_validation,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r}>"


class AdminClient(_BaseClient):
    """A client for the Admin API. Requests are sent by the Rust core with the GIL released."""

    @property
    def admin(self) -> Admin:
        a = self.__dict__.get("_admin")
        if a is None:
            from ._generated.resources import Admin

            a = self.__dict__["_admin"] = Admin(self)
        return a  # type: ignore[no-any-return]

    def _call(
        self,
        method: str,
        params: Dict[str, Any],
        eh: Any,
        eq: Any,
        eb: Any,
        timeout: Any,
        raw: bool,
    ) -> Any:
        resp = self._core.request(method, params, _dict(eh), _dict(eq), _dict(eb), timeout)
        _log_response(resp)
        if raw:
            return APIResponse(resp, resp.parse)
        return resp.parse()

    def _page(
        self,
        method: str,
        params: Dict[str, Any],
        eh: Any,
        eq: Any,
        eb: Any,
        timeout: Any,
        raw: bool,
    ) -> Any:
        opts = (_dict(eh), _dict(eq), _dict(eb), timeout)
        resp = self._core.request(method, params, *opts)
        _log_response(resp)
        if raw:
            return APIResponse(resp, lambda: SyncPage(self, method, resp, opts))
        return SyncPage(self, method, resp, opts)

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
        a = self.__dict__.get("_admin")
        if a is None:
            from ._generated.resources import AsyncAdmin

            a = self.__dict__["_admin"] = AsyncAdmin(self)
        return a  # type: ignore[no-any-return]

    async def _acall(
        self,
        method: str,
        params: Dict[str, Any],
        eh: Any,
        eq: Any,
        eb: Any,
        timeout: Any,
        raw: bool,
    ) -> Any:
        resp = await self._core.request_async(
            method, params, _dict(eh), _dict(eq), _dict(eb), timeout
        )
        _log_response(resp)
        if raw:
            return APIResponse(resp, resp.parse)
        return resp.parse()

    def _apage(
        self,
        method: str,
        params: Dict[str, Any],
        eh: Any,
        eq: Any,
        eb: Any,
        timeout: Any,
        raw: bool,
    ) -> Any:
        opts = (_dict(eh), _dict(eq), _dict(eb), timeout)
        return AsyncPaginator(self, method, params, opts, raw)

    async def close(self) -> None:
        """Releases the client (connections close when it is garbage-collected)."""

    async def __aenter__(self) -> AsyncAdminClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
