"""Procedure: the wire and normalization rules of procedures (task flows), keyed by name: the API
cannot rename a procedure. Its spec model is vodops.resources.procedure."""

from __future__ import annotations

from vodops.normalize import Default, OffWhen, Rule, defaults, pattern
from vodops.resources import PROCEDURE
from vodops.resources.kind import Identity, Kind, Wire


def _procedure_name(name: str) -> str | None:
    if len(name) > 20:
        return f"is {len(name)} characters; procedure names can be at most 20"
    return None


# Normalization: each entry is a fact from reference/vod-api-2018-07-17.md (§5, §9).
_WATERMARK_USE = {"startTimeOffset": 0, "endTimeOffset": 0}
_MOSAIC = {
    "coordinateOrigin": "TopLeft", "xPos": "0px", "yPos": "0px", "width": "10%", "height": "10%",
    "startTimeOffset": 0, "endTimeOffset": 0,
}  # fmt: skip
_BLACK = "0x000000"
_SUBTITLE = {
    "fontType": "hei.ttf", "fontColor": "0xFFFFFF", "fontAlpha": 1, "boardColor": _BLACK,
    "boardAlpha": 0.8, "alignment": "bottom", "outlineColor": _BLACK, "outlineAlpha": 1,
    "shadowColor": _BLACK, "shadowAlpha": 1, "lineSpacing": "0px",
}  # fmt: skip
RULES: tuple[Rule, ...] = (
    *defaults("mediaProcessTask.*.*.", {"startTimeOffset": 0, "endTimeOffset": 0}),
    *defaults("mediaProcessTask.*.*.watermarkSet.*.", _WATERMARK_USE),
    *defaults("mediaProcessTask.*.*.traceWatermark.", {"definition": 0}),
    OffWhen(pattern("mediaProcessTask.*.*.traceWatermark"), "switch", "OFF"),
    *defaults("mediaProcessTask.transcodeTaskSet.*.mosaicSet.*.", _MOSAIC),
    *defaults("mediaProcessTask.*.*.subtitleInfoSet.*.", _SUBTITLE),
    Default(pattern("reviewAudioVideoTask.reviewContents"), ["Media"]),
)

KIND = Kind(
    PROCEDURE,
    "vodops.resources.procedure:ProcedureSpec",
    Wire(
        "DescribeProcedureTemplates", "ProcedureTemplateSet", True, "CreateProcedureTemplate",
        "ResetProcedureTemplate", "DeleteProcedureTemplate", "Name", None, "Names",
    ),
    _procedure_name,
    folder="procedures",
    identity=Identity.NAME,
    rules=RULES,
    not_spec=frozenset(
        {"Name", "Type", "CreateTime", "UpdateTime", "MiniProgramPublishTask", "AiRecognitionTask"}
    ),
    quota=50,
)  # fmt: skip
