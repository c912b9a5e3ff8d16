"""EventConfig: how and which event notifications an application sends, one per application
(DescribeEventConfig, ModifyEventConfig; api.json 2018-07-17). The callback `SignKey` is a secret
and write-only (DescribeEventConfig never shows it): it is not managed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec
from vodops.resources.fields import Pattern, Switch

_URL = r"^(https?://[A-Za-z0-9._~:/?#\[\]@$&'()*+,;=%-]+)?$"
Url = Annotated[str, Pattern(_URL, "an http:// or https:// address, or empty")]


class EventConfigSpec(Spec):
    """ModifyEventConfig's fields; those left out keep the application's values."""

    mode: Literal["PUSH", "PULL"] | None = Field(
        default=None,
        description="PUSH: HTTP callbacks to notificationUrl; PULL: reliable (queue) notifications",
    )
    notification_url: Url | None = Field(default=None, description="where PUSH callbacks go; empty clears it")
    upload_media_complete_event_switch: Switch | None = Field(
        default=None, description="notify when an upload completes"
    )
    delete_media_complete_event_switch: Switch | None = Field(
        default=None, description="notify when a media deletion completes"
    )
    persistence_complete_event_switch: Switch | None = Field(
        default=None, description="notify when an edit is persisted"
    )
