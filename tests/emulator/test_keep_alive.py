"""The served emulator keeps connections open (HTTP/1.1 keep-alive): requests one after another on
one connection, through http.client and raw sockets against `serve_in_thread`.

Every answer says its Content-Length; the connection closes when the client asks (`Connection:
close`, HTTP/1.0), when part of a body was left unread, after a request it cannot parse, and when
the server shuts down; an idle or slow client holds only its own connection.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.emulator.conftest import Api, signed_headers
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, Knobs, serve_in_thread

COS_HOST = "media-1250000000.cos.ap-guangzhou.myqcloud.com"


def _connection(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)


def _api(conn: http.client.HTTPConnection, url: str, action: str, extra: dict[str, str] | None = None) -> Any:
    """A signed API call on `conn`: (the answer, its JSON Response); checks its Content-Length."""
    body = b"{}"
    conn.request("POST", "/", body, {**signed_headers(action, body, urlsplit(url).netloc), **(extra or {})})
    answer = conn.getresponse()
    content = answer.read()
    assert answer.getheader("Content-Length") == str(len(content))
    return answer, json.loads(content)["Response"]


def _local_port(conn: http.client.HTTPConnection) -> int:
    assert conn.sock is not None
    port: int = conn.sock.getsockname()[1]
    return port


def _closed_by_server(conn: http.client.HTTPConnection) -> bool:
    """Whether the server has closed the connection: a read sees its end (waiting up to 30 s)."""
    assert conn.sock is not None
    conn.sock.settimeout(30)
    return conn.sock.recv(1) == b""


def test_requests_one_after_another_share_one_connection(url: str) -> None:
    conn = _connection(url)
    first, reply = _api(conn, url, "CreateClass")
    port = _local_port(conn)
    assert (first.status, first.version, first.getheader("Connection")) == (200, 11, None)
    assert reply["Error"]["Code"] == "MissingParameter"  # an error answer keeps the connection too
    for _ in range(3):
        assert _api(conn, url, "DescribeAllClass")[1]["ClassInfoSet"][0]["Name"] == "SystemDefault"
    assert _local_port(conn) == port  # http.client would have reconnected had the server closed
    conn.close()


def test_every_answer_says_its_length(url: str) -> None:
    conn = _connection(url)
    for method, path, headers in [
        ("GET", "/_emulator/knobs", {}),
        ("GET", "/_emulator/images/missing.png", {}),
        ("GET", "/", {"Host": COS_HOST}),  # COS answers its XML error
        ("GET", "/", {}),  # an unsigned API call
    ]:
        conn.request(method, path, headers=headers)
        answer = conn.getresponse()
        body = answer.read()
        assert answer.getheader("Content-Length") == str(len(body)) and body, (method, path)
        assert answer.getheader("Connection") is None
    assert _api(conn, url, "DescribeAllClass")[1]["ClassInfoSet"][0]["Name"] == "SystemDefault"
    conn.close()


def _raw(url: str, data: bytes) -> bytes:
    """Send `data` on a new connection; answer all the server sends until it closes."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10) as sock:
        sock.sendall(data)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def test_an_http_1_0_request_is_answered_and_closed(url: str) -> None:
    reply = _raw(url, b"GET /_emulator/knobs HTTP/1.0\r\n\r\n")  # returns only once the server closes
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b"\r\nConnection: close" in head and b"Content-Length: %d" % len(body) in head
    assert json.loads(body)["faultRate"] == 0.0


def test_connection_close_is_honoured(url: str) -> None:
    headers = {**signed_headers("DescribeAllClass", b"{}", urlsplit(url).netloc), "Connection": "close"}
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"POST / HTTP/1.1\r\n{head}Content-Length: 2\r\n\r\n{{}}".encode()
    reply = _raw(url, request)  # returns only once the server closes
    head_, _, body = reply.partition(b"\r\n\r\n")
    assert b"\r\nConnection: close" in head_ and b"Content-Length: %d" % len(body) in head_
    assert json.loads(body)["Response"]["ClassInfoSet"][0]["Name"] == "SystemDefault"


def test_connection_close_on_a_later_line_is_honoured(url: str) -> None:
    """`Connection: keep-alive` then `Connection: close` is the list "keep-alive, close": the
    connection was kept open, read only from its first line."""
    request = b"GET /_emulator/knobs HTTP/1.1\r\nHost: x\r\n"
    request += b"Connection: keep-alive\r\nConnection: close\r\n\r\n"
    reply = _raw(url, request)  # returns only once the server closes
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b"\r\nConnection: close" in head and json.loads(body)["faultRate"] == 0.0


def test_pipelined_requests_are_answered_in_order(url: str) -> None:
    one = b"GET /_emulator/knobs HTTP/1.1\r\nHost: x\r\n\r\n"
    two = b"GET /_emulator/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    reply = _raw(url, one + two)
    assert re.findall(rb"HTTP/1\.1 (\d+) ", reply) == [b"200", b"404"]


def test_a_head_answer_has_no_body_and_the_connection_goes_on(url: str) -> None:
    """HEAD is answered as GET is, without the body (it answered 404, the length of the 404's body)."""
    conn = _connection(url)
    conn.request("GET", "/_emulator/knobs")
    got = conn.getresponse()
    length = len(got.read())
    conn.request("HEAD", "/_emulator/knobs")
    answer = conn.getresponse()
    assert (answer.status, answer.read(), answer.getheader("Content-Length")) == (200, b"", str(length))
    assert _api(conn, url, "DescribeAllClass")[1]["ClassInfoSet"][0]["Name"] == "SystemDefault"
    conn.close()


@pytest.mark.parametrize(
    "head",
    [
        b"POST /_emulator/reset HTTP/1.1\r\nHost: x\r\nContent-Length: lots",
        b"POST /_emulator/reset HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip",
        b"GET /_emulator/images/x.png HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",  # never read
        b"\x00\xff garbage",
    ],
    ids=["word-length", "gzip-coded", "unread-body", "garbage"],
)
def test_a_request_that_cannot_be_framed_closes_the_connection(url: str, head: bytes) -> None:
    next_request = b"GET /_emulator/knobs HTTP/1.1\r\nHost: x\r\n\r\n"
    reply = _raw(url, head + b"\r\n\r\n" + next_request)
    assert reply.count(b"HTTP/1.1 ") == 1 and b"\r\nConnection: close\r\n" in reply


def _still_open(sock: socket.socket) -> bool:
    """Whether the server still holds `sock` open: nothing to read and no end, at once."""
    sock.setblocking(False)
    try:
        sock.recv(1)  # an answer, or b"" once the server closed it
    except BlockingIOError:
        return True
    finally:
        sock.settimeout(10)
    return False


def test_an_idle_or_stalled_client_does_not_hold_up_others() -> None:
    """Other clients are answered while an idle and a stalled client still hold their connections
    (it was: within 4 s, under a 5 s read timeout, which a loaded machine could miss)."""
    emulator = Emulator()
    with serve_in_thread(emulator, read_timeout=60) as url:
        idle = _connection(url)
        _api(idle, url, "DescribeAllClass")
        parts = urlsplit(url)
        stalled = socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10)
        stalled.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")  # no body comes
        api = Api(parts.netloc, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
        for _ in range(5):
            assert api("DescribeAllClass")["ClassInfoSet"][0]["Name"] == "SystemDefault"
        assert idle.sock is not None
        assert _still_open(stalled) and _still_open(idle.sock), "answered only once the server let go of them"
        stalled.close()
        idle.close()
    emulator.close()


def test_a_connection_idle_past_the_idle_timeout_is_closed() -> None:
    emulator = Emulator()
    with serve_in_thread(emulator, idle_timeout=0.3) as url:
        conn = _connection(url)
        _api(conn, url, "DescribeAllClass")
        assert _closed_by_server(conn)  # waits for the server to close it
    emulator.close()


def test_the_server_stops_at_once_and_closes_idle_connections() -> None:
    """Stopping closes the idle connections instead of waiting out their idle timeout (600 s
    here): the bound tells the two apart with room for a loaded machine (it was 1 s)."""
    emulator = Emulator()
    with serve_in_thread(emulator, idle_timeout=600) as url:
        conns = [_connection(url) for _ in range(3)]
        for conn in conns:
            _api(conn, url, "DescribeAllClass")
        started = time.monotonic()
    assert time.monotonic() - started < 60
    assert all(_closed_by_server(conn) for conn in conns)
    emulator.close()


def test_a_dropped_call_resets_only_its_own_connection() -> None:
    emulator = Emulator()
    with serve_in_thread(emulator) as served:
        conn = _connection(served)
        _api(conn, served, "DescribeAllClass")
        emulator.set_knobs(Knobs(fault_rate=1, faults=("drop-before",)))
        with pytest.raises(ConnectionError):
            _api(conn, served, "DescribeAllClass")
        emulator.set_knobs(Knobs())
        fresh = _connection(served)
        assert _api(fresh, served, "DescribeAllClass")[1]["ClassInfoSet"][0]["Name"] == "SystemDefault"
        fresh.close()
    emulator.close()


def test_an_app_failure_answers_500_and_closes() -> None:
    def failing(environ: Any, start_response: Any) -> Any:
        raise RuntimeError("the app failed")

    with serve_in_thread(failing) as served:
        reply = _raw(served, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 500 ") and b"\r\nConnection: close" in head
    assert body == b"A server error occurred.  Please contact the administrator."


def test_many_clients_at_once_each_keep_their_connection(url: str) -> None:
    errors: list[BaseException] = []

    def client() -> None:
        try:
            conn = _connection(url)
            ports = set()
            for _ in range(10):
                assert "ClassInfoSet" in _api(conn, url, "DescribeAllClass")[1]
                ports.add(_local_port(conn))
            assert len(ports) == 1
            conn.close()
        except BaseException as error:  # reported by the test, in its own thread
            errors.append(error)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
