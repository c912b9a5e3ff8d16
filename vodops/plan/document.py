"""The plan as a versioned JSON document: what `plan --out` saves and `plan --format json` prints.

Schema (formatVersion 1; fields are only ever added within a version):

    formatVersion  1
    vodopsVersion  the vodops that made the plan
    createdAt      when, UTC, ISO 8601 to the second ("2026-11-29T22:04:19Z")
    target         {name, endpoint (URL, null for the embedded emulator), subAppId, region}
    stack          the ownership marker's stack
    scope          ["KIND/NAME", ..] of `--only` ([] for the whole account)
    summary        {create, update, replace, delete, adopt: counts}
    safe           false when the plan deletes more than the safety limits allow
    brakes         {reasons: [..], deletes: ["KIND/NAME", ..]} or null
    notes          [what the plan left out, and why]
    states         [{kind, name, state}]: what live objects of kinds that say so are doing
                   ("running", "ended", ...); not checked when a saved plan is applied
    quotas         [{kind, limit, after, peak}]
    changes        [{action, kind, name, id (live id or null),
                     fields: [{path: [..], before, after, added?: true, removed?: true}] (added,
                     removed: the list item holding the field is new, or gone),
                     desired: {spec, adoptId?, image?: {sha256, base64}} or null,
                     live: {name, fingerprint, spec} or null}]
    bindings       [{kind, name, id, fingerprint, spec}]: the live objects that names in `desired`
                   resolve to (and the parents of new classes)
    reads          [{kind, id, name, fingerprint}]: every live object the plan read

A fingerprint is a hash of an object as the API described it; `spec` is its normalized form, so
a stale plan can say what moved. No credentials are ever part of a plan.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime, timezone
from typing import Any

from vodops import __version__
from vodops.desired import DesiredResource
from vodops.diff import comparable
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Plan
from vodops.refs import References, plain, references_in
from vodops.resources import KINDS
from vodops.targets import Target

FORMAT_VERSION = 1
_VOLATILE = frozenset({"SubClassIdSet"})  # derived from other objects: not this object's state


def fingerprint(found: LiveResource) -> str:
    """16 hex digits of the sha256 of the object's raw listing (as sorted compact JSON,
    SubClassIdSet left out): a saved plan's check that the object has not changed since."""
    raw = {k: v for k, v in found.raw.items() if k not in _VOLATILE}
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_utc() -> str:
    """The current time as plans record it: UTC, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def target_document(target: Target) -> dict[str, Any]:
    """Where a plan is for: what `target` names, with no credential."""
    return {
        "name": target.name,
        "endpoint": target.endpoint.url if target.endpoint else None,
        "subAppId": target.sub_app_id,
        "region": target.region,
    }


def plan_document(
    plan: Plan, target: Target, live: LiveState, refs: References, created_at: str
) -> dict[str, Any]:
    """The versioned JSON document of `plan`, made against `live` in `target` at `created_at`."""
    return {
        "formatVersion": FORMAT_VERSION,
        "vodopsVersion": __version__,
        "createdAt": created_at,
        "target": target_document(target),
        "stack": plan.stack,
        "scope": list(plan.scope),
        "summary": {action.value: plan.counts()[action] for action in Action},
        "safe": plan.brakes is None,
        "brakes": {"reasons": list(plan.brakes.reasons), "deletes": list(plan.brakes.deletes)}
        if plan.brakes
        else None,
        "notes": list(plan.notes),
        "states": [{"kind": kind, "name": name, "state": state} for kind, name, state in plan.states],
        "quotas": [
            {"kind": q.kind, "limit": q.limit, "after": q.used_after, "peak": q.peak} for q in plan.quotas
        ],
        "changes": [_change(change, refs) for change in plan.changes],
        "bindings": [_binding(name, found, refs) for name, found in _bound(plan, live, refs)],
        "reads": [{"kind": r.kind, "id": r.id, "name": r.name, "fingerprint": fingerprint(r)} for r in live],
    }


def _change(change: Change, refs: References) -> dict[str, Any]:
    fields = [
        {
            "path": list(f.path),
            "before": plain(f.before),
            "after": plain(f.after),
            **({"added": True} if f.added else {}),
            **({"removed": True} if f.removed else {}),
        }
        for f in change.fields
    ]
    return {
        "action": change.action.value,
        "kind": change.kind,
        "name": change.name,
        "id": change.live_id,
        "fields": fields,
        "desired": desired_document(change.desired),
        "live": _live(change.live, refs) if change.live else None,
    }


def desired_document(desired: DesiredResource | None) -> dict[str, Any] | None:
    """What a change sends, as the plan records it: the declared spec, adoptId, image content."""
    if desired is None:
        return None
    found: dict[str, Any] = {"spec": plain(desired.spec)}
    if desired.adopt_id is not None:
        found["adoptId"] = desired.adopt_id
    if desired.image is not None:
        found["image"] = {
            "sha256": desired.image_digest,
            "base64": base64.b64encode(desired.image).decode("ascii"),
        }
    return found


def _live(found: LiveResource, refs: References) -> dict[str, Any]:
    return {
        "name": found.name,
        "fingerprint": fingerprint(found),
        "spec": plain(comparable(found.kind, found.spec, refs)),
    }


def _binding(name: str, found: LiveResource, refs: References) -> dict[str, Any]:
    return {"kind": found.kind, "name": name, "id": found.id, **_live(found, refs)} | {"name": name}


def _bound(plan: Plan, live: LiveState, refs: References) -> list[tuple[str, LiveResource]]:
    """The live objects the plan's names resolve to (by the name the plan gives them, which a
    rename makes new): references in what it sends, and the existing parents of the classes it
    creates."""
    wanted: set[tuple[str, str]] = set()
    for change in plan.changes:
        if change.desired is not None:
            wanted |= {
                (k, v) for k, v in references_in(change.kind, change.desired.spec) if isinstance(v, str)
            }
        if KINDS[change.kind].tree and "/" in change.name:
            wanted.add((change.kind, change.name.rsplit("/", 1)[0]))
    names = {(kind, refs.id_of(kind, name)): name for kind, name in wanted}
    return [(names[(r.kind, r.id)], r) for r in live if (r.kind, r.id) in names]
