"""Exceptions, with the official SDK's names and hierarchy."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional

__all__ = [
    "OpenAIError",
    "InvalidInputError",
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


class InvalidInputError(OpenAIError, ValueError):
    """A parameter was rejected before anything was sent (also a `ValueError`)."""

    param: Optional[str]

    def __init__(self, message: str, *, param: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


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

    def __init__(self, message: str, *, status_code: int = 200, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.status_code = status_code


class APIStatusError(APIError):
    """The API answered with a non-2xx status."""

    status_code: int

    def __init__(self, message: str, *, status_code: int, **fields: Any) -> None:
        super().__init__(f"Error code: {status_code} - {message}", **fields)
        self.status_code = status_code


# The classes the core names for error statuses (`host::status_class`), as in the official SDK.
class BadRequestError(APIStatusError): ...


class AuthenticationError(APIStatusError): ...


class PermissionDeniedError(APIStatusError): ...


class NotFoundError(APIStatusError): ...


class ConflictError(APIStatusError): ...


class UnprocessableEntityError(APIStatusError): ...


class RateLimitError(APIStatusError): ...


class InternalServerError(APIStatusError): ...


class APIConnectionError(APIError):
    """The request could not be sent or its answer could not be read."""

    def __init__(self, message: str = "Connection error.", **fields: Any) -> None:
        super().__init__(message, **fields)


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""

    def __init__(self, message: str = "Request timed out.", **fields: Any) -> None:
        super().__init__(message, **fields)


def _from_core(info: Dict[str, Any]) -> OpenAIError:
    """Called by the Rust extension with the core's description of an error: the class it
    names, with its fields."""
    fields = {k: info[k] for k in ("body", "code", "param", "type", "request_id")}
    fields["status_code"] = info["status"]
    cls = globals()[info["class"]]
    return cls(info["message"], **{k: v for k, v in fields.items() if v is not None})  # type: ignore[no-any-return]
