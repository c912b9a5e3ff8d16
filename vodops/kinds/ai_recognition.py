"""AIRecognitionTemplate: AI recognition templates, declared from the tables generated out of
api.json; an update spells subtitle formats as an operation. Its spec model is
vodops.resources.ai_recognition.
"""

from __future__ import annotations

from typing import Any

from vodops.kinds.template import template_kind
from vodops.resources.generated import ai_recognition_template_tables


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
    "vodops.resources.ai_recognition:AIRecognitionTemplateSpec",
    ai_recognition_template_tables,
    update_body=_formats_by_operation,
)
