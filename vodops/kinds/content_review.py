"""ContentReviewTemplate: the legacy AI content review (AiContentReviewTask).

Declared from the tables generated out of api.json; its spec model is
vodops.resources.content_review.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import content_review_template_tables

KIND = template_kind(
    "ContentReviewTemplate",
    "vodops.resources.content_review:ContentReviewTemplateSpec",
    content_review_template_tables,
)
