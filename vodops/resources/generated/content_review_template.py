"""CreateContentReviewTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec
from vodops.resources.fields import Range, Switch


class PornImgReviewTemplateInfo(Spec):
    """PornImgReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: list[Literal["porn", "vulgar", "intimacy", "sexy"]] | None = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class PornAsrReviewTemplateInfo(Spec):
    """PornAsrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class PornOcrReviewTemplateInfo(Spec):
    """PornOcrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class PornConfigureInfo(Spec):
    """PornConfigureInfo (api.json)."""

    img_review_info: PornImgReviewTemplateInfo | None = None
    asr_review_info: PornAsrReviewTemplateInfo | None = None
    ocr_review_info: PornOcrReviewTemplateInfo | None = None


class TerrorismImgReviewTemplateInfo(Spec):
    """TerrorismImgReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: (
        list[Literal[
        "guns",
        "crowd",
        "bloody",
        "police",
        "banners",
        "militant",
        "explosion",
        "terrorists",
        "scenario",
    ]]
        | None
    ) = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class TerrorismOcrReviewTemplateInfo(Spec):
    """TerrorismOcrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class TerrorismConfigureInfo(Spec):
    """TerrorismConfigureInfo (api.json)."""

    img_review_info: TerrorismImgReviewTemplateInfo | None = None
    ocr_review_info: TerrorismOcrReviewTemplateInfo | None = None


class PoliticalImgReviewTemplateInfo(Spec):
    """PoliticalImgReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: (
        list[Literal[
        "violation_photo",
        "politician",
        "entertainment",
        "sport",
        "entrepreneur",
        "scholar",
        "celebrity",
        "military",
    ]]
        | None
    ) = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class PoliticalAsrReviewTemplateInfo(Spec):
    """PoliticalAsrReviewTemplateInfo (api.json)."""

    switch: Switch
    review_confidence: Annotated[int, Range(0, 100)] | None = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None


class PoliticalOcrReviewTemplateInfo(Spec):
    """PoliticalOcrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class PoliticalConfigureInfo(Spec):
    """PoliticalConfigureInfo (api.json)."""

    img_review_info: PoliticalImgReviewTemplateInfo | None = None
    asr_review_info: PoliticalAsrReviewTemplateInfo | None = None
    ocr_review_info: PoliticalOcrReviewTemplateInfo | None = None


class ProhibitedAsrReviewTemplateInfo(Spec):
    """ProhibitedAsrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class ProhibitedOcrReviewTemplateInfo(Spec):
    """ProhibitedOcrReviewTemplateInfo (api.json)."""

    switch: Switch
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class ProhibitedConfigureInfo(Spec):
    """ProhibitedConfigureInfo (api.json)."""

    asr_review_info: ProhibitedAsrReviewTemplateInfo | None = None
    ocr_review_info: ProhibitedOcrReviewTemplateInfo | None = None


class UserDefineFaceReviewTemplateInfo(Spec):
    """UserDefineFaceReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=10)] | None = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class UserDefineAsrTextReviewTemplateInfo(Spec):
    """UserDefineAsrTextReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=10)] | None = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class UserDefineOcrTextReviewTemplateInfo(Spec):
    """UserDefineOcrTextReviewTemplateInfo (api.json)."""

    switch: Switch
    label_set: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=10)] | None = None
    block_confidence: Annotated[int, Range(0, 100)] | None = None
    review_confidence: Annotated[int, Range(0, 100)] | None = None


class UserDefineConfigureInfo(Spec):
    """UserDefineConfigureInfo (api.json)."""

    face_review_info: UserDefineFaceReviewTemplateInfo | None = None
    asr_review_info: UserDefineAsrTextReviewTemplateInfo | None = None
    ocr_review_info: UserDefineOcrTextReviewTemplateInfo | None = None


class ContentReviewTemplateFields(Spec):
    """CreateContentReviewTemplate (api.json)."""

    review_wall_switch: Switch
    comment: str | None = None
    porn_configure: PornConfigureInfo | None = None
    terrorism_configure: TerrorismConfigureInfo | None = None
    political_configure: PoliticalConfigureInfo | None = None
    prohibited_configure: ProhibitedConfigureInfo | None = None
    user_define_configure: UserDefineConfigureInfo | None = None
    screenshot_interval: Annotated[float, Range(0.5, None, "s")] | None = None


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
