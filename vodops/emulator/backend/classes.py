"""Media classes: a tree per app, at most 4 levels deep and 500 children per class.

Class 0 ("其他", the system default) exists in every app and can be neither renamed, deleted
nor given subclasses. Each class keeps a media count, always 0 until uploads exist; a class
with media cannot be deleted.
"""

from __future__ import annotations

from ..faults import ApiFault
from ..presets import SYSTEM_CLASS, SYSTEM_CLASS_ID
from ..schema import Params
from ..shapes import classes as shapes
from .base import Action, Context, Reply

KIND = "class"
FIRST_ID = 1
TOP = -1
MAX_LEVEL = 3  # levels 0..3: four in all
MAX_CHILDREN = 500


def create(ctx: Context, params: Params) -> Reply:
    """CreateClass: a class named ClassName under ParentId (-1: a top-level class); answers
    {ClassId}. Raises ApiFault InvalidParameterValue.ParentId (under class 0),
    FailedOperation.ParentIdNoFound, FailedOperation.ClassLevelLimitExceeded (past 4 levels),
    FailedOperation.SubclassLimitExceeded (500 children), FailedOperation.ClassNameDuplicate (a
    sibling's name)."""
    parent_id, name = params["ParentId"], params["ClassName"]
    level = _level_under(ctx, parent_id)
    siblings = _children(ctx, parent_id)
    if len(siblings) >= MAX_CHILDREN:
        raise ApiFault(
            "FailedOperation.SubclassLimitExceeded",
            f"Class {parent_id} already has {MAX_CHILDREN} subclasses.",
        )
    _check_unique(siblings, name, parent_id)
    class_id = ctx.tx.next_id(f"{KIND}:{ctx.app}", FIRST_ID)
    doc = {
        "ClassId": class_id, "ParentId": parent_id, "Name": name, "Level": level, "MediaCount": 0,
        "Created": ctx.now, "Updated": ctx.now,  # shown by the legacy DescribeClass
    }  # fmt: skip
    ctx.tx.put(KIND, ctx.app, str(class_id), doc)
    return {"ClassId": class_id}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeAllClass: class 0, then the app's classes in id order, each with its SubClassIdSet;
    answers {ClassInfoSet}."""
    docs = [SYSTEM_CLASS, *sorted(ctx.tx.scan(KIND, ctx.app), key=lambda doc: int(doc["ClassId"]))]
    children: dict[int, list[int]] = {}
    for doc in docs:
        children.setdefault(doc["ParentId"], []).append(doc["ClassId"])
    return {"ClassInfoSet": [_show(doc, children.get(doc["ClassId"], [])) for doc in docs]}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyClass: renames ClassId to ClassName; answers {}. Raises ApiFault
    InvalidParameterValue.ClassId (class 0), FailedOperation.ClassNoFound,
    FailedOperation.ClassNameDuplicate."""
    doc = _custom(ctx, params["ClassId"], "renamed", "FailedOperation.ClassNoFound")
    others = [c for c in _children(ctx, doc["ParentId"]) if c["ClassId"] != doc["ClassId"]]
    _check_unique(others, params["ClassName"], doc["ParentId"])
    doc.update(Name=params["ClassName"], Updated=ctx.now)
    ctx.tx.put(KIND, ctx.app, str(doc["ClassId"]), doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteClass: deletes ClassId; answers {}. Raises ApiFault InvalidParameterValue.ClassId
    (class 0, or no such class), UnsupportedOperation.ClassNotEmpty (it has subclasses or media)."""
    doc = _custom(ctx, params["ClassId"], "deleted", "InvalidParameterValue.ClassId")
    if _children(ctx, doc["ClassId"]) or doc["MediaCount"] > 0:
        raise ApiFault(
            "UnsupportedOperation.ClassNotEmpty",
            f"Class {doc['ClassId']} still has subclasses or media; empty it first.",
        )
    ctx.tx.delete(KIND, ctx.app, str(doc["ClassId"]))
    return {}


def _level_under(ctx: Context, parent_id: int) -> int:
    """The level a new child of `parent_id` would have."""
    if parent_id == TOP:
        return 0
    if parent_id == SYSTEM_CLASS_ID:
        raise ApiFault("InvalidParameterValue.ParentId", "The system default class 0 cannot have subclasses.")
    parent = ctx.tx.get(KIND, ctx.app, str(parent_id))
    if parent is None:
        raise ApiFault("FailedOperation.ParentIdNoFound", f"Parent class {parent_id} does not exist.")
    if parent["Level"] >= MAX_LEVEL:
        raise ApiFault(
            "FailedOperation.ClassLevelLimitExceeded",
            f"Classes can be at most {MAX_LEVEL + 1} levels deep; class {parent_id} is on the last.",
        )
    return int(parent["Level"]) + 1


def _children(ctx: Context, parent_id: int) -> list[Params]:
    return [doc for doc in ctx.tx.scan(KIND, ctx.app) if doc["ParentId"] == parent_id]


def _check_unique(siblings: list[Params], name: str, parent_id: int) -> None:
    taken = {doc["Name"] for doc in siblings}
    if parent_id == TOP:
        taken |= {SYSTEM_CLASS["Name"], SYSTEM_CLASS["ClassName"]}
    if name in taken:
        raise ApiFault("FailedOperation.ClassNameDuplicate", f"A sibling class is already named {name!r}.")


def _custom(ctx: Context, class_id: int, verb: str, not_found: str) -> Params:
    if class_id == SYSTEM_CLASS_ID:
        raise ApiFault("InvalidParameterValue.ClassId", f"The system default class 0 cannot be {verb}.")
    doc = ctx.tx.get(KIND, ctx.app, str(class_id))
    if doc is None:
        raise ApiFault(not_found, f"Class {class_id} does not exist.")
    return doc


def _show(doc: Params, children: list[int]) -> Reply:
    return {
        "ClassId": doc["ClassId"],
        "ParentId": doc["ParentId"],
        "Name": doc["Name"],
        "Level": doc["Level"],
        "SubClassIdSet": children,
        "ClassName": doc.get("ClassName", doc["Name"]),  # deprecated twin of Name
    }


ACTIONS = {
    "CreateClass": Action(shapes.CREATE, create),
    "DescribeAllClass": Action(shapes.DESCRIBE, describe),
    "ModifyClass": Action(shapes.MODIFY, modify),
    "DeleteClass": Action(shapes.DELETE, delete),
}
