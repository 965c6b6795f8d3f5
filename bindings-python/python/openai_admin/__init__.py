"""Unofficial client for the OpenAI Admin API, with the official SDK's interface.

`from openai_admin import OpenAI` and `client.admin.organization...` as documented for the
official `openai` package. Not made, endorsed or supported by OpenAI.
"""

from . import _exceptions, types
from ._base_client import AsyncPage, AsyncPaginator, SyncPage
from ._client import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AdminClient,
    AsyncAdminClient,
)
from ._core import BaseModel
from ._exceptions import *  # noqa: F403
from ._generated import exceptions as _status_errors
from ._generated.exceptions import *  # noqa: F403
from ._logs import setup_logging as _setup_logging
from ._resource import NOT_GIVEN, NotGiven
from ._response import APIResponse, AsyncAPIResponse

OpenAI = AdminClient
AsyncOpenAI = AsyncAdminClient
omit = NOT_GIVEN
Omit = NotGiven

__version__ = "0.1.0"

__all__ = [
    "types",
    "AdminClient",
    "AsyncAdminClient",
    "OpenAI",
    "AsyncOpenAI",
    "BaseModel",
    "APIResponse",
    "AsyncAPIResponse",
    "SyncPage",
    "AsyncPage",
    "AsyncPaginator",
    "NOT_GIVEN",
    "NotGiven",
    "omit",
    "Omit",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
]
__all__ += _exceptions.__all__
__all__ += _status_errors.__all__

_setup_logging()
