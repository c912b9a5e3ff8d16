"""A small threaded HTTP server for the emulator (or any WSGI app), built on the standard library.

`serve_in_thread` runs one on a background thread for as long as a `with` block lasts; it is how
tests point the official SDK at the emulator. `make_server` is for serving in the foreground.
"""

from __future__ import annotations

import signal
import socket
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from socketserver import ThreadingMixIn
from typing import IO, TYPE_CHECKING, Any, cast
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as _make_server

from ..errors import EmulatorError
from .knobs import ConnectionDroppedError

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: bursts of hundreds of connections must queue


class QuietHandler(WSGIRequestHandler):
    """Serves one connection; a ConnectionDroppedError from the app resets it with no answer."""

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the emulator keeps its own call log."""

    def handle(self) -> None:
        """As WSGIRequestHandler.handle, with a handler that lets a dropped connection through."""
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


class _DroppingHandler(ServerHandler):
    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], ConnectionDroppedError):
            raise  # up to QuietHandler.handle, instead of answering 500
        super().handle_error()


def make_server(app: WSGIApplication, host: str = "127.0.0.1", port: int = 0) -> WSGIServer:
    """A threaded server for `app` on host:port (port 0 picks a free one); not yet serving."""
    return _make_server(host, port, app, ThreadingWSGIServer, QuietHandler)


@contextmanager
def serve_in_thread(app: WSGIApplication, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `app` on a background thread; yield its base URL, e.g. "http://127.0.0.1:53211"."""
    server = make_server(app, host, port)
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
