"""Which application a target addresses. A target names it by id (`subAppId`), by name
(`subApp`, found with DescribeSubAppIds), or not at all (the account's default application).

A name the account lacks is an error unless the project declares a `SubApplication` of that
name: then the application is found by the `metadata.previousNames` of that declaration (renamed
in place by apply), else it is pending, created by apply before everything inside it, and until
then its id is known after apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from vodops.application.missing import unknown_application
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
    renamed_from: str | None = None  # found by this previous name: apply renames it to `name`


class Declaration(Protocol):
    """What locating the application reads of a declaration (a manifest's, or the desired
    resource made of it)."""

    @property
    def kind(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def previous_names(self) -> tuple[str, ...]: ...


def locate(
    api: VodApi,
    sub_app: str | None,
    sub_app_id: int | None,
    declared: Mapping[str, tuple[str, ...]] | None,
    *,
    named: bool,
    given: str,
    given_id: str = "the target's subAppId",
) -> Application:
    """The application a target addresses (`sub_app` by name, else `sub_app_id`, else the default
    one), given the SubApplication names the project declares (each with its previous names,
    newest first); with `named`, the name of one given by id is looked up too (the project
    declares settings, which are named after it). Raises SettingsError for a name the account
    lacks and the project does not declare (`declared` None: the caller read no manifests), or
    that several applications share, saying where `sub_app` was `given` (`vodops.yaml:5:5:
    targets.prod.subApp`, or `--sub-app (VODOPS_SUB_APP)`) before the rest; and, with `named`, for
    an id the account lacks, saying where `sub_app_id` was given (`given_id`)."""
    if sub_app is None and sub_app_id is None:
        return Application(DEFAULT_APPLICATION)
    if sub_app is None and not named:
        return Application(str(sub_app_id), sub_app_id)
    if sub_app is None:
        by_id = [app for app in list_applications(api) if _id(app) == sub_app_id]
        if not by_id:
            raise unknown_application(sub_app_id or 0, given_id)
        return Application(_name(by_id[0]), sub_app_id, listed=by_id[0])
    return _by_name(api, sub_app, declared, given)


def _by_name(
    api: VodApi, sub_app: str, declared: Mapping[str, tuple[str, ...]] | None, given: str
) -> Application:
    """The application named `sub_app`, else the one its declaration's previous names find."""
    for name in (sub_app, *(declared or {}).get(sub_app, ())):
        found = _named(api, name, given if name == sub_app else None)
        if found:
            renamed = None if name == sub_app else name
            return Application(sub_app, _id(found), listed=found, renamed_from=renamed)
    if declared is None:
        raise SettingsError(
            f"{given}: the account has no application named {sub_app!r} yet: if the manifests declare "
            "it, `vodops apply` creates it"
        )
    if sub_app in declared:
        return Application(sub_app, pending=True)
    raise SettingsError(
        f"{given}: the account has no application named {sub_app!r}, and no SubApplication of that "
        "name is declared: declare one for apply to create it, or correct the name"
    )


def _named(api: VodApi, name: str, given: str | None) -> dict[str, Any] | None:
    """The application named `name`, as listed; None when there is none. Raises SettingsError
    when several share the name, starting with where it was `given` (None: a previous name)."""
    matching = [app for app in list_applications(api, name) if _name(app) == name]
    if len(matching) > 1:
        ids = ", ".join(str(_id(app)) for app in matching)
        where = f"{given}: " if given else ""
        raise SettingsError(
            f"{where}several applications are named {name!r} (SubAppIds {ids}): name the target's by subAppId"
        )
    return matching[0] if matching else None


def _id(app: dict[str, Any]) -> int:
    try:
        return int(app.get("SubAppId") or 0)
    except (TypeError, ValueError):
        return 0


def _name(app: dict[str, Any]) -> str:
    return str(app.get("SubAppIdName") or app.get("Name") or "")
