"""How the served emulator reads a request's body: `Expect: 100-continue` is answered at once, a
chunked body is decoded, and a body framed two ways, or with a coding it cannot decode, is refused.

Through raw sockets (none of the SDKs sends these), and curl where it is what users run.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.emulator.conftest import Api, signed_headers
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

KNOBS = b'{"latencyMs": 0, "clockOffsetSeconds": 60}'
NEXT = b"GET /_emulator/knobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10)


def _read_all(sock: socket.socket) -> bytes:
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    return reply


def _statuses(reply: bytes) -> list[bytes]:
    return re.findall(rb"HTTP/1\.1 (\d{3}) ", reply)


def _post_knobs(headers: str) -> bytes:
    head = "POST /_emulator/knobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    return f"{head}{headers}\r\n".encode()


def test_expect_100_continue_is_answered_before_the_body_is_sent(url: str) -> None:
    """curl sends `Expect: 100-continue` for bodies over 1 MB and waits a second for the answer
    before sending anyway: every such request took a second more."""
    with _connect(url) as sock:
        sock.sendall(_post_knobs(f"Expect: 100-continue\r\nContent-Length: {len(KNOBS)}\r\n"))
        # the body is sent only once the answer came: a server that waited for the body instead
        # would cut this client off after the fixture's 0.5 s read timeout, answering nothing
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(KNOBS + NEXT)
        reply = _read_all(sock)
    assert _statuses(reply) == [b"200", b"200"]
    assert json.loads(reply.rpartition(b"\r\n\r\n")[2])["clockOffsetSeconds"] == 60


def test_an_expectation_listed_on_a_later_line_is_answered(url: str) -> None:
    """A header sent on several lines is one list (RFC 9110 section 5.3): only the first was read."""
    with _connect(url) as sock:
        expect = "Expect: \r\nExpect: 100-continue\r\n"
        sock.sendall(_post_knobs(f"{expect}Content-Length: {len(KNOBS)}\r\nConnection: close\r\n"))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"  # before the body, as above
        sock.sendall(KNOBS)
        assert _statuses(_read_all(sock)) == [b"200"]


def test_a_refusal_from_the_declared_length_sends_no_100_continue(url: str) -> None:
    with _connect(url) as sock:
        sock.sendall(_post_knobs(f"Expect: 100-continue\r\nContent-Length: {2**40}\r\n"))
        reply = _read_all(sock)  # the body is never sent: the answer and the close come first
    assert _statuses(reply) == [b"413"] and b"100 Continue" not in reply


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_posts_a_large_body_without_waiting(url: str, tmp_path: Path) -> None:
    body = tmp_path / "knobs.json"
    body.write_bytes(KNOBS + b" " * (2 * 1024 * 1024))  # over curl's 1 MB Expect threshold
    result = subprocess.run(
        ["curl", "-sSv", "-H", "Content-Type: application/json", "--data-binary", f"@{body}",
         f"{url}/_emulator/knobs"],
        capture_output=True, check=True, timeout=30,
    )  # fmt: skip
    # curl sent `Expect: 100-continue` and was answered, so it did not wait its 1 s for an answer
    # that never comes (said by the answer, not timed: a loaded machine may take a second anyway)
    assert b"< HTTP/1.1 100 Continue" in result.stderr
    assert b"Done waiting for 100-continue" not in result.stderr
    assert json.loads(result.stdout)["clockOffsetSeconds"] == 60


def test_a_chunked_body_is_decoded_and_the_connection_goes_on(url: str) -> None:
    """A chunked body reached the app empty ('POST a JSON object of the knobs...')."""
    half = len(KNOBS) // 2
    chunks = b"%x;ext=1\r\n%s\r\n%x\r\n%s\r\n0\r\nX-Trailer: t\r\n\r\n" % (
        half, KNOBS[:half], len(KNOBS) - half, KNOBS[half:],
    )  # fmt: skip
    with _connect(url) as sock:
        sock.sendall(_post_knobs("Transfer-Encoding: chunked\r\n") + chunks + NEXT)
        reply = _read_all(sock)
    assert _statuses(reply) == [b"200", b"200"]
    assert json.loads(reply.rpartition(b"\r\n\r\n")[2])["clockOffsetSeconds"] == 60


def test_a_chunked_api_call_is_answered_as_one_with_its_length(url: str) -> None:
    body = b'{"ParentId": -1, "ClassName": "Movies"}'
    headers = signed_headers("CreateClass", body, urlsplit(url).netloc)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"POST / HTTP/1.1\r\n{head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n".encode()
    with _connect(url) as sock:
        sock.sendall(request + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
        reply = _read_all(sock)
    assert "ClassId" in json.loads(reply.partition(b"\r\n\r\n")[2])["Response"]
    api = Api(urlsplit(url).netloc, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    assert [c["Name"] for c in api("DescribeAllClass")["ClassInfoSet"]] == ["SystemDefault", "Movies"]


CHUNKED = "Transfer-Encoding: chunked\r\n"
WRONGLY_FRAMED = {
    "bad-size-line": (CHUNKED, b"zz\r\n{}\r\n0\r\n\r\n", b"400", b"not a chunk size line: b'zz\\r\\n'"),
    "chunk-too-long": (CHUNKED, b"1\r\n{}\r\n0\r\n\r\n", b"400", b"a chunk is longer than its size line"),
    "chunks-over-the-limit": (CHUNKED, b"5000000\r\n", b"413", b"the chunked body is over 67108864 bytes"),
    "gzip-coded": (
        "Transfer-Encoding: gzip, chunked\r\n", b"", b"501",
        b"Transfer-Encoding 'gzip, chunked' is not supported; send chunked",
    ),
    "codings-on-two-lines": (  # was decoded as chunked: only the first line was read
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", b"2\r\n{}\r\n0\r\n\r\n", b"501",
        b"Transfer-Encoding 'chunked, gzip' is not supported; send chunked",
    ),
    "two-lengths": (
        "Content-Length: 2\r\nContent-Length: 40\r\n", b"{}", b"400", b"the Content-Lengths differ: 2, 40"
    ),
}  # fmt: skip


@pytest.mark.parametrize(("headers", "body", "status", "reason"), WRONGLY_FRAMED.values(), ids=WRONGLY_FRAMED)
def test_a_body_framed_wrongly_is_refused_and_changes_nothing(
    url: str, headers: str, body: bytes, status: bytes, reason: bytes
) -> None:
    with _connect(url) as sock:
        sock.sendall(_post_knobs(headers) + body)
        reply = _read_all(sock)
    assert _statuses(reply) == [status] and b"\r\nConnection: close\r\n" in reply
    assert reply.endswith(reason + b"\n")
    with _connect(url) as sock:
        sock.sendall(NEXT)
        assert json.loads(_read_all(sock).rpartition(b"\r\n\r\n")[2])["clockOffsetSeconds"] == 0
