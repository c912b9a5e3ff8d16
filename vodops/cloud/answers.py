"""The parts of API answers vodops relies on, checked where they enter: a listing's items and
count, a create's new id. An answer of another shape is an AnswerError naming the field (what
the account holds is read leniently later; the answer's frame is not)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.errors import AnswerError, ApiError

MAX_LISTED = 20_000  # objects of one kind; the quotas allow 1,000 watermarks plus the presets


def raise_error(action: str, response: Mapping[str, Any]) -> None:
    """Raise the ApiError an answer carries (`Error: {Code, Message}`), if it carries one."""
    if "Error" not in response:
        return
    error = response["Error"]
    code = error.get("Code") if isinstance(error, dict) else None
    if not isinstance(code, str) or not code:
        raise AnswerError(action, f"the answer's Error is not an object with a Code: {_shown(error)}")
    message, request_id = error.get("Message"), response.get("RequestId")
    raise ApiError(action, code, str(message or ""), request_id if isinstance(request_id, str) else "")


def page_items(action: str, page: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """The objects listed under `key`: a list of JSON objects (null: none; no `key`, a setting's
    wire: none). The API writes every field of its answer's structure (api.json), an empty list
    as [] or null: an answer without `key` is not a listing, and taking it for an empty account
    would plan to create everything."""
    if key and key not in page:
        raise AnswerError(action, f"the answer has no {key}")
    items = page.get(key)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise AnswerError(action, f"the answer's {key} is not a list of objects: {_shown(items)}")
    return items


def total_count(action: str, page: Mapping[str, Any], key: str = "TotalCount") -> int:
    """The answer's count under `key` (absent: 0): a whole number from 0 to MAX_LISTED."""
    total = page.get(key, 0)
    if not _whole(total) or not 0 <= total <= MAX_LISTED:
        raise AnswerError(action, f"the answer's {key} is not a count up to {MAX_LISTED}: {_shown(total)}")
    return int(total)


def text_id(action: str, response: Mapping[str, Any], field: str) -> str:
    """The id a create answered with when the API's ids are strings (a relay's TaskId)."""
    value = response.get(field)
    if not isinstance(value, str) or not value or not value.isprintable() or len(value) > 128:
        raise AnswerError(action, f"the answer's {field} is not an id: {_shown(value)}")
    return value


def created_id(action: str, response: Mapping[str, Any], field: str) -> int:
    """The id a create answered with (as a number or a numeric string)."""
    value = response.get(field)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise AnswerError(action, f"the answer's {field} is not an id: {_shown(value)}")
    return value


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
