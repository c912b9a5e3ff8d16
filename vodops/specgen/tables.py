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

# "默认值" then a colon and "open", "默认为 VOD"; a number with its unit: "默认 95 分", "默认截帧间隔为 1 秒".
_DEFAULT = re.compile(
    r"默认值?(?:[\uff1a:]|为)\s*([A-Za-z0-9_.\-]+)"
    r"|默认(?:截帧间隔)?为?\s*([\d.]+)\s*(?:秒|分)"
)


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
    item = _listing(api, kind)["member"]
    request = {m["name"] for m in api["objects"][api["actions"][f"Create{kind}"]["input"]]["members"]}
    shown = [m["name"] for m in api["objects"][item]["members"]]
    return ["Name", *(name for name in shown if name not in request)]


def _listing(api: dict[str, Any], kind: str) -> dict[str, Any]:
    """The member of Describe's answer that lists the templates."""
    answered = api["objects"][api["actions"][f"Describe{kind}s"]["output"]]["members"]
    found: dict[str, Any] = next(m for m in answered if m["type"] == "list" and m["member"] in api["objects"])
    return found


def defaults(api: dict[str, Any], name: str, prefix: str = "") -> Iterator[tuple[str, object]]:
    """(dotted manifest path, default) for every optional number and documented default below
    object `name`; "*" stands for a list index."""
    for member in members(api, name, top=not prefix):
        path = prefix + manifest_key(member["name"])
        inner = str(member.get("member"))
        if inner in api["objects"]:
            if inner not in REUSE:
                yield from defaults(api, inner, path + (".*." if member["type"] == "list" else "."))
        elif not member["required"] and member["name"] != "Comment":  # the marker's field
            yield path, _default(member)


def switched(api: dict[str, Any], name: str, prefix: str = "") -> Iterator[str]:
    """Dotted paths of the objects below `name` that have a Switch member."""
    for member in members(api, name, top=not prefix):
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
    for member in members(api, name, top=not prefix):
        inner = str(member.get("member"))
        path = prefix + manifest_key(member["name"])
        found = docs.choices_by(member["document"]) if (name, member["name"]) in CASES else None
        if found is not None:
            yield path, manifest_key(found[0]), found[1]
        if inner in api["objects"] and inner not in REUSE:
            yield from cases(api, inner, path + (".*." if member["type"] == "list" else "."))


def members(api: dict[str, Any], name: str, *, top: bool) -> list[dict[str, Any]]:
    """The members of object `name` a spec holds: not those api.json marks disabled (withdrawn:
    accepted, never shown), nor, at the top, the application and the name."""
    listed: list[dict[str, Any]] = api["objects"][name]["members"]
    return [m for m in listed if not m.get("disabled") and not (top and m["name"] in NOT_SPEC)]


def _default(member: dict[str, Any]) -> object:
    found = _DEFAULT.search(member["document"])
    text = (found.group(1) or found.group(2)).rstrip(".") if found else ""
    if member["type"] == "list":
        return []
    if member["type"] == "int":
        return int(text) if text.isdigit() else 0
    if member["type"] == "float":
        return float(text) if _is_number(text) else 0.0
    return text


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?", text) is not None
