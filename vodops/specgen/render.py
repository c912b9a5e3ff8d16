"""Python source for one kind's spec models, from api.json objects and the facts their documents state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic.alias_generators import to_camel, to_snake

from vodops.specgen import docs, manifest_key, tables
from vodops.specgen.overrides import CASES, CHOICES, REUSE

_HEADER = '''"""Create{kind}'s fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations'''
_TABLES_HEADER = '''"""Create{kind}: its quota and tables, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Apart from the models, so that the kind's declaration (vodops/kinds/) reads them without
building the models.
"""

from __future__ import annotations
'''


_WIDTH = 110  # ruff's line length


@dataclass
class _Module:
    """What one generated module holds: classes in definition order, and the names they import."""

    api: dict[str, Any]
    classes: list[str] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    imports: dict[str, set[str]] = field(default_factory=dict)

    def use(self, module: str, name: str) -> str:
        self.imports.setdefault(module, set()).add(name)
        return name


def render_kind(api: dict[str, Any], kind: str) -> str:
    """The generated module for `kind` (its spec class is `<kind>Fields`), as source text."""
    actions = api["actions"]
    out = _Module(api)
    root = actions[f"Create{kind}"]["input"]
    _render_object(out, root, f"{kind}Fields", top=True)
    body = "\n\n\n".join(out.classes)
    lines = [_HEADER.format(kind=kind), *_import_lines(out.imports), "", "", body, ""]
    return "\n".join(lines)


def render_tables(api: dict[str, Any], kind: str) -> str:
    """The generated module of `kind`'s tables (QUOTA, SHOWN_ONLY, IMMUTABLE, DEFAULTS, SWITCHED,
    CHOICES_BY), as source text."""
    root = api["actions"][f"Create{kind}"]["input"]
    found = dict(tables.defaults(api, root))
    listed = "".join(f'    "{path}": {json.dumps(value)},\n' for path, value in found.items())
    switches = "".join(f'    "{path}",\n' for path in tables.switched(api, root))
    return _TABLES_HEADER.format(kind=kind) + (
        f"\n# Custom templates per application (Create{kind}'s document).\n"
        f"QUOTA: int | None = {tables.quota(api, kind)}\n"
        "# What Describe shows that is not configuration: the name, ids, times, whether a preset.\n"
        f"SHOWN_ONLY: frozenset[str] = frozenset({{{_strings(tables.shown_only(api, kind))}}})\n"
        "# Fields Create takes and Modify cannot change: a change replaces the template.\n"
        f"IMMUTABLE: tuple[str, ...] = ({_strings(tables.immutable(api, kind))})\n"
        "# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).\n"
        f"DEFAULTS: dict[str, object] = {{{_lines(listed)}}}\n"
        "# Objects with a switch: one switched OFF is the same as none.\n"
        f"SWITCHED: tuple[str, ...] = ({_lines(switches)})\n" + _cases(api, root)
    )


def _lines(text: str) -> str:
    """Entries one a line after an opening bracket, or nothing between the brackets."""
    return "\n" + text if text else ""


def _cases(api: dict[str, Any], root: str) -> str:
    entries = []
    for path, sibling, table in tables.cases(api, root):
        rows = "".join(f'            "{value}": "{" ".join(listed)}",\n' for value, listed in table.items())
        entries.append(f'    "{path}": (\n        "{sibling}",\n        {{\n{rows}        }},\n    ),\n')
    return (
        "# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).\n"
        f"CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {{{_lines(''.join(entries))}}}\n"
    )


def _strings(values: list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values) + ("," if len(values) == 1 else "")


def _import_lines(imports: dict[str, set[str]]) -> list[str]:
    """isort's groups: the standard library (typing), third parties (pydantic), then vodops."""
    lines = []
    for group in ("typing", "pydantic", "vodops"):
        modules = sorted(m for m in imports if m.split(".")[0] == group)
        if modules:
            lines.append("")
        lines += [f"from {m} import {', '.join(sorted(imports[m]))}" for m in modules]
    return lines


def _render_object(out: _Module, name: str, class_name: str, *, top: bool = False) -> str:
    if name in REUSE:
        module, reused = REUSE[name]
        return out.use(module, reused)
    if name in out.done:
        return class_name
    out.done.add(name)
    members = tables.members(out.api, name, top=top)
    fields = [_field(out, name, member) for member in members]
    out.use("vodops.resources.base", "Spec")
    described = f"Create{class_name.removesuffix('Fields')}" if top else name
    heading = f'class {class_name}(Spec):\n    """{described} (api.json)."""\n\n'
    out.classes.append(heading + "\n".join(fields))
    return class_name


def _field(out: _Module, owner: str, member: dict[str, Any]) -> str:
    api_name: str = member["name"]
    snake = to_snake(api_name)
    kind = _type(out, owner, member)
    alias = manifest_key(api_name)
    if member["required"]:
        if to_camel(snake) == alias:
            return f"    {snake}: {kind}"
        return f'    {snake}: {kind} = {out.use("pydantic", "Field")}(alias="{alias}")'
    default = "None" if to_camel(snake) == alias else f'Field(default=None, alias="{alias}")'
    if default != "None":
        out.use("pydantic", "Field")
    line = f"    {snake}: {kind} | None = {default}"
    if len(line) <= _WIDTH:
        return line
    return f"    {snake}: (\n        {kind}\n        | None\n    ) = {default}"


def _type(out: _Module, owner: str, member: dict[str, Any]) -> str:
    facts = docs.read(member["document"])
    if (owner, member["name"]) in CHOICES:
        facts = docs.Facts(choices=CHOICES[(owner, member["name"])])
    if (owner, member["name"]) in CASES:
        _, table = docs.choices_by(member["document"]) or ("", {})
        facts = docs.Facts(choices=tuple(dict.fromkeys(c for listed in table.values() for c in listed)))
    if member["type"] == "object":
        return _render_object(out, member["member"], member["member"])
    if member["type"] == "list":
        item = dict(member, type=_scalar(member["member"]))
        if member["member"] in out.api["objects"]:
            inner = _render_object(out, member["member"], member["member"])
        else:
            each = docs.Facts(choices=facts.choices, max_length=facts.item_max_length)
            inner = _scalar_type(out, item, each)
        return _sized(out, f"list[{inner}]", facts.max_items)
    return _scalar_type(out, member, facts)


def _scalar(api_type: str) -> str:
    return {"uint64": "int", "int64": "int", "float": "float"}.get(api_type, api_type)


def _scalar_type(out: _Module, member: dict[str, Any], facts: docs.Facts) -> str:
    if member["type"] == "string":
        return _string(out, member, facts)
    if member["type"] == "int" and facts.choices and all(c.isdigit() for c in facts.choices):
        return _numbers(out, tuple(int(c) for c in facts.choices))
    if facts.low is not None:
        out.use("typing", "Annotated")
        out.use("vodops.resources.fields", "Range")
        return f"Annotated[{member['type']}, {_range(facts)}]"
    if member.get("member") == "uint64":
        out.use("typing", "Annotated")
        out.use("vodops.resources.fields", "Range")
        return "Annotated[int, Range(0)]"
    return str(member["type"])


def _string(out: _Module, member: dict[str, Any], facts: docs.Facts) -> str:
    if member["name"] == "Comment":
        return "str"  # its limit is shared with the ownership marker (vodops.ownership)
    if facts.choices == ("ON", "OFF"):
        return out.use("vodops.resources.fields", "Switch")
    if facts.choices:
        out.use("typing", "Literal")
        if len(facts.choices) <= 4:
            return f"Literal[{_strings(list(facts.choices))}]"
        return "Literal[\n" + "".join(f'        "{c}",\n' for c in facts.choices) + "    ]"
    return _sized(out, "str", facts.max_length)


def _sized(out: _Module, kind: str, limit: int | None) -> str:
    if limit is None:
        return kind
    out.use("typing", "Annotated")
    out.use("pydantic", "Field")
    return f"Annotated[{kind}, Field(max_length={limit})]"


def _numbers(out: _Module, values: tuple[int, ...]) -> str:
    if values == (0, 1) or values == (1, 0):
        return out.use("vodops.resources.fields", "Flag")
    out.use("typing", "Annotated")
    out.use("typing", "Literal")
    out.use("vodops.resources.fields", "Numbers")
    listed = ", ".join(str(v) for v in values)
    return f"Annotated[Literal[{listed}], Numbers(({listed},))]"


def _range(facts: docs.Facts) -> str:
    parts = [_num(facts.low), _num(facts.high) if facts.high is not None else "None"]
    if facts.unit:
        parts.append(f'"{facts.unit}"')
    if facts.zero:
        parts.append("zero=True")
    return f"Range({', '.join(parts)})"


def _num(value: float | None) -> str:
    assert value is not None
    return str(int(value)) if float(value).is_integer() else str(value)
