"""A planned change to the body of the API request that carries it out."""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import Any

from vodops.desired import DesiredResource
from vodops.drift.record import desired_digest
from vodops.errors import ApplyError
from vodops.normalize import reset_value, switchable
from vodops.ownership import Owner, split_comment, url_tag, with_marker
from vodops.plan.changes import Change
from vodops.refs import References
from vodops.resources import KINDS
from vodops.resources.base import Path as SpecPath
from vodops.resources.base import api_key, rekey


def create_request(desired: DesiredResource, refs: References, stack: str) -> dict[str, Any]:
    """The Create request body (API spelling) for `desired`: references resolved to ids, an image's
    file as base64 ImageContent, the name and the ownership marker (with the applied digest) in the
    comment field; a class's is its parent's id and its name. Raises ApplyError when a reference or
    a class's parent has no id yet."""
    if KINDS[desired.kind].tree:
        return _node_request(desired.kind, desired.name, refs)
    kind = KINDS[desired.kind]
    spec = refs.resolved(desired.kind, desired.spec)
    comment = str(spec.pop(kind.marker_key, "") or "")
    body: dict[str, Any] = rekey(spec, api_key)
    image = body.get("ImageTemplate")
    if isinstance(image, dict):
        image.pop("ImageFile")
        image["ImageContent"] = base64.b64encode(desired.image or b"").decode("ascii")
    name = desired.name if kind.name_in_marker else None
    if name is None:
        body[kind.wire.name_field] = desired.name
    applied = desired_digest(desired, refs)
    owner = Owner(stack, desired.digest(kind.write_only), applied=applied, name=name)
    body[kind.wire.marker_field] = with_marker(comment, owner)
    return body


def update_request(change: Change, refs: References, stack: str) -> dict[str, Any]:
    """Modify is a partial update: send the declared fields but not those Modify cannot change, and
    clear the ones a manifest dropped. A kind keyed by name is reset whole (ResetProcedureTemplate
    replaces the whole procedure), so it needs no clearing."""
    assert change.desired is not None, "an update always has a desired side"
    kind = KINDS[change.kind]
    if kind.tree:  # a rename: ModifyClass takes the new last segment only
        return kind.tree_nodes.rename_body(change.name)
    body = create_request(change.desired, refs, stack)
    for name in kind.immutable:
        body.pop(api_key(name), None)
    if kind.sparse_update:
        changed = {api_key(str(f.path[0])) for f in change.fields if f.path}
        body = {k: v for k, v in body.items() if k in changed or k == "Comment"}
    image_changed = any(f.path[:2] == ("imageTemplate", "imageFile") for f in change.fields)
    if kind.images and not image_changed and isinstance(body.get("ImageTemplate"), dict):
        body["ImageTemplate"].pop("ImageContent", None)
        marker = kind.wire.marker_field
        body[marker] = _keep_url_tag(body[marker], change)
    if not kind.keyed_by_name:
        for field in change.fields:
            if field.after is None and _clearable(change.kind, field.path, body):
                _set(body, field.path, _reset(change.kind, field.path, field.before))
    for name in kind.stated_on_update:
        body.setdefault(api_key(name), reset_value(kind.rules, (name,)))
    return kind.update_body(body)


def _keep_url_tag(comment: str, change: Change) -> str:
    """The marker with the tag of the ImageUrl the live image has: the plan found its content
    equal to the manifest's, so that URL is where this content lives (apply/writeonly.py)."""
    image = change.live.raw.get("ImageTemplate") if change.live else None
    text, owner = split_comment(comment)
    if not isinstance(image, dict) or not image.get("ImageUrl") or owner is None:
        return comment
    return with_marker(text, replace(owner, url_tag=url_tag(str(image["ImageUrl"]))))


def _node_request(kind: str, path: str, refs: References) -> dict[str, Any]:
    """A tree node's create request: its parent's id, and its own name."""
    nodes = KINDS[kind].tree_nodes
    parent = path.rpartition("/")[0]
    parent_id = refs.id_of(kind, parent) if parent else nodes.top_parent
    if parent_id is None:
        raise ApplyError(f"the parent of class {path!r} has no id; was it created?")
    return nodes.create_body(path, parent_id)


def _reset(kind: str, path: SpecPath, before: Any) -> Any:
    """The value that clears `path`: the table's default, or field by field for an object."""
    value = reset_value(KINDS[kind].rules, path)
    if value is not None or not isinstance(before, dict):
        return value
    children = {k: _reset(kind, (*path, k), v) for k, v in before.items()}
    return {k: v for k, v in children.items() if v is not None} or None


def _clearable(kind: str, path: SpecPath, body: dict[str, Any]) -> bool:
    """A dropped field is cleared where its object is still sent, or where the whole object can be
    switched off; a stream template that went away with its stream is left to the server."""
    parent: Any = body
    for step in path[:-1]:
        parent = parent.get(api_key(str(step))) if isinstance(parent, dict) else None
    return isinstance(parent, dict) or switchable(KINDS[kind].rules, path)


def _set(body: dict[str, Any], path: SpecPath, value: Any) -> None:
    """Put a clearing value into the request at a manifest path, unless the API cannot clear it."""
    if value is None or any(isinstance(step, int) for step in path):
        return
    target = body
    for step in path[:-1]:
        target = target.setdefault(api_key(str(step)), {})
    target[api_key(str(path[-1]))] = rekey(value, api_key)
