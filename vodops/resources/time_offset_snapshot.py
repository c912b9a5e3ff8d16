"""SnapshotByTimeOffsetTemplate: screenshots at chosen times (a cover is one of them)."""

from __future__ import annotations

from vodops.resources.generated import snapshot_by_time_offset_template
from vodops.resources.generated.snapshot_by_time_offset_template import SnapshotByTimeOffsetTemplateFields
from vodops.resources.template_kind import template_kind


class SnapshotByTimeOffsetTemplateSpec(SnapshotByTimeOffsetTemplateFields):
    """The spec of CreateSnapshotByTimeOffsetTemplate; api.json states no rule across its fields."""


KIND = template_kind(
    "SnapshotByTimeOffsetTemplate", SnapshotByTimeOffsetTemplateSpec, snapshot_by_time_offset_template
)
