"""Which application a target addresses. A target names it by id (`subAppId`), by name
(`subApp`, found with DescribeSubAppIds), or not at all (the account's default application).

A name the account lacks is an error unless the project declares a `SubApplication` of that
name: then the application is pending, created by apply before everything inside it, and until
then its id is known after apply.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from vodops.application.wire import list_applications
from vodops.cloud.vod import VodApi
from vodops.errors import SettingsError
from vodops.resources.application import DEFAULT_APPLICATION


@dataclass(frozen=True)
class Application:
    """The target's application: its name (`default` for the account's default application),
    its id (None for the default one, or while pending), and what DescribeSubAppIds says of it."""

    name: str
    sub_app_id: int | None = None
    pending: bool = False
    listed: dict[str, Any] | None = None


def locate(
    api: VodApi, sub_app: str | None, sub_app_id: int | None, declared: Collection[str], *, named: bool
) -> Application:
    """The application a target addresses (`sub_app` by name, else `sub_app_id`, else the default
    one), given the SubApplication names the project declares; with `named`, the name of one
    given by id is looked up too (the project declares settings, which are named after it).
    Raises SettingsError for a name the account lacks and the project does not declare, or that
    several applications share."""
    if sub_app is None and sub_app_id is None:
        return Application(DEFAULT_APPLICATION)
    if sub_app is None and not named:
        return Application(str(sub_app_id), sub_app_id)
    if sub_app is None:
        found = [app for app in list_applications(api) if _id(app) == sub_app_id]
        name = str(found[0].get("SubAppIdName") or found[0].get("Name") or "") if found else str(sub_app_id)
        return Application(name, sub_app_id, listed=found[0] if found else None)
    matching = [app for app in list_applications(api, sub_app) if _name(app) == sub_app]
    if len(matching) > 1:
        ids = ", ".join(str(_id(app)) for app in matching)
        raise SettingsError(
            f"several applications are named {sub_app!r} (SubAppIds {ids}): name the target's by subAppId"
        )
    if matching:
        return Application(sub_app, _id(matching[0]), listed=matching[0])
    if sub_app in declared:
        return Application(sub_app, pending=True)
    raise SettingsError(
        f"the account has no application named {sub_app!r}, and no SubApplication of that name is "
        "declared: declare one for apply to create it, or correct the target's subApp"
    )


def _id(app: dict[str, Any]) -> int:
    try:
        return int(app.get("SubAppId") or 0)
    except (TypeError, ValueError):
        return 0


def _name(app: dict[str, Any]) -> str:
    return str(app.get("SubAppIdName") or app.get("Name") or "")
