"""The emulator as a WSGI application: routing, the response envelope, request ids, the call log.

Every API answer is HTTP 200 with `Content-Type: application/json` exactly (no charset: the
official SDK ignores error bodies otherwise) and the `{"Response": {...}}` envelope. A request
(a POST with a JSON body, or a GET with its parameters in the query string) passes, in order:
method, required headers, signature, version, action, body, validation; then
its action runs in one store transaction. Watermark images are served at GET /_emulator/images/.
Legacy requests (`/v2/index.php`) and PUTs to legacy upload URLs go to `legacy.frontend`.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import TYPE_CHECKING

from vodops.cloud.credentials import EMULATOR_SECRET_ID, EMULATOR_SECRET_KEY

from . import admin, cos, images, protocol
from .backend import RENDERERS, Action, Context, apps, mediainfo
from .backend.base import Job
from .encoding import envelope
from .faults import ApiFault
from .knobs import ConnectionDroppedError, Knobs, Mischief
from .legacy import frontend as legacy
from .legacy.protocol import PATH as LEGACY_PATH
from .legacy.watermark import UPLOAD_PREFIX
from .limits import MAX_ADMIN_BODY_BYTES, MAX_BODY_BYTES, bounded_json, declared_length, too_large_message
from .query import query_params
from .schema import Params, validate
from .services import BY_VERSION, VOD, Service
from .store import Store

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY = EMULATOR_SECRET_ID, EMULATOR_SECRET_KEY
JSON = "application/json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """One API call the emulator answered (or, with a drop fault, did not)."""

    action: str
    sub_app_id: int
    error_code: str | None
    fault: str | None = None  # the injected fault or rate limit this call met, if any


class Emulator:
    """A stateful VOD API 2018-07-17 and live API 2018-08-01 (pull-stream tasks) behind one WSGI
    interface, as one account; safe to call from many threads.

    `db_path` None keeps state in memory; a path keeps it in that SQLite file (created with its
    directories if missing), so state survives re-opening. `clock` judges signature expiry and,
    moved by the `clockOffsetSeconds` knob (`now`), stamps CreateTime/UpdateTime, runs relay
    schedules and dates every answer (the `Date` header). `credentials` maps each accepted
    SecretId to its SecretKey. `monotonic` (seconds, only its differences count) is the clock the
    rate limits' buckets refill by (the rateLimit knob's and each action's documented rate).
    `sub_apps` are SubAppIds the account has besides its default app (0); a request naming any
    other is refused with FailedOperation.InvalidVodUser, as the cloud refuses it.
    """

    def __init__(
        self,
        db_path: str | Path | None = None,
        clock: Callable[[], float] = time.time,
        credentials: Mapping[str, str] | None = None,
        knobs: Knobs | None = None,
        sub_apps: Iterable[int] = (),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = Store(db_path, RENDERERS)
        self._first_sub_apps = tuple(sub_apps)
        self.add_sub_apps(self._first_sub_apps)
        self._clock = clock
        self._mischief = Mischief(knobs or Knobs(), monotonic)
        if credentials is None:
            credentials = {DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY}
        self._credentials = dict(credentials)
        self._calls: list[Call] = []
        self._jobs: set[str] = set()  # keys of the jobs running now
        self._closed = threading.Event()  # a job still running then is abandoned, not reported
        self._calls_lock = threading.Lock()
        self._legacy = legacy.LegacyFrontend(
            self._store, clock, self._credentials, self._mischief, self._log_legacy
        )

    @property
    def calls(self) -> list[Call]:
        """Every API call answered so far, in order (a copy)."""
        with self._calls_lock:
            return list(self._calls)

    def close(self) -> None:
        """Close the state; a job still running (a pull fetching its URL) is abandoned with it."""
        self._closed.set()
        self._store.close()

    def now(self) -> float:
        """The time the account's objects see: the clock plus the clockOffsetSeconds knob."""
        return self._clock() + self._mischief.knobs.clock_offset_seconds

    @property
    def knobs(self) -> Knobs:
        return self._mischief.knobs

    def set_knobs(self, knobs: Knobs) -> None:
        """Change latency, rate limit and faults; the fault generator restarts from its seed."""
        self._mischief.set(knobs)

    def add_sub_apps(self, sub_apps: Iterable[int]) -> None:
        """Give the account these applications (SubAppIds); ones it has already are kept."""
        with self._store.transaction() as tx:
            for sub_app_id in sub_apps:
                apps.add(tx, sub_app_id)

    @property
    def sub_apps(self) -> list[int]:
        """The account's applications besides the default one (0), in the order they came."""
        with self._store.transaction() as tx:
            return apps.listed(tx)

    def reset(self) -> None:
        """Forget every object, counter, image and call, as a fresh emulator (which keeps the
        applications it was constructed with)."""
        self._store.restore(None)
        self.add_sub_apps(self._first_sub_apps)
        with self._calls_lock:
            self._calls.clear()

    def snapshot(self) -> Params:
        """The whole state (objects, id counters, images) as JSON-ready data."""
        return self._store.snapshot()

    def restore(self, snapshot: Params) -> None:
        """Replace the whole state with `snapshot` (as `snapshot()` returns it); raises
        EmulatorError when it is not one, leaving the state as it was."""
        self._store.restore(snapshot)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ["REQUEST_METHOD"]
        bucket = cos.bucket_of(str(environ.get("HTTP_HOST", "")))
        if bucket is not None:
            status, cos_headers, body = cos.serve(self._store, self._clock, environ, bucket)
            start_response(status, [*cos_headers.items(), ("Content-Length", str(len(body)))])
            return [body]
        if method == "HEAD" and path.startswith((mediainfo.URL_PREFIX, images.PATH_PREFIX, admin.PREFIX)):
            method = "GET"  # what GET serves, HEAD serves too: the server sends only the head
        if method == "GET" and path.startswith(mediainfo.URL_PREFIX):
            status, content_type, body = self._media_file(path[len(mediainfo.URL_PREFIX) :])
        elif method == "GET" and path.startswith(images.PATH_PREFIX):
            status, content_type, body = self._image(path[len(images.PATH_PREFIX) :])
        elif method == "PUT" and path.startswith(UPLOAD_PREFIX):
            status, body = self._legacy.receive_upload(path, _body(environ))
            content_type = "text/plain"
        elif path.startswith(admin.PREFIX):
            status, content_type, body = self._admin(environ, method, path)
        elif path == LEGACY_PATH:
            status, content_type, body = "200 OK", JSON, self._legacy.answer(_legacy_request(environ))
        else:
            status, content_type, body = "200 OK", JSON, self._answer(environ)
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        start_response(status, [*headers, ("Date", formatdate(self.now(), usegmt=True))])
        return [body]

    def _admin(self, environ: WSGIEnvironment, method: str, path: str) -> tuple[str, str, bytes]:
        length = declared_length(environ)
        if length > MAX_ADMIN_BODY_BYTES:
            return admin.refused("413 Payload Too Large", too_large_message(length, MAX_ADMIN_BODY_BYTES))
        return admin.handle(self, method, path, environ.get("CONTENT_TYPE", ""), _body(environ))

    def _answer(self, environ: WSGIEnvironment) -> bytes:
        length = declared_length(environ)
        if length > MAX_BODY_BYTES:
            # Refused from the declared length, before a byte of the body is read.
            action = str(environ.get("HTTP_X_TC_ACTION", ""))
            self._log(Call(action, 0, "RequestSizeLimitExceeded"))
            return _envelope(_error("RequestSizeLimitExceeded", too_large_message(length, MAX_BODY_BYTES)))
        request = _signed_request(environ)
        action = request.headers.get("x-tc-action", "")
        service = BY_VERSION.get(request.headers.get("x-tc-version", ""))
        body = _params(request, service.actions.get(action) if service else None)
        if (delay := self._mischief.delay()) > 0:
            time.sleep(delay)
        fault: str | None = None
        try:
            service, known, params = self._admitted(request, action, body)
            fault = self._fault(action, known.rate)
            _fail_at_once(fault, action)
            where = (_origin(environ), request.headers.get("x-tc-region", ""))
            reply, error = self._run(service, known, params, where), None
        except ApiFault as raised:
            reply, error = _error(raised.code, raised.message), raised.code
        except ConnectionDroppedError:
            self._log(Call(action, _sub_app_id(body), None, fault))
            raise
        except Exception:
            # A bug here still answers the way the cloud fails, so callers see a cloud error.
            log.exception("the emulator failed on %s", action)
            reply, error = _error("InternalError", "The emulator failed; see its log."), "InternalError"
        self._log(Call(action, _sub_app_id(body), error, fault))
        if fault == "drop-after":
            raise ConnectionDroppedError("the change was committed; its answer is lost")
        return _envelope(reply)

    def _log_legacy(self, action: str, app: int, error: str | None, fault: str | None) -> None:
        self._log(Call(action, app, error, fault))

    def _admitted(
        self, request: protocol.SignedRequest, action: str, body: Params | ApiFault
    ) -> tuple[Service, Action, Params]:
        service = self._admit(request)
        known = service.actions.get(action)
        if known is None:
            where = f"{service.name} {service.version}"
            raise ApiFault("InvalidAction", f"The action {action} does not exist in {where}.")
        service.check_region(request.headers.get("x-tc-region", ""))
        if isinstance(body, ApiFault):
            raise body
        return service, known, validate(known.request, body)

    def _fault(self, action: str, documented: float | None) -> str | None:
        """The rate limit or injected fault this call meets, if any."""
        if self._mischief.throttled(action, documented):
            return "rate-limit"
        return self._mischief.fault(action)

    def _run(self, service: Service, known: Action, params: Params, where: tuple[str, str]) -> Params:
        """Run the action in one transaction; `where` is (the origin reached, the Region named)."""
        with self._store.transaction() as tx:
            app = params.get("SubAppId", apps.DEFAULT_APP)
            ctx = Context(tx, app, self.now(), where[0], self.knobs.quota_scale, where[1])
            if service.apps:
                apps.require(ctx)
            reply = known.run(ctx, params)
        for key, job in ctx.jobs.items():
            self._start(key, job)
        return reply

    def _start(self, key: str, job: Job) -> None:
        """Run a job the action left on its own thread, unless one with its key still runs."""
        with self._calls_lock:
            if key in self._jobs:
                return
            self._jobs.add(key)

        def run() -> None:
            try:
                job(self._store, self.now)
            except Exception:
                if not self._closed.is_set():  # else it failed on the closed state: abandoned
                    log.exception("the emulator's job %s failed", key)
            finally:
                with self._calls_lock:
                    self._jobs.discard(key)

        threading.Thread(target=run, name=f"vodops-emulator-{key}", daemon=True).start()

    def _log(self, call: Call) -> None:
        with self._calls_lock:
            self._calls.append(call)

    def _admit(self, request: protocol.SignedRequest) -> Service:
        """Check method, common headers, signature and version; answer the service the version
        names (the signature is checked against VOD's scope when the version names none)."""
        if request.method not in ("GET", "POST"):
            raise ApiFault(
                "UnsupportedProtocol", f"Method {request.method} is not supported; use POST or GET."
            )
        version = _required_header(request, "x-tc-version", "Version")
        _required_header(request, "x-tc-action", "Action")
        service = BY_VERSION.get(version)
        protocol.verify(request, self._credentials, self._clock(), (service or VOD).name)
        if service is None:
            known = " or ".join(f"{s.version} ({s.name})" for s in BY_VERSION.values())
            raise ApiFault("NoSuchVersion", f"The API version {version} does not exist; use {known}.")
        return service

    def _media_file(self, name: str) -> tuple[str, str, bytes]:
        """A media file's original or cover, as its MediaUrl or CoverUrl serves it."""
        with self._store.transaction() as tx:
            data = tx.get_blob(f"media/{name}")
        if data is None:
            return "404 Not Found", "text/plain", b"no such media file\n"
        return "200 OK", "application/octet-stream", data

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


def _legacy_request(environ: WSGIEnvironment) -> legacy.Request:
    origin = _origin(environ)
    host = origin.split("://", 1)[1]
    query = environ.get("QUERY_STRING", "")
    return legacy.Request(environ["REQUEST_METHOD"], host, origin, query, _body(environ))


def _body(environ: WSGIEnvironment) -> bytes:
    """The body, as long as its Content-Length says (the caller has checked it is not too long)."""
    size = declared_length(environ)
    if size > MAX_ADMIN_BODY_BYTES:  # every path reads a bounded body; larger ones are never read
        return b""
    data: bytes = environ["wsgi.input"].read(size) if size else b""
    return data


def _envelope(reply: Params) -> bytes:
    return envelope(reply, str(uuid.uuid4()))


def _origin(environ: WSGIEnvironment) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def _required_header(request: protocol.SignedRequest, header: str, parameter: str) -> str:
    value = request.headers.get(header)
    if not value:
        raise ApiFault("MissingParameter", f"The request is missing a required parameter `{parameter}`.")
    return value


def _params(request: protocol.SignedRequest, known: Action | None) -> Params | ApiFault:
    """The request's parameters: the JSON body of a POST, the query string of a GET."""
    if request.method != "GET":
        return _json_object(request.body)
    return query_params(known.request, request.query) if known is not None else {}


def _json_object(body: bytes) -> Params | ApiFault:
    """The request body as a JSON object (an empty body counts as {}), or the fault to answer.

    The fault is returned, not raised: it is only the answer once the signature has passed.
    """
    if not body.strip():
        return {}
    try:
        params = bounded_json(body)
    except ValueError as err:
        return ApiFault("InvalidParameter", f"The request body is not valid JSON: {err}.")
    if not isinstance(params, dict):
        return ApiFault("InvalidParameter", "The request body must be a JSON object.")
    return params


def _fail_at_once(fault: str | None, action: str) -> None:
    """Faults that answer before the request is processed. drop-after is not one: the
    connection is dropped once the change is committed."""
    if fault == "rate-limit":
        raise ApiFault("RequestLimitExceeded", f"The request rate of {action} exceeds the limit.")
    if fault == "drop-before":
        raise ConnectionDroppedError("dropped before the request was processed")
    if fault == "internal":
        raise ApiFault("InternalError", "An internal error has occurred (injected by the emulator).")
    if fault == "throttle":
        raise ApiFault(
            "RequestLimitExceeded", "Your request rate exceeds the limit (injected by the emulator)."
        )


def _error(code: str, message: str) -> Params:
    return {"Error": {"Code": code, "Message": message}}


def _sub_app_id(body: Params | ApiFault) -> int:
    """The SubAppId a request addressed, for the call log: 0 unless the body names a valid one."""
    value = 0 if isinstance(body, ApiFault) else body.get("SubAppId", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
