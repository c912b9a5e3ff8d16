"""Application-level kinds: the sub-application itself (account-level: its calls carry no
SubAppId) and the settings every application has exactly one of (singletons: nothing to create
or delete, only fields to set). Their specs mirror the Modify requests of api.json 2018-07-17.

Each declaration names the application it belongs to: a `SubApplication` by its own name, a
setting by the name of its application (`default` for the account's default application). A
target plans the declarations of its own application only, so one set of manifests can hold the
applications of several environments.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec
from vodops.resources.fields import Pattern, Switch

SUB_APPLICATION = "SubApplication"
EVENT_CONFIG = "EventConfig"
DISTRIBUTION_CONFIG = "DefaultDistributionConfig"
STORAGE_REGION = "StorageRegion"
DEFAULT_APPLICATION = "default"  # how settings name the account's default application


class SubApplicationSpec(Spec):
    """CreateSubAppId / ModifySubAppIdInfo: the application's name is `metadata.name`."""

    description: Annotated[str, Field(max_length=300)] | None = Field(
        default=None, description="the application's description, at most 300 characters"
    )


class EventConfigSpec(Spec):
    """ModifyEventConfig: how and which event notifications the application sends. The callback
    `SignKey` is a secret and write-only (DescribeEventConfig never shows it): not managed here."""

    mode: Literal["PUSH", "PULL"] | None = Field(
        default=None,
        description="PUSH: HTTP callbacks to notificationUrl; PULL: reliable (queue) notifications",
    )
    notification_url: (
        Annotated[str, Pattern(r"^(https?://\S+)?$", "an http:// or https:// address, or empty")] | None
    ) = Field(default=None, description="where PUSH callbacks (format 3.0) go; empty clears it")
    upload_media_complete_event_switch: Switch | None = Field(
        default=None, description="notify when an upload completes"
    )
    delete_media_complete_event_switch: Switch | None = Field(
        default=None, description="notify when a media deletion completes"
    )
    persistence_complete_event_switch: Switch | None = Field(
        default=None, description="notify when an edit is persisted"
    )


class DefaultDistributionConfigSpec(Spec):
    """ModifyDefaultDistributionConfig: the domain and scheme media URLs use. The `PlayKey` is a
    secret (it signs player URLs): not managed here."""

    domain: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="a domain of the application's VOD domain list"
    )
    scheme: Literal["HTTP", "HTTPS"] | None = Field(default=None, description="HTTP or HTTPS")


# The storage regions VOD supports (Tencent Cloud document 266/9760, "已支持地域列表").
StorageRegionName = Literal[
    "ap-chongqing", "ap-beijing", "ap-shanghai", "ap-guangzhou", "ap-chengdu", "ap-nanjing",
    "ap-hongkong", "ap-singapore", "ap-tokyo", "ap-seoul", "ap-mumbai", "ap-bangkok", "ap-jakarta",
    "na-siliconvalley", "na-ashburn", "na-toronto", "eu-frankfurt", "sa-saopaulo",
]  # fmt: skip


class StorageRegionSpec(Spec):
    """The application's storage regions (CreateStorageRegion, ModifyDefaultStorageRegion): those
    listed are activated, and never deactivated (the API cannot); others may be active too."""

    storage_regions: list[StorageRegionName] | None = Field(
        default=None, description="regions media may be stored in: activated if they are not"
    )
    default_storage_region: StorageRegionName | None = Field(
        default=None, description="where uploads that name no region go; activated if it is not"
    )


def application_name(name: str) -> str | None:
    """A SubApplication's name rule: CreateSubAppId's Name, 1 to 40 characters; `default` names
    the account's default application, which cannot be declared."""
    if len(name) > 40:
        return f"is {len(name)} characters; application names can be at most 40"
    if name == DEFAULT_APPLICATION:
        return f"{DEFAULT_APPLICATION!r} names the account's default application, which cannot be declared"
    return None


def setting_name(name: str) -> str | None:
    """A setting is named after its application: an application's name, or `default`."""
    if len(name) > 40:
        return f"is {len(name)} characters; a setting is named after its application (at most 40)"
    return None
