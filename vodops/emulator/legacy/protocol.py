"""The legacy wire as the server sees it: form decoding, signature verification, the flat envelope.

Written from reference/legacy-api-2017.md §1.4 (the server-side recipe) independently of the
client's signing code. A request's parameters come from the query string (GET) or from the
form-encoded body (POST, the query string ignored), blank values kept; `_` in a name is `.`.
The signature is HMAC-SHA1, or HMAC-SHA256 when `SignatureMethod=HmacSHA256`, over
`METHOD + host + /v2/index.php? + name=value&...` sorted bytewise with raw values.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

PATH = "/v2/index.php"
OFFICIAL_HOST = "vod.api.qcloud.com"  # the official SDK's Vod module signs with this host, always
MAX_SKEW_SECONDS = 300
_REQUIRED = ("Action", "SecretId", "Signature", "Timestamp", "Nonce")

Form = dict[str, str]


class LegacyFault(Exception):  # noqa: N818 - a fault is the answer, not a failure of the emulator
    """An error answer: a common `code` (§1.6) and, for business errors, the action's own code."""

    def __init__(self, code: int, message: str, business: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.business = business

    @property
    def label(self) -> str:
        """How the call log names it: `4000(10704)`, or `4100`."""
        return f"{self.code}({self.business})" if self.business is not None else str(self.code)


def business(number: int, message: str) -> LegacyFault:
    """A business error, carried as code 4000 with `(number)` in the message and in codeDesc."""
    return LegacyFault(4000, message, number)


def parse_form(text: str) -> Form:
    """Decode `name=value&...` (form encoding, `+` is a space); names read `_` as `.`."""
    try:
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise LegacyFault(4000, "The request parameters are not UTF-8 form encoding.") from None
    return {name.replace("_", "."): value for name, value in pairs}


def success(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The success object: code 0, codeDesc "Success", then the action's fields."""
    return {"code": 0, "message": "", "codeDesc": "Success", **fields}


def failure(fault: LegacyFault) -> dict[str, Any]:
    """The error object for `fault` (business codes in the message and in codeDesc)."""
    if fault.business is None:
        return {"code": fault.code, "message": fault.message, "codeDesc": _COMMON_NAMES.get(fault.code, "")}
    return {"code": fault.code, "message": f"({fault.business}){fault.message}", "codeDesc": fault.business}


_COMMON_NAMES = {
    4000: "InvalidParameter",
    4100: "AuthFailure",
    4104: "SecretIdNotFound",
    4400: "RequestLimitExceeded",
    4500: "RequestReplayed",
    6000: "InternalError",
    6100: "InvalidAction",
}


class Verifier:
    """Checks signatures, the clock window and Nonce reuse; remembers Nonces for the window."""

    def __init__(self, credentials: Mapping[str, str]) -> None:
        self._credentials = credentials
        self._seen: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def verify(self, method: str, host: str, form: Form, now: float) -> str:
        """Check the request; answer its SecretId, or raise LegacyFault (4000, 4100, 4104, 4500)."""
        missing = [name for name in _REQUIRED if name not in form]
        if missing:
            raise LegacyFault(4000, f"The common parameter {missing[0]} is missing.")
        secret_key = self._credentials.get(form["SecretId"])
        if secret_key is None:
            raise LegacyFault(4104, f"The SecretId {form['SecretId']} does not exist.")
        given = form["Signature"]
        if not any(
            hmac.compare_digest(given, expected) for expected in _signatures(method, host, form, secret_key)
        ):
            raise LegacyFault(4100, "Authentication failed: the signature does not match.")
        self._check_fresh(form, now)
        return form["SecretId"]

    def _check_fresh(self, form: Form, now: float) -> None:
        timestamp = form["Timestamp"]
        if not timestamp.isdigit() or abs(int(timestamp) - now) > MAX_SKEW_SECONDS:
            raise LegacyFault(
                4500, f"Timestamp {timestamp} is more than {MAX_SKEW_SECONDS} s from the server time."
            )
        key = (form["SecretId"], form["Nonce"])
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if now - t <= MAX_SKEW_SECONDS}
            if key in self._seen:
                raise LegacyFault(4500, f"Nonce {form['Nonce']} was already used: the request is a replay.")
            self._seen[key] = int(now)


def _signatures(method: str, host: str, form: Form, secret_key: str) -> list[str]:
    """The signatures a correct client could have computed: over the Host it reached, or over
    the official host (the official SDK signs that host wherever its connection goes)."""
    hosts = dict.fromkeys((host, OFFICIAL_HOST))
    return [_sign(secret_key, method, h, form) for h in hosts]


def _sign(secret_key: str, method: str, host: str, form: Form) -> str:
    joined = "&".join(f"{name}={form[name]}" for name in sorted(form) if name != "Signature")
    text = f"{method.upper()}{host}{PATH}?{joined}"
    digest = hashlib.sha256 if form.get("SignatureMethod") == "HmacSHA256" else hashlib.sha1
    mac = hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), digest).digest()
    return base64.b64encode(mac).decode("ascii")
