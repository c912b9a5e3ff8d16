"""The emulator's own small HTTP API under /_emulator, for tests and benchmarks (no signature).

GET  /_emulator            what is running: knobs and how many calls were answered
GET  /_emulator/knobs      the knobs;  POST (a JSON object of knobs to change) changes them
GET  /_emulator/calls      every API call answered: action, subAppId, errorCode, fault
POST /_emulator/reset      forget every object, counter, image and call
GET  /_emulator/snapshot   the whole state as JSON;  POST (a snapshot) restores it
GET  /_emulator/apps       the account's applications;  POST {"subAppIds": [N, ...]} adds them

Every POST must say `Content-Type: application/json`. A web page can make a browser send a
cross-site POST only as text/plain, a form or multipart without asking the server first, so this
rule keeps any page the user opens from resetting or rewriting the emulator.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import EmulatorError
from .limits import bounded_json

if TYPE_CHECKING:
    from .app import Emulator

PREFIX = "/_emulator"
JSON = "application/json"
Answer = tuple[str, str, bytes]


def handle(emulator: Emulator, method: str, path: str, content_type: str, body: bytes) -> Answer:
    """Answer one admin request: (status line, content type, JSON body)."""
    route = _ROUTES.get((method, path.rstrip("/")))
    if route is None:
        return refused("404 Not Found", f"no {method} {path}; see {PREFIX} routes in the README")
    if method == "POST" and content_type.split(";")[0].strip().lower() != JSON:
        return refused("415 Unsupported Media Type", f"admin POSTs must be sent as {JSON}")
    try:
        return _answer("200 OK", route(emulator, _json(body)))
    except EmulatorError as error:
        return refused("400 Bad Request", str(error))


def refused(status: str, message: str) -> Answer:
    """An admin error answer: `{"error": message}` with `status`."""
    return _answer(status, {"error": message})


def _json(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return bounded_json(body)
    except ValueError as error:
        raise EmulatorError(f"the body is not JSON: {error}") from None


def _answer(status: str, data: Any) -> Answer:
    return status, JSON, json.dumps(data, ensure_ascii=False).encode("utf-8")


def _status(emulator: Emulator, _: Any) -> Any:
    return {"knobs": emulator.knobs.to_json(), "calls": len(emulator.calls)}


def _knobs(emulator: Emulator, _: Any) -> Any:
    return emulator.knobs.to_json()


def _change_knobs(emulator: Emulator, data: Any) -> Any:
    if not isinstance(data, dict):
        raise EmulatorError('POST a JSON object of the knobs to change, e.g. {"latencyMs": 50}')
    emulator.set_knobs(emulator.knobs.changed(data))
    return emulator.knobs.to_json()


def _calls(emulator: Emulator, _: Any) -> Any:
    return [
        {"action": c.action, "subAppId": c.sub_app_id, "errorCode": c.error_code, "fault": c.fault}
        for c in emulator.calls
    ]


def _reset(emulator: Emulator, _: Any) -> Any:
    emulator.reset()
    return {}


def _snapshot(emulator: Emulator, _: Any) -> Any:
    return emulator.snapshot()


def _restore(emulator: Emulator, data: Any) -> Any:
    if not isinstance(data, dict):
        raise EmulatorError("POST a snapshot, as GET /_emulator/snapshot returns it")
    emulator.restore(data)
    return {}


def _apps(emulator: Emulator, _: Any) -> Any:
    return {"subAppIds": [0, *emulator.sub_apps]}


def _add_apps(emulator: Emulator, data: Any) -> Any:
    wanted = data.get("subAppIds") if isinstance(data, dict) else None
    if not isinstance(wanted, list) or not all(_is_app_id(item) for item in wanted):
        raise EmulatorError('POST {"subAppIds": [N, ...]} with SubAppIds (integers from 1 to 2**64-1)')
    emulator.add_sub_apps(wanted)
    return _apps(emulator, None)


def _is_app_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**64


_ROUTES: dict[tuple[str, str], Callable[[Emulator, Any], Any]] = {
    ("GET", PREFIX): _status,
    ("GET", f"{PREFIX}/knobs"): _knobs,
    ("POST", f"{PREFIX}/knobs"): _change_knobs,
    ("GET", f"{PREFIX}/calls"): _calls,
    ("POST", f"{PREFIX}/reset"): _reset,
    ("GET", f"{PREFIX}/snapshot"): _snapshot,
    ("POST", f"{PREFIX}/snapshot"): _restore,
    ("GET", f"{PREFIX}/apps"): _apps,
    ("POST", f"{PREFIX}/apps"): _add_apps,
}
