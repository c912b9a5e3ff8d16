"""SnapshotByTimeOffsetTemplate: screenshots at chosen times (a cover is one of them).

Declared from the tables generated out of api.json; its spec model is
vodops.resources.time_offset_snapshot.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import snapshot_by_time_offset_template_tables

KIND = template_kind(
    "SnapshotByTimeOffsetTemplate",
    "vodops.resources.time_offset_snapshot:SnapshotByTimeOffsetTemplateSpec",
    snapshot_by_time_offset_template_tables,
)
