"""AIRecognitionTemplate: AI recognition: head/tail, segments, faces, text, speech, objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vodops.resources.base import Path
from vodops.resources.generated import ai_recognition_template
from vodops.resources.generated.ai_recognition_template import CHOICES_BY, AIRecognitionTemplateFields
from vodops.resources.template_kind import template_kind

_SOURCES = CHOICES_BY["asrTranslateConfigure.dstLanguage"][1]  # srcLanguage -> the dstLanguages it takes


class AIRecognitionTemplateSpec(AIRecognitionTemplateFields):
    """The spec of CreateAIRecognitionTemplate, with the rules AsrTranslateConfigure states."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        translate, full_text = self.asr_translate_configure, self.asr_full_text_configure
        if translate is None or translate.switch != "ON":
            return
        source, target = translate.src_language, translate.dst_language
        if source is None:
            yield ("asrTranslateConfigure", "srcLanguage"), "is required when switch is ON"
        elif target and target not in _SOURCES.get(source, "").split():
            choices = ", ".join(_SOURCES.get(source, "").split())
            yield (
                ("asrTranslateConfigure", "dstLanguage"),
                (f"{source} cannot be translated to {target} (choose {choices})"),
            )
        if full_text is not None and full_text.switch == "ON":
            # "speech translation returns the full text too: both may not be ON" (api.json)
            yield (
                ("asrFullTextConfigure", "switch"),
                ("cannot be ON with asrTranslateConfigure ON (a translation includes the full text)"),
            )


def _formats_by_operation(body: dict[str, Any]) -> dict[str, Any]:
    """ModifyAIRecognitionTemplate takes no SubtitleFormats: AsrFullTextConfigureInfoForUpdate and
    AsrTranslateConfigureInfoForUpdate set them by SubtitleFormatsOperation {Type, Formats}
    (api.json); `reset` to the declared list (none when the manifest has none)."""
    for name in ("AsrFullTextConfigure", "AsrTranslateConfigure"):
        configure = body.get(name)
        if isinstance(configure, dict):
            formats = configure.pop("SubtitleFormats", [])
            configure["SubtitleFormatsOperation"] = {"Type": "reset", "Formats": formats}
    return body


KIND = template_kind(
    "AIRecognitionTemplate",
    AIRecognitionTemplateSpec,
    ai_recognition_template,
    update_body=_formats_by_operation,
)
