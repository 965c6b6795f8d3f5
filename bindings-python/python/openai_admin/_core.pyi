"""The Rust extension (see bindings-python/src)."""

from typing import Any, Dict, List, Optional, Tuple

OPERATION_COUNT: int

class BaseModel:
    """A result object: attributes for every field, built when read."""

    def to_dict(self) -> Dict[str, Any]: ...
    def model_dump(self) -> Dict[str, Any]: ...
    def to_json(self, *, indent: Optional[int] = 2) -> str: ...
    def model_dump_json(self, *, indent: Optional[int] = None) -> str: ...
    def __contains__(self, key: str) -> bool: ...

class Response:
    status_code: int
    headers: List[Tuple[str, str]]
    request_id: Optional[str]
    content: bytes
    method: str
    url: str
    request_headers: List[Tuple[str, str]]
    params: Dict[str, Any]
    def parse(self) -> BaseModel: ...
    def next_params(self) -> Optional[Dict[str, Any]]: ...

class CoreClient:
    def __init__(
        self,
        api_key: str,
        base_url: str,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        default_headers: Optional[Dict[str, Any]] = None,
        default_query: Optional[Dict[str, Any]] = None,
        timeout: Optional[float] = None,
        max_retries: int = 2,
        strict: bool = False,
    ) -> None: ...
    def request(
        self,
        sdk_method: str,
        params: Dict[str, Any],
        extra_headers: Optional[Dict[str, Any]] = None,
        extra_query: Optional[Dict[str, Any]] = None,
        extra_body: Optional[Dict[str, Any]] = None,
        timeout: Optional[float] = None,
    ) -> Response: ...
    async def request_async(
        self,
        sdk_method: str,
        params: Dict[str, Any],
        extra_headers: Optional[Dict[str, Any]] = None,
        extra_query: Optional[Dict[str, Any]] = None,
        extra_body: Optional[Dict[str, Any]] = None,
        timeout: Optional[float] = None,
    ) -> Response: ...

def _set_not_given(sentinel: object) -> None: ...
def build_request(
    sdk_method: str, params: Dict[str, Any], base_url: str, api_key: str
) -> Tuple[str, str, List[Tuple[str, str]], Optional[bytes]]: ...
def parse_body(
    sdk_method: str, status: int, body: bytes, headers: Optional[Dict[str, str]] = None
) -> Any: ...
def next_params(
    sdk_method: str, params: Dict[str, Any], page: bytes
) -> Optional[Dict[str, Any]]: ...
def page_style(sdk_method: str) -> Optional[str]: ...
