"""Where an upload's COS requests go, and the COS client (cos-python-sdk-v5) for a session.

For Tencent Cloud, COS is `<bucket>.cos.<region>.myqcloud.com` over HTTPS, built by the SDK from
ApplyUpload's StorageBucket and StorageRegion. For an emulator (`vodops emulator serve` on this
machine, or the embedded one), the connection goes to the emulator's host and port over HTTP
while the Host header stays the bucket's COS host, which the emulator answers (its cos.py).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # imported where used: the COS SDK (requests, urllib3) serves uploads only
    from qcloud_cos import CosS3Client

    from vodops.emulator import Emulator


class CosRoute:
    """Tencent's COS, or an emulator listening at `origin` (`http://127.0.0.1:8080`)."""

    def __init__(self, origin: str | None = None) -> None:
        self._origin = origin

    def client(self, applied: Mapping[str, Any]) -> CosS3Client:
        """A COS client for the upload session ApplyUpload answered, with its temporary
        credential; the SDK's own retries are off (vodops resumes the upload instead)."""
        from qcloud_cos import CosConfig, CosS3Client

        cert = applied["TempCertificate"]
        options: dict[str, Any] = {
            "Region": applied["StorageRegion"], "SecretId": cert["SecretId"],
            "SecretKey": cert["SecretKey"], "Token": cert.get("Token"),
        }  # fmt: skip
        origin = self.origin()
        if origin is not None:
            parts = urlsplit(origin)
            options.update(Scheme="http", IP=parts.hostname, Port=parts.port or 80)
        return CosS3Client(CosConfig(**options), retry=1)

    def origin(self) -> str | None:
        """The http://host:port COS requests go to instead of Tencent's COS, or None for the real
        one."""
        return self._origin

    def close(self) -> None:
        """Nothing to release for a fixed route."""


class EmbeddedCosRoute(CosRoute):
    """The embedded emulator's COS: served on a loopback port from the first upload on, until
    `close` (the COS SDK speaks HTTP over sockets, not to an in-process app)."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__()
        self._emulator = emulator
        self._stack = ExitStack()
        self._lock = threading.Lock()
        self._served: str | None = None

    def origin(self) -> str | None:
        """The loopback URL of the embedded emulator's COS, serving it on the first call
        (thread-safe)."""
        with self._lock:
            if self._served is None:
                from vodops.emulator import serve_in_thread

                self._served = self._stack.enter_context(serve_in_thread(self._emulator))
            return self._served

    def close(self) -> None:
        """Stop serving the emulator's COS, if it was served."""
        self._stack.close()
