"""What the application-level kinds share (vodops/kinds/sub_application.py, event_config.py,
distribution_config.py, storage_region.py): each declaration is named after its application,
`default` being the account's default application (which cannot itself be declared)."""

from __future__ import annotations

DEFAULT_APPLICATION = "default"
_MAX = 40  # CreateSubAppId: Name, at most 40 characters (api.json 2018-07-17)


def application_name(name: str) -> str | None:
    """A SubApplication's name rule: CreateSubAppId's Name, 1 to 40 characters; `default` names
    the account's default application, which cannot be declared."""
    if len(name) > _MAX:
        return f"is {len(name)} characters; application names can be at most {_MAX}"
    if name == DEFAULT_APPLICATION:
        return f"{DEFAULT_APPLICATION!r} names the account's default application, which cannot be declared"
    return None


def setting_name(name: str) -> str | None:
    """A setting is named after its application: an application's name, or `default`."""
    if len(name) > _MAX:
        return f"is {len(name)} characters; a setting is named after its application (at most {_MAX})"
    return None
