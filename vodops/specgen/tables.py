"""The data tables a generated module ends with: what Modify cannot change, the API's defaults,
and the objects a switch turns off — all read from api.json.

A default is the value the document gives after 默认值 or 默认为 (the phrasing the emulator's
generator reads too, so both sides agree on it); a member the document gives none for is shown
empty by the server: 0, "" or []. Each is also what an update sends to clear the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vodops.specgen import docs, manifest_key
from vodops.specgen.overrides import CASES, NOT_SPEC, REUSE

_DEFAULT = re.compile(r"默认值?(?:[\uff1a:]|为)\s*([A-Za-z0-9_.\-]+)")


def immutable(api: dict[str, Any], kind: str) -> list[str]:
    """Top-level fields (manifest spelling) Create takes and Modify does not."""

    def names(action: str) -> list[str]:
        request = api["actions"][action]["input"]
        return [m["name"] for m in api["objects"][request]["members"] if m["name"] not in NOT_SPEC]

    modifiable = set(names(f"Modify{kind}"))
    return [manifest_key(name) for name in names(f"Create{kind}") if name not in modifiable]


_QUOTA = re.compile(r"(?:数量上限\uff1a|最大支持模板数量为)\s*(\d+)")


def quota(api: dict[str, Any], kind: str) -> int | None:
    """Custom templates per application, from the Create action's document (数量上限, 最大支持模板数量为)."""
    found = _QUOTA.search(api["actions"][f"Create{kind}"]["document"])
    return int(found.group(1)) if found else None


def shown_only(api: dict[str, Any], kind: str) -> list[str]:
    """Members Describe shows of a template that no request sets (ids, times, Type), and Name."""
    listing = api["objects"][api["actions"][f"Describe{kind}s"]["output"]]["members"]
    item = next(m["member"] for m in listing if m["type"] == "list" and m["member"] in api["objects"])
    request = {m["name"] for m in api["objects"][api["actions"][f"Create{kind}"]["input"]]["members"]}
    shown = [m["name"] for m in api["objects"][item]["members"]]
    return ["Name", *(name for name in shown if name not in request)]


def defaults(api: dict[str, Any], name: str, prefix: str = "") -> Iterator[tuple[str, object]]:
    """(dotted manifest path, default) for every optional number and documented default below
    object `name`; "*" stands for a list index."""
    for member in _members(api, name, top=not prefix):
        path = prefix + manifest_key(member["name"])
        inner = str(member.get("member"))
        if inner in api["objects"]:
            if inner not in REUSE:
                yield from defaults(api, inner, path + (".*." if member["type"] == "list" else "."))
        elif not member["required"] and member["name"] != "Comment":  # the marker's field
            yield path, _default(member)


def switched(api: dict[str, Any], name: str, prefix: str = "") -> Iterator[str]:
    """Dotted paths of the objects below `name` that have a Switch member."""
    for member in _members(api, name, top=not prefix):
        inner = str(member.get("member"))
        if inner in api["objects"] and inner not in REUSE:
            path = prefix + manifest_key(member["name"])
            if any(m["name"] == "Switch" for m in api["objects"][inner]["members"]):
                yield path
            yield from switched(api, inner, path + (".*." if member["type"] == "list" else "."))


def cases(
    api: dict[str, Any], name: str, prefix: str = ""
) -> Iterator[tuple[str, str, dict[str, tuple[str, ...]]]]:
    """(dotted path, sibling, {sibling's value: choices}) for each member of CASES below `name`."""
    for member in _members(api, name, top=not prefix):
        inner = str(member.get("member"))
        path = prefix + manifest_key(member["name"])
        found = docs.choices_by(member["document"]) if (name, member["name"]) in CASES else None
        if found is not None:
            yield path, manifest_key(found[0]), found[1]
        if inner in api["objects"] and inner not in REUSE:
            yield from cases(api, inner, path + (".*." if member["type"] == "list" else "."))


def _members(api: dict[str, Any], name: str, *, top: bool) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = api["objects"][name]["members"]
    return [m for m in members if not (top and m["name"] in NOT_SPEC)]


def _default(member: dict[str, Any]) -> object:
    found = _DEFAULT.search(member["document"])
    if member["type"] == "list":
        return []
    if member["type"] == "int":
        return int(found.group(1)) if found and found.group(1).isdigit() else 0
    if member["type"] == "float":
        return float(found.group(1)) if found and _is_number(found.group(1)) else 0.0
    return found.group(1) if found else ""


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?", text) is not None
