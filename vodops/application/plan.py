"""The application's own changes, planned before what it holds: the application itself (created
when pending, else its declared fields updated) and its settings (singletons: only updates, of
the fields a manifest declares; fields left out are not managed).

A target plans the declarations named after its application only (vodops/resources/application.py);
those naming an application that none declares and that is not the target's are left out with
a note, so that a misspelt name does not pass unseen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vodops.application.locate import Application
from vodops.application.wire import APPLICATION, listed_spec, read_setting
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource
from vodops.diff import FieldChange, field_changes
from vodops.errors import PlanError, Problem, StalePlanError
from vodops.live import LiveResource
from vodops.plan.changes import Action, Change
from vodops.plan.scope import address_problem
from vodops.resources import APPLICATION_LEVEL, KINDS
from vodops.resources.application import DEFAULT_APPLICATION

KNOWN_AFTER_APPLY = "(known after apply)"
RENAME = ("metadata", "name")  # the path of a rename among a change's fields


def application_changes(
    app: Application, desired: Sequence[DesiredResource], api: VodApi
) -> tuple[list[Change], list[str]]:
    """(the changes to `app` itself, in APPLICATION_LEVEL order; notes on declarations left out)."""
    declared = sorted(
        (d for d in desired if d.kind in APPLICATION_LEVEL), key=lambda d: APPLICATION_LEVEL.index(d.kind)
    )
    apps = {d.name for d in declared if d.kind == APPLICATION.name} | {DEFAULT_APPLICATION, app.name}
    notes = [
        f"{_where(d)}{d.kind} {d.name!r} names no declared {APPLICATION.name} and not this target's "
        f"application ({app.name!r}): left out"
        for d in declared
        if d.name not in apps
    ]
    changes = [_change(app, d, api) for d in declared if d.name == app.name]
    return [change for change in changes if change is not None], notes


def _where(desired: DesiredResource) -> str:
    """`file:line:column: ` of a declaration, so a misspelt name is found at once."""
    return f"{desired.location}: " if desired.location else ""


def scope_parts(
    only: frozenset[str], desired: Sequence[DesiredResource]
) -> tuple[frozenset[str], frozenset[str]]:
    """`--only` addresses split into (what an application holds, the application's own). Raises
    PlanError for an address of the application's own kinds that no manifest declares."""
    own = frozenset(a for a in only if a.partition("/")[0] in APPLICATION_LEVEL)
    declared = {f"{d.kind}/{d.name}" for d in desired}
    found = (address_problem(address, declared, "the manifests") for address in sorted(own))
    problems = [problem for problem in found if problem is not None]
    if problems:
        raise PlanError(problems)
    return only - own, own


def check_created(document: dict[str, Any], app: Application) -> None:
    """Refuse a saved plan (`document`) that creates `app` once `app` exists: that plan, or another
    apply, made it. Said so, rather than blamed on the target (whose id the plan could not know).
    Raises StalePlanError."""
    creates = {"action": Action.CREATE.value, "kind": APPLICATION.name, "name": app.name}
    made = any(creates.items() <= change.items() for change in document["changes"])
    if made and document["target"].get("subAppId") is None and not app.pending:
        message = (
            f"the application {app.name!r} this plan creates exists now (SubAppId {app.sub_app_id}): "
            "the plan was applied, or another apply made it"
        )
        raise StalePlanError([Problem(message)])


def pending_note(app: Application) -> str:
    """The plan note for an application apply has yet to create: its SubAppId and every id in it are
    known only after apply."""
    return (
        f"application {app.name!r} does not exist yet: apply creates it first; its SubAppId and the "
        "ids of everything in it are known after apply (if it was renamed, list its name in its "
        "SubApplication's metadata.previousNames: apply then renames it back instead)"
    )


def _change(app: Application, desired: DesiredResource, api: VodApi) -> Change | None:
    if desired.kind == APPLICATION.name and app.pending:
        return Change(Action.CREATE, desired.kind, desired.name, field_changes({}, desired.spec), desired)
    if desired.kind == APPLICATION.name:
        live = listed_spec(app.listed, desired.spec)
        return _update(app, desired, live, app.listed or {}, _renamed(app))
    if app.pending:
        fields = tuple(FieldChange((key,), KNOWN_AFTER_APPLY, value) for key, value in desired.spec.items())
        return Change(Action.UPDATE, desired.kind, desired.name, fields, desired) if fields else None
    live = read_setting(api, desired.kind, desired.spec)
    return _update(app, desired, live, live)


def _renamed(app: Application) -> tuple[FieldChange, ...]:
    """The rename `metadata.previousNames` found the application by, if it did."""
    return () if app.renamed_from is None else (FieldChange(RENAME, app.renamed_from, app.name),)


def _update(
    app: Application,
    desired: DesiredResource,
    live: dict[str, Any],
    raw: dict[str, Any],
    renamed: tuple[FieldChange, ...] = (),
) -> Change | None:
    """An update of the fields `desired` declares that differ from `live` (after `renamed`);
    None when none do."""
    fields = renamed + field_changes({key: live.get(key) for key in desired.spec}, desired.spec)
    if not fields:
        return None
    _refuse_fixed(desired, live, fields)
    found = LiveResource(desired.kind, desired.name, app.sub_app_id or 0, live, None, False, raw)
    return Change(Action.UPDATE, desired.kind, desired.name, fields, desired, found)


def _refuse_fixed(desired: DesiredResource, live: dict[str, Any], fields: tuple[FieldChange, ...]) -> None:
    """Refuse a change to a field the kind's Modify cannot change (Kind.immutable: an application's
    create-time fields): vodops never deletes an application, so it cannot be replaced either.
    Raises PlanError naming each such field, at the file:line where the manifest writes it."""
    frozen, action = KINDS[desired.kind].immutable, KINDS[desired.kind].wire.update_action
    changed = dict.fromkeys(str(f.path[0]) for f in fields if f.path[:1] and f.path[0] in frozen)
    problems = [
        Problem(
            f"{desired.kind} {desired.name!r}: {name} is fixed at creation ({action} cannot change "
            f"it, and vodops never deletes an application): it has {live.get(name)!r}, "
            f"the manifest says {desired.spec.get(name)!r}",
            desired.written_at.get(name, desired.location),
        )
        for name in changed
    ]
    if problems:
        raise PlanError(problems)
