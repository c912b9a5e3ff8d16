"""Generate the emulator's request and reply structs of the processing-template kinds from
Tencent's own definition of VOD 2018-07-17 (tccli's api.json), as botocore builds its clients.

    python tools/gen_emulator_shapes.py          # rewrite vodops/emulator/shapes/generated/
    python tools/gen_emulator_shapes.py --check  # exit 1 if the committed output is stale

What the definition carries is generated: members, types, lists, required flags, which members
a Describe always returns and which may be null, and the rules its documentation states in a
regular form (enumerations `<li>value：…`, ranges `取值范围：[a, b]` / `0 和 [a, b]` / `a~b`,
`最大值：N`, lengths `长度限制：N`, list sizes `最多 N 个`, defaults `默认值：X`). Each value rule
answers `InvalidParameterValue.<Member>` when the SDK's error codes have that code, else
`InvalidParameterValue`. Everything else (cross-field rules, hand-kept structs reused from the
transcode kind) is hand-written in `vodops/emulator/shapes/template_rules.py` and the kinds.
"""

# ruff: noqa: RUF001, RUF002, RUF003
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tccli
from tencentcloud.vod.v20180717 import errorcodes

# The kinds vodops generates specs for, in that order (a struct lives in the first module using it).
from vodops.specgen.overrides import KINDS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "vodops" / "emulator" / "shapes" / "generated"
API: dict[str, Any] = json.loads(
    (Path(tccli.__file__).parent / "services" / "vod" / "v20180717" / "api.json").read_text("utf-8")
)
OBJECTS: dict[str, Any] = API["objects"]
CODES = {value for name, value in vars(errorcodes).items() if name.isupper() and isinstance(value, str)}

# Structs kept by hand for the transcode kind, with their container-dependent rules.
REUSED = {
    "VideoTemplateInfo": ("..transcode", "VIDEO"),
    "AudioTemplateInfo": ("..transcode", "AUDIO"),
    "TEHDConfig": ("..transcode", "TEHD"),
    "EnhanceConfig": ("..enhance", "ENHANCE"),
}
_VERBS = (("Create", ""), ("Modify", ""), ("Delete", ""), ("Describe", "s"))
_HELPERS = {
    "string": "string",
    "datetime_iso": "string",
    "int64": "int64",
    "uint64": "uint64",
    "float": "number",
}

_ENUM_DOC = re.compile("可选值|枚举值|取值有|取值范围|包含|取值[：:]|可选填充方式")
_ENUM_INLINE = re.compile(r"取值为\s*([A-Za-z0-9_\-]+(?:\s*(?:、|和)\s*[A-Za-z0-9_\-]+)+)")
_ENUM_ITEM = re.compile(
    r"(?:<li>|<br>|<p>)\s*([A-Za-z0-9_.+\-]+)\s*(?:[\uff1a:\uff08(\uff1b;\u3002]|表示|</li>|\uff0c)"
)
_RANGE = re.compile(r"取值范围[：:]?\s*(0\s*和\s*)?\[\s*([\d.]+)\s*,\s*([\d.]+)\s*\]")
_SPAN = re.compile(r"取值范围[：:]\s*([\d.]+)\s*[~-]\s*([\d.]+)")
_VALUE_ITEM = re.compile(r"<li>\s*[A-Za-z0-9_.+\-]+\s*[：:]")  # `<li>ON：是；</li>`
_MINIMUM = re.compile(r"最小值为?\s*([\d.]+)")
_ITEM_LENGTH = re.compile(r"长度最多\s*(\d+)\s*个字符")
_MAXIMUM = re.compile(r"最大值[：:]\s*(\d+)")
_LENGTH = re.compile(r"长度限制[：:]?\s*(\d+)")
_MOST = re.compile(r"最多(?:支持|输出|输入)?\s*(\d+)\s*[个路]")
_DEFAULT = re.compile(r"默认值?(?:[：:]|为)\s*([A-Za-z0-9_.\-]+)|默认(?:截帧间隔)?为?\s*([\d.]+)\s*(?:秒|分)")


def snake(name: str) -> str:
    """`AdaptiveStreamTemplate` -> `ADAPTIVE_STREAM_TEMPLATE`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).upper()


def _number(text: str) -> str:
    return str(int(float(text))) if float(text).is_integer() else text


def _typed(member: dict[str, Any], text: str) -> str | None:
    """A documented value as Python source for the member's type, or None if it is not one."""
    kind = member["member"]
    if kind == "string":
        return repr(text)
    if kind in ("int64", "uint64") and re.fullmatch(r"-?\d+", text):
        return text
    if kind == "float" and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return _number(text)
    return None


def checks(member: dict[str, Any]) -> list[str]:
    """The value checks a member's documentation states, as source."""
    doc, kind = member["document"], member["member"]
    found: list[str] = []
    every_item_a_value = len(_VALUE_ITEM.findall(doc)) == doc.count("<li>") >= 2
    if kind in ("string", "int64", "uint64") and (
        _ENUM_DOC.search(doc) or _ENUM_INLINE.search(doc) or every_item_a_value
    ):
        inline = _ENUM_INLINE.search(doc)
        listed = re.split(r"\s*(?:、|和)\s*", inline.group(1)) if inline else _ENUM_ITEM.findall(doc)
        values = [v for v in dict.fromkeys(listed) if _typed(member, v) is not None]
        if values:
            found.append("one_of(" + ", ".join(str(_typed(member, v)) for v in values) + ")")
    if kind in ("int64", "uint64", "float") and not found and member["type"] != "list":
        found += _ranges(doc)
    if kind == "string" and member["type"] != "list" and (m := _LENGTH.search(doc)):
        found.append(f"length(0, {m.group(1)})")
    if kind == "string" and member["type"] == "list" and (m := _ITEM_LENGTH.search(doc)):
        found.append(f"length(0, {m.group(1)})")
    return found


def _ranges(doc: str) -> list[str]:
    if m := _RANGE.search(doc):
        or_zero = ", or_zero=True" if m.group(1) else ""
        return [f"between({_number(m.group(2))}, {_number(m.group(3))}{or_zero})"]
    if m := _SPAN.search(doc):
        return [f"between({_number(m.group(1))}, {_number(m.group(2))})"]
    if m := _MAXIMUM.search(doc):
        return [f"between(0, {m.group(1)})"]
    if m := _MINIMUM.search(doc):
        return [f"at_least({_number(m.group(1))})"]
    return []


def max_items(member: dict[str, Any]) -> str | None:
    if member["type"] != "list":
        return None
    doc = member["document"]
    m = _LENGTH.search(doc) or _MOST.search(doc)
    return m.group(1) if m else None


def default(member: dict[str, Any], *docs: str) -> str | None:
    for doc in (member["document"], *docs):
        if member["type"] != "list" and (m := _DEFAULT.search(doc)):
            return _typed(member, (m.group(1) or m.group(2)).rstrip("."))
    return None


@dataclass
class Writer:
    """Emits structs in dependency order; remembers which module defined each."""

    home: dict[str, str] = field(default_factory=dict)  # struct -> module that defines it
    lines: list[str] = field(default_factory=list)
    imports: dict[str, set[str]] = field(default_factory=dict)
    module: str = ""

    def need(self, name: str) -> str:
        if name in REUSED:
            module, symbol = REUSED[name]
            self.imports.setdefault(module, set()).add(symbol)
            return symbol
        if name not in self.home:
            self.emit(name, OBJECTS[name]["members"], name)
        elif self.home[name] != self.module:
            self.imports.setdefault(f".{self.home[name]}", set()).add(snake(name))
        return snake(name)

    def emit(self, name: str, members: list[dict[str, Any]], struct_name: str, *, extra: str = "") -> None:
        fields = [self.field(m, extra) for m in members]  # nested structs are emitted first
        self.home[name] = self.module
        self.lines += [f"{snake(name)} = Struct(", f"    {struct_name!r},", "    ("]
        self.lines += [f"        {f}," for f in fields]
        self.lines += ["    ),", "    zero_fill=True,", "    zero_scalars=True,", ")", ""]

    def field(self, member: dict[str, Any], defaults_doc: str, shown: bool = False) -> str:
        name, kind = member["name"], member["member"]
        if name == "SubAppId":
            return "SUB_APP_ID"
        args = [repr(name)]
        if kind in OBJECTS:
            call = "array" if member["type"] == "list" else "obj"
            args.append(self.need(kind))
        elif member["type"] == "list":
            call = "array"
            args.append(repr({"string": "str", "int64": "int", "uint64": "uint", "float": "float"}[kind]))
        elif kind in _HELPERS:
            call = _HELPERS[kind]
        else:
            raise SystemExit(f"{name}: type {kind} has no emulator helper")
        args += checks(member) if kind not in OBJECTS and not shown else []
        args += self.options(member, defaults_doc, shown)
        return f"{call}({', '.join(args)})"

    def options(self, member: dict[str, Any], defaults_doc: str, shown: bool) -> Iterator[str]:
        code = f"InvalidParameterValue.{member['name']}"
        if member.get("required") and not shown:
            yield "required=True"
        if (items := max_items(member)) is not None and not shown:
            yield f"max_items={items}"
        if not shown:
            yield f"code={(code if code in CODES else 'InvalidParameterValue')!r}"
        value = default(member, defaults_doc)
        if value is None and member["name"] == "Switch" and "output_required" in member:
            value = "'OFF'"  # an absent task is shown switched off, as Tencent's examples show
        if value is not None:
            yield f"default={value}"
        if member["member"] in OBJECTS and member["type"] != "list" and not member.get("value_allowed_null"):
            yield "inline=True"
        if member.get("disabled"):
            yield "echo=False"
        if member.get("output_required") is False:
            yield "always_shown=False"


def kind_module(writer: Writer, kind: str) -> str:
    writer.module, writer.lines, writer.imports = _module_name(kind), [], {}
    actions = API["actions"]
    create = OBJECTS[actions[f"Create{kind}"]["input"]]["members"]
    for verb, suffix in _VERBS:
        request = actions[f"{verb}{kind}{suffix}"]["input"]
        writer.emit(request, OBJECTS[request]["members"], request)
    item = _item_object(kind)
    by_name = {m["name"]: m["document"] for m in create}
    members = [dict(m, usage="out") for m in OBJECTS[item]["members"]]
    writer.lines += _item(writer, item, members, by_name)
    names = [snake(actions[f"{verb}{kind}{suffix}"]["input"]) for verb, suffix in _VERBS]
    writer.lines += [
        f"{alias} = {name}"
        for alias, name in zip(("CREATE", "MODIFY", "DELETE", "DESCRIBE"), names, strict=True)
    ]
    writer.lines += [f"SHOWN = {snake(item)}_SHOWN", ""]
    return _source(writer, kind)


def _item(writer: Writer, item: str, members: list[dict[str, Any]], docs: dict[str, str]) -> list[str]:
    """The Describe item struct; its defaults come from the Create request's documentation too."""
    fields = [writer.field(m, docs.get(m["name"], ""), shown=True) for m in members]
    head = [f"{snake(item)}_SHOWN = Struct(", f"    {item!r},", "    ("]
    return [
        *head,
        *(f"        {f}," for f in fields),
        "    ),",
        "    zero_fill=True,",
        "    zero_scalars=True,",
        ")",
        "",
    ]


def _item_object(kind: str) -> str:
    output = OBJECTS[API["actions"][f"Describe{kind}s"]["output"]]["members"]
    return str(next(m["member"] for m in output if m["type"] == "list"))


def _module_name(kind: str) -> str:
    return (
        re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind)
        .lower()
        .removesuffix("_template")
    )


def _source(writer: Writer, kind: str) -> str:
    imports = [
        "from ...checks import at_least, between, length, one_of",
        "from ...schema import Struct, array, int64, number, obj, string, uint64",
        "from ..common import SUB_APP_ID",
    ]
    imports += [f"from {m} import {', '.join(sorted(s))}" for m, s in sorted(writer.imports.items())]
    header = [
        f'"""{kind}: request and reply structs. Generated by tools/gen_emulator_shapes.py from',
        'tccli\'s api.json; do not edit (a test fails when this is stale)."""',
        "",
        "# ruff: noqa",
        "from __future__ import annotations",
        "",
        *imports,
        "",
    ]
    return "\n".join(header + writer.lines)


def generate() -> dict[str, str]:
    """Every generated file: name -> text."""
    writer = Writer()
    files = {f"{_module_name(kind)}.py": kind_module(writer, kind) for kind in KINDS}
    files["__init__.py"] = (
        '"""Structs generated from api.json by tools/gen_emulator_shapes.py; one module per kind."""\n'
    )
    return files


def main(argv: list[str]) -> int:
    files = generate()
    if "--check" in argv:
        stale = [
            n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text("utf-8") != text
        ]
        for name in stale:
            print(f"stale: vodops/emulator/shapes/generated/{name}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
