"""A drift report (vodops/drift/report.py) as text, as a versioned JSON document, or as Markdown
for an issue or a pull-request comment: the summary first, then each object with what changed
(what vodops applies -> what is live) and when the API says it changed."""

from __future__ import annotations

import itertools
import re
from typing import Any

import click

from vodops.drift.report import Cause, Drifted, DriftReport
from vodops.refs import plain
from vodops.render.markdown import COMMENT_LIMIT, Budget, literal
from vodops.render.text import field_line, field_sides
from vodops.visible import printable

FORMAT_VERSION = 1
MARKER = "<!-- vodops-drift target={target} -->"  # the hidden line a workflow finds its issue by
_WHAT = {
    Cause.CHANGED: "changed outside vodops",
    Cause.UNRECORDED: "differs from the manifests (written by a vodops that kept no record: cause unknown)",
    Cause.SETTING: (
        "differs from the manifests: an application setting keeps no record of what vodops applied,"
        " so a console change cannot be told from a manifest change"
    ),
    Cause.MISSING: "missing: declared, not in the account (deleted outside vodops, or never applied)",
    Cause.UNMARKED: "made outside vodops under a declared name (apply --adopt takes it over)",
    Cause.UNDECLARED: "made outside vodops where vodops manages; no manifest declares it",
}
_PENDING = "Not drift: {n} change(s) come from the manifests since the last apply (vodops plan shows them): "


def render_text(report: DriftReport) -> str:
    """For a terminal: the target, the summary, then each drifted object and its fields."""
    app = f", subAppId {report.sub_app_id}" if report.sub_app_id else ""
    lines = [f"Target: {printable(report.target)}{app}, stack {report.stack!r}"]
    lines.append(click.style(report.summary(), bold=True))
    for item in report.drifted:
        lines += ["", click.style(_headline(item), fg="yellow", bold=True)]
        lines += [f"    {_note(item)}", *(f"    {field_line(field)}" for field in item.fields)]
    if report.pending:
        lines += ["", printable(_PENDING.format(n=len(report.pending)) + ", ".join(report.pending))]
    return "\n".join(lines)


def _headline(item: Drifted) -> str:
    where = f" (id {item.live_id})" if item.live_id is not None and item.live_id != item.name else ""
    return f"{item.cause.value} {item.kind} {printable(repr(item.name))}{where}"


def _note(item: Drifted) -> str:
    when = f"; the API says it last changed at {item.changed_at}" if item.changed_at else ""
    also = "; the manifests changed since the last apply, too" if item.manifests_changed else ""
    return printable(_WHAT[item.cause] + when + also)


def drift_document(report: DriftReport, checked_at: str) -> dict[str, Any]:
    """The versioned JSON document: formatVersion, target, subAppId, stack, checkedAt (UTC),
    summary, drifted (cause, kind, name, id, changedAt, manifestsChanged, fields with `path`,
    `manifests` and `live`), perKind counts and pending (KIND/NAME)."""
    return {
        "formatVersion": FORMAT_VERSION,
        "target": report.target,
        "subAppId": report.sub_app_id,
        "stack": report.stack,
        "checkedAt": checked_at,
        "summary": report.summary(),
        "drifted": [_item(item) for item in report.drifted],
        "perKind": dict(sorted(report.per_kind().items())),
        "pending": list(report.pending),
    }


def _item(item: Drifted) -> dict[str, Any]:
    return {
        "cause": item.cause.value,
        "kind": item.kind,
        "name": item.name,
        "id": item.live_id,
        "changedAt": item.changed_at,
        "manifestsChanged": item.manifests_changed,
        "fields": [
            {"path": f.dotted, "manifests": plain(f.before), "live": plain(f.after)} for f in item.fields
        ],
    }


def render_markdown(report: DriftReport, limit: int = COMMENT_LIMIT) -> str:
    """For an issue body or a comment of at most `limit` characters (counted as UTF-8 bytes): a
    marker line, the summary, one entry per object while they fit, then how many are left out."""
    marker = MARKER.format(target=re.sub(r"[^\w.:]+", "-", report.target))  # never `-->` inside it
    head = [marker, f"### vodops drift for {literal(report.target)} (stack `{report.stack}`)"]
    head += ["", f"**{report.summary()}**", ""]
    tail = [""]
    if report.pending:
        listed = ", ".join(literal(address) for address in report.pending)
        listed = listed if len(listed.encode("utf-8")) <= _PENDING_ROOM else "`vodops plan` lists them"
        tail = ["", "> " + _PENDING.format(n=len(report.pending)) + listed]
    budget = Budget(limit - len("\n".join(head + tail).encode("utf-8")) - _LEFT_OUT_ROOM)
    entries = list(itertools.takewhile(budget.take, (_entry(item) for item in report.drifted)))
    left_out = len(report.drifted) - len(entries)
    if left_out:
        tail[0:0] = [
            "",
            f"> **{left_out} more drifted object(s) not shown here**: `vodops drift` lists them all.",
        ]
    return "\n".join([*head, *itertools.chain(*entries), *tail]).rstrip() + "\n"


_LEFT_OUT_ROOM = 200
_PENDING_ROOM = 4000  # bytes of the pending list, at most


def _entry(item: Drifted) -> list[str]:
    where = f" (id {item.live_id})" if item.live_id is not None and item.live_id != item.name else ""
    when = f"; last changed {literal(item.changed_at)} (the API's UpdateTime)" if item.changed_at else ""
    also = "; the manifests changed since the last apply, too" if item.manifests_changed else ""
    lines = [f"- **{item.cause.value}** {literal(item.address)}{where}: {_WHAT[item.cause]}{when}{also}"]
    sides = [(f.dotted, *field_sides(f)) for f in item.fields]
    return lines + [f"  - {literal(path)}: {literal(old)} → {literal(new)}" for path, old, new in sides]
