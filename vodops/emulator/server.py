"""A small threaded HTTP server for the emulator (or any WSGI app), built on the standard library.

`serve_in_thread` runs one on a background thread for as long as a `with` block lasts; it is how
tests point the official SDK at the emulator. `make_server` is for serving in the foreground.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as _make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the emulator keeps its own call log."""


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
