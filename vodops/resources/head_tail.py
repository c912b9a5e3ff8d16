"""HeadTailTemplate: opening and closing videos (by FileId) joined to a transcode."""

from __future__ import annotations

from vodops.resources.generated import head_tail_template
from vodops.resources.generated.head_tail_template import HeadTailTemplateFields
from vodops.resources.template_kind import template_kind


class HeadTailTemplateSpec(HeadTailTemplateFields):
    """The spec of CreateHeadTailTemplate; api.json states no rule across its fields."""


KIND = template_kind("HeadTailTemplate", HeadTailTemplateSpec, head_tail_template)
