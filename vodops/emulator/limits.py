"""How much the emulator reads from a request, and how it parses JSON it did not write.

Tencent Cloud API refuses a request packet larger than 10 MB (`RequestSizeLimitExceeded`, common
error table, reference §1.6; the 10 MB figure is quoted in tccli's api.json: "避免转为 Base64 后超出
云API的10MB包大小上限"). The emulator refuses such a body from its declared Content-Length, before
reading a byte of it, so a huge body costs no memory. A client that stops sending mid-request is
cut off after READ_TIMEOUT_SECONDS, and one that sends no next request for IDLE_TIMEOUT_SECONDS
is closed, so neither holds a server thread forever.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MAX_BODY_BYTES = 10 * 1024 * 1024  # Tencent Cloud API's request packet limit
MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024  # a snapshot carries every watermark image
READ_TIMEOUT_SECONDS = 30.0
# A kept-alive connection that carries no request for this long is closed. Longer than httpx's own
# 5 s pool expiry, so that a client seldom reuses a connection just as the server closes it.
IDLE_TIMEOUT_SECONDS = 30.0
MAX_JSON_DEPTH = 32  # the API's deepest request nests 6 levels


def declared_length(environ: Mapping[str, Any]) -> int:
    """The request's Content-Length in bytes; 0 when absent or not a plain decimal number."""
    raw = str(environ.get("CONTENT_LENGTH") or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() else 0


def too_large_message(length: int, limit: int) -> str:
    """The message for a request body of `length` bytes past `limit` bytes."""
    return f"The request body is {length} bytes; the limit is {limit} bytes."


def bounded_json(data: bytes) -> Any:
    """`data` as JSON: UTF-8, no NaN or Infinity, nested at most MAX_JSON_DEPTH deep.

    Raises ValueError with a one-line reason for anything else."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError(f"it nests deeper than {MAX_JSON_DEPTH} levels") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"it is not UTF-8 ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise ValueError(str(error)) from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"it nests deeper than {MAX_JSON_DEPTH} levels")
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    """How deep arrays and objects nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if level <= MAX_JSON_DEPTH:
            stack.extend((child, level + 1) for child in children)
    return deepest
