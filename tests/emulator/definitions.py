"""Tencent's own definition of the VOD API (tccli's api.json and examples.json), walked.

`Checks` collects one result per thing compared, so a test can both count what it compared and
list every mismatch: request members (presence, JSON type, list or not, required or not, and each
documented enumeration value), response members (present when api.json marks them always
returned, of their type, null only where allowed), and the examples' requests and replies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import tccli

from vodops.emulator.schema import Struct

SERVICE = Path(tccli.__file__).parent / "services" / "vod" / "v20180717"
API: dict[str, Any] = json.loads((SERVICE / "api.json").read_text("utf-8"))
EXAMPLES: dict[str, Any] = json.loads((SERVICE / "examples.json").read_text("utf-8"))["actions"]
OBJECTS: dict[str, Any] = API["objects"]
LIVE_SERVICE = Path(tccli.__file__).parent / "services" / "live" / "v20180801"
LIVE_API: dict[str, Any] = json.loads((LIVE_SERVICE / "api.json").read_text("utf-8"))
LIVE_EXAMPLES: dict[str, Any] = json.loads((LIVE_SERVICE / "examples.json").read_text("utf-8"))["actions"]
Objects = dict[str, Any]  # api.json's "objects": the definitions of one service

_KINDS = {"string": "str", "datetime_iso": "str", "int64": "int", "uint64": "uint", "float": "float"}
_ENUM_DOC = re.compile("可选值|枚举值|取值有|取值范围|包含")
# An item of a documented list: `<li>value: meaning`, in full-width or ASCII punctuation.
_ENUM_ITEM = re.compile(r"<li>\s*([A-Za-z0-9_.+\-]+)\s*(?:[\uff1a:\uff08(]|表示|</li>|\uff0c)")


@dataclass
class Checks:
    """What was compared and what did not match, each as `path: what`."""

    count: int = 0
    mismatches: list[str] = field(default_factory=list)

    def expect(self, ok: bool, path: str, what: str) -> None:
        self.count += 1
        if not ok:
            self.mismatches.append(f"{path}: {what}")


def members(object_name: str, objects: Objects = OBJECTS) -> list[dict[str, Any]]:
    members_: list[dict[str, Any]] = objects[object_name]["members"]
    return members_


def compare_request(
    checks: Checks, struct: Struct, object_name: str, path: str, objects: Objects = OBJECTS
) -> None:
    """Every member api.json lists for a request object, against the emulator's struct."""
    listed = {m["name"] for m in members(object_name, objects)}
    for extra in (f.name for f in struct.fields if f.name not in listed):
        checks.expect(False, f"{path}.{extra}", "accepted by the emulator but not in api.json")
    for member in members(object_name, objects):
        here = f"{path}.{member['name']}"
        f = struct.by_name.get(member["name"])
        checks.expect(f is not None, here, "not accepted by the emulator")
        if f is None:
            continue
        many = member["type"] == "list"
        checks.expect(f.many == many, here, f"list {many} in api.json, {f.many} in the emulator")
        checks.expect(f.required == bool(member["required"]), here, f"required is {member['required']}")
        nested = member["member"] in objects
        kind = "obj" if nested else _KINDS.get(member["member"])
        checks.expect(f.kind == kind, here, f"type {member['member']}, emulator {f.kind}")
        if nested and f.struct is not None:
            compare_request(checks, f.struct, member["member"], here, objects)
        for value in enumeration(member):
            refused = [c(value) for c in f.checks if c(value) is not None]
            checks.expect(not refused, here, f"documented value {value!r} refused: {refused}")


def enumeration(member: dict[str, Any]) -> list[str]:
    """The values a string member's documentation lists, if it lists them."""
    if member["member"] != "string" or not _ENUM_DOC.search(member["document"]):
        return []
    return sorted(set(_ENUM_ITEM.findall(member["document"])))


def compare_reply(
    checks: Checks, object_name: str, instances: list[Any], path: str, objects: Objects = OBJECTS
) -> None:
    """Every member of `object_name` over every instance the emulator answered with."""
    for member in members(object_name, objects):
        here = f"{path}.{member['name']}"
        values = [item[member["name"]] for item in instances if member["name"] in item]
        if member.get("output_required"):
            checks.expect(len(values) == len(instances), here, "always returned, but missing")
        shown = [v for v in values if v is not None]
        if member.get("output_required") and not member.get("value_allowed_null"):
            checks.expect(len(shown) == len(values), here, "never null, but null")
        checks.expect(all(_typed(member, v, objects) for v in shown), here, f"not of type {member['member']}")
        if member["member"] in objects:
            nested = [x for v in shown for x in (v if isinstance(v, list) else [v]) if isinstance(x, dict)]
            if nested:
                compare_reply(checks, member["member"], nested, here, objects)


def _typed(member: dict[str, Any], value: Any, objects: Objects) -> bool:
    if member["type"] == "list":
        return isinstance(value, list) and all(_one_typed(member["member"], v, objects) for v in value)
    return _one_typed(member["member"], value, objects)


def _one_typed(member: str, value: Any, objects: Objects) -> bool:
    if member in objects:
        return isinstance(value, dict)
    if member == "string":
        return isinstance(value, str)
    if member == "bool":
        return isinstance(value, bool)
    if member == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, int) and not isinstance(value, bool) and (member != "uint64" or value >= 0)


@dataclass(frozen=True)
class Example:
    action: str
    title: str
    method: str
    params: dict[str, Any] | list[tuple[str, str]]  # a JSON body, or a GET query's pairs
    reply: dict[str, Any]


def examples(actions: list[str], source: dict[str, Any] = EXAMPLES) -> Iterator[Example]:
    for action in actions:
        for example in source.get(action, []):
            yield _example(action, example)


def _example(action: str, example: dict[str, Any]) -> Example:
    text: str = example["input"]
    reply = json.loads(example["output"])["Response"]
    if text.startswith("POST"):
        body = text[text.index("{") :]
        return Example(action, example["title"], "POST", json.loads(body), reply)
    # The examples' URLs are not encoded: a "+" in Base64 is a plus, not a space.
    query = urlsplit(text.replace("\n", "")).query.replace("+", "%2B")
    pairs = [(k, v) for k, v in parse_qsl(query.replace("&<公共请求参数>", "")) if k != "Action"]
    return Example(action, example["title"], "GET", pairs, reply)
