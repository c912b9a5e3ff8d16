"""ReviewTemplate: the labels an audio/video review (ReviewAudioVideoTask) reports.

Declared from the tables generated out of api.json; its spec model is
vodops.resources.review.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import review_template_tables

KIND = template_kind("ReviewTemplate", "vodops.resources.review:ReviewTemplateSpec", review_template_tables)
