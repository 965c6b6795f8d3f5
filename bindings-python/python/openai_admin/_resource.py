"""Base classes of the generated resource tree, and the `NOT_GIVEN` sentinel."""

from __future__ import annotations

from . import _core

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class NotGiven:
    """The default of optional parameters: the parameter is left out of the request."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
_core._set_not_given(NOT_GIVEN)


class SyncAPIResource:
    """A node of `client.admin…`; `with_raw_response` gives the same node returning responses,
    `with_streaming_response` the same node returning context managers of responses."""

    def __init__(self, client: Any, raw: Any = False) -> None:
        self._c = client
        self._raw = raw

    @property
    def with_raw_response(self) -> Any:
        return type(self)(self._c, True)

    @property
    def with_streaming_response(self) -> Any:
        return type(self)(self._c, "stream")


class AsyncAPIResource(SyncAPIResource):
    """The async client's resource node."""
