"""A plan for a terminal: the summary first, dangerous changes first, each field before -> after."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from vodops.diff import FieldChange
from vodops.plan.changes import Action, Change, Plan
from vodops.refs import RefName
from vodops.resources import KINDS
from vodops.visible import printable

_STYLE = {
    Action.CREATE: ("+", "green"),
    Action.UPDATE: ("~", "yellow"),
    Action.REPLACE: ("-/+", "cyan"),
    Action.ADOPT: ("!", "magenta"),
    Action.DELETE: ("-", "red"),
}


def render_plan(plan: Plan) -> str:
    """The plan as the terminal shows it (click styles): target and summary, the brakes' warning,
    each change with its fields (dangerous first), what objects are doing, notes and quotas in
    use."""
    app = f", subAppId {plan.sub_app_id}" if plan.sub_app_id else ""  # which one --sub-app chose
    lines = [
        f"Target: {printable(plan.target)}{app}, stack {plan.stack!r}",
        click.style(plan.summary(), bold=True),
    ]
    if plan.brakes:
        reasons = printable("; ".join(plan.brakes.reasons))
        allow = "Apply refuses unless each deletion is allowed with --allow-delete KIND/NAME, or --force."
        warning = f"UNSAFE: {reasons}. {allow}"
        lines.append(click.style(warning, fg="red", bold=True))
    states = {(kind, name): state for kind, name, state in plan.states}
    for change in display_order(plan):
        lines.append("")
        lines.extend(_change(change, states.pop((change.kind, change.name), None)))
    if states:
        lines.append("")
        lines.extend(f"  {kind} {printable(repr(name))}: {state}" for (kind, name), state in states.items())
    lines.extend(f"Note: {printable(note)}" for note in plan.notes)
    if plan.quotas_in_use and not plan.empty:
        lines.append("")
        lines.append("Quotas after apply: " + ", ".join(
            f"{q.kind} {q.used_after}/{q.limit}" for q in plan.quotas_in_use
        ))  # fmt: skip
    return "\n".join(lines)


def display_order(plan: Plan) -> list[Change]:
    """Deletes and adoptions lead, so a reviewer sees what is dangerous before the rest."""
    return sorted(plan.changes, key=lambda change: not change.action.dangerous)


def headline(change: Change) -> str:
    """A change's first line: sign, action, KIND 'name', its id and a replace's warning, in the
    action's colour (bold when dangerous)."""
    sign, colour = _STYLE[change.action]
    where = change.id_note
    title = f"{sign} {change.action.value} {change.kind} {change.name!r}{where}{replace_warning(change)}"
    return click.style(title, fg=colour, bold=change.action.dangerous)


def replace_warning(change: Change) -> str:
    """What else a replace of this kind does, as its declaration says: " (interrupts ...)"."""
    warning = KINDS[change.kind].replace_warning if change.action is Action.REPLACE else None
    return f" ({warning})" if warning else ""


def _change(change: Change, state: str | None = None) -> Iterator[str]:
    """A change's headline (with what the live object is doing now, when its kind says), then
    each field."""
    yield headline(change) + (f"  [now {state}]" if state else "")
    for field in change.fields:
        yield "    " + _field(change.action, field)


def _field(action: Action, field: FieldChange) -> str:
    if action is Action.CREATE:
        return f"{field.dotted}: {show(field.after)}"
    return field_line(field)


def field_line(field: FieldChange) -> str:
    """`path: before -> after` (see `field_sides`)."""
    before, after = field_sides(field)
    return f"{field.dotted}: {before} -> {after}"


def field_sides(field: FieldChange) -> tuple[str, str]:
    """A field's before and after, shown; a list item that is new or gone reads (added) or
    (removed) rather than (default): it had, or will have, no value at all."""
    before = "(added)" if field.added and field.before is None else show(field.before)
    after = "(removed)" if field.removed and field.after is None else show(field.after)
    return before, after


def show(value: Any) -> str:
    """A compact, YAML-like rendering; references say which id they stand for. Strings that do
    not print as themselves (escape sequences, bidi overrides) are shown quoted and escaped."""
    if value is None:
        return "(default)"
    if isinstance(value, RefName):
        known = f"id {value.live_id}" if value.live_id is not None else "known after apply"
        return f"{printable(value)} ({known})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        plain = value and value.strip() == value and "," not in value and value.isprintable()
        return value if plain else repr(value)  # repr escapes what would not print as itself
    return str(value)
