"""HeadTailTemplate: opening and closing videos (by FileId) joined to a transcode.

The spec model; the kind's declaration is vodops.kinds.head_tail.
"""

from __future__ import annotations

from vodops.resources.generated.head_tail_template import HeadTailTemplateFields


class HeadTailTemplateSpec(HeadTailTemplateFields):
    """The spec of CreateHeadTailTemplate; api.json states no rule across its fields."""

