"""Exceptions, with the official SDK's names and hierarchy. The classes for error statuses are
generated (`_generated/exceptions.py`) from the names the core gives them."""

from __future__ import annotations

from ._core import REQUEST_ID_HEADER

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Tuple

    from ._core import Response
    from ._response import HTTPResponse, Request


class OpenAIError(Exception):
    """Base class of every error this package raises on purpose."""


class InternalError(OpenAIError):
    """A bug in this package: a panic in the Rust core, caught before it could reach Python as
    anything but an exception of this hierarchy. The client stays usable."""


class InvalidInputError(OpenAIError, ValueError, TypeError):
    """A parameter was rejected before anything was sent. Also a `ValueError` and a
    `TypeError`, so code that catches what other clients raise for bad values catches it."""

    def __init__(self, message: str, *, param: Optional[str] = None, **_: Any) -> None:
        super().__init__(message)
        self.message, self.param = message, param


class APIError(OpenAIError):
    """A request failed: no answer, an error status, or an answer that did not fit. `body`,
    `code`, `param`, `type` and `request_id` are `None` when the answer has none; `request`
    is the request sent (`None` when it was not sent). The constructors take the official
    SDK's arguments too (`NotFoundError("…", response=…, body=…)`), for code that makes them."""

    request: Optional[Request]
    body: Optional[object]
    code: Optional[str]
    param: Optional[str]
    type: Optional[str]
    request_id: Optional[str]
    resume_cursor: Optional[str] = None
    """Set when a walk over pages failed on a later page: the cursor to start the walk again
    from (pass it as the list's cursor parameter, e.g. `after`); no item is lost or repeated."""

    def __init__(self, message: str, request: Optional[Request] = None, **fields: Any) -> None:
        super().__init__(message)
        self.message, self.request, self.body = message, request, fields.get("body")
        # From the core's description; else, for an error made by hand, from its body.
        error = self.body if isinstance(self.body, dict) else {}
        for name in ("code", "param", "type"):
            value = fields.get(name, error.get(name))
            setattr(self, name, None if value is None else str(value))
        self.request_id = fields.get("request_id")


def _status_of(response: Any, fields: Dict[str, Any]) -> Any:
    """The status of an error made with `response` (an httpx-like answer) or `status_code`."""
    if response is not None and fields.get("request_id") is None:
        fields["request_id"] = response.headers.get(REQUEST_ID_HEADER)
    return fields.pop("status_code", getattr(response, "status_code", None))


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the operation's type."""

    def __init__(
        self,
        response: Any = None,
        body: object = None,
        *,
        message: Optional[str] = None,
        **fields: Any,
    ) -> None:
        status = _status_of(response, fields)
        message = message or "The response body does not have the shape of the operation's result."
        request = fields.pop("request", getattr(response, "request", None))
        super().__init__(message, request, body=body, **fields)
        # The core always says the status (the 2xx that did not fit); so does a response.
        self.response, self.status_code = response, status


class APIStatusError(APIError):
    """The API answered with a non-2xx status; `response` is that answer."""

    response: HTTPResponse

    def __init__(
        self, message: str, *, response: Any = None, body: object = None, **fields: Any
    ) -> None:
        status = _status_of(response, fields)
        request = fields.pop("request", getattr(response, "request", None))
        super().__init__(message, request, body=body, **fields)
        self.response, self.status_code = response, status


class APIConnectionError(APIError):
    """The request could not be sent or its answer could not be read."""

    def __init__(
        self, message: str = "Connection error.", request: Any = None, **fields: Any
    ) -> None:
        super().__init__(message, request, **fields)


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""

    def __init__(
        self, request: Any = None, *, message: str = "Request timed out.", **fields: Any
    ) -> None:
        super().__init__(message, request, **fields)


from ._generated.exceptions import *  # noqa: E402, F403

__all__ = ["OpenAIError", "InvalidInputError", "APIError", "APIStatusError"]
__all__ += ["APIConnectionError", "APITimeoutError", "APIResponseValidationError"]


def _from_core(
    info: Dict[str, Any],
    sent: Optional[Tuple[str, str, Any]] = None,
    resp: Optional[Response] = None,
) -> OpenAIError:
    """Called by the Rust extension with the core's description of an error (the class it
    names, with its fields), and the request and response when there were some."""
    from ._response import HTTPResponse, Request

    fields = {k: info[k] for k in ("body", "code", "param", "type", "request_id")}
    fields["status_code"] = info["status"]
    fields["request"] = None if sent is None else Request(*sent)
    fields["response"] = None if resp is None else HTTPResponse(resp)
    cls, message = globals()[info["class"]], info["message"]
    if issubclass(cls, APIStatusError):
        message = f"Error code: {info['status']} - {message}"
    return cls(message=message, **{k: v for k, v in fields.items() if v is not None})  # type: ignore[no-any-return]
