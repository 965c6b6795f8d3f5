"""The Rust extension (see bindings-python/src); `scripts/test-python` checks this stub
against it with mypy's stubtest."""

from typing import (
    AbstractSet,
    Any,
    Awaitable,
    Dict,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Tuple,
    final,
    overload,
)

from typing_extensions import disjoint_base

__all__ = ["CoreClient", "Response", "Pieces", "BaseModel", "_set_not_given", "_model", "settings"]
__all__ += ["log_level", "REQUEST_ID_HEADER"]
__all__ += ["page_style", "OPERATION_COUNT", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT"]
__all__ += ["DEFAULT_MAX_RETRIES", "DEFAULT_MAX_PAGES", "PAGE_FIELDS", "_panic_next"]

OPERATION_COUNT: int
DEFAULT_BASE_URL: str
DEFAULT_TIMEOUT: float
DEFAULT_MAX_RETRIES: int
DEFAULT_MAX_PAGES: int
REQUEST_ID_HEADER: str
PAGE_FIELDS: List[str]

_Dict = Optional[Dict[str, Any]]
_Map = Optional[Mapping[str, Any]]
# A call's extra headers, query and body, and its timeout (NOT_GIVEN, None or seconds).
_Opts = Tuple[_Map, _Map, _Map, object]

@disjoint_base
class BaseModel:
    """A result object: attributes for every field, built when read."""

    def to_dict(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> Dict[str, Any]: ...
    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        include: Optional[AbstractSet[str]] = None,
        exclude: Optional[AbstractSet[str]] = None,
        by_alias: Optional[bool] = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool = True,
    ) -> Dict[str, Any]: ...
    def to_json(
        self,
        *,
        indent: Optional[int] = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str: ...
    def model_dump_json(
        self,
        *,
        indent: Optional[int] = None,
        include: Optional[AbstractSet[str]] = None,
        exclude: Optional[AbstractSet[str]] = None,
        by_alias: Optional[bool] = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool = True,
    ) -> str: ...
    def __iter__(self) -> Iterator[Tuple[str, Any]]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, str]]: ...
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
    def is_closed(self) -> bool: ...
    @property
    def content(self) -> bytes: ...
    @property
    def sent(self) -> Tuple[str, str, List[Tuple[str, str]]]: ...
    def read(self, is_async: bool = False) -> Any: ...
    def pieces(self, kind: str, size: Optional[int] = None) -> Pieces: ...
    def close(self, is_async: bool = False) -> Any: ...
    def parse(self) -> BaseModel: ...
    def next_params(self) -> Optional[Dict[str, Any]]: ...
    def follow(self, core: CoreClient, opts: _Opts, is_async: bool = False) -> Any: ...

@final
class Pieces:
    def __iter__(self) -> Pieces: ...
    def __next__(self) -> Any: ...
    def __aiter__(self) -> Pieces: ...
    def __anext__(self) -> Awaitable[Any]: ...

@final
class CoreClient:
    def __new__(
        cls,
        env: Mapping[str, str],
        timeout: object,
        headers: _Map = None,
        query: _Map = None,
        share: Optional[CoreClient] = None,
        **given: Any,
    ) -> CoreClient: ...
    @property
    def settings(self) -> Dict[str, Any]: ...
    @property
    def admin_api_key(self) -> Optional[str]: ...
    @overload
    def request(
        self,
        sdk_method: str,
        params: Dict[str, Any],
        opts: _Opts,
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
        *,
        is_async: Literal[True],
        stream: bool = False,
    ) -> Awaitable[Response]: ...

def settings(env: Mapping[str, str]) -> Dict[str, Any]: ...
def log_level(env: Mapping[str, str]) -> Optional[str]: ...
def _set_not_given(sentinel: object) -> None: ...
def _model(json: str, type_name: str) -> BaseModel: ...
def page_style(sdk_method: str) -> Optional[str]: ...
def _panic_next(site: str) -> None: ...
