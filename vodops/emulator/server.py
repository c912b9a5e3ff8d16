"""A small threaded HTTP/1.1 server for the emulator (or any WSGI app), built on the standard library.

`serve_in_thread` runs one on a background thread for as long as a `with` block lasts; it is how
tests point the official SDK at the emulator. `make_server` is for serving in the foreground.

Each connection gets its own thread and carries requests one after another (keep-alive; see
`http11` for how a connection reads, answers and when it closes), so a slow or idle client holds
only its own thread. A connection that stalls for `read_timeout` seconds within a request, or
waits `idle_timeout` seconds for the next one, is closed. A body longer than MAX_ADMIN_BODY_BYTES
is never read into memory: the app answers from its Content-Length, and the server discards what
the client still sends, a chunk at a time, so the client can read the answer. A chunked body is
decoded whole before the app runs (a longer one is refused with 413), and a client that sends
`Expect: 100-continue` is told to go on when the app first reads the body. Closing the server
closes the connections waiting for a request; one being answered is closed once its answer is sent.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from http.server import HTTPServer
from io import BufferedReader, BytesIO
from socketserver import StreamRequestHandler, ThreadingMixIn
from typing import IO, TYPE_CHECKING, cast

from ..errors import EmulatorError
from ..signals import install
from . import http11
from .knobs import ConnectionDroppedError
from .limits import IDLE_TIMEOUT_SECONDS, MAX_ADMIN_BODY_BYTES, READ_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class ThreadingServer(ThreadingMixIn, HTTPServer):
    """Serves `app` on `address`, a thread per connection."""

    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: bursts of hundreds of connections must queue

    def __init__(self, address: tuple[str, int], handler: type[Connection], app: WSGIApplication) -> None:
        self.app = app
        self.closing = False  # once set, no connection carries another request
        self._lock = threading.Lock()
        self._waiting: set[socket.socket] = set()  # connections waiting for their next request
        super().__init__(address, handler)

    def wait_for_request(self, connection: socket.socket, rfile: IO[bytes], timeout: float) -> bool:
        """Wait up to `timeout` seconds for the first byte of the next request on `connection`;
        whether one came (not when the client closes, nor once the server is closing)."""
        with self._lock:
            if self.closing:
                return False
            self._waiting.add(connection)
        try:
            connection.settimeout(timeout)
            return bool(cast("BufferedReader", rfile).peek(1))
        finally:
            with self._lock:
                self._waiting.discard(connection)

    def server_close(self) -> None:
        """Stop listening and close every connection waiting for a request."""
        with self._lock:
            self.closing = True
            waiting = list(self._waiting)
        for connection in waiting:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        super().server_close()


@dataclass(frozen=True)
class _Body:
    """A request's body as the app reads it, its CONTENT_LENGTH, and whether the connection can
    carry another request after it (its length was readable)."""

    stream: http11.Body | BytesIO
    length: str | None
    framed: bool


class Connection(StreamRequestHandler):
    """Serves one connection's requests in turn; a ConnectionDroppedError from the app resets
    it with no answer; a client too slow to send its request is disconnected."""

    timeout = READ_TIMEOUT_SECONDS  # socket timeout of every read and write within a request
    idle_timeout = IDLE_TIMEOUT_SECONDS  # how long the connection waits for a next request
    disable_nagle_algorithm = True  # each answer is one write: send it at once
    server: ThreadingServer

    def handle(self) -> None:
        """socketserver's handle: serve the connection's requests in turn until it closes, fails or
        idles out."""
        with suppress(OSError):  # the connection failed or timed out: it ends
            while self._serve_one():
                pass

    def _serve_one(self) -> bool:
        """Answer the next request; whether the connection may carry another."""
        rfile = cast("IO[bytes]", self.rfile)
        if not self.server.wait_for_request(self.connection, rfile, self.idle_timeout):
            return False
        self.connection.settimeout(self.timeout)
        try:
            head = http11.read_head(rfile)
            if head is None:
                return False
            body = self._body(head, rfile)
        except http11.BadRequestError as error:
            self.connection.sendall(http11.refusal(error))
            self._discard_unread_body()
            return False
        return self._answer(head, body)

    def _body(self, head: http11.Head, rfile: IO[bytes]) -> _Body:
        """The request's body as the app reads it. A chunked body is read whole first (up to
        MAX_ADMIN_BODY_BYTES), so the app sees its length as if it had been declared."""
        framed = http11.body_length(head)
        interim = partial(self.connection.sendall, http11.CONTINUE) if head.expects_continue() else None
        if not http11.is_chunked(head):
            body = http11.Body(rfile, framed or 0, interim)
            return _Body(body, head.header("content-length"), framed is not None)
        if interim is not None:
            interim()
        data = http11.read_chunked(rfile, MAX_ADMIN_BODY_BYTES)
        # with a Content-Length beside the chunks, the connection closes (RFC 9112 section 6.1)
        return _Body(BytesIO(data), str(len(data)), head.header("content-length") is None)

    def _answer(self, head: http11.Head, body: _Body) -> bool:
        """Run the app on the request `head` begins; whether the connection may carry another."""
        server = (self.server.server_name, self.server.server_port)
        env = http11.environ(head, body.stream, server, self.client_address[0], body.length)
        try:
            answer = http11.run(self.server.app, env)
        except ConnectionDroppedError:
            http11.reset(self.connection)
            return False
        unread = isinstance(body.stream, http11.Body) and body.stream.left > 0
        keep = head.keeps_alive() and body.framed and not unread and not answer.closes
        keep = keep and not self.server.closing
        self.connection.sendall(http11.encode(answer, keep, send_body=head.method != "HEAD"))
        if unread:
            self._discard_unread_body()
        return keep

    def _discard_unread_body(self) -> None:
        """After answering without reading the whole body (one too large to read), swallow what
        the client still sends (for at most the read timeout), so that closing does not reset the
        connection under its answer."""
        self.connection.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + self.timeout if self.timeout else time.monotonic()
        while time.monotonic() < deadline and self.connection.recv(65536):
            pass


def make_server(
    app: WSGIApplication,
    host: str = "127.0.0.1",
    port: int = 0,
    read_timeout: float = READ_TIMEOUT_SECONDS,
    idle_timeout: float = IDLE_TIMEOUT_SECONDS,
) -> ThreadingServer:
    """A threaded server for `app` on host:port (port 0 picks a free one); not yet serving.
    A connection that stalls for `read_timeout` seconds within a request, or waits `idle_timeout`
    seconds for one, is closed."""
    timeouts = {"timeout": read_timeout, "idle_timeout": idle_timeout}
    return ThreadingServer((host, port), type("Handler", (Connection,), timeouts), app)


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def serve_in_thread(
    app: WSGIApplication,
    host: str = "127.0.0.1",
    port: int = 0,
    read_timeout: float = READ_TIMEOUT_SECONDS,
    idle_timeout: float = IDLE_TIMEOUT_SECONDS,
) -> Iterator[str]:
    """Serve `app` on a background thread; yield its base URL, e.g. "http://127.0.0.1:53211".
    The timeouts are make_server's."""
    server = make_server(app, host, port, read_timeout, idle_timeout)
    # A short poll interval keeps shutdown (which waits for the next poll) quick.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="vodops-emulator", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve_until_interrupted(
    app: WSGIApplication, host: str, port: int, announce: Callable[[str], None]
) -> None:
    """Serve in the foreground until Ctrl-C (or SIGTERM); `announce` gets the base URL once listening."""
    try:
        server = make_server(app, host, port)
    except OSError as error:
        raise EmulatorError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    install(signal.SIGTERM, _interrupt)  # unless started with SIGTERM ignored
    with server:
        announce(f"http://{host}:{server.server_port}")
        with suppress(KeyboardInterrupt):
            server.serve_forever(0.2)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
