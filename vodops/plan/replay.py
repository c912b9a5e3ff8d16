"""Applying a saved plan: exactly that plan, and only while the account is as the plan saw it.

Every live object the plan touches (what it changes, and what its names resolve to) is read
again; one that moved since (edited in the console, applied by someone else), disappeared, or a
name that is now taken by a new object, makes the whole plan stale: nothing is applied, and each
object is named with what moved.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from vodops.desired import DesiredResource
from vodops.diff import FieldChange, comparable, field_changes
from vodops.errors import Problem, StalePlanError, VodopsError
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Brakes, Change, Plan, Quota
from vodops.plan.document import FORMAT_VERSION, fingerprint
from vodops.refs import References, plain
from vodops.targets import Target


def read_plan_file(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise VodopsError(f"cannot read the plan {path}: {error.strerror}") from None
    except ValueError:
        raise VodopsError(f"{path} is not a vodops plan: it is not JSON") from None
    if not isinstance(document, dict) or "formatVersion" not in document:
        raise VodopsError(f"{path} is not a vodops plan: it has no formatVersion")
    if document["formatVersion"] != FORMAT_VERSION:
        raise VodopsError(
            f"{path} has plan formatVersion {document['formatVersion']!r}; this vodops reads {FORMAT_VERSION}"
        )
    return document


def check_target(document: dict[str, Any], target: Target) -> None:
    saved = document["target"]
    here = {
        "name": target.name,
        "endpoint": target.endpoint.url if target.endpoint else None,
        "subAppId": target.sub_app_id,
    }
    if any(saved.get(key) != value for key, value in here.items()):
        raise VodopsError(
            f"this plan was made for target {_describe(saved)}; this run's target is {_describe(here)}. "
            "A plan applies only to the target it was made for."
        )


def _describe(target: dict[str, Any]) -> str:
    where = target.get("endpoint") or "the embedded emulator"
    app = f", subAppId {target['subAppId']}" if target.get("subAppId") else ""
    return f"{target['name']!r} ({where}{app})"


def replay(document: dict[str, Any], live: LiveState) -> tuple[Plan, References]:
    """The saved plan as a Plan to apply, if the account still is as the plan saw it."""
    refs = References()
    for binding in document["bindings"]:
        refs.bind(binding["kind"], binding["name"], binding["id"])
    now = {(r.kind, r.id): r for r in live}
    problems = [p for b in document["bindings"] for p in _moved(b["kind"], b, now, refs)]
    for change in document["changes"]:
        problems.extend(_stale(change, live, now, refs))
    if problems:
        raise StalePlanError(problems)
    return _plan(document), refs


def _stale(
    change: dict[str, Any], live: LiveState, now: dict[tuple[str, Any], LiveResource], refs: References
) -> list[Problem]:
    kind, name = change["kind"], change["name"]
    if change["action"] == Action.CREATE.value:
        taken = [r for r in live.of_kind(kind) if r.name == name and not r.preset]
        return [Problem(f"{kind} {name!r} was created since the plan (id {taken[0].id})")] if taken else []
    saved = dict(change["live"], id=change["id"])
    return _moved(kind, saved, now, refs)


def _moved(
    kind: str, saved: dict[str, Any], now: dict[tuple[str, Any], LiveResource], refs: References
) -> list[Problem]:
    current = now.get((kind, saved["id"]))
    label = f"{kind} {saved['name']!r} (id {saved['id']})"
    if current is None:
        return [Problem(f"{label} was deleted since the plan")]
    if fingerprint(current) == saved["fingerprint"]:
        return []
    moved = field_changes(saved["spec"], plain(comparable(kind, current.spec, refs)))
    detail = "; ".join(f"{f.dotted}: {f.before!r} -> {f.after!r}" for f in moved) or "its server-side state"
    return [Problem(f"{label} changed since the plan: {detail}")]


def _plan(document: dict[str, Any]) -> Plan:
    changes = tuple(_change(c) for c in document["changes"])
    brakes = document["brakes"]
    quotas = tuple(
        Quota(q["kind"], "custom templates", q["limit"], q["after"], q["peak"]) for q in document["quotas"]
    )
    return Plan(
        document["target"]["name"],
        document["target"]["subAppId"],
        document["stack"],
        changes,
        quotas,
        Brakes(tuple(brakes["reasons"]), tuple(brakes["deletes"])) if brakes else None,
        tuple(document["notes"]),
    )


def _change(saved: dict[str, Any]) -> Change:
    kind, name = saved["kind"], saved["name"]
    fields = tuple(FieldChange(tuple(f["path"]), f["before"], f["after"]) for f in saved["fields"])
    desired = saved["desired"]
    wanted = None
    if desired is not None:
        image = base64.b64decode(desired["image"]["base64"]) if "image" in desired else None
        wanted = DesiredResource(kind, name, desired["spec"], adopt_id=desired.get("adoptId"), image=image)
    live = saved["live"]
    found = LiveResource(kind, live["name"], saved["id"], {}, None, False, {}) if live else None
    return Change(Action(saved["action"]), kind, name, fields, wanted, found)
