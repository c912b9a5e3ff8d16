"""SubApplication: the VOD application (sub-application) itself, account-level (its calls carry no
SubAppId): CreateSubAppId creates it, DescribeSubAppIds lists it, ModifySubAppIdInfo sets its
description (api.json 2018-07-17). Its name is its identity; vodops creates a declared one the
account lacks and never disables or deletes one (the API has no delete, only ModifySubAppIdStatus).

`type`, `mode`, `storageRegion` and `tags` are sent by CreateSubAppId only: ModifySubAppIdInfo
takes a name and a description, so they are fixed at creation and a change to one is refused at
plan time (vodops/application/plan.py). The kind's declaration is vodops.kinds.sub_application."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.kinds.sub_application import PATH_MODE
from vodops.resources.base import Path, Spec, listed_twice
from vodops.resources.storage_region import StorageRegionName


class ResourceTag(Spec):
    """CreateSubAppId Tags: ResourceTag, both members required (api.json 2018-07-17)."""

    tag_key: str = Field(description="the tag's key")
    tag_value: str = Field(description="the tag's value")


class SubApplicationSpec(Spec):
    """CreateSubAppId / ModifySubAppIdInfo: the name is `metadata.name`."""

    description: Annotated[str, Field(max_length=300)] | None = Field(
        default=None, description="the application's description, at most 300 characters"
    )
    type: Literal["AllInOne", "Professional"] | None = Field(
        default=None,
        description="AllInOne (the API's default) or Professional; fixed at creation, and "
        "DescribeSubAppIds does not show it, so it is not compared afterwards",
    )
    mode: Literal["fileid", "fileid+path"] | None = Field(
        default=None,
        description="fileid (the API's default): media addressed by FileId only; fileid+path: by "
        "path too, which needs storageRegion; fixed at creation",
    )
    storage_region: StorageRegionName | None = Field(
        default=None,
        description="the region storage is opened in at creation, the default one (Chongqing when "
        "left out); required with mode fileid+path; fixed at creation: an application that has not "
        "opened it differs",
    )
    tags: list[ResourceTag] | None = Field(
        default=None, description="tags bound to the application at creation; fixed at creation"
    )

    def problems(self) -> Iterator[tuple[Path, str]]:
        """CreateSubAppId StorageRegion: required when Mode is fileid+path (api.json)."""
        if self.mode == PATH_MODE and self.storage_region is None:
            yield (), f"storageRegion is required when mode is {PATH_MODE}"
        keys = [tag.tag_key for tag in self.tags or []]
        for (_, index), why in listed_twice(("tags",), keys, "tag key "):
            yield ("tags", index, "tagKey"), f"{why}: a key takes one value"
