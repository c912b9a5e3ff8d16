"""CreateAIRecognitionTemplate: its quota and tables, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Apart from the models, so that the kind's declaration (vodops/kinds/) reads them without
building the models.
"""

from __future__ import annotations

# Custom templates per application (CreateAIRecognitionTemplate's document).
QUOTA: int | None = 50
# What Describe shows that is not configuration: the name, ids, times, whether a preset.
SHOWN_ONLY: frozenset[str] = frozenset({"Name", "Definition", "Type", "CreateTime", "UpdateTime"})
# Fields Create takes and Modify cannot change: a change replaces the template.
IMMUTABLE: tuple[str, ...] = ()
# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).
DEFAULTS: dict[str, object] = {
    "faceConfigure.score": 95.0,
    "faceConfigure.defaultLibraryLabelSet": [],
    "faceConfigure.userDefineLibraryLabelSet": [],
    "faceConfigure.faceLibrary": "All",
    "ocrWordsConfigure.labelSet": [],
    "asrFullTextConfigure.subtitleFormats": [],
    "asrFullTextConfigure.srcLanguage": "",
    "asrFullTextConfigure.subtitleName": "",
    "asrWordsConfigure.labelSet": [],
    "asrTranslateConfigure.srcLanguage": "",
    "asrTranslateConfigure.dstLanguage": "",
    "asrTranslateConfigure.subtitleFormats": [],
    "asrTranslateConfigure.subtitleName": "",
    "objectConfigure.objectLibrary": "All",
    "screenshotInterval": 1.0,
}
# Objects with a switch: one switched OFF is the same as none.
SWITCHED: tuple[str, ...] = (
    "headTailConfigure",
    "segmentConfigure",
    "faceConfigure",
    "ocrFullTextConfigure",
    "ocrWordsConfigure",
    "asrFullTextConfigure",
    "asrWordsConfigure",
    "asrTranslateConfigure",
    "objectConfigure",
)
# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).
CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {
    "asrTranslateConfigure.dstLanguage": (
        "srcLanguage",
        {
            "zh": "en ja ko fr es it de tr ru pt vi id th ms",
            "en": "zh ja ko fr es it de tr ru pt vi id th ms ar hi",
            "ja": "zh en ko",
            "ko": "zh en ja",
            "vi": "zh en",
            "ms": "zh en",
            "th": "zh en",
            "pt": "zh en fr es it de tr ru",
            "tr": "zh en fr es it de ru pt",
            "es": "zh en fr it de tr ru pt",
            "ar": "en",
            "hi": "en",
            "fr": "zh en es it de tr ru pt",
        },
    ),
}
