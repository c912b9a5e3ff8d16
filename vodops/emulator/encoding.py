"""The API's JSON as the emulator writes it: compact (no spaces after `,` and `:`), UTF-8 rather
than \\u escapes, as the cloud's answers are; and the `{"Response": {...}}` envelope.

A Describe page shows the same stored objects page after page, and encoding a page of 100
watermark templates cost as much as the rest of answering it. A backend may therefore put an
object already encoded (`Encoded`, which it keeps per stored version) in a list it answers; the
envelope splices its text in as is, so the bytes are those of encoding the whole reply at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Encoded:
    """One JSON value, already encoded by `compact`: only ever an item of a list a reply answers
    (json.dumps refuses it anywhere else, so a misplaced one fails loudly)."""

    text: str


def compact(value: Any) -> str:
    """`value` as the API's JSON text (not yet UTF-8 bytes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def envelope(reply: dict[str, Any], request_id: str) -> bytes:
    """The answer's body: `{"Response": {...reply, "RequestId": request_id}}` in UTF-8."""
    members = {**reply, "RequestId": request_id}
    text = ",".join(f"{compact(name)}:{_member(value)}" for name, value in members.items())
    return f'{{"Response":{{{text}}}}}'.encode()


def _member(value: Any) -> str:
    if isinstance(value, list) and any(isinstance(item, Encoded) for item in value):
        items = (item.text if isinstance(item, Encoded) else compact(item) for item in value)
        return f"[{','.join(items)}]"
    return compact(value)
