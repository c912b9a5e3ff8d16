"""The model: the four kinds vodops manages, their spec models, names and dependency order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vodops.resources.base import Spec
from vodops.resources.media_class import MAX_DEPTH, MediaClassSpec
from vodops.resources.procedure import ProcedureSpec
from vodops.resources.transcode import TranscodeTemplateSpec
from vodops.resources.watermark import WatermarkTemplateSpec
from vodops.visible import UNSEEN_RULE, unseen_character

TRANSCODE = "TranscodeTemplate"
WATERMARK = "WatermarkTemplate"
MEDIA_CLASS = "MediaClass"
PROCEDURE = "Procedure"

# Creates and updates run in this order; deletes run in the reverse. Classes come first because
# nothing refers to them, templates before the procedures that refer to them.
DEPENDENCY_ORDER = (MEDIA_CLASS, WATERMARK, TRANSCODE, PROCEDURE)


def _template_name(name: str) -> str | None:
    if len(name) > 64:
        return f"is {len(name)} characters; template names can be at most 64"
    if name.isdigit():
        return "must not be only digits: a number in a reference means a template id"
    return None


def _procedure_name(name: str) -> str | None:
    if len(name) > 20:
        return f"is {len(name)} characters; procedure names can be at most 20"
    return None


def _class_path(path: str) -> str | None:
    parts = path.split("/")
    if any(part == "" for part in parts):
        return "must be a path like 'Movies/Action' with no empty segment"
    if len(parts) > MAX_DEPTH:
        return f"is {len(parts)} levels deep; classes can be at most {MAX_DEPTH} levels deep"
    too_long = [part for part in parts if len(part) > 64]
    if too_long:
        return f"segment {too_long[0]!r} is {len(too_long[0])} characters; class names can be at most 64"
    return None


@dataclass(frozen=True)
class Kind:
    name: str
    spec: type[Spec]
    spec_required: bool
    check_name: Callable[[str], str | None]

    def name_problem(self, name: str) -> str | None:
        """Why `name` cannot name a resource of this kind, or None. Names are compared in NFC."""
        unseen = unseen_character(name)
        if unseen:
            return f"contains {unseen}; {UNSEEN_RULE}"
        if name != name.strip():
            return "must not start or end with white space"
        return self.check_name(name)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(MEDIA_CLASS, MediaClassSpec, False, _class_path),
        Kind(WATERMARK, WatermarkTemplateSpec, True, _template_name),
        Kind(TRANSCODE, TranscodeTemplateSpec, True, _template_name),
        Kind(PROCEDURE, ProcedureSpec, True, _procedure_name),
    )
}
