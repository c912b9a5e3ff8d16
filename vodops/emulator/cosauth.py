"""COS requests and their signatures (q-sign-algorithm=sha1), checked as COS checks them.

The signed text is `method\\npath\\nparams\\nheaders\\n` over the parameters and headers the
Authorization header lists, names lower-cased and values percent-encoded; the signing key is
HMAC-SHA1(SecretKey, q-key-time) and the signature HMAC-SHA1(key, "sha1\\n<q-sign-time>\\n
<SHA1 of the signed text>\\n") (COS documentation "Request signature"; cos-python-sdk-v5
`cos_auth.CosS3Auth`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .backend.uploads import CREDENTIAL


@dataclass(frozen=True)
class Request:
    """A COS request as the emulator's COS checks its signature: header names in lower case."""

    method: str
    bucket: str
    key: str  # without the leading /
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes


class CosError(Exception):
    """A COS error answer: HTTP status, COS error code, message."""

    def __init__(self, status: str, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


Lookup = Callable[[str, int, str], "dict[str, Any] | None"]


def verify(lookup: Lookup, request: Request, now: float) -> dict[str, Any]:
    """The temporary credential that signed `request`; raises CosError when none did."""
    fields = dict(
        part.split("=", 1) for part in request.headers.get("authorization", "").split("&") if "=" in part
    )
    credential = lookup(CREDENTIAL, 0, fields.get("q-ak", ""))
    if credential is None or fields.get("q-sign-algorithm") != "sha1":
        raise CosError(
            "403 Forbidden", "InvalidAccessKeyId", "The SecretId is not a valid upload credential."
        )
    if credential["ExpiredTime"] < now or not _within(fields.get("q-sign-time", ""), now):
        raise CosError("403 Forbidden", "AccessDenied", "The credential or the signature has expired.")
    if request.headers.get("x-cos-security-token") != credential["Token"]:
        raise CosError(
            "403 Forbidden", "InvalidToken", "x-cos-security-token does not belong to the SecretId."
        )
    if not hmac.compare_digest(
        fields.get("q-signature", ""), signature(credential["SecretKey"], request, fields)
    ):
        raise CosError("403 Forbidden", "SignatureDoesNotMatch", "The request signature does not match.")
    return credential


def signature(secret_key: str, request: Request, fields: Mapping[str, str]) -> str:
    """The signature of `request` under the Authorization `fields` (names listed, times)."""
    params = _encoded(request.query, fields.get("q-url-param-list", ""))
    headers = _encoded(request.headers, fields.get("q-header-list", ""))
    text = f"{request.method.lower()}\n/{request.key}\n{params}\n{headers}\n"
    sign_time = fields.get("q-sign-time", "")
    to_sign = f"sha1\n{sign_time}\n{hashlib.sha1(text.encode()).hexdigest()}\n"
    key = hmac.new(secret_key.encode(), fields.get("q-key-time", "").encode(), hashlib.sha1).hexdigest()
    return hmac.new(key.encode(), to_sign.encode(), hashlib.sha1).hexdigest()


def _encoded(values: Mapping[str, str], names: str) -> str:
    lowered = {_quote(k).lower(): v for k, v in values.items()}
    return "&".join(
        f"{name}={_quote(lowered.get(name, ''))}" for name in sorted(filter(None, names.split(";")))
    )


def _quote(text: str) -> str:
    return quote(text.encode("utf-8"), safe="-_.~")


def _within(window: str, now: float) -> bool:
    start, _, end = window.partition(";")
    return start.isdigit() and end.isdigit() and int(start) <= now <= int(end)
