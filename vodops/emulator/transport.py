"""The emulator in-process, as an httpx transport: what a dropped connection does to a client.

httpx.WSGITransport would hand the emulator's ConnectionDroppedError to the caller as is; over
a socket the same fault reaches httpx as a disconnect. This transport makes the two the same, so
in-process tests see exactly the failure a networked client sees.
"""

from __future__ import annotations

import httpx

from .app import Emulator
from .knobs import ConnectionDroppedError


class EmulatorTransport(httpx.BaseTransport):
    """An httpx transport that calls the emulator in-process, turning its dropped connections into
    the RemoteProtocolError a socket client meets."""

    def __init__(self, emulator: Emulator) -> None:
        self._wsgi = httpx.WSGITransport(app=emulator)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """httpx's handle_request: the emulator's answer to `request`; raises
        httpx.RemoteProtocolError when a drop fault ends it unanswered."""
        try:
            return self._wsgi.handle_request(request)
        except ConnectionDroppedError:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
