"""What vodops last made an object, recorded in the object itself: there is no state file.

Apply writes, in the ownership marker (vodops/ownership.py), a digest of the spec it sent in the
normalized form a diff compares: the API's defaults applied, references by the id they had (not by
name: which names exist depends on the manifests of the day, the id in the object does not), a
watermark image by its content digest, numbers that are whole written as integers (the diff does
not tell 1 from 1.0 either). Reading the live object back and digesting it the same way gives the
same value until someone changes it outside vodops.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from vodops.desired import DesiredResource
from vodops.diff import comparable
from vodops.errors import ApplyError
from vodops.ownership import APPLIED_LENGTH
from vodops.refs import References, map_references, plain


def spec_digest(kind: str, spec: dict[str, Any]) -> str:
    """The digest (APPLIED_LENGTH hex digits) of a manifest-shaped `spec` of `kind` whose
    references are ids (a live object's spec, or a desired one resolved), normalized by the
    kind's table."""
    ids = map_references(kind, spec, lambda _, value: _as_id(value))
    normalized = _whole_numbers(plain(comparable(kind, ids, References())))
    text = json.dumps(normalized, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:APPLIED_LENGTH]


def desired_digest(desired: DesiredResource, refs: References) -> str | None:
    """The digest apply records for `desired`, its references resolved by `refs`; None while a
    template it names has no id yet (so it cannot be what was applied)."""
    try:
        return spec_digest(desired.kind, refs.resolved(desired.kind, desired.comparable()))
    except ApplyError:
        return None


def _as_id(value: Any) -> Any:
    """A reference as the number the API holds (transcode Definitions arrive as strings)."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _whole_numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _whole_numbers(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(child) for child in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
