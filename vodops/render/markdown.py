"""A plan as a pull-request comment: a summary table, dangerous changes first, each change's
fields before -> after in a collapsible section, and the quota headroom."""

from __future__ import annotations

import html
import re
from collections import Counter

from vodops.plan.changes import Action, Change, Plan
from vodops.render.text import display_order, show
from vodops.resources import KINDS

_ICON = {
    Action.CREATE: "🆕",
    Action.UPDATE: "✏️",
    Action.REPLACE: "♻️",
    Action.DELETE: "🗑️",
    Action.ADOPT: "🤝",
}


def render_markdown(plan: Plan) -> str:
    app = f", subAppId {plan.sub_app_id}" if plan.sub_app_id else ""
    lines = [
        f"### vodops plan for `{plan.target}`{app} (stack `{plan.stack}`)",
        "",
        f"**{plan.summary()}**",
        "",
    ]
    if plan.brakes:
        lines += _brakes(plan)
    if not plan.empty:
        lines += [*_table(plan), ""]
    dangerous = [c for c in plan.changes if c.action.dangerous]
    if dangerous:
        lines += ["#### ⚠️ Dangerous changes", "", *(f"- {_title(c)}" for c in dangerous), ""]
    if not plan.empty:
        lines += ["#### Changes", ""]
        for change in display_order(plan):
            lines += _details(change)
    lines += [f"> {note}" for note in plan.notes]
    if plan.quotas and not plan.empty:
        lines += ["", *_quotas(plan)]
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _brakes(plan: Plan) -> list[str]:
    assert plan.brakes is not None
    reasons = "; ".join(plan.brakes.reasons)
    return [
        "> [!WARNING]",
        f"> **Unsafe: apply will refuse this plan.** {_cell(reasons)}.",
        "> Allow each deletion with `--allow-delete KIND/NAME`, or pass `--force`.",
        "",
    ]


def _table(plan: Plan) -> list[str]:
    counts = Counter((c.kind, c.action) for c in plan.changes)
    kinds = [kind for kind in KINDS if any(kind == k for k, _ in counts)]
    header = "| Kind | " + " | ".join(a.value for a in Action) + " |"
    rule = "|---|" + "---:|" * len(Action)
    rows = [
        f"| {kind} | " + " | ".join(str(counts[(kind, a)] or "") for a in Action) + " |" for kind in kinds
    ]
    return [header, rule, *rows]


def _title(change: Change) -> str:
    where = f" (id {change.live_id})" if change.live_id is not None and change.kind != "Procedure" else ""
    return f"{_ICON[change.action]} **{change.action.value}** `{change.address}`{where}"


def _details(change: Change) -> list[str]:
    if not change.fields:
        return [f"- {_title(change)}", ""]
    noun = "field" if len(change.fields) == 1 else "fields"
    # GitHub renders no Markdown inside <summary>: the title is written in HTML there.
    where = f" (id {change.live_id})" if change.live_id is not None and change.kind != "Procedure" else ""
    title = f"{_ICON[change.action]} <b>{change.action.value}</b> <code>{html.escape(change.address)}</code>"
    if change.action is Action.CREATE:
        rows = [f"| `{f.dotted}` | {_code(f.after)} |" for f in change.fields]
        table = ["| field | value |", "|---|---|", *rows]
    else:
        rows = [f"| `{f.dotted}` | {_code(f.before)} | {_code(f.after)} |" for f in change.fields]
        table = ["| field | before | after |", "|---|---|---|", *rows]
    head = f"<summary>{title}{where} — {len(change.fields)} {noun}</summary>"
    return ["<details>", head, "", *table, "", "</details>", ""]


def _quotas(plan: Plan) -> list[str]:
    rows = [f"| {q.kind} | {q.used_after} | {q.limit} | {q.headroom} |" for q in plan.quotas]
    return [
        "**Quota headroom after apply**",
        "",
        "| Kind | used | limit | left |",
        "|---|---:|---:|---:|",
        *rows,
    ]


def _code(value: object) -> str:
    if value is None:
        return "*(default)*"
    text = _cell(show(value))
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
