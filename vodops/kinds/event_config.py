"""EventConfig: one setting per application, read with its Describe action and set with its
Modify action. Its spec model is vodops.resources.event_config."""

from __future__ import annotations

from vodops.resources.application import setting_name
from vodops.resources.kind import Kind, Shape, Wire

EVENT_CONFIG = "EventConfig"


KIND = Kind(
    EVENT_CONFIG,
    "vodops.resources.event_config:EventConfigSpec",
    Wire.setting("DescribeEventConfig", "ModifyEventConfig"),
    setting_name,
    folder="event-configs",
    shape=Shape.SINGLETON,
)
