"""SubApplication: the VOD application itself, account-level (its calls carry no SubAppId), named
by its name: created when missing, never disabled or deleted (api.json 2018-07-17). Its spec model
is vodops.resources.sub_application."""

from __future__ import annotations

from typing import Any

from vodops.resources.application import application_name
from vodops.resources.kind import Identity, Kind, Scope, Shape, Wire

SUB_APPLICATION = "SubApplication"
FIXED_AT_CREATION = ("type", "mode", "storageRegion", "tags")
"""The fields CreateSubAppId takes and ModifySubAppIdInfo does not (api.json 2018-07-17)."""
PATH_MODE = "fileid+path"  # CreateSubAppId Mode: FileID & Path, which needs a StorageRegion


def _export(spec: dict[str, Any], listed: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Export's spec: the listing shows the regions opened, not the one creation opened, so
    storageRegion is written only where mode needs it (the first opened: where creation opened
    storage)."""
    if spec.get("mode") == PATH_MODE:
        return spec, None
    return {k: v for k, v in spec.items() if k != "storageRegion"}, None


KIND = Kind(
    SUB_APPLICATION,
    "vodops.resources.sub_application:SubApplicationSpec",
    Wire(
        "DescribeSubAppIds",
        "SubAppIdInfoSet",
        True,
        "CreateSubAppId",
        "ModifySubAppIdInfo",
        "",
        "SubAppId",
        "SubAppId",
        scope=Scope.ACCOUNT,
    ),
    application_name,
    folder="sub-applications",
    shape=Shape.APPLICATION,
    identity=Identity.NAME,
    spec_required=False,
    immutable=FIXED_AT_CREATION,
    export_spec=_export,
)
