"""The legacy API's door into the emulator: `GET|POST /v2/index.php`, beside the 2018 endpoint,
over the same store, knobs and call log. Also takes the PUT of a watermark image to the upload
URL ApplyUploadWatermark hands out.

A request passes, in order: parameter decoding, the common parameters, SecretId, signature,
clock window and Nonce, action; then the knobs' rate limit and faults; then the action runs in
one store transaction. Every answer is HTTP 200 with the flat JSON object (the official SDK reads
no body from any other status).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..backend.base import Context, Reply
from ..knobs import ConnectionDroppedError, Mischief
from ..store import Store
from . import classes, transcode, watermark
from .params import Params
from .protocol import LegacyFault, Verifier, failure, parse_form, success

log = logging.getLogger(__name__)
Run = Callable[[Context, Params], Reply]

ACTIONS: dict[str, Run] = {
    "CreateTranscodeTemplate": transcode.create,
    "QueryTranscodeTemplateList": transcode.query_list,
    "QueryTranscodeTemplate": transcode.query,
    "UpdateTranscodeTemplate": transcode.update,
    "DeleteTranscodeTemplate": transcode.delete,
    "ApplyUploadWatermark": watermark.apply_upload,
    "CreateWatermarkTemplate": watermark.create,
    "QueryWatermarkTemplateList": watermark.query_list,
    "QueryWatermarkTemplate": watermark.query,
    "UpdateWatermarkTemplate": watermark.update,
    "DeleteWatermarkTemplate": watermark.delete,
    "CreateClass": classes.create,
    "DescribeAllClass": classes.describe_all,
    "DescribeClass": classes.describe,
    "ModifyClass": classes.modify,
    "DeleteClass": classes.delete,
}
_FAULTS = {
    "rate-limit": LegacyFault(4400, "The call rate of this action is over its limit."),
    "throttle": LegacyFault(4400, "The call rate is over the limit (injected by the emulator)."),
    "internal": LegacyFault(6000, "An internal error has occurred (injected by the emulator)."),
}


@dataclass(frozen=True)
class Request:
    """A legacy (2017) API request as its front end reads it."""

    method: str
    host: str  # the Host header as sent
    origin: str  # "http://host[:port]"
    query: str
    body: bytes


Logger = Callable[[str, int, "str | None", "str | None"], None]  # action, app, error, fault


class LegacyFrontend:
    """Answers legacy requests against `store`; `log_call` records each in the emulator's log."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], float],
        credentials: Mapping[str, str],
        mischief: Mischief,
        log_call: Logger,
    ) -> None:
        self._store = store
        self._clock = clock
        self._verifier = Verifier(credentials)
        self._mischief = mischief
        self._log_call = log_call

    def answer(self, request: Request) -> bytes:
        """The JSON answer of one legacy (2017, /v2/index.php) request: verified, run in a
        transaction and logged; a refusal or an emulator failure is a failure answer with its code
        and message. Raises ConnectionDroppedError for the drop-before and drop-after faults."""
        time.sleep(self._mischief.delay())
        action, app, fault = "", 0, None
        try:
            form = parse_form(
                request.query if request.method == "GET" else request.body.decode("utf-8", "replace")
            )
            action = form.get("Action", "")
            run, now = self._admitted(request, form)
            app = _app(form)  # judged once the signature has passed
            fault = self._draw(action)
            _fail_at_once(fault)
            reply, error = success(self._run(run, Params(form), app, now, request.origin)), None
        except LegacyFault as raised:
            reply, error = failure(raised), raised.label
        except ConnectionDroppedError:
            self._log_call(action, app, None, fault)
            raise
        except Exception:
            log.exception("the emulator failed on legacy %s", action)
            reply, error = failure(LegacyFault(6000, "The emulator failed; see its log.")), "6000"
        self._log_call(action, app, error, fault)
        if fault == "drop-after":
            raise ConnectionDroppedError("the change was committed; its answer is lost")
        return json.dumps(reply, ensure_ascii=False).encode("utf-8")

    def receive_upload(self, path: str, data: bytes) -> tuple[str, bytes]:
        """The PUT of an image to an upload URL: an HTTP status and a short text."""
        with self._store.transaction() as tx:
            refused = watermark.receive(tx, path, data)
        if refused is not None:
            return "400 Bad Request", (refused + "\n").encode()
        return "200 OK", b""

    def _admitted(self, request: Request, form: dict[str, str]) -> tuple[Run, float]:
        if request.method not in ("GET", "POST"):
            raise LegacyFault(4000, f"Method {request.method} is not supported; use GET or POST.")
        now = self._clock()
        self._verifier.verify(request.method, request.host, form, now)
        run = ACTIONS.get(form["Action"][:1].upper() + form["Action"][1:])
        if run is None:
            raise LegacyFault(6100, f"The action {form['Action']} is not supported by this module.")
        return run, now

    def _draw(self, action: str) -> str | None:
        """The rate limit or injected fault this call meets, if any."""
        return "rate-limit" if self._mischief.throttled(action) else self._mischief.fault(action)

    def _run(self, run: Run, params: Params, app: int, now: float, origin: str) -> Reply:
        with self._store.transaction() as tx:
            return run(Context(tx, app, now, origin), params)


def _fail_at_once(fault: str | None) -> None:
    """Faults answered before the action runs (drop-after drops the answer once it has run)."""
    if fault is not None and fault in _FAULTS:
        raise _FAULTS[fault]
    if fault == "drop-before":
        raise ConnectionDroppedError("dropped before the request was processed")


def _app(form: Mapping[str, Any]) -> int:
    """SubAppId, the sub-application a request addresses (0: the account's default app)."""
    value = str(form.get("SubAppId") or "0")
    if not value.isdigit():
        raise LegacyFault(4000, f"SubAppId must be a positive integer (got {value!r}).")
    return int(value)
