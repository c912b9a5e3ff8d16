"""HeadTailTemplate: opening and closing videos (by FileId) joined to a transcode.

Declared from the tables generated out of api.json; its spec model is
vodops.resources.head_tail.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import head_tail_template_tables

KIND = template_kind(
    "HeadTailTemplate", "vodops.resources.head_tail:HeadTailTemplateSpec", head_tail_template_tables
)
