"""MediaClass: a node of the media class (category) tree, named by its path (the tree shape: a
class's parent is in its path). Its spec model is vodops.resources.media_class."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.media.search import holds_media
from vodops.resources import MEDIA_CLASS
from vodops.resources.kind import Call, Kind, Nodes, Shape, Wire
from vodops.visible import shown_name

MAX_DEPTH = 4
SYSTEM_CLASS_ID = 0  # the root every sub-application has; it cannot be declared


def _class_path(path: str) -> str | None:
    parts = path.split("/")
    if any(part == "" for part in parts):
        return "must be a path like 'Movies/Action' with no empty segment"
    if len(parts) > MAX_DEPTH:
        return f"is {len(parts)} levels deep; classes can be at most {MAX_DEPTH} levels deep"
    too_long = [part for part in parts if len(part) > 64]
    if too_long:
        segment = shown_name(too_long[0])
        return f"segment {segment} is {len(too_long[0])} characters; class names can be at most 64"
    return None


def _holds_media(call: Call, class_id: int | str) -> str | None:
    """A class that holds media (of any origin, in it or below it) cannot be deleted
    (DeleteClass: UnsupportedOperation.ClassNotEmpty), so it is never planned for deletion."""
    return "it holds media" if holds_media(call, int(class_id)) else None


def _system_class(raw: Mapping[str, Any]) -> bool:
    class_id: Any = raw.get("ClassId")
    try:
        return int(class_id) == SYSTEM_CLASS_ID
    except (TypeError, ValueError):
        return False


KIND = Kind(
    MEDIA_CLASS,
    "vodops.resources.media_class:MediaClassSpec",
    Wire(
        "DescribeAllClass", "ClassInfoSet", False, "CreateClass", "ModifyClass", "DeleteClass",
        "ClassId", "ClassId",
    ),
    _class_path,
    folder="media-classes",
    shape=Shape.TREE,
    spec_required=False,
    not_spec=frozenset({"ClassId", "ParentId", "Name", "ClassName", "Level", "SubClassIdSet"}),
    is_preset=_system_class,
    # reference §4: ClassName 1-64 characters, ParentId -1 at the top, at most 500 direct subclasses
    nodes=Nodes("ParentId", "ClassName", ("Name", "ClassName"), -1, max_children=500),
    delete_guard=_holds_media,
)  # fmt: skip
