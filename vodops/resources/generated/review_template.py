"""CreateReviewTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Literal

from vodops.resources.base import Spec


class ReviewTemplateFields(Spec):
    """CreateReviewTemplate (api.json)."""

    labels: list[Literal[
        "Porn",
        "Terror",
        "Polity",
        "Illegal",
        "Abuse",
        "Ad",
        "Moan",
    ]]
    comment: str | None = None
