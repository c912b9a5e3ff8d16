"""SampleSnapshotTemplate: screenshots taken at an interval (a share of the video, or seconds).

The spec model; the kind's declaration is vodops.kinds.sample_snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.resources.base import Path
from vodops.resources.generated.sample_snapshot_template import SampleSnapshotTemplateFields


def interval_problems(sample_type: str, interval: int) -> Iterator[tuple[Path, str]]:
    """SampleInterval "is a percentage when SampleType is Percent" (api.json): 1 to 100."""
    if sample_type == "Percent" and not 1 <= interval <= 100:
        yield ("sampleInterval",), f"is a percentage when sampleType is Percent: 1 to 100 (got {interval})"
    elif interval < 1:
        yield ("sampleInterval",), "is the seconds between screenshots when sampleType is Time: at least 1"


class SampleSnapshotTemplateSpec(SampleSnapshotTemplateFields):
    """The spec of CreateSampleSnapshotTemplate."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: the sample
        interval its sampleType allows."""
        return interval_problems(self.sample_type, self.sample_interval)

