"""CreateContentReviewTemplate: its quota and tables, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Apart from the models, so that the kind's declaration (vodops/kinds/) reads them without
building the models.
"""

from __future__ import annotations

# Custom templates per application (CreateContentReviewTemplate's document).
QUOTA: int | None = 50
# What Describe shows that is not configuration: the name, ids, times, whether a preset.
SHOWN_ONLY: frozenset[str] = frozenset({"Name", "Definition", "CreateTime", "UpdateTime"})
# Fields Create takes and Modify cannot change: a change replaces the template.
IMMUTABLE: tuple[str, ...] = ()
# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).
DEFAULTS: dict[str, object] = {
    "pornConfigure.imgReviewInfo.labelSet": [],
    "pornConfigure.imgReviewInfo.blockConfidence": 90,
    "pornConfigure.imgReviewInfo.reviewConfidence": 0,
    "pornConfigure.asrReviewInfo.blockConfidence": 100,
    "pornConfigure.asrReviewInfo.reviewConfidence": 75,
    "pornConfigure.ocrReviewInfo.blockConfidence": 100,
    "pornConfigure.ocrReviewInfo.reviewConfidence": 75,
    "terrorismConfigure.imgReviewInfo.labelSet": [],
    "terrorismConfigure.imgReviewInfo.blockConfidence": 90,
    "terrorismConfigure.imgReviewInfo.reviewConfidence": 80,
    "terrorismConfigure.ocrReviewInfo.blockConfidence": 100,
    "terrorismConfigure.ocrReviewInfo.reviewConfidence": 75,
    "politicalConfigure.imgReviewInfo.labelSet": [],
    "politicalConfigure.imgReviewInfo.blockConfidence": 97,
    "politicalConfigure.imgReviewInfo.reviewConfidence": 95,
    "politicalConfigure.asrReviewInfo.reviewConfidence": 75,
    "politicalConfigure.asrReviewInfo.blockConfidence": 100,
    "politicalConfigure.ocrReviewInfo.blockConfidence": 100,
    "politicalConfigure.ocrReviewInfo.reviewConfidence": 75,
    "prohibitedConfigure.asrReviewInfo.blockConfidence": 100,
    "prohibitedConfigure.asrReviewInfo.reviewConfidence": 75,
    "prohibitedConfigure.ocrReviewInfo.blockConfidence": 100,
    "prohibitedConfigure.ocrReviewInfo.reviewConfidence": 75,
    "userDefineConfigure.faceReviewInfo.labelSet": [],
    "userDefineConfigure.faceReviewInfo.blockConfidence": 97,
    "userDefineConfigure.faceReviewInfo.reviewConfidence": 95,
    "userDefineConfigure.asrReviewInfo.labelSet": [],
    "userDefineConfigure.asrReviewInfo.blockConfidence": 100,
    "userDefineConfigure.asrReviewInfo.reviewConfidence": 75,
    "userDefineConfigure.ocrReviewInfo.labelSet": [],
    "userDefineConfigure.ocrReviewInfo.blockConfidence": 100,
    "userDefineConfigure.ocrReviewInfo.reviewConfidence": 75,
    "screenshotInterval": 1.0,
}
# Objects with a switch: one switched OFF is the same as none.
SWITCHED: tuple[str, ...] = (
    "pornConfigure.imgReviewInfo",
    "pornConfigure.asrReviewInfo",
    "pornConfigure.ocrReviewInfo",
    "terrorismConfigure.imgReviewInfo",
    "terrorismConfigure.ocrReviewInfo",
    "politicalConfigure.imgReviewInfo",
    "politicalConfigure.asrReviewInfo",
    "politicalConfigure.ocrReviewInfo",
    "prohibitedConfigure.asrReviewInfo",
    "prohibitedConfigure.ocrReviewInfo",
    "userDefineConfigure.faceReviewInfo",
    "userDefineConfigure.asrReviewInfo",
    "userDefineConfigure.ocrReviewInfo",
)
# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).
CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {}
