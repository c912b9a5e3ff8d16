"""The narrow seam to the VOD API: one signed JSON call, the same code for the cloud and the emulator.

Only the httpx transport differs: the network for a cloud target, `httpx.WSGITransport` around
the in-process emulator for `local`. httpx errors and error envelopes are translated here, where
they enter vodops.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Protocol

from vodops.cloud.answers import raise_error
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials, authorization
from vodops.cloud.trust import RootsError
from vodops.errors import AnswerError, TransportError

if TYPE_CHECKING:  # httpx is imported when a wire is made: `vodops validate` never needs it
    import httpx

API_VERSION = "2018-07-17"
SERVICE = "vod"
CONTENT_TYPE = "application/json"
USER_AGENT = "vodops/0.1"
MAX_REPLY_BYTES = 32 * 1024 * 1024  # a full Describe page is far smaller; the API caps answers too


class Caller(Protocol):
    """Anything that can make one VOD API call and return its `Response` object, and fetch a URL
    the API handed out (a watermark's ImageUrl) over the same transport."""

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Make the call `action` with `params` (API spelling); its `Response` object. Raises
        ApiError for an error answer, TransportError (AnswerError) when none or an unusable one
        came."""

    def fetch(self, url: str) -> bytes:
        """The content of `url` (GET); raises TransportError unless it answers 2xx."""


class HttpWire:
    """What every wire shares: an httpx client for one endpoint and key pair, and `fetch` of a URL
    the API handed out (a watermark's ImageUrl) over the same connection pool."""

    def __init__(
        self,
        endpoint: Endpoint,
        credentials: Credentials,
        *,
        region: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._endpoint = endpoint
        self._credentials = credentials
        self._region = region
        self._clock = clock
        self._skew = 0.0  # the API's clock minus ours, from the Date of its last answer
        import httpx  # deferred: see the module imports

        from vodops.cloud.trust import trust_store

        self._http = httpx.Client(transport=transport, timeout=timeout, verify=trust_store())

    def close(self) -> None:
        """Close the httpx client and its connections."""
        self._http.close()

    def fetch(self, url: str) -> bytes:
        """The content of `url`, fetched with a plain GET over this wire's connection pool; raises
        TransportError on a failure or an answer other than 2xx."""
        return self._send("GET", url).content

    def server_now(self) -> float:
        """The API's time in seconds since the epoch, as the `Date` header of its last answer
        told it (whole seconds), carried forward by this machine's clock; this machine's time
        before any answer. Schedules the API judges (a relay's EndTime) are judged by it."""
        return self._clock() + self._skew

    def _post(self, action: str, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        """POST one API call; httpx's failures become TransportErrors saying whether it may
        have been sent."""
        import httpx  # loaded by __init__ already

        try:
            request = self._http.build_request("POST", url, content=body, headers=headers)
            reply = self._http.send(request, stream=True)
            try:
                data = _read_bounded(reply, action)
            finally:
                reply.close()
            self._note_date(reply.headers.get("date"))
            return httpx.Response(reply.status_code, headers=reply.headers, content=data, request=request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            said = f"{type(error).__name__}: {error}"
            raise TransportError(
                action, said, maybe_sent=False, retryable=not _handshake_refused(error)
            ) from None
        except httpx.HTTPError as error:  # sent, perhaps processed, but no answer came back
            raise TransportError(action, f"{type(error).__name__}: {error}") from None

    def _note_date(self, header: str | None) -> None:
        """Keep the skew a valid `Date` header shows; an absent or unreadable one changes nothing."""
        try:
            when = parsedate_to_datetime(header) if header else None
        except (TypeError, ValueError):
            return
        if when is not None and when.tzinfo is not None:
            self._skew = when.timestamp() - self._clock()

    def _send(self, method: str, url: str, data: bytes | None = None) -> httpx.Response:
        """One plain HTTP request; TransportError unless it answers 2xx."""
        import httpx  # loaded by __init__ already

        try:
            reply = self._http.request(method, url, content=data)
        except httpx.HTTPError as error:
            raise TransportError(f"{method} {url}", f"{type(error).__name__}: {error}") from None
        if not 200 <= reply.status_code < 300:
            raise TransportError(f"{method} {url}", f"HTTP {reply.status_code}")
        return reply


# Actions whose documents mark Region required, though the other VOD actions take none: the
# access point an upload goes through (not where the media is stored: that is StorageRegion).
# Sent with UPLOAD_ACCESS_POINT when the target names no region (media-upload.md §2, §3: the
# upload SDK refuses to run without one, and its examples name ap-guangzhou).
REGION_REQUIRED = frozenset({"ApplyUpload", "CommitUpload"})
UPLOAD_ACCESS_POINT = "ap-guangzhou"


class HttpCaller(HttpWire):
    """Signs each call with TC3-HMAC-SHA256 and POSTs it as JSON, to VOD 2018-07-17 unless a
    subclass names another service (`service` is the credential scope's service name)."""

    service = SERVICE
    version = API_VERSION

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Caller.call for the 2018-07-17 JSON API: a signed POST of `params` as JSON; its
        `Response`. Raises ApiError for `Response.Error`, TransportError for no answer or an HTTP
        status other than 200, AnswerError for an unreadable body."""
        body = json.dumps(params, ensure_ascii=False).encode("utf-8")
        reply = self._post(action, self._endpoint.url, body, self._headers(action, body))
        return _response(action, reply.status_code, reply.content)

    def _headers(self, action: str, body: bytes) -> dict[str, str]:
        timestamp = int(self._clock())
        headers = {
            "Content-Type": CONTENT_TYPE,
            "Host": self._endpoint.host,
            "X-TC-Action": action,
            "X-TC-Version": self.version,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-RequestClient": USER_AGENT,
            "Authorization": authorization(
                self._credentials,
                service=self.service,
                host=self._endpoint.host,
                content_type=CONTENT_TYPE,
                payload=body,
                timestamp=timestamp,
            ),
        }
        region = self._region or (UPLOAD_ACCESS_POINT if action in REGION_REQUIRED else None)
        if region:
            headers["X-TC-Region"] = region
        if self._credentials.token:
            headers["X-TC-Token"] = self._credentials.token
        return headers


def _read_bounded(reply: httpx.Response, action: str) -> bytes:
    """The body of a streamed `reply`, refused past MAX_REPLY_BYTES without reading on."""
    data = bytearray()
    for chunk in reply.iter_bytes():
        data += chunk
        if len(data) > MAX_REPLY_BYTES:
            raise AnswerError(action, f"the answer is larger than {MAX_REPLY_BYTES} bytes")
    return bytes(data)


def _handshake_refused(error: BaseException) -> bool:
    """Whether a connection failed in a way that trying again cannot change: its TLS handshake
    refused (a certificate that does not verify, https to a plain-HTTP server), or the trusted
    roots could not be read. A connection closed during the handshake may be load: retried."""
    transient = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, RootsError) or (
            isinstance(cause, ssl.SSLError) and not isinstance(cause, transient)
        ):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


RETRIED_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""HTTP statuses a gateway answers while busy or failing for a while. The API itself answers 200
(its errors are in the body); any other status comes from something that is not the API (a wrong
endpoint, a proxy) and will say the same again."""


def status_error(action: str, status: int, shown: str) -> TransportError:
    """The error of an answer with HTTP `status` (not 200), `shown` the start of its body."""
    said = f"HTTP {status} from the API" + (f": {shown}" if shown.strip() else ", with no body")
    return TransportError(action, said, retryable=status in RETRIED_STATUSES)


def _response(action: str, status: int, data: bytes) -> dict[str, Any]:
    shown = data[:200].decode("utf-8", "replace")
    if status != 200:
        raise status_error(action, status, shown)
    try:
        response = json.loads(data)["Response"]
    except (ValueError, KeyError, TypeError, RecursionError):
        raise AnswerError(action, f"unreadable reply: {shown!r}") from None
    if not isinstance(response, dict) or "RequestId" not in response:  # every API 3.0 answer has one
        raise AnswerError(action, f"unreadable reply: {shown!r}")
    raise_error(action, response)
    return response
