"""A small threaded HTTP server for the emulator (or any WSGI app), built on the standard library.

`serve_in_thread` runs one on a background thread for as long as a `with` block lasts; it is how
tests point the official SDK at the emulator. `make_server` is for serving in the foreground.

A connection that sends nothing for `read_timeout` seconds is closed. A body longer than
MAX_ADMIN_BODY_BYTES is never read into memory: the app answers from its Content-Length, and the
server discards what the client still sends, a chunk at a time, so the client can read the answer.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from socketserver import ThreadingMixIn
from typing import IO, TYPE_CHECKING, Any, cast
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as _make_server

from ..errors import EmulatorError
from .knobs import ConnectionDroppedError
from .limits import MAX_BODY_BYTES, READ_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: bursts of hundreds of connections must queue


class QuietHandler(WSGIRequestHandler):
    """Serves one connection; a ConnectionDroppedError from the app resets it with no answer."""

    timeout = READ_TIMEOUT_SECONDS  # socket timeout of every read and write on the connection
    # The answer is buffered and sent in one write when the handler flushes, not one system call
    # (and one TCP segment) each for the status line, Date, Server, headers and body.
    wbufsize = 64 * 1024

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the emulator keeps its own call log."""

    def handle(self) -> None:
        """As WSGIRequestHandler.handle, with a handler that lets a dropped connection through;
        a client too slow to send its request is disconnected."""
        try:
            self._serve_one()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def _serve_one(self) -> None:
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        rfile, wfile = cast("IO[bytes]", self.rfile), cast("IO[bytes]", self.wfile)
        handler = _DroppingHandler(rfile, wfile, self.get_stderr(), self.get_environ(), multithread=True)
        handler.request_handler = self  # type: ignore[attr-defined] # as the standard library does
        try:
            handler.run(self.server.get_app())  # type: ignore[attr-defined]
        except ConnectionDroppedError:
            # SO_LINGER 0 makes the close send RST: the client sees its connection reset.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        self._discard_unread_body()

    def _discard_unread_body(self) -> None:
        """After refusing a body too large to read, swallow what the client still sends (for at
        most the read timeout), so that closing does not reset the connection under its answer."""
        declared = self.headers.get("Content-Length", "")
        if not (declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES):
            return
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + self.timeout if self.timeout else time.monotonic()
        while time.monotonic() < deadline and self.connection.recv(65536):
            pass


class _DroppingHandler(ServerHandler):
    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], ConnectionDroppedError | TimeoutError | ConnectionError):
            raise  # up to QuietHandler.handle, instead of answering 500
        super().handle_error()


def make_server(
    app: WSGIApplication, host: str = "127.0.0.1", port: int = 0, read_timeout: float = READ_TIMEOUT_SECONDS
) -> WSGIServer:
    """A threaded server for `app` on host:port (port 0 picks a free one); not yet serving.
    A connection idle for `read_timeout` seconds while its request is read is closed."""
    handler = type("Handler", (QuietHandler,), {"timeout": read_timeout})
    return _make_server(host, port, app, ThreadingWSGIServer, handler)


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
    app: WSGIApplication, host: str = "127.0.0.1", port: int = 0, read_timeout: float = READ_TIMEOUT_SECONDS
) -> Iterator[str]:
    """Serve `app` on a background thread; yield its base URL, e.g. "http://127.0.0.1:53211"."""
    server = make_server(app, host, port, read_timeout)
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
    signal.signal(signal.SIGTERM, _interrupt)
    with server:
        announce(f"http://{host}:{server.server_port}")
        with suppress(KeyboardInterrupt):
            server.serve_forever(0.2)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
