"""CreateAIRecognitionTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec
from vodops.resources.fields import Range, Switch


class HeadTailConfigureInfo(Spec):
    """HeadTailConfigureInfo (api.json)."""

    switch: Switch


class SegmentConfigureInfo(Spec):
    """SegmentConfigureInfo (api.json)."""

    switch: Switch


class FaceConfigureInfo(Spec):
    """FaceConfigureInfo (api.json)."""

    switch: Switch
    score: Annotated[float, Range(0, 100)] | None = None
    default_library_label_set: list[Literal["entertainment", "sport", "politician"]] | None = None
    user_define_library_label_set: (
        Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=100)]
        | None
    ) = None
    face_library: Literal["Default", "UserDefine", "All"] | None = None


class OcrFullTextConfigureInfo(Spec):
    """OcrFullTextConfigureInfo (api.json)."""

    switch: Switch


class OcrWordsConfigureInfo(Spec):
    """OcrWordsConfigureInfo (api.json)."""

    switch: Switch
    label_set: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=10)] | None = None


class AsrFullTextConfigureInfo(Spec):
    """AsrFullTextConfigureInfo (api.json)."""

    switch: Switch
    subtitle_formats: list[Literal["vtt", "srt"]] | None = None
    src_language: Literal["zh", "en", "ja", "zh-ca"] | None = None
    subtitle_name: Annotated[str, Field(max_length=64)] | None = None


class AsrWordsConfigureInfo(Spec):
    """AsrWordsConfigureInfo (api.json)."""

    switch: Switch
    label_set: Annotated[list[Annotated[str, Field(max_length=16)]], Field(max_length=10)] | None = None


class AsrTranslateConfigureInfo(Spec):
    """AsrTranslateConfigureInfo (api.json)."""

    switch: Switch
    src_language: (
        Literal[
        "zh",
        "en",
        "ja",
        "ko",
        "vi",
        "ms",
        "th",
        "pt",
        "tr",
        "ar",
        "es",
        "hi",
        "fr",
    ]
        | None
    ) = None
    dst_language: (
        Literal[
        "en",
        "ja",
        "ko",
        "fr",
        "es",
        "it",
        "de",
        "tr",
        "ru",
        "pt",
        "vi",
        "id",
        "th",
        "ms",
        "zh",
        "ar",
        "hi",
    ]
        | None
    ) = None
    subtitle_formats: list[Literal["vtt", "srt"]] | None = None
    subtitle_name: Annotated[str, Field(max_length=64)] | None = None


class ObjectConfigureInfo(Spec):
    """ObjectConfigureInfo (api.json)."""

    switch: Switch
    object_library: Literal["Default", "UserDefine", "All"] | None = None


class AIRecognitionTemplateFields(Spec):
    """CreateAIRecognitionTemplate (api.json)."""

    comment: str | None = None
    head_tail_configure: HeadTailConfigureInfo | None = None
    segment_configure: SegmentConfigureInfo | None = None
    face_configure: FaceConfigureInfo | None = None
    ocr_full_text_configure: OcrFullTextConfigureInfo | None = None
    ocr_words_configure: OcrWordsConfigureInfo | None = None
    asr_full_text_configure: AsrFullTextConfigureInfo | None = None
    asr_words_configure: AsrWordsConfigureInfo | None = None
    asr_translate_configure: AsrTranslateConfigureInfo | None = None
    object_configure: ObjectConfigureInfo | None = None
    screenshot_interval: Annotated[float, Range(0.5, None, "s")] | None = None
