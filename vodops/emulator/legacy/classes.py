"""Legacy class actions (seed §视频分类管理), run by the 2018 class backend over the same tree.

The 2018 backend's rules hold for both dialects (one account, one tree): its faults are answered
with the legacy business codes of reference §5 and §8.7.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from ..backend import classes as shared
from ..backend.base import Context, Reply
from ..faults import ApiFault
from ..presets import SYSTEM_CLASS, SYSTEM_CLASS_ID
from .params import Params
from .protocol import LegacyFault, business

_CHINA = timezone(timedelta(hours=8))
NO_CLASS = 1905
_CODES = {
    "FailedOperation.ParentIdNoFound": NO_CLASS,
    "FailedOperation.ClassNoFound": NO_CLASS,
    "FailedOperation.ClassNameDuplicate": 1907,
    "UnsupportedOperation.ClassNotEmpty": 1904,
}


def create(ctx: Context, params: Params) -> Reply:
    """CreateClass (§5.1): `newClassId` as a string."""
    name = params.text("className", required=True) or ""
    parent = params.integer("parentId", -1, 2**63 - 1)
    if parent == SYSTEM_CLASS_ID:
        raise business(1903, "A class cannot be created under the default class 0.")
    created = _run(
        shared.create, ctx, {"ParentId": shared.TOP if parent is None else parent, "ClassName": name}
    )
    return {"newClassId": str(created["ClassId"])}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyClass (§5.4): rename only."""
    class_id = params.integer("classId", -1, 2**63 - 1, required=True)
    name = params.text("className", required=True) or ""
    _run(shared.modify, ctx, {"ClassId": class_id, "ClassName": name})
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteClass (§5.5)."""
    class_id = params.integer("classId", -1, 2**63 - 1, required=True)
    if (
        class_id is not None
        and class_id != SYSTEM_CLASS_ID
        and ctx.tx.get(shared.KIND, ctx.app, str(class_id)) is None
    ):
        raise business(NO_CLASS, f"Class {class_id} was not found.")
    _run(shared.delete, ctx, {"ClassId": class_id})
    return {}


def describe_all(ctx: Context, params: Params) -> Reply:
    """The tree of the app's own classes; the default class 0 is not in it (the manual's example
    starts with the user's classes), and an app with no class answers 1905."""
    docs = _docs(ctx)
    if not docs:
        raise business(NO_CLASS, "The user has no classes.")
    return {"data": _nodes(docs, shared.TOP)}


def describe(ctx: Context, params: Params) -> Reply:
    """Every class, class 0 first, ids as strings and times as Beijing wall-clock text."""
    system = {"id": str(SYSTEM_CLASS["ClassId"]), "name": SYSTEM_CLASS["ClassName"]}
    epoch = _time(1417054957)  # 2014-11-27 10:22:37, class 0's time in the manual's example
    rows = [{**system, "create_time": epoch, "update_time": epoch}]
    return {"data": rows + [_row(doc) for doc in _docs(ctx)]}


def _row(doc: dict[str, Any]) -> dict[str, Any]:
    created = doc.get("Created", 0)
    return {
        "id": str(doc["ClassId"]),
        "name": doc["Name"],
        "create_time": _time(created),
        "update_time": _time(doc.get("Updated", created)),
    }


def _nodes(docs: list[dict[str, Any]], parent: int) -> list[dict[str, Any]]:
    return [
        {
            "info": {
                "id": doc["ClassId"],
                "parent_id": doc["ParentId"],
                "name": doc["Name"],
                "level": doc["Level"],
                "file_num": doc.get("MediaCount", 0),
            },
            "subclass": _nodes(docs, doc["ClassId"]),
        }
        for doc in docs
        if doc["ParentId"] == parent
    ]


def _docs(ctx: Context) -> list[dict[str, Any]]:
    return sorted(ctx.tx.scan(shared.KIND, ctx.app), key=lambda doc: int(doc["ClassId"]))


def _time(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), _CHINA).strftime("%Y-%m-%d %H:%M:%S")


def _run(action: Callable[[Context, dict[str, Any]], Reply], ctx: Context, params: dict[str, Any]) -> Reply:
    try:
        return action(ctx, params)
    except ApiFault as fault:
        raise _translated(fault) from None


def _translated(fault: ApiFault) -> LegacyFault:
    return business(_CODES.get(fault.code, 1000), fault.message)
