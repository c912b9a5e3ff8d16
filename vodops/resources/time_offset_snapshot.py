"""SnapshotByTimeOffsetTemplate: screenshots at chosen times (a cover is one of them).

The spec model; the kind's declaration is vodops.kinds.time_offset_snapshot.
"""

from __future__ import annotations

from vodops.resources.generated.snapshot_by_time_offset_template import SnapshotByTimeOffsetTemplateFields


class SnapshotByTimeOffsetTemplateSpec(SnapshotByTimeOffsetTemplateFields):
    """The spec of CreateSnapshotByTimeOffsetTemplate; api.json states no rule across its fields."""

