"""The Rust extension (see bindings-python/src); `scripts/test-python` checks this stub
against it with mypy's stubtest."""

from typing import Any, Awaitable, Dict, List, Literal, Mapping, Optional, Tuple, final, overload

from typing_extensions import disjoint_base

__all__ = ["CoreClient", "Response", "Walk", "BaseModel", "_set_not_given", "settings"]
__all__ += ["response", "page_style", "OPERATION_COUNT", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT"]
__all__ += ["DEFAULT_MAX_RETRIES", "DEFAULT_MAX_PAGES", "_panic_next"]

OPERATION_COUNT: int
DEFAULT_BASE_URL: str
DEFAULT_TIMEOUT: float
DEFAULT_MAX_RETRIES: int
DEFAULT_MAX_PAGES: int

_Dict = Optional[Dict[str, Any]]
_Opts = Tuple[_Dict, _Dict, _Dict, Optional[float]]
_Retries = Optional[Tuple[Optional[int], Optional[bool]]]

@disjoint_base
class BaseModel:
    """A result object: attributes for every field, built when read."""

    def to_dict(self) -> Dict[str, Any]: ...
    def model_dump(self) -> Dict[str, Any]: ...
    def to_json(self, *, indent: Optional[int] = 2) -> str: ...
    def model_dump_json(self, *, indent: Optional[int] = None) -> str: ...
    def __contains__(self, key: str, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    @property
    def _type_name(self) -> str: ...

@final
class Response:
    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> List[Tuple[str, str]]: ...
    @property
    def request_id(self) -> Optional[str]: ...
    @property
    def content(self) -> bytes: ...
    @property
    def is_read(self) -> bool: ...
    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def request_headers(self) -> List[Tuple[str, str]]: ...
    @overload
    def next_chunk(self, is_async: Literal[False] = False) -> Optional[bytes]: ...
    @overload
    def next_chunk(self, is_async: Literal[True]) -> Awaitable[Optional[bytes]]: ...
    def close(self) -> None: ...
    def parse(self) -> BaseModel: ...
    def walk(self) -> Walk: ...

@final
class Walk:
    def step(self, page: Response) -> Tuple[Optional[Dict[str, Any]], Walk]: ...
    def share(self) -> Walk: ...
    @property
    def resume_cursor(self) -> Optional[str]: ...

@final
class CoreClient:
    def __new__(
        cls,
        env: Mapping[str, str],
        timeout: Optional[float] = None,
        headers: _Dict = None,
        query: _Dict = None,
        strict: bool = False,
        share: Optional[CoreClient] = None,
        **given: Any,
    ) -> CoreClient: ...
    @property
    def settings(self) -> Dict[str, Any]: ...
    @overload
    def request(
        self,
        sdk_method: str,
        params: Dict[str, Any],
        opts: _Opts,
        retries: _Retries = None,
        *,
        is_async: Literal[False] = False,
        stream: bool = False,
    ) -> Response: ...
    @overload
    def request(
        self,
        sdk_method: str,
        params: Dict[str, Any],
        opts: _Opts,
        retries: _Retries = None,
        *,
        is_async: Literal[True],
        stream: bool = False,
    ) -> Awaitable[Response]: ...
    def build(
        self, sdk_method: str, params: Dict[str, Any]
    ) -> Tuple[str, str, List[Tuple[str, str]], Optional[bytes]]: ...

def settings(env: Mapping[str, str]) -> Dict[str, Any]: ...
def _set_not_given(sentinel: object) -> None: ...
def response(
    sdk_method: str,
    status: int,
    body: bytes,
    headers: Optional[Dict[str, str]] = None,
    params: _Dict = None,
) -> Response: ...
def page_style(sdk_method: str) -> Optional[str]: ...
def _panic_next(site: str) -> None: ...
