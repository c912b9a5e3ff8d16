"""A plan as a pull-request comment: a summary table, dangerous changes first, each change's
fields before -> after in a collapsible section, and the quota headroom."""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter

from vodops.plan.changes import Action, Change, Plan
from vodops.render.text import display_order, replace_warning, show
from vodops.resources import KINDS
from vodops.visible import printable

_ICON = {
    Action.CREATE: "🆕",
    Action.UPDATE: "✏️",
    Action.REPLACE: "♻️",
    Action.DELETE: "🗑️",
    Action.ADOPT: "🤝",
}


COMMENT_LIMIT = 65_536  # GitHub's limit on a comment body, in characters (GitLab's is larger)
MARKER = "<!-- vodops-plan target={target} -->"  # the hidden line a CI step finds its comment by


def render_markdown(plan: Plan, *, limit: int = COMMENT_LIMIT, saved_as: str | None = None) -> str:
    """The plan as one pull-request comment of at most `limit` characters (counted as UTF-8 bytes,
    the strictest count a code host may use): the marker line, the summary and its table, the dangerous
    changes (in full while they fit, else one line each), then as many other changes' details as
    fit, with a pointer to the full plan (`saved_as`, the file `--out` wrote) for the rest. Each
    change is listed once."""
    head = _head(plan)
    tail = [*_states(plan), *(f"> {printable(note)}" for note in plan.notes)]
    if plan.quotas_in_use and not plan.empty:
        tail += ["", *_quotas(plan)]
    budget = Budget(limit - _size(head) - _size(tail) - _POINTER_ROOM)
    dangerous = [c for c in display_order(plan) if c.action.dangerous]
    others = [c for c in display_order(plan) if not c.action.dangerous]
    briefs = [[f"- {_title(c)}", ""] for c in dangerous]
    shown = list(itertools.takewhile(budget.take, briefs))
    shown = [budget.upgrade(b, _details(c)) for b, c in zip(shown, dangerous[: len(shown)], strict=True)]
    rest = list(itertools.takewhile(budget.take, (_details(c) for c in others)))
    body: list[str] = []
    if dangerous:
        body += ["#### ⚠️ Dangerous changes", "", *itertools.chain(*shown)]
    if rest:
        body += ["#### Other changes" if dangerous else "#### Changes", "", *itertools.chain(*rest)]
    left_out = len(plan.changes) - len(shown) - len(rest)
    if left_out:
        body += [_pointer(left_out, limit, saved_as), ""]
    return _joined([*head, *body, *tail])


_POINTER_ROOM = 400  # the pointer to the full plan, and the section titles


class Budget:
    """Characters left in a comment; blocks of lines are taken while they fit."""

    def __init__(self, left: int) -> None:
        self.left = left

    def take(self, lines: list[str]) -> bool:
        """Whether `lines` fit; if they do, their size is spent."""
        cost = _size(lines)
        if cost > self.left:
            return False
        self.left -= cost
        return True

    def upgrade(self, brief: list[str], full: list[str]) -> list[str]:
        """`full` in place of the `brief` already taken, if the difference fits."""
        extra = _size(full) - _size(brief)
        if extra > self.left:
            return brief
        self.left -= extra
        return full


def _head(plan: Plan) -> list[str]:
    app = f", subAppId {plan.sub_app_id}" if plan.sub_app_id else ""
    lines = [
        MARKER.format(target=re.sub(r"[^\w.:]+", "-", plan.target)),  # never `-->` inside it
        f"### vodops plan for {literal(plan.target)}{app} (stack `{plan.stack}`)",
        "",
        f"**{plan.summary()}**",
        "",
    ]
    if plan.brakes:
        lines += _brakes(plan)
    if not plan.empty:
        lines += [*_table(plan), ""]
    return lines


def _pointer(left_out: int, limit: int, saved_as: str | None) -> str:
    where = f"the saved plan `{saved_as}`" if saved_as else "`vodops plan --out plan.json`"
    noun = "change is" if left_out == 1 else "changes are"
    return (
        f"> **{left_out} more {noun} not shown here**: a comment holds at most {limit:,} characters. "
        f"The full plan is in {where}, and `vodops plan` prints it."
    )


def _size(lines: list[str]) -> int:
    return len("\n".join(lines).encode("utf-8")) + 1


def _joined(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _brakes(plan: Plan) -> list[str]:
    assert plan.brakes is not None
    reasons = printable("; ".join(plan.brakes.reasons))
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
    where = change.id_note
    warning = replace_warning(change)
    return f"{_ICON[change.action]} **{change.action.value}** {literal(change.address)}{where}{warning}"


def _details(change: Change) -> list[str]:
    if not change.fields:
        return [f"- {_title(change)}", ""]
    noun = "field" if len(change.fields) == 1 else "fields"
    # GitHub renders no Markdown inside <summary>: the title is written in HTML there.
    where = change.id_note
    address = html.escape(printable(change.address))
    title = f"{_ICON[change.action]} <b>{change.action.value}</b> <code>{address}</code>"
    if change.action is Action.CREATE:
        rows = [f"| `{f.dotted}` | {_code(f.after)} |" for f in change.fields]
        table = ["| field | value |", "|---|---|", *rows]
    else:
        rows = [
            f"| `{f.dotted}` | {'*(added)*' if f.added and f.before is None else _code(f.before)} "
            f"| {'*(removed)*' if f.removed and f.after is None else _code(f.after)} |"
            for f in change.fields
        ]
        table = ["| field | before | after |", "|---|---|---|", *rows]
    head = f"<summary>{title}{where}{replace_warning(change)} — {len(change.fields)} {noun}</summary>"
    return ["<details>", head, "", *table, "", "</details>", ""]


def _states(plan: Plan) -> list[str]:
    """What the live objects that say so are doing now (relays: running, ended, ...)."""
    if not plan.states:
        return []
    rows = [f"| {kind} | {literal(name)} | {state} |" for kind, name, state in plan.states]
    return ["#### Live status", "", "| Kind | Name | Now |", "|---|---|---|", *rows, ""]


def _quotas(plan: Plan) -> list[str]:
    rows = [f"| {q.kind} | {q.used_after} | {q.limit} | {q.headroom} |" for q in plan.quotas_in_use]
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
    return literal(show(value))


def literal(text: str) -> str:
    """`text` as inline code that nothing in it can break out of, escaped if it would not print."""
    text = _cell(printable(text))
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
