"""TC3-HMAC-SHA256: verifying a request's signature the way the VOD API does.

Written from Tencent's description of the algorithm (see reference §1.2), independently of the
client's signing code, so a signing bug in one cannot be hidden by the same bug in the other.
The canonical request covers the signed headers' values exactly as received and the SHA-256
of the body (or of the literal "UNSIGNED-PAYLOAD" when the client asks for that).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from .faults import ApiFault

ALGORITHM = "TC3-HMAC-SHA256"
MAX_SKEW_SECONDS = 300
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"

_AUTHORIZATION = re.compile(
    ALGORITHM + r" Credential=(?P<secret_id>[^/\s]+)/(?P<date>\d{4}-\d{2}-\d{2})/"
    r"(?P<service>[\w.-]+)/tc3_request, ?SignedHeaders=(?P<headers>[a-z0-9;-]+), ?"
    r"Signature=(?P<signature>[0-9a-f]{64})"
)


@dataclass(frozen=True)
class SignedRequest:
    """An API request as the emulator checks its TC3 signature: header names in lower case."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]  # names in lower case
    body: bytes


@dataclass(frozen=True)
class Authorization:
    """The parts of a TC3-HMAC-SHA256 Authorization header."""

    secret_id: str
    date: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def verify(request: SignedRequest, credentials: Mapping[str, str], now: float, service: str) -> str:
    """Check the request's signature, whose credential scope must name `service` ("vod",
    "live"); answer the SecretId it was signed with, or raise."""
    auth = parse_authorization(request.headers.get("authorization", ""))
    secret_key = credentials.get(auth.secret_id)
    if secret_key is None:
        raise ApiFault("AuthFailure.SecretIdNotFound", f"The SecretId {auth.secret_id} is not found.")
    timestamp = _timestamp(request.headers)
    _check_fresh(timestamp, now)
    _check_scope(auth, timestamp, service)
    expected = signature(secret_key, auth, string_to_sign(request, auth, timestamp))
    if not hmac.compare_digest(expected, auth.signature):
        raise ApiFault(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated: the signature does not match.",
        )
    return auth.secret_id


def parse_authorization(header: str) -> Authorization:
    """The parts of a TC3-HMAC-SHA256 Authorization header; raises ApiFault
    AuthFailure.InvalidAuthorization when it is not one or does not sign content-type and host."""
    found = _AUTHORIZATION.fullmatch(header.strip())
    if found is None:
        raise ApiFault(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is missing or is not a TC3-HMAC-SHA256 authorization.",
        )
    signed = tuple(found["headers"].split(";"))
    if "content-type" not in signed or "host" not in signed:
        raise ApiFault(
            "AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host."
        )
    return Authorization(found["secret_id"], found["date"], found["service"], signed, found["signature"])


def string_to_sign(request: SignedRequest, auth: Authorization, timestamp: int) -> str:
    """TC3's StringToSign: algorithm, timestamp (seconds), credential scope and the canonical
    request's SHA-256 (Tencent's signature v3 documentation)."""
    digest = hashlib.sha256(canonical_request(request, auth).encode("utf-8")).hexdigest()
    scope = f"{auth.date}/{auth.service}/tc3_request"
    return f"{ALGORITHM}\n{timestamp}\n{scope}\n{digest}"


def canonical_request(request: SignedRequest, auth: Authorization) -> str:
    """TC3's CanonicalRequest: method, path, query, the signed headers and the SHA-256 of the body
    (or of UNSIGNED-PAYLOAD when the request says so)."""
    headers = "".join(f"{name}:{request.headers.get(name, '')}\n" for name in auth.signed_headers)
    unsigned = request.headers.get("x-tc-content-sha256") == UNSIGNED_PAYLOAD
    payload = UNSIGNED_PAYLOAD.encode() if unsigned else request.body
    return "\n".join(
        (
            request.method,
            request.path,
            request.query,
            headers,
            ";".join(auth.signed_headers),
            hashlib.sha256(payload).hexdigest(),
        )
    )


def signature(secret_key: str, auth: Authorization, to_sign: str) -> str:
    """The hex HMAC-SHA256 of `to_sign` with the key derived from `secret_key`, the date and the
    service."""
    key = _signing_key(secret_key, auth.date, auth.service)
    return hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


@lru_cache(maxsize=256)  # one key a day per secret and service: derived once, not per request
def _signing_key(secret_key: str, date: str, service: str) -> bytes:
    key = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    for part in (service, "tc3_request"):
        key = _hmac(key, part)
    return key


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def _timestamp(headers: Mapping[str, str]) -> int:
    raw = headers.get("x-tc-timestamp")
    if raw is None:
        raise ApiFault("MissingParameter", "The request is missing a required parameter `Timestamp`.")
    if not (raw.isascii() and raw.isdigit()):
        raise ApiFault("InvalidParameter", f"The value of `Timestamp` is not unix seconds: {raw!r}.")
    return int(raw)


def _check_fresh(timestamp: int, now: float) -> None:
    if abs(timestamp - now) > MAX_SKEW_SECONDS:
        raise ApiFault(
            "AuthFailure.SignatureExpire",
            f"The request timestamp {timestamp} is more than {MAX_SKEW_SECONDS} s "
            f"from the server time {int(now)}.",
        )


def _check_scope(auth: Authorization, timestamp: int, service: str) -> None:
    """The credential scope must name `service` and the UTC date of the timestamp."""
    date = datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")
    if auth.service != service or auth.date != date:
        raise ApiFault(
            "AuthFailure.SignatureFailure",
            f"The credential scope must be {date}/{service}/tc3_request, "
            f"not {auth.date}/{auth.service}/tc3_request.",
        )
