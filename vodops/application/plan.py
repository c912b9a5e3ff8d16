"""The application's own changes, planned before what it holds: its `SubApplication` (created when
pending, else its declared fields updated) and its settings (singletons: only updates, of the
fields a manifest declares; fields left out are not managed).

A target plans the declarations named after its application only (vodops/resources/application.py);
those naming an application that no SubApplication declares and that is not the target's are
left out with a note, so that a misspelt name does not pass unseen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vodops.application.locate import Application
from vodops.application.wire import SETTINGS, listed_spec
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource
from vodops.diff import FieldChange, field_changes
from vodops.live import LiveResource
from vodops.plan.changes import Action, Change
from vodops.resources.application import DEFAULT_APPLICATION, SUB_APPLICATION

KNOWN_AFTER_APPLY = "(known after apply)"
APPLICATION_KINDS = frozenset({SUB_APPLICATION, *SETTINGS})


def application_changes(
    app: Application, desired: Sequence[DesiredResource], api: VodApi
) -> tuple[list[Change], list[str]]:
    """(the changes to `app` itself, notes on the declarations left out)."""
    declared = [d for d in desired if d.kind in APPLICATION_KINDS]
    apps = {d.name for d in declared if d.kind == SUB_APPLICATION} | {DEFAULT_APPLICATION, app.name}
    notes = [
        f"{d.kind} {d.name!r} names no declared SubApplication and not this target's application "
        f"({app.name!r}): left out"
        for d in declared
        if d.name not in apps
    ]
    changes = [_change(app, d, api) for d in declared if d.name == app.name]
    return [change for change in changes if change is not None], notes


def pending_note(app: Application) -> str:
    return (
        f"application {app.name!r} does not exist yet: apply creates it first; its SubAppId and the "
        "ids of everything in it are known after apply"
    )


def _change(app: Application, desired: DesiredResource, api: VodApi) -> Change | None:
    if desired.kind == SUB_APPLICATION:
        if app.pending:
            return Change(Action.CREATE, desired.kind, desired.name, field_changes({}, desired.spec), desired)
        return _update(app, desired, listed_spec(app.listed), app.listed or {})
    if app.pending:
        fields = tuple(FieldChange((key,), KNOWN_AFTER_APPLY, value) for key, value in desired.spec.items())
        return Change(Action.UPDATE, desired.kind, desired.name, fields, desired) if fields else None
    live = SETTINGS[desired.kind].read(api, desired.spec)
    return _update(app, desired, live, live)


def _update(
    app: Application, desired: DesiredResource, live: dict[str, Any], raw: dict[str, Any]
) -> Change | None:
    """An update of the fields `desired` declares that differ from `live`; None when none do."""
    fields = field_changes({key: live.get(key) for key in desired.spec}, desired.spec)
    if not fields:
        return None
    found = LiveResource(desired.kind, desired.name, app.sub_app_id or 0, live, None, False, raw)
    return Change(Action.UPDATE, desired.kind, desired.name, fields, desired, found)
