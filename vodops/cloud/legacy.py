"""The legacy VOD wire (seed 004, `dialect: "2017"`): form-encoded, HmacSHA1/HmacSHA256-signed calls
to `/v2/index.php`, answered by a flat `{code, message, codeDesc, ...}` object.

Facts from reference/legacy-api-2017.md: signing §1.4 (every parameter but `Signature`, `_` read
as `.` in names, sorted bytewise, joined raw as `name=value` with `&`, prefixed with
`METHOD + host + /v2/index.php?`, HMAC with the secret key, Base64); flattening §1.3 (`video.codec`,
`tags.0`); envelope and error codes §1.5-§1.6. Legacy error codes are translated here, where they
enter vodops, into the 2018 codes the rest of vodops understands (reference §8.7), so retries and
create-or-find work the same on both wires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from vodops.cloud.client import USER_AGENT, HttpWire, status_error
from vodops.errors import AnswerError, ApiError

if TYPE_CHECKING:
    import httpx

PATH = "/v2/index.php"
FORM = "application/x-www-form-urlencoded"
DEFAULT_HOST = "vod.api.qcloud.com"
SIGNATURE_METHOD = "HmacSHA256"
_NONCES = random.SystemRandom()

# Business codes carried in codeDesc (the seed's per-action tables), then common codes (§1.6).
_BUSINESS = {
    10704: "ResourceNotFound.TemplateNotExist",
    10706: "LimitExceeded.TooMuchTemplate",
    1903: "InvalidParameterValue.ParentId",
    1905: "FailedOperation.ClassNoFound",
    1907: "FailedOperation.ClassNameDuplicate",
}
_COMMON = {
    4000: "InvalidParameter",
    4100: "AuthFailure.SignatureFailure",
    4104: "AuthFailure.SecretIdNotFound",
    4105: "AuthFailure.TokenFailure",
    4200: "AuthFailure.SignatureExpire",
    4300: "AuthFailure.UnauthorizedOperation",
    4400: "RequestLimitExceeded",
    4500: "AuthFailure.SignatureExpire",
    4600: "UnsupportedProtocol",
    5000: "ResourceNotFound",
    5100: "FailedOperation",
    6000: "InternalError",
    6100: "InvalidAction",
    6200: "ResourceUnavailable",
}


def string_to_sign(method: str, host: str, params: Mapping[str, str]) -> str:
    """`METHOD + host + /v2/index.php? + name=value&...` over every parameter but Signature."""
    named = {name.replace("_", "."): value for name, value in params.items() if name != "Signature"}
    joined = "&".join(f"{name}={named[name]}" for name in sorted(named))
    return f"{method.upper()}{host}{PATH}?{joined}"


def sign(secret_key: str, text: str, method: str = SIGNATURE_METHOD) -> str:
    """Base64 of HMAC-SHA256 (`HmacSHA256`) or HMAC-SHA1 (any other method) of `text`."""
    digest = hashlib.sha256 if method == "HmacSHA256" else hashlib.sha1
    mac = hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), digest).digest()
    return base64.b64encode(mac).decode("ascii")


def flatten(params: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested objects and lists as dotted names: {"video": {"codec": "x"}} -> {"video.codec": "x"},
    {"tags": ["a"]} -> {"tags.0": "a"}. None is left out; numbers are written as text."""
    flat: dict[str, str] = {}
    for key, value in params.items():
        _flatten_into(flat, f"{prefix}{key}", value)
    return flat


def _flatten_into(flat: dict[str, str], name: str, value: Any) -> None:
    if isinstance(value, Mapping):
        flat.update(flatten(value, f"{name}."))
    elif isinstance(value, list | tuple):
        flat.update(flatten({str(i): item for i, item in enumerate(value)}, f"{name}."))
    elif value is not None:
        flat[name] = str(int(value)) if isinstance(value, bool) else str(value)


class LegacyCaller(HttpWire):
    """Signs each call with the legacy algorithm and POSTs it form-encoded to `/v2/index.php`.

    `call` answers the reply's fields (the flat object, code and message included) or raises
    ApiError with the translated code; `fetch` GETs a URL and `upload` PUTs bytes to one (the
    watermark image's upload URL) over the same connection pool."""

    def signed(self, action: str, params: Mapping[str, Any]) -> dict[str, str]:
        """Every parameter of the request, the Signature included."""
        common = {
            "Action": action,
            "Nonce": str(_NONCES.randint(1, 2**31 - 1)),
            "Timestamp": str(int(self._clock())),
            "SecretId": self._credentials.secret_id,
            "SignatureMethod": SIGNATURE_METHOD,
            "RequestClient": USER_AGENT,
        }
        if self._region:
            common["Region"] = self._region
        if self._credentials.token:
            common["Token"] = self._credentials.token
        form = {**flatten(params), **common}
        text = string_to_sign("POST", self._endpoint.host, form)
        return {**form, "Signature": sign(self._credentials.secret_key, text)}

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """One signed POST; the flat reply object, or ApiError/TransportError."""
        body = urlencode(self.signed(action, params)).encode("ascii")
        url = self._endpoint.url.rstrip("/") + PATH
        reply = self._post(action, url, body, {"Content-Type": FORM, "User-Agent": USER_AGENT})
        return _reply(action, reply)

    def upload(self, url: str, data: bytes) -> None:
        """PUT `data` to an upload URL the API handed out (ApplyUploadWatermark's uploadUrl)."""
        self._send("PUT", url, data)


def _reply(action: str, reply: httpx.Response) -> dict[str, Any]:
    if reply.status_code != 200:
        raise status_error(action, reply.status_code, reply.text[:200])
    try:
        answer = json.loads(reply.content)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "code" not in answer:
        raise AnswerError(action, f"unreadable reply: {reply.text[:200]!r}")  # never retried, as in 2018
    code = _number(answer["code"])  # the legacy API writes it as a number or as a string
    if code == 0:
        return answer
    raise ApiError(action, translate(code, answer.get("codeDesc")), _message(code, answer))


def translate(code: int | None, code_desc: Any) -> str:
    """The 2018 error code for a legacy `code` and its `codeDesc` (a business code or a name)."""
    business = _number(code_desc)
    if business is not None and business in _BUSINESS:
        return _BUSINESS[business]
    if code is not None and code in _COMMON:
        return _COMMON[code]
    return f"LegacyError.{code}"


def _message(code: int | None, answer: Mapping[str, Any]) -> str:
    return f"{answer.get('message') or ''} (legacy code {code}, codeDesc {answer.get('codeDesc')!s})"


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
