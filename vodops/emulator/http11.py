"""One client connection to the emulator's server: HTTP/1.1 requests, one after another, each
handed to a WSGI app.

A connection stays open for the client's next request (keep-alive, as the official SDKs' requests
sessions and httpx expect) until the client asks to close it (`Connection: close`, or an HTTP/1.0
request), leaves part of its body unread by the app, sends what cannot be parsed, stalls within a
request or sends no next one for the server's timeouts, or the app fails or drops it (a fault: the
connection is reset with no answer). The app's answer is buffered and sent in one write, always
with its Content-Length (the server owns the framing: an app's own Content-Length, Connection or
Transfer-Encoding header is replaced). A HEAD answer carries the length of the body it leaves out.

A body comes with a Content-Length or chunked (decoded for the app, which then sees its length);
`Expect: 100-continue` is answered "100 Continue" when the app first reads the body, so clients
that wait for it (curl, for bodies over 1 MB) send it at once. Two Content-Lengths that differ
are refused (400), as is any transfer coding but chunked (501). A list header (Connection,
Expect, Transfer-Encoding) sent on several lines is the one list they make (RFC 9110 section 5.3).

The WSGI environ is the one wsgiref builds (CONTENT_TYPE is "text/plain" when the request names
none; repeated headers are joined with commas), without a copy of the process's environment.
"""

from __future__ import annotations

import socket
import struct
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote
from wsgiref.simple_server import software_version

from ..errors import EmulatorError
from .knobs import ConnectionDroppedError

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication, WSGIEnvironment

MAX_LINE_BYTES = 65536  # the request line and each header line, as http.server allows
MAX_HEADERS = 100
_OWN_HEADERS = frozenset({"content-length", "connection", "transfer-encoding", "keep-alive"})
_SERVER_ERROR = b"A server error occurred.  Please contact the administrator."  # wsgiref's words


class BadRequestError(EmulatorError):
    """A request the server cannot parse: answered with `status`, and the connection closed."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Head:
    """A request's line and headers (names as sent, values stripped), as read off the wire."""

    method: str
    target: str
    version: str  # "HTTP/1.1"
    headers: list[tuple[str, str]]
    first: dict[str, str] = field(init=False)  # by lower-case name, the first value

    def __post_init__(self) -> None:
        first: dict[str, str] = {}
        for name, value in self.headers:
            first.setdefault(name.lower(), value)
        object.__setattr__(self, "first", first)

    def header(self, name: str) -> str | None:
        """The first value of the header `name` (in lower case), if any."""
        return self.first.get(name)

    def listed(self, name: str) -> str | None:
        """The list the header `name` (in lower case) gives, however many lines it is sent on:
        their values joined with ", " (RFC 9110 section 5.3), or None when it is not sent."""
        values = [value for given, value in self.headers if given.lower() == name]
        return ", ".join(values) if values else None

    def tokens(self, name: str) -> set[str]:
        """The members of the list header `name` (in lower case), in lower case."""
        return {token.strip().lower() for token in (self.listed(name) or "").split(",")}

    def keeps_alive(self) -> bool:
        """Whether the client lets the connection carry another request after this one."""
        return self.version == "HTTP/1.1" and "close" not in self.tokens("connection")

    def expects_continue(self) -> bool:
        """Whether the client waits for "100 Continue" before it sends the body (curl does for
        bodies over 1 MB, and waits a second for it otherwise)."""
        return self.version == "HTTP/1.1" and "100-continue" in self.tokens("expect")


class Body:
    """wsgi.input: reads at most the request's Content-Length from the connection. `interim` (the
    "100 Continue" a client waits for before it sends the body) is sent before the first read."""

    def __init__(self, rfile: IO[bytes], length: int, interim: Callable[[], object] | None = None) -> None:
        self._rfile = rfile
        self.left = length  # bytes of the body not read yet
        self._interim = interim

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes of the body (the rest of it when negative), never past
        Content-Length."""
        size = self.left if size < 0 else min(size, self.left)
        data = self._source(size).read(size) if size else b""
        self.left -= len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        """One line of the body, at most `size` bytes (no limit when negative), never past
        Content-Length."""
        size = self.left if size < 0 else min(size, self.left)
        data = self._source(size).readline(size) if size else b""
        self.left -= len(data)
        return data

    def _source(self, size: int) -> IO[bytes]:
        if self._interim is not None and size:
            self._interim()
            self._interim = None
        return self._rfile


CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def read_chunked(rfile: IO[bytes], limit: int) -> bytes:
    """The whole body of a request sent with `Transfer-Encoding: chunked`, decoded (trailer fields
    are read and dropped; RFC 9112 section 7.1). Raises BadRequestError for a malformed chunk (400)
    or a body over `limit` bytes (413), ConnectionResetError when the client closes within it."""
    parts: list[bytes] = []
    total = 0
    while size := _chunk_size(rfile.readline(MAX_LINE_BYTES + 1)):
        total += size
        if total > limit:
            raise BadRequestError("413 Payload Too Large", f"the chunked body is over {limit} bytes")
        data = rfile.read(size)
        if len(data) < size:
            raise ConnectionResetError("the client closed the connection within a chunk")
        if rfile.readline(3) not in (b"\r\n", b"\n"):
            raise BadRequestError("400 Bad Request", "a chunk is longer than its size line")
        parts.append(data)
    _read_headers(rfile)  # the trailer section
    return b"".join(parts)


def _chunk_size(line: bytes) -> int:
    if not line:
        raise ConnectionResetError("the client closed the connection within a chunked body")
    digits = line.split(b";", 1)[0].strip()  # chunk extensions are ignored
    if not line.endswith(b"\n") or not digits or digits.strip(b"0123456789abcdefABCDEF"):
        raise BadRequestError("400 Bad Request", f"not a chunk size line: {line[:100]!r}")
    return int(digits, 16)


def read_head(rfile: IO[bytes]) -> Head | None:
    """The next request's line and headers; None when the client closed the connection instead.
    Raises BadRequestError for what is not an HTTP/1.x request, TimeoutError when the client is
    too slow to send it."""
    line = rfile.readline(MAX_LINE_BYTES + 1)
    while line in (b"\r\n", b"\n"):  # an empty line before a request is ignored (RFC 9112 2.2)
        line = rfile.readline(MAX_LINE_BYTES + 1)
    if not line:
        return None
    if len(line) > MAX_LINE_BYTES:
        raise BadRequestError("414 Request-URI Too Long", "the request line is too long")
    words = line.decode("iso-8859-1").split()
    if len(words) != 3 or not _is_version(words[2]):
        raise BadRequestError("400 Bad Request", f"not an HTTP request line: {line[:100]!r}")
    if words[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise BadRequestError("505 HTTP Version Not Supported", f"{words[2]} is not supported")
    return Head(words[0], words[1], words[2], _read_headers(rfile))


def _is_version(word: str) -> bool:
    major, dot, minor = word.removeprefix("HTTP/").partition(".")
    return word.startswith("HTTP/") and dot == "." and major.isdigit() and minor.isdigit()


def _read_headers(rfile: IO[bytes]) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    while (line := rfile.readline(MAX_LINE_BYTES + 1)) not in (b"\r\n", b"\n", b""):
        if len(line) > MAX_LINE_BYTES:
            raise BadRequestError("431 Request Header Fields Too Large", "a header line is too long")
        if len(headers) == MAX_HEADERS:
            raise BadRequestError("431 Request Header Fields Too Large", "too many headers")
        name, colon, value = line.decode("iso-8859-1").partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequestError("400 Bad Request", f"not a header line: {line[:100]!r}")
        headers.append((name, value.strip()))
    if not line:
        raise ConnectionResetError("the client closed the connection within its request")
    return headers


def is_chunked(head: Head) -> bool:
    """Whether the request's body is chunked; raises BadRequestError (501) for any other transfer
    coding, which this server does not decode (RFC 9112 section 6.1)."""
    coding = head.listed("transfer-encoding")  # every line of it: "chunked" then "gzip" is gzip last
    if coding is None:
        return False
    if coding.strip().lower() != "chunked":
        reason = f"Transfer-Encoding {coding!r} is not supported; send chunked"
        raise BadRequestError("501 Not Implemented", reason)
    return True


def body_length(head: Head) -> int | None:
    """The body's length in bytes when a Content-Length gives it; None when it is no plain
    decimal number: the app then sees what it declares, reads nothing, and the connection is
    closed after the answer. Raises BadRequestError (400) for two Content-Lengths that differ."""
    declared = {value for name, value in head.headers if name.lower() == "content-length"}
    if len(declared) > 1:
        raise BadRequestError("400 Bad Request", f"the Content-Lengths differ: {', '.join(sorted(declared))}")
    if not declared:
        return 0
    value = declared.pop()
    return int(value) if value.isascii() and value.isdigit() else None


def environ(
    head: Head, body: IO[bytes] | Body, server: tuple[str, int], client: str, length: str | None
) -> WSGIEnvironment:
    """The WSGI environ of a request, as wsgiref.simple_server builds it; `server` is the server's
    (name, port), `client` the client's address, `length` the CONTENT_LENGTH (the header as sent,
    or the length of a chunked body once decoded)."""
    path, _, query = head.target.partition("?")
    if path.startswith("//"):  # as http.server: not a scheme-relative URL
        path = "/" + path.lstrip("/")
    env: dict[str, Any] = {
        "REQUEST_METHOD": head.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(path, "iso-8859-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": head.version,
        "SERVER_SOFTWARE": software_version,
        "REMOTE_ADDR": client,
        "CONTENT_TYPE": head.header("content-type") or "text/plain",
        "GATEWAY_INTERFACE": "CGI/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if length:
        env["CONTENT_LENGTH"] = length
    for name, value in head.headers:
        key = name.replace("-", "_").upper()
        if key in env:
            continue
        key = "HTTP_" + key
        env[key] = f"{env[key]},{value}" if key in env else value
    return env


@dataclass
class Answer:
    """An app's whole answer; `closes` when the connection must close after it (a failed app)."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    closes: bool = False


def run(app: WSGIApplication, env: WSGIEnvironment) -> Answer:
    """Run `app` on one request and collect its whole answer. An exception from the app is
    answered as wsgiref answers it (500, logged to stderr), except a dropped connection, a timeout
    or a connection error, which are raised: the connection is then closed with no answer."""
    started: list[Answer] = []
    chunks: list[bytes] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], object]:
        if started and exc_info is None:
            raise AssertionError("start_response was called twice")
        started[:] = [Answer(status, list(headers), b"")]
        return chunks.append

    try:
        result = app(env, start_response)
        try:
            chunks.extend(result)
        finally:
            _close(result)
    except (ConnectionDroppedError, TimeoutError, ConnectionError):
        raise
    except Exception:
        traceback.print_exc()
        return Answer("500 Internal Server Error", [("Content-Type", "text/plain")], _SERVER_ERROR, True)
    if not started:
        raise AssertionError("the app answered without calling start_response")
    return Answer(started[0].status, started[0].headers, b"".join(chunks))


def _close(result: Iterable[bytes]) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()


def encode(answer: Answer, keep_alive: bool, send_body: bool = True) -> bytes:
    """The answer as it goes on the wire: status line, headers (with Date and Server if the app
    gave none, Content-Length always, and Connection: close unless `keep_alive`), then the body."""
    lines = [f"HTTP/1.1 {answer.status}"]
    given = set()
    for name, value in answer.headers:
        lowered = name.lower()
        given.add(lowered)
        if lowered not in _OWN_HEADERS:
            lines.append(f"{name}: {value}")
    if "date" not in given:
        lines.append(f"Date: {formatdate(time.time(), usegmt=True)}")
    if "server" not in given:
        lines.append(f"Server: {software_version}")
    lines.append(f"Content-Length: {len(answer.body)}")
    if not keep_alive:
        lines.append("Connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1")
    return head + answer.body if send_body else head


def refusal(error: BadRequestError) -> bytes:
    """The answer to a request that could not be parsed; the connection closes after it."""
    body = f"{error.status}: {error}\n".encode("iso-8859-1", "replace")
    return encode(Answer(error.status, [("Content-Type", "text/plain")], body), keep_alive=False)


def reset(connection: socket.socket) -> None:
    """Make closing `connection` send RST: the client sees its connection reset, no answer."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
