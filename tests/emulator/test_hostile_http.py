"""The emulator as a server under hostile HTTP: raw requests against `serve_in_thread`.

Every case gets Tencent's answer (or, for the unsigned admin endpoint, a JSON error), never an
HTML 500 or a hang, and the server keeps serving afterwards.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.emulator.conftest import Api, signed_headers
from tests.emulator.test_serve import VODOPS
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY
from vodops.emulator.limits import MAX_BODY_BYTES
from vodops.emulator.server import is_loopback

JSON = "application/json"
CROSS_SITE = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]  # no preflight


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10)


def _raw(url: str, head: bytes, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send `head` (request line and headers, no blank line) and `body`; answer status, headers, body."""
    with _connect(url) as conn:
        conn.sendall(head + b"\r\n\r\n" + body)
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    top, _, content = reply.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, content


def _request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    """A request's head that asks the server to close the connection after its answer."""
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "Connection: close"]
    if "Content-Length" not in headers:
        lines.append(f"Content-Length: {len(body)}")
    return "\r\n".join(lines).encode("latin-1")


def _api_error(url: str, body: bytes, **sign: Any) -> str:
    """Send a signed DescribeAllClass with `body`; answer the error code of its JSON envelope."""
    host = urlsplit(url).netloc
    headers = signed_headers("DescribeAllClass", body, host, **sign)
    status, reply_headers, content = _raw(url, _request("POST", "/", headers, body), body)
    assert status == 200 and reply_headers["content-type"] == "application/json", content[:200]
    error: str = json.loads(content)["Response"]["Error"]["Code"]
    return error


def _still_serving(url: str) -> None:
    api = Api(urlsplit(url).netloc, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    assert api("DescribeAllClass")["ClassInfoSet"][0]["Name"] == "SystemDefault"


def _admin(url: str, method: str, path: str, body: bytes = b"", content_type: str = JSON) -> Any:
    headers = {"Host": urlsplit(url).netloc, "Content-Type": content_type}
    status, _, content = _raw(url, _request(method, path, headers, body), body)
    return status, json.loads(content)


@pytest.mark.parametrize("content_type", CROSS_SITE)
@pytest.mark.parametrize("path", ["/_emulator/reset", "/_emulator/knobs", "/_emulator/snapshot"])
def test_cross_site_admin_posts_are_refused(url: str, path: str, content_type: str) -> None:
    api = Api(urlsplit(url).netloc, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    api("CreateClass", ParentId=-1, ClassName="Movies")
    status, answer = _admin(url, "POST", path, b'{"faultRate": 1}', content_type)
    assert (status, answer) == (415, {"error": "admin POSTs must be sent as application/json"})
    assert [c["Name"] for c in api("DescribeAllClass")["ClassInfoSet"]] == ["SystemDefault", "Movies"]
    assert _admin(url, "GET", "/_emulator/knobs")[1]["faultRate"] == 0.0


def test_a_body_over_the_api_limit_is_refused_before_it_is_read(url: str) -> None:
    headers = signed_headers("DescribeAllClass", b"{}", urlsplit(url).netloc)
    headers["Content-Length"] = str(100 * 1024 * 1024)
    status, _, content = _raw(url, _request("POST", "/", headers))  # the 100 MB are never sent
    error = json.loads(content)["Response"]["Error"]
    assert status == 200
    assert error == {
        "Code": "RequestSizeLimitExceeded",
        "Message": f"The request body is 104857600 bytes; the limit is {MAX_BODY_BYTES} bytes.",
    }
    _still_serving(url)


def test_a_client_sending_a_large_body_still_reads_the_refusal(url: str) -> None:
    body = b" " * (MAX_BODY_BYTES + 1)
    assert _api_error(url, body) == "RequestSizeLimitExceeded"
    _still_serving(url)


def test_an_admin_body_over_its_limit_is_refused(url: str) -> None:
    headers = {"Host": "x", "Content-Type": "application/json", "Content-Length": str(2**40)}
    status, _, content = _raw(url, _request("POST", "/_emulator/snapshot", headers))
    assert status == 413
    limit = "The request body is 1099511627776 bytes; the limit is 67108864 bytes."
    assert json.loads(content) == {"error": limit}


@pytest.mark.parametrize(
    "head",
    [
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100",  # promises a body, never sends it
        b"POST / HTTP/1.1\r\nHost: x",  # headers that never end
        b"POS",  # a request line that never ends
    ],
    ids=["body-never-sent", "headers-never-end", "request-line-never-ends"],
)
def test_a_stalled_client_is_disconnected(url: str, head: bytes) -> None:
    started = time.monotonic()
    with _connect(url) as conn:
        conn.sendall(head)
        assert conn.recv(65536) == b"", "the server answered a request it never fully received"
    assert time.monotonic() - started < 5
    _still_serving(url)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "it nests deeper than 32 levels"),
        (b'{"A":' * 40 + b"1" + b"}" * 40, "it nests deeper than 32 levels"),
        (b'{"Limit": Infinity}', "Infinity is not a JSON number"),
        (b"\xff\xfe{}", "it is not UTF-8 (invalid start byte at byte 0)"),
        (b'{"Limit": 1', "Expecting ',' delimiter: line 1 column 12 (char 11)"),
    ],
    ids=["nested-100000", "nested-40", "infinity", "not-utf8", "truncated"],
)
def test_malformed_json_answers_invalid_parameter_in_the_envelope(url: str, body: bytes, reason: str) -> None:
    host = urlsplit(url).netloc
    headers = signed_headers("DescribeAllClass", body, host)
    status, reply_headers, content = _raw(url, _request("POST", "/", headers, body), body)
    assert (status, reply_headers["content-type"]) == (200, "application/json")
    error = json.loads(content)["Response"]["Error"]
    assert error == {"Code": "InvalidParameter", "Message": f"The request body is not valid JSON: {reason}."}
    _still_serving(url)


@pytest.mark.parametrize(
    ("stamp", "code"),
    [
        ("\u00b2", "InvalidParameter"),  # a digit to str.isdigit, not to int()
        ("1e9", "InvalidParameter"),
        ("-5", "InvalidParameter"),
        ("1700000000.5", "InvalidParameter"),
        (" ", "InvalidParameter"),
        ("0", "AuthFailure.SignatureExpire"),
        ("9" * 40, "AuthFailure.SignatureExpire"),
    ],
)
def test_odd_timestamps_answer_tencents_codes(url: str, stamp: str, code: str) -> None:
    host = urlsplit(url).netloc
    headers = signed_headers("DescribeAllClass", b"{}", host)
    headers["X-TC-Timestamp"] = stamp
    status, _, content = _raw(url, _request("POST", "/", headers, b"{}"), b"{}")
    assert status == 200
    assert json.loads(content)["Response"]["Error"]["Code"] == code
    _still_serving(url)


_BAD = "invalid emulator knobs: "
_LATENCY = "must be a number of milliseconds between 0 and 60000"
_RATE = "rateLimit must be a positive number of calls a second up to 1000000, or null"
_FAULTS = "faults must be a list of some of internal, throttle, drop-before, drop-after"
_ACTIONS = "faultActions must be a list of action patterns such as Create*"
_NOT_JSON = "the body is not JSON: "


@pytest.mark.parametrize(
    ("knobs", "error"),
    [
        (b'{"latencyMs": Infinity}', _NOT_JSON + "Infinity is not a JSON number"),
        (b'{"faultRate": NaN}', _NOT_JSON + "NaN is not a JSON number"),
        (b'{"latencyMs": 1e308}', _BAD + "latencyMs " + _LATENCY),
        (b'{"jitterMs": -1}', _BAD + "jitterMs " + _LATENCY),
        (b'{"faultRate": 2}', _BAD + "faultRate must be a number between 0 and 1"),
        (b'{"faultRate": true}', _BAD + "faultRate must be a number between 0 and 1"),
        (b'{"rateLimit": 0}', _BAD + _RATE),
        (b'{"rateLimit": 1e300}', _BAD + _RATE),
        (b'{"faults": "internal"}', _BAD + _FAULTS),
        (b'{"faults": []}', _BAD + _FAULTS),
        (b'{"faultActions": 5}', _BAD + _ACTIONS),
        (b'{"faultActions": [1]}', _BAD + _ACTIONS),
        (b'{"seed": true}', _BAD + "seed must be an integer"),
        (b'{"seed": 1.5}', _BAD + "seed must be an integer"),
        (b"[1]", 'POST a JSON object of the knobs to change, e.g. {"latencyMs": 50}'),
        (b"[" * 5000, _NOT_JSON + "it nests deeper than 32 levels"),
        (b"{", _NOT_JSON + "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_knobs_refuse_values_that_would_break_every_call(url: str, knobs: bytes, error: str) -> None:
    before = _admin(url, "GET", "/_emulator/knobs")[1]
    assert _admin(url, "POST", "/_emulator/knobs", knobs) == (400, {"error": error})
    assert _admin(url, "GET", "/_emulator/knobs")[1] == before
    _still_serving(url)


@pytest.mark.parametrize(
    "head",
    [
        b"\x00\xff garbage",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1",
        b"BREW / HTTP/1.1\r\nHost: x",
        b"POST / HTTP/1.1\r\nContent-Length: -5",
        b"POST / HTTP/1.1\r\nContent-Length: lots",
    ],
    ids=["binary", "long-line", "unknown-method", "negative-length", "word-length"],
)
def test_garbled_requests_never_answer_an_html_500(url: str, head: bytes) -> None:
    with _connect(url) as conn:
        conn.sendall(head + b"\r\n\r\n")
        reply = b""
        while b"\r\n" not in reply and (chunk := conn.recv(65536)):  # the status line, or the end
            reply += chunk
    assert b" 500 " not in reply.split(b"\r\n", 1)[0]
    _still_serving(url)


def test_serve_warns_when_it_listens_beyond_this_machine() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.com")
    process = subprocess.Popen(
        [*VODOPS, "emulator", "serve", "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert found
    _still_serving(found[1])
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=10)
    assert err.splitlines()[0] == (
        "Warning: --host 0.0.0.0 is not a loopback address: anyone who can reach this machine can call "
        "the emulator and, through its admin endpoint (no signature), reset or rewrite it"
    )


def _snapshot(**parts: Any) -> dict[str, Any]:
    return {"formatVersion": 1, "resources": [], "counters": {}, "images": [], **parts}


_NO_BASE64 = [{"name": "a", "contentType": "x", "data": "%%"}]
# A watermark template with no Spec: the store renders what Describe shows of it when it is written.
_NO_SPEC = [{"kind": "watermark", "app": 0, "key": "1", "seq": 1, "body": {"Definition": 1}}]


@pytest.mark.parametrize(
    ("snapshot", "error"),
    [
        ({"formatVersion": 9}, "ValueError('formatVersion must be 1')"),
        ({"formatVersion": 1}, "KeyError('resources')"),
        (_snapshot(resources=[1]), "TypeError(\"'int' object is not subscriptable\")"),
        (_snapshot(counters="x"), "AttributeError(\"'str' object has no attribute 'items'\")"),
        (
            _snapshot(counters={"x": 2**70}),
            "OverflowError('Python int too large to convert to SQLite INTEGER')",
        ),
        (_snapshot(images=_NO_BASE64), "Error('Only base64 data is allowed')"),
        (_snapshot(resources=_NO_SPEC), "KeyError('Spec')"),
    ],
    ids=[
        "version",
        "no-resources",
        "resource-a-number",
        "counters-a-string",
        "overflow",
        "not-base64",
        "not-renderable",
    ],
)
def test_a_bad_snapshot_is_refused_and_changes_nothing(url: str, snapshot: Any, error: str) -> None:
    api = Api(urlsplit(url).netloc, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    api("CreateClass", ParentId=-1, ClassName="Movies")
    status, answer = _admin(url, "POST", "/_emulator/snapshot", json.dumps(snapshot).encode())
    assert (status, answer) == (400, {"error": f"not an emulator snapshot: {error}"})
    assert [c["Name"] for c in api("DescribeAllClass")["ClassInfoSet"]] == ["SystemDefault", "Movies"]
