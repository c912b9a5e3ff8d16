"""Run the application's own changes, one after another, before anything inside it: create the
application (and from then on address it: its id is bound into the API client), set its
declared fields, then its settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vodops.application.plan import RENAME
from vodops.application.wire import APPLICATION, create_application, describe_application, write_setting
from vodops.cloud.vod import VodApi
from vodops.errors import VodopsError
from vodops.plan.changes import Action, Change

Progress = Callable[[Change, str], None]


def apply_application(
    changes: Sequence[Change], api: VodApi, progress: Progress, claim: Callable[[], None] = lambda: None
) -> tuple[list[Change], tuple[Change, VodopsError] | None]:
    """(the changes done, the one that failed and why, if one did: the rest were not attempted).
    `claim` runs as soon as the application is created, before anything is set in it (it takes
    the new application's apply lock, and raises VodopsError when another apply has it)."""
    done: list[Change] = []
    for change in changes:
        try:
            status = _run(change, api)
            if change.kind == APPLICATION.name and change.action is Action.CREATE:
                claim()
        except VodopsError as error:
            progress(change, f"failed: {error}")
            return done, (change, error)
        done.append(change)
        progress(change, status)
    return done, None


def _run(change: Change, api: VodApi) -> str:
    assert change.desired is not None, "the application's changes always have a desired side"
    spec = change.desired.spec
    if change.kind != APPLICATION.name:
        write_setting(api, change.kind, spec)
    elif change.action is Action.CREATE:
        api.sub_app_id = create_application(api, change.name, spec)
        return f"done (SubAppId {api.sub_app_id})"
    else:
        assert api.sub_app_id is not None, "a listed application has an id"
        renamed = any(field.path == RENAME for field in change.fields)
        describe_application(api, api.sub_app_id, spec, change.name if renamed else None)
    return "done"
