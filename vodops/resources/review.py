"""ReviewTemplate: the labels an audio/video review (ReviewAudioVideoTask) reports."""

from __future__ import annotations

from vodops.resources.generated import review_template
from vodops.resources.generated.review_template import ReviewTemplateFields
from vodops.resources.template_kind import template_kind


class ReviewTemplateSpec(ReviewTemplateFields):
    """The spec of CreateReviewTemplate; api.json states no rule across its fields."""


KIND = template_kind("ReviewTemplate", ReviewTemplateSpec, review_template)
