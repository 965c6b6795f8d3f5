"""The Admin API's model types (see the stubs for their fields)."""

from ._generated.types import *  # noqa: F403
