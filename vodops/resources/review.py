"""ReviewTemplate: the labels an audio/video review (ReviewAudioVideoTask) reports.

The spec model; the kind's declaration is vodops.kinds.review.
"""

from __future__ import annotations

from vodops.resources.generated.review_template import ReviewTemplateFields


class ReviewTemplateSpec(ReviewTemplateFields):
    """The spec of CreateReviewTemplate; api.json states no rule across its fields."""

