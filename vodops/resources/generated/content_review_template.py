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
