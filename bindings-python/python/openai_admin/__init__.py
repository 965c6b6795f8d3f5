"""Unofficial client for the OpenAI Admin API, with the official SDK's interface.

`from openai_admin import OpenAI` and `client.admin.organization...` as documented for the
official `openai` package. Not made, endorsed or supported by OpenAI.
"""

from . import types
from ._base_client import APIResponse, AsyncPage, AsyncPaginator, SyncPage
from ._client import DEFAULT_MAX_RETRIES, AdminClient, AsyncAdminClient
from ._core import BaseModel
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._logs import setup_logging as _setup_logging
from ._resource import NOT_GIVEN, NotGiven

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
    "SyncPage",
    "AsyncPage",
    "AsyncPaginator",
    "NOT_GIVEN",
    "NotGiven",
    "omit",
    "Omit",
    "DEFAULT_MAX_RETRIES",
    "OpenAIError",
    "APIError",
    "APIStatusError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
]

_setup_logging()
