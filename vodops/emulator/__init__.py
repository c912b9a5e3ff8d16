"""A faithful, stateful emulator of the Tencent Cloud VOD API 2018-07-17, in process.

    from vodops.emulator import Emulator, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

    emu = Emulator(db_path=None, clock=time.time, credentials={DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY})
    emu(environ, start_response)   # an Emulator is a WSGI app
    emu.calls                      # [Call(action, sub_app_id, error_code), ...]
    emu.close()

It speaks the wire protocol (TC3-HMAC-SHA256, the Response envelope, Tencent's error codes), and
the legacy 2017 API at /v2/index.php over the same state (see `legacy`), and the live API
2018-08-01's pull-stream tasks on the same port, chosen by the request's version (see `services`),
and
enforces the cloud's rules for transcode and watermark templates, the ten processing-template
kinds (adaptive streaming, screenshots, sprites, animated images, heads and tails, content review,
review, AI analysis and recognition), media classes and procedure templates. The default
credentials are documented, not secret.
"""

from __future__ import annotations

from .app import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Call, Emulator, open_emulator
from .knobs import FAULTS, Knobs
from .server import serve_in_thread, serve_until_interrupted
from .transport import EmulatorTransport

__all__ = [
    "DEFAULT_SECRET_ID",
    "DEFAULT_SECRET_KEY",
    "FAULTS",
    "Call",
    "Emulator",
    "EmulatorTransport",
    "Knobs",
    "open_emulator",
    "serve_in_thread",
    "serve_until_interrupted",
]
