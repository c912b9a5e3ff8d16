"""SubApplication: the VOD application (sub-application) itself, account-level (its calls carry no
SubAppId): CreateSubAppId creates it, DescribeSubAppIds lists it, ModifySubAppIdInfo sets its
description (api.json 2018-07-17). Its name is its identity; vodops creates a declared one the
account lacks and never disables or deletes one (the API has no delete, only ModifySubAppIdStatus)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from vodops.resources.application import application_name
from vodops.resources.base import Spec
from vodops.resources.kind import Identity, Kind, Scope, Shape, Wire

SUB_APPLICATION = "SubApplication"


class SubApplicationSpec(Spec):
    """CreateSubAppId / ModifySubAppIdInfo: the name is `metadata.name`."""

    description: Annotated[str, Field(max_length=300)] | None = Field(
        default=None, description="the application's description, at most 300 characters"
    )


KIND = Kind(
    SUB_APPLICATION,
    SubApplicationSpec,
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
)
