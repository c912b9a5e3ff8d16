"""ContentReviewTemplate: the legacy AI content review (AiContentReviewTask)."""

from __future__ import annotations

from vodops.resources.generated import content_review_template
from vodops.resources.generated.content_review_template import ContentReviewTemplateFields
from vodops.resources.template_kind import template_kind


class ContentReviewTemplateSpec(ContentReviewTemplateFields):
    """The spec of CreateContentReviewTemplate; api.json states no rule across its fields."""


KIND = template_kind("ContentReviewTemplate", ContentReviewTemplateSpec, content_review_template)
