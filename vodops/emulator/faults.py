"""The emulator's error answers: a Tencent error code and a message, as the real API sends them.

Everything the emulator refuses is raised as an `ApiFault` and rendered by `app.py` into the
`{"Response": {"Error": {...}}}` envelope with HTTP 200, exactly as the cloud does.
"""

from __future__ import annotations

import json
from typing import Any


class ApiFault(Exception):  # noqa: N818 - the name the design gives it
    """One error answer: `code` is Tencent's error code, `message` says what was wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def shown(value: Any, limit: int = 80) -> str:
    """A request value as a message quotes it: JSON, cut short (image content can be megabytes)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def unknown_parameter(path: str) -> ApiFault:
    """The UnknownParameter fault for a member `path` (dotted) the request's struct does not
    have."""
    return ApiFault("UnknownParameter", f"The parameter `{path}` is not recognized.")


def missing_parameter(path: str) -> ApiFault:
    """The MissingParameter fault for a required member `path` the request left out."""
    return ApiFault("MissingParameter", f"The request is missing a required parameter `{path}`.")


def invalid_type(code: str, path: str, expected: str, value: Any) -> ApiFault:
    """The fault `code` for `value` at `path` not being of the `expected` JSON type."""
    return ApiFault(
        code, f"The value type of parameter `{path}` is invalid: expected {expected}, got {shown(value)}."
    )


def invalid_value(code: str, path: str, value: Any, expected: str) -> ApiFault:
    """The fault `code` for `value` at `path` failing a check; `expected` says what it takes."""
    return ApiFault(code, f"Invalid value {shown(value)} of parameter `{path}`: expected {expected}.")
