"""The emulator as a WSGI application: routing, the response envelope, request ids, the call log.

Every API answer is HTTP 200 with `Content-Type: application/json` exactly (no charset: the
official SDK ignores error bodies otherwise) and the `{"Response": {...}}` envelope. A request
passes, in order: method, required headers, signature, version, action, body, validation; then
its action runs in one store transaction. Watermark images are served at GET /_emulator/images/.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import images, protocol
from .backend import ACTIONS, Context
from .faults import ApiFault
from .schema import Params, validate
from .store import Store

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

DEFAULT_SECRET_ID = "AKIDvodopsEmulatorDefaultKey0000"
DEFAULT_SECRET_KEY = "vodops-emulator-secret-key"
VERSION = "2018-07-17"
JSON = "application/json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """One API call the emulator answered."""

    action: str
    sub_app_id: int
    error_code: str | None


class Emulator:
    """A stateful VOD API 2018-07-17 behind a WSGI interface; safe to call from many threads.

    `db_path` None keeps state in memory; a path keeps it in that SQLite file (created with its
    directories if missing), so state survives re-opening. `clock` stamps CreateTime/UpdateTime
    and judges signature expiry. `credentials` maps each accepted SecretId to its SecretKey.
    """

    def __init__(
        self,
        db_path: str | Path | None = None,
        clock: Callable[[], float] = time.time,
        credentials: Mapping[str, str] | None = None,
    ) -> None:
        self._store = Store(db_path)
        self._clock = clock
        if credentials is None:
            credentials = {DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY}
        self._credentials = dict(credentials)
        self._calls: list[Call] = []
        self._calls_lock = threading.Lock()

    @property
    def calls(self) -> list[Call]:
        """Every API call answered so far, in order (a copy)."""
        with self._calls_lock:
            return list(self._calls)

    def close(self) -> None:
        self._store.close()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if environ["REQUEST_METHOD"] == "GET" and path.startswith(images.PATH_PREFIX):
            status, content_type, body = self._image(path[len(images.PATH_PREFIX) :])
        else:
            status, content_type, body = "200 OK", JSON, self._answer(environ)
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    def _answer(self, environ: WSGIEnvironment) -> bytes:
        request = _signed_request(environ)
        action = request.headers.get("x-tc-action", "")
        body = _json_object(request.body)
        try:
            reply, error = self._perform(request, action, body, _origin(environ)), None
        except ApiFault as fault:
            reply, error = _error(fault.code, fault.message), fault.code
        except Exception:
            # A bug here still answers the way the cloud fails, so callers see a cloud error.
            log.exception("the emulator failed on %s", action)
            reply, error = _error("InternalError", "The emulator failed; see its log."), "InternalError"
        with self._calls_lock:
            self._calls.append(Call(action, _sub_app_id(body), error))
        envelope = {"Response": {**reply, "RequestId": str(uuid.uuid4())}}
        return json.dumps(envelope, ensure_ascii=False).encode("utf-8")

    def _perform(
        self, request: protocol.SignedRequest, action: str, body: Params | ApiFault, origin: str
    ) -> Params:
        now = self._admit(request)
        known = ACTIONS.get(action)
        if known is None:
            raise ApiFault("InvalidAction", f"The action {action} does not exist.")
        if isinstance(body, ApiFault):
            raise body
        params = validate(known.request, body)
        with self._store.transaction() as tx:
            return known.run(Context(tx, params.get("SubAppId", 0), now, origin), params)

    def _admit(self, request: protocol.SignedRequest) -> float:
        """Check method, common headers, signature and version; answer the time judged at."""
        if request.method != "POST":
            raise ApiFault("UnsupportedProtocol", f"Method {request.method} is not supported; use POST.")
        version = _required_header(request, "x-tc-version", "Version")
        _required_header(request, "x-tc-action", "Action")
        now = self._clock()
        protocol.verify(request, self._credentials, now)
        if version != VERSION:
            raise ApiFault("NoSuchVersion", f"The API version {version} does not exist; use {VERSION}.")
        return now

    def _image(self, name: str) -> tuple[str, str, bytes]:
        with self._store.transaction() as tx:
            found = tx.get_image(name)
        if found is None:
            return "404 Not Found", "text/plain", b"no such image\n"
        return "200 OK", found[0], found[1]


@contextmanager
def open_emulator(
    db_path: str | Path | None = None,
    clock: Callable[[], float] = time.time,
    credentials: Mapping[str, str] | None = None,
) -> Iterator[Emulator]:
    """An Emulator that is closed when the block ends."""
    emulator = Emulator(db_path, clock, credentials)
    try:
        yield emulator
    finally:
        emulator.close()


def _signed_request(environ: WSGIEnvironment) -> protocol.SignedRequest:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if "CONTENT_TYPE" in environ:
        headers["content-type"] = environ["CONTENT_TYPE"]
    method = environ["REQUEST_METHOD"]
    # For POST the canonical query string is always empty, whatever the URL carries.
    query = "" if method == "POST" else environ.get("QUERY_STRING", "")
    path = environ.get("PATH_INFO") or "/"
    return protocol.SignedRequest(method, path, query, headers, _body(environ))


def _body(environ: WSGIEnvironment) -> bytes:
    length = environ.get("CONTENT_LENGTH") or "0"
    size = int(length) if length.isdigit() else 0
    data: bytes = environ["wsgi.input"].read(size) if size else b""
    return data


def _origin(environ: WSGIEnvironment) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def _required_header(request: protocol.SignedRequest, header: str, parameter: str) -> str:
    value = request.headers.get(header)
    if not value:
        raise ApiFault("MissingParameter", f"The request is missing a required parameter `{parameter}`.")
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_object(body: bytes) -> Params | ApiFault:
    """The request body as a JSON object (an empty body counts as {}), or the fault to answer.

    The fault is returned, not raised: it is only the answer once the signature has passed.
    """
    if not body.strip():
        return {}
    try:
        params = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except ValueError as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return ApiFault("InvalidParameter", f"The request body is not valid JSON: {err}.")
    if not isinstance(params, dict):
        return ApiFault("InvalidParameter", "The request body must be a JSON object.")
    return params


def _error(code: str, message: str) -> Params:
    return {"Error": {"Code": code, "Message": message}}


def _sub_app_id(body: Params | ApiFault) -> int:
    """The SubAppId a request addressed, for the call log: 0 unless the body names a valid one."""
    value = 0 if isinstance(body, ApiFault) else body.get("SubAppId", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
