"""What vodops last made an object, recorded in the object itself: there is no state file.

Apply writes, in the ownership marker (vodops/ownership.py), a digest of the spec it sent in the
normalized form a diff compares: references by name where vodops manages the template, the API's
defaults applied, a watermark image by its content digest, numbers that are whole written as
integers (the diff does not tell 1 from 1.0 either). Reading the live object back and digesting it
the same way gives the same value until someone changes it outside vodops.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from vodops.diff import comparable
from vodops.ownership import APPLIED_LENGTH
from vodops.refs import References, plain


def applied_digest(kind: str, spec: dict[str, Any], refs: References) -> str:
    """The digest (APPLIED_LENGTH hex digits) of a manifest-shaped `spec` of `kind` (the desired
    side's `comparable()` or a live object's spec), normalized by the kind's table."""
    normalized = _whole_numbers(plain(comparable(kind, spec, refs)))
    text = json.dumps(normalized, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:APPLIED_LENGTH]


def _whole_numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _whole_numbers(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(child) for child in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
