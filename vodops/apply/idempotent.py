"""Creates and deletes that are safe to repeat when an earlier attempt's outcome is unknown.

A create whose answer was lost (a timeout, a dropped connection, an InternalError) may or may not
have happened. Before trying again, vodops looks for what it would have made: an object of that
kind and name carrying this stack's marker (for a class: that name under that parent). Finding it
is success. So a retried apply never leaves a duplicate.

A delete that fails is followed by a look: if the object is gone (an earlier attempt did go
through), the delete has done its work.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from typing import Any

from vodops.cloud.retry import outcome_unknown
from vodops.cloud.vod import WIRES, LiveId, VodApi
from vodops.errors import ApiError, TransportError, VodopsError
from vodops.ownership import split_comment
from vodops.plan.changes import Change
from vodops.resources import KINDS

CREATE_ATTEMPTS = 5
_BACKOFF = 0.3  # seconds, doubling, with full jitter


def create_or_find(
    api: VodApi, change: Change, request: Mapping[str, Any], stack: str, besides: LiveId | None = None
) -> LiveId:
    """Create, or find what an earlier attempt created; `besides` is an object of the same name
    that is not the one (the object a replace replaces)."""
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            return api.create(change.kind, request)
        except (ApiError, TransportError) as error:
            if not outcome_unknown(error) or attempt == CREATE_ATTEMPTS:
                raise
        found = _find_created(api, change.kind, request, stack, besides)
        if found is not None:
            return found
        time.sleep(random.uniform(0, _BACKOFF * 2 ** (attempt - 1)))
    raise AssertionError("unreachable: the last attempt returns or raises")


def _find_created(
    api: VodApi, kind: str, request: Mapping[str, Any], stack: str, besides: LiveId | None
) -> LiveId | None:
    """The object this create request would have made, if it exists."""
    id_field = WIRES[kind].created_id or WIRES[kind].id_field
    for item in api.list(kind):
        found = item[id_field] if KINDS[kind].keyed_by_name else int(item[id_field])
        if found != besides and _made_by(kind, item, request, stack):
            return found
    return None


def _made_by(kind: str, item: Mapping[str, Any], request: Mapping[str, Any], stack: str) -> bool:
    declared = KINDS[kind]
    if declared.nodes is not None:
        return declared.nodes.made_by(item, request)
    wire = declared.wire
    _, owner = split_comment(str(item.get(wire.marker_field) or ""))
    if owner is None or owner.stack != stack or declared.is_preset(item):
        return False
    if declared.name_in_marker:  # no name field: the name is the marker's
        _, wanted = split_comment(str(request.get(wire.marker_field) or ""))
        return wanted is not None and owner.name == wanted.name
    return bool(item.get(wire.name_field) == request[wire.name_field])


def delete_unless_gone(api: VodApi, change: Change) -> str:
    """Delete the live object of `change`; 'done', or 'done (it was already gone)' when the delete
    failed but a listing no longer holds the id. Raises the delete's VodopsError when the object is
    still listed."""
    assert change.live is not None, "a delete always has a live side"
    try:
        api.delete(change.kind, change.live.id)
    except VodopsError:
        id_field = WIRES[change.kind].id_field
        still_there = any(str(item.get(id_field)) == str(change.live.id) for item in api.list(change.kind))
        if still_there:
            raise
        return "done (it was already gone)"
    return "done"
