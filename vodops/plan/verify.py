"""A saved plan is a proposal, never an authority: it is re-derived, and applied only if it agrees.

`apply --plan` makes the plan again from the manifests it is given and the live account read now,
for the target named by vodops.yaml and the command line (never by the plan file), and compares
the two documents. The saved plan passes only if every change it lists (action, id, fields, what
it sends, the live object it read, by fingerprint), its brakes, stack, scope, notes and bindings
are exactly what the derivation gives, apart from changes that are already done: after a partial
apply, a saved change that is no longer needed because the account already holds what it asked
(a create or update whose object is there, ours, as the manifests declare it; a delete whose
object is gone) is done, not drift. Anything else is named and nothing is applied. What runs is
always the derived plan, so no field of a plan file can reach the API.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vodops.desired import DesiredResource
from vodops.diff import field_changes
from vodops.errors import PlanMismatchError, Problem, StalePlanError, VodopsError
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Plan
from vodops.plan.document import desired_document
from vodops.plan.safety import brakes
from vodops.resources import KINDS
from vodops.settings import Safety

Key = tuple[str, str, str, Any]
_SHOWN = 3  # differences spelled out per object


@dataclass
class _Context:
    plan: Plan
    desired: dict[tuple[str, str], dict[str, Any] | None]
    live: LiveState
    derived: dict[Key, dict[str, Any]]
    stale: list[Problem]
    mismatched: list[Problem]
    explained: set[tuple[str, str]] = field(default_factory=set)  # addresses already reported

    def live_object(self, kind: str, live_id: Any) -> LiveResource | None:
        return next((r for r in self.live.of_kind(kind) if r.id == live_id and not r.preset), None)

    def namesakes(self, kind: str, name: str) -> list[LiveResource]:
        return [r for r in self.live.of_kind(kind) if r.name == name and not r.preset]

    def ours(self, found: LiveResource) -> bool:
        return KINDS[found.kind].tree or (found.owner is not None and found.owner.stack == self.plan.stack)


def verify(
    saved: dict[str, Any],
    derived: dict[str, Any],
    plan: Plan,
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    safety: Safety,
) -> tuple[str, ...]:
    """The saved changes already done ("create KIND/NAME"), if `saved` agrees with `derived`, the
    document of `plan` made now from `desired` and `live`. Raises StalePlanError when the account
    moved under the plan, PlanMismatchError when the plan says what the derivation does not."""
    context = _Context(
        plan,
        {(d.kind, d.name): desired_document(d) for d in desired},
        live,
        {_key(c): c for c in derived["changes"]},
        [],
        [],
    )
    _compare_header(saved, derived, context)
    done = _compare_changes(saved["changes"], context)
    _compare_bindings(saved["bindings"], derived["bindings"], done, context)
    _compare_brakes(saved, done, safety, context)
    if done == [] and saved["quotas"] != derived["quotas"]:
        context.mismatched.append(Problem(f"quotas: {_differences(saved['quotas'], derived['quotas'])}"))
    if context.mismatched:
        raise PlanMismatchError(context.stale + context.mismatched)
    if context.stale:
        raise StalePlanError(context.stale)
    return tuple(f"{c['action']} {c['kind']}/{c['name']}" for c in done)


def check_target(saved: dict[str, Any], here: dict[str, Any]) -> None:
    """Refuse, before anything is sent anywhere, a plan made for another target than this run's
    (which comes from vodops.yaml and the command line only)."""
    if saved["target"] != here:
        raise VodopsError(
            f"this plan was made for target {_describe(saved['target'])}; this run's target is "
            f"{_describe(here)}. A plan applies only to the target it was made for (choose it with "
            "--target or the target options it was made with); nothing was sent."
        )


def _describe(target: dict[str, Any]) -> str:
    where = _printable(target.get("endpoint") or "the embedded emulator")
    app = f", subAppId {target['subAppId']}" if target.get("subAppId") else ""
    region = f", region {target['region']}" if target.get("region") else ""
    return f"{target['name']!r} ({where}{app}{region})"


def _key(change: dict[str, Any]) -> Key:
    """Changes pair up by action and address (and id, for the deletes of namesakes)."""
    live_id = change["id"] if change["action"] == Action.DELETE.value else None
    return (change["action"], change["kind"], change["name"], live_id)


def _label(change: dict[str, Any]) -> str:
    return f"{change['action']} {change['kind']}/{_printable(change['name'])}"


def _printable(text: str) -> str:
    """`text` with control and other invisible characters escaped: a plan file cannot write to
    the terminal, only be quoted."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _compare_header(saved: dict[str, Any], derived: dict[str, Any], context: _Context) -> None:
    for name in ("stack", "notes"):  # the scope is the derivation's own (`--only` as saved)
        if saved[name] != derived[name]:
            context.mismatched.append(Problem(f"{name}: {_differences(saved[name], derived[name])}"))
    counted = Counter(c["action"] for c in saved["changes"])
    if any(saved["summary"][action.value] != counted[action.value] for action in Action):
        context.mismatched.append(Problem("summary: the counts do not match the changes the plan lists"))


def _compare_changes(changes: list[dict[str, Any]], context: _Context) -> list[dict[str, Any]]:
    """The saved changes that are done; every disagreement is recorded in the context."""
    seen: set[Key] = set()
    done: list[dict[str, Any]] = []
    for change in changes:
        key = _key(change)
        if key in seen:
            context.mismatched.append(Problem(f"{_label(change)}: the plan lists it twice"))
            continue
        seen.add(key)
        derived = context.derived.get(key)
        if derived is not None:
            _compare_pending(change, derived, context)
        elif _done(change, context):
            done.append(change)
    for key, derived in context.derived.items():
        if key not in seen and (derived["kind"], derived["name"]) not in context.explained:
            context.mismatched.append(
                Problem(
                    f"{_label(derived)}: the manifests and the live account need it, and the plan "
                    "does not contain it"
                )
            )
    return done


def _compare_pending(change: dict[str, Any], derived: dict[str, Any], context: _Context) -> None:
    if change == derived:
        return
    saved_live, live_now = change["live"], derived["live"]
    same_object = change["id"] == derived["id"]
    if same_object and saved_live and live_now and saved_live["fingerprint"] != live_now["fingerprint"]:
        label = f"{change['kind']} {change['name']!r} (id {derived['id']})"
        context.stale.append(Problem(f"{label} changed since the plan: {_moved(saved_live, live_now)}"))
        return
    context.mismatched.append(Problem(f"{_label(change)}: {_differences(change, derived)}"))


def _done(change: dict[str, Any], context: _Context) -> bool:
    """Whether a saved change the derivation no longer needs is done; if not, record why."""
    reason = _not_done(change, context)
    if reason is None:
        return True
    stale, message = reason
    context.explained.add((change["kind"], change["name"]))
    if stale:
        context.stale.append(Problem(message))
    else:
        context.mismatched.append(Problem(f"{_label(change)}: {message}"))
    return False


def _not_done(change: dict[str, Any], context: _Context) -> tuple[bool, str] | None:
    """Why a saved change is not done, (True, ..) when the account moved; None when it is done."""
    kind, name, live_id, action = change["kind"], change["name"], change["id"], change["action"]
    if action == Action.DELETE.value:
        gone = context.live_object(kind, live_id) is None
        return None if gone else (False, f"the manifests and the live account do not delete id {live_id}")
    if action in (Action.UPDATE.value, Action.ADOPT.value) and not context.live_object(kind, live_id):
        return True, f"{kind} {name!r} (id {live_id}) was deleted since the plan"
    found = context.namesakes(kind, name)
    theirs = [r for r in found if not context.ours(r)]
    if action == Action.CREATE.value and theirs:
        return True, f"{kind} {name!r} was created since the plan (id {theirs[0].id})"
    instead = [c for c in context.derived.values() if (c["kind"], c["name"]) == (kind, name)]
    if len(instead) == 1 and instead[0]["action"] == Action.UPDATE.value and action == Action.CREATE.value:
        moved = "; ".join(
            f"{_dotted(f['path'])}: {f['after']!r} -> {f['before']!r}" for f in instead[0]["fields"]
        )
        return True, f"{kind} {name!r} (id {instead[0]['id']}), created by this plan, changed since: {moved}"
    if instead:
        actions = " and ".join(c["action"] for c in instead)
        return False, f"the manifests and the live account give {actions} instead"
    if (kind, name) not in context.desired:
        return False, "the manifests do not declare it"
    wanted = context.desired[(kind, name)]
    if wanted != change["desired"]:
        return False, f"the manifests declare it otherwise: {_differences(change['desired'], wanted)}"
    ours = [r for r in found if context.ours(r)]
    kept = action not in (Action.UPDATE.value, Action.ADOPT.value) or any(r.id == live_id for r in ours)
    if not ours or not kept:
        return False, "it is neither still to do nor done in the live account"
    return None


def _compare_bindings(
    saved: list[dict[str, Any]], derived: list[dict[str, Any]], done: list[dict[str, Any]], context: _Context
) -> None:
    now = {(b["kind"], b["name"]): b for b in derived}
    changed = {(c["kind"], c["name"]) for c in done}
    for binding in saved:
        address = (binding["kind"], binding["name"])
        current = now.get(address)
        if current == binding or address in changed:
            continue
        label = f"{binding['kind']} {binding['name']!r} (id {binding['id']})"
        if current is None or current["id"] != binding["id"]:
            still = context.live_object(binding["kind"], binding["id"])
            what = "is no longer what the name refers to" if still else "was deleted since the plan"
            context.stale.append(Problem(f"{label} {what}"))
        else:
            context.stale.append(Problem(f"{label} changed since the plan: {_moved(binding, current)}"))


def _compare_brakes(
    saved: dict[str, Any], done: list[dict[str, Any]], safety: Safety, context: _Context
) -> None:
    """The brakes the whole saved plan trips: the derived plan's deletes and the done ones,
    counted against the objects the stack owned when the plan was made (what it created or
    adopted since was not yet its own; what it deleted still was)."""
    owned = Counter(dict(context.plan.owned))
    for change in done:
        owned[change["kind"]] += 1 if change["action"] == Action.DELETE.value else 0
        owned[change["kind"]] -= 1 if change["action"] in (Action.CREATE.value, Action.ADOPT.value) else 0
    deletes = [c for c in context.plan.changes if c.action is Action.DELETE] + [
        Change(Action.DELETE, c["kind"], c["name"]) for c in done if c["action"] == Action.DELETE.value
    ]
    expected = brakes(deletes, dict(owned), safety, no_manifests=not context.desired)
    tripped = (
        None if expected is None else {"reasons": list(expected.reasons), "deletes": sorted(expected.deletes)}
    )
    recorded = saved["brakes"] and {**saved["brakes"], "deletes": sorted(saved["brakes"]["deletes"])}
    if recorded != tripped or saved["safe"] != (expected is None):
        verdict = "; ".join(expected.reasons) if expected else "no brake is tripped"
        context.mismatched.append(
            Problem(
                f"brakes: the plan says {_verdict(saved)}; the manifests and the live account give: {verdict}"
            )
        )


def _verdict(saved: dict[str, Any]) -> str:
    if saved["brakes"] is None:
        return "safe (no brake tripped)" if saved["safe"] else "unsafe without a reason"
    return "; ".join(_printable(reason) for reason in saved["brakes"]["reasons"]) or "unsafe without a reason"


def _moved(saved: dict[str, Any], now: dict[str, Any]) -> str:
    moved = field_changes(saved["spec"], now["spec"])
    return (
        "; ".join(f"{_printable(f.dotted)}: {f.before!r} -> {f.after!r}" for f in moved[:_SHOWN])
        or "its server-side state"
    )


def _differences(saved: Any, derived: Any) -> str:
    """Where the plan and the derivation disagree, the first few leaves spelled out."""
    found = field_changes({"": saved}, {"": derived})
    shown = [
        f"{_printable(f.dotted.lstrip('.')) or 'the value'} is {_shown(f.before)} in the plan, "
        f"{_shown(f.after)} from the manifests and the live account"
        for f in found[:_SHOWN]
    ]
    more = f" (and {len(found) - _SHOWN} more)" if len(found) > _SHOWN else ""
    return "; ".join(shown) + more if shown else "they differ"


def _dotted(path: list[Any]) -> str:
    return _printable(
        "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")
    )


def _shown(value: Any) -> str:
    text = "(absent)" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
