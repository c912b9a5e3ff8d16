"""SampleSnapshotTemplate: screenshots taken at an interval (a share of the video, or seconds).

Declared from the tables generated out of api.json; its spec model is
vodops.resources.sample_snapshot.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import sample_snapshot_template_tables

KIND = template_kind(
    "SampleSnapshotTemplate",
    "vodops.resources.sample_snapshot:SampleSnapshotTemplateSpec",
    sample_snapshot_template_tables,
)
