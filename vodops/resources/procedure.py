"""Procedure's spec: CreateProcedureTemplate's / ResetProcedureTemplate's (a task flow); the kind's
declaration is vodops.kinds.procedure."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Path, Spec
from vodops.resources.tasks import (
    AnalysisRef,
    ContentReviewRef,
    MediaProcessTask,
    RecognitionRef,
    ReviewRef,
    TemplateId,
)


class ContentReviewUse(Spec):
    """AiContentReviewTaskInput: the content review template a procedure runs."""

    definition: ContentReviewRef


class AnalysisUse(Spec):
    """AiAnalysisTaskInput: the AI analysis template a procedure runs."""

    definition: AnalysisRef


class RecognitionUse(Spec):
    """AiRecognitionTaskInput: an AI recognition template a procedure runs."""

    definition: RecognitionRef


class ReviewAudioVideoTask(Spec):
    """ProcedureReviewAudioVideoTaskInput: the review template a procedure runs, on the media, its cover or
    both."""

    definition: ReviewRef
    review_contents: list[Literal["Media", "Cover"]] | None = None


class ImportMediaKnowledgeTask(Spec):
    """ImportMediaKnowledgeTaskInput: a template importing the media into knowledge bases."""

    definition: TemplateId
    knowledge_base_ids: list[str] | None = None


class ProcedureSpec(Spec):
    """CreateProcedureTemplate's fields: the tasks a procedure runs on a media."""

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
        """(path inside the spec, message) for each rule across fields that the types cannot state: those of
        mediaProcessTask, under it."""
        if self.media_process_task is not None:
            for path, message in self.media_process_task.problems():
                yield ("mediaProcessTask", *path), message
