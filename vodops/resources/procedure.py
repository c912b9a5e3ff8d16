"""Procedure: the spec of CreateProcedureTemplate / ResetProcedureTemplate (a task flow), and the
kind's declaration (keyed by name: the API cannot rename a procedure)."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.normalize import Default, OffWhen, Rule, defaults, pattern
from vodops.resources import PROCEDURE
from vodops.resources.base import Path, Spec
from vodops.resources.kind import Identity, Kind, Wire
from vodops.resources.tasks import (
    AnalysisRef,
    ContentReviewRef,
    MediaProcessTask,
    RecognitionRef,
    ReviewRef,
    TemplateId,
)


class ContentReviewUse(Spec):
    definition: ContentReviewRef


class AnalysisUse(Spec):
    definition: AnalysisRef


class RecognitionUse(Spec):
    definition: RecognitionRef


class ReviewAudioVideoTask(Spec):
    definition: ReviewRef
    review_contents: list[Literal["Media", "Cover"]] | None = None


class ImportMediaKnowledgeTask(Spec):
    definition: TemplateId
    knowledge_base_ids: list[str] | None = None


class ProcedureSpec(Spec):
    comment: str | None = None
    media_process_task: MediaProcessTask | None = None
    ai_content_review_task: ContentReviewUse | None = None
    ai_analysis_task: AnalysisUse | None = None
    ai_recognition_task_set: list[RecognitionUse] | None = None
    review_audio_video_task: ReviewAudioVideoTask | None = None
    import_media_knowledge_task_set: (
        Annotated[
            list[ImportMediaKnowledgeTask],
            Field(description="tasks importing media into a knowledge base"),
        ]
        | None
    ) = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        if self.media_process_task is not None:
            for path, message in self.media_process_task.problems():
                yield ("mediaProcessTask", *path), message


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
    ProcedureSpec,
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
