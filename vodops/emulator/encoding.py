"""The API's JSON as the emulator writes it: compact (no spaces after `,` and `:`), UTF-8 rather
than \\u escapes, as the cloud's answers are; and the `{"Response": {...}}` envelope.

A Describe page shows stored objects, and rendering and encoding a page of 100 watermark
templates cost more than the rest of answering it. A backend may therefore answer a member
already encoded (`Encoded`): a list of objects rendered when they were written (the store keeps
their texts), put together by `encoded_list`. The envelope splices its text in as is, so the
bytes are those of encoding the whole reply at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Encoded:
    """A JSON value already encoded by `compact`: a member of a reply (json.dumps refuses it
    anywhere else, so a misplaced one fails loudly)."""

    text: str


# What json.dumps(value, ensure_ascii=False, separators=(",", ":")) uses, built once: dumps builds
# an encoder per call, which took a third of encoding one template.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def compact(value: Any) -> str:
    """`value` as the API's JSON text (not yet UTF-8 bytes)."""
    return _ENCODER.encode(value)


def encoded_list(texts: Iterable[str]) -> Encoded:
    """A JSON array of values already encoded by `compact` (`texts`)."""
    return Encoded(f"[{','.join(texts)}]")


def envelope(reply: dict[str, Any], request_id: str) -> bytes:
    """The answer's body: `{"Response": {...reply, "RequestId": request_id}}` in UTF-8; a member
    of the reply may be Encoded."""
    members = {**reply, "RequestId": request_id}
    text = ",".join(f"{compact(name)}:{_text(value)}" for name, value in members.items())
    return f'{{"Response":{{{text}}}}}'.encode()


def _text(value: Any) -> str:
    return value.text if isinstance(value, Encoded) else compact(value)
