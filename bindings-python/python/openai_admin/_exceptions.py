"""Exceptions, with the official SDK's names and hierarchy."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional

__all__ = [
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


class OpenAIError(Exception):
    """Base class of every error this package raises on purpose."""


class APIError(OpenAIError):
    """A request failed: no answer, an error status, or an answer that did not fit."""

    message: str
    body: Optional[object]
    code: Optional[str]
    param: Optional[str]
    type: Optional[str]
    request_id: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        body: Optional[object] = None,
        code: Optional[str] = None,
        param: Optional[str] = None,
        type: Optional[str] = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.body = body
        self.code = code
        self.param = param
        self.type = type
        self.request_id = request_id


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the operation's type."""

    status_code: int

    def __init__(
        self, message: str, *, status_code: int = 200, request_id: Optional[str] = None
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.status_code = status_code


class APIStatusError(APIError):
    """The API answered with a non-2xx status."""

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: Optional[str] = None,
        body: Optional[object] = None,
        code: Optional[str] = None,
        param: Optional[str] = None,
        type: Optional[str] = None,
    ) -> None:
        super().__init__(
            f"Error code: {status_code} - {message}",
            body=body,
            code=code,
            param=param,
            type=type,
            request_id=request_id,
        )
        self.status_code = status_code


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """500 and above"""


class APIConnectionError(APIError):
    """The request could not be sent or its answer could not be read."""

    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""

    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


_BY_STATUS = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _from_core(kind: str, message: str, **fields: Any) -> APIError:
    """Called by the Rust extension to make the exception for a failed call."""
    if kind == "status":
        status = fields["status_code"]
        cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
        return cls(message, **fields)
    if kind == "decode":
        return APIResponseValidationError(message, request_id=fields.get("request_id"))
    if kind == "timeout":
        return APITimeoutError()
    return APIConnectionError(message)
