"""ContentReviewTemplate: the legacy AI content review (AiContentReviewTask).

The spec model; the kind's declaration is vodops.kinds.content_review.
"""

from __future__ import annotations

from vodops.resources.generated.content_review_template import ContentReviewTemplateFields


class ContentReviewTemplateSpec(ContentReviewTemplateFields):
    """The spec of CreateContentReviewTemplate; api.json states no rule across its fields."""

