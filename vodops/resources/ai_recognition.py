"""AIRecognitionTemplate: AI recognition: head/tail, segments, faces, text, speech, objects.

The spec model; the kind's declaration is vodops.kinds.ai_recognition.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.resources.base import Path
from vodops.resources.generated.ai_recognition_template import AIRecognitionTemplateFields
from vodops.resources.generated.ai_recognition_template_tables import CHOICES_BY

_SOURCES = CHOICES_BY["asrTranslateConfigure.dstLanguage"][1]  # srcLanguage -> the dstLanguages it takes


class AIRecognitionTemplateSpec(AIRecognitionTemplateFields):
    """The spec of CreateAIRecognitionTemplate, with the rules AsrTranslateConfigure states."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: speech
        translation's source and target languages, and not both it and full-text recognition ON."""
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
