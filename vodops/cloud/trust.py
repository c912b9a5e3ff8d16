"""The TLS trust every wire shares: the roots httpx would verify against, loaded when they are
first needed.

httpx makes its verifying context when a client is made, and loading the roots into it takes
about 40 ms. A plan against a plain-HTTP endpoint (a served emulator) never starts TLS, and every
session (a watch's every interval) made a new client: here one context serves the whole process,
and its roots are read just before its first TLS connection. Verification is the same as httpx's
default, `httpx.create_ssl_context()`: certificates and host names checked, against the file
SSL_CERT_FILE names, else the directory SSL_CERT_DIR names, else certifi's bundle.
"""

from __future__ import annotations

import functools
import os
import ssl
import sys
import threading
from typing import Any


class _Roots(ssl.SSLContext):
    """A TLS client context (certificates and host names verified) that loads its trusted roots
    when it first wraps a connection."""

    _lock = threading.Lock()
    _loaded = False

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self._load()
        return super().wrap_bio(*args, **kwargs)

    def _load(self) -> None:
        with self._lock:
            if not self._loaded:
                _load_roots(self)
                self._loaded = True


class RootsError(OSError):
    """The trusted roots SSL_CERT_FILE or SSL_CERT_DIR names cannot be read."""


def _load_roots(context: ssl.SSLContext) -> None:
    """Where httpx looks, in its order; raises RootsError naming the file or directory that cannot
    be read (the connection that needed it fails with that message)."""
    for variable, argument in (("SSL_CERT_FILE", "cafile"), ("SSL_CERT_DIR", "capath")):
        where = os.environ.get(variable)
        if where:
            try:
                context.load_verify_locations(**{argument: where})
            except OSError as error:
                reason = error.strerror or error
                raise RootsError(
                    f"cannot read the trusted roots {variable} names ({where}): {reason}"
                ) from None
            return
    import certifi

    context.load_verify_locations(cafile=certifi.where())


@functools.cache
def trust_store() -> ssl.SSLContext:
    """The process's verifying TLS client context, as ssl.create_default_context() makes it
    (SSLKEYLOGFILE included); its roots are read, as said above, at its first TLS connection,
    which raises OSError (ssl.SSLError, FileNotFoundError) when they cannot be."""
    context = _Roots(ssl.PROTOCOL_TLS_CLIENT)  # verify_mode CERT_REQUIRED, check_hostname on
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    return context
