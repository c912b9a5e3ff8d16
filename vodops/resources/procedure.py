"""Procedure: the spec of CreateProcedureTemplate / ResetProcedureTemplate (a task flow)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Path, Spec
from vodops.resources.tasks import MediaProcessTask, TemplateId, TemplateRef


class ReviewAudioVideoTask(Spec):
    definition: TemplateId
    review_contents: list[Literal["Media", "Cover"]] | None = None


class ImportMediaKnowledgeTask(Spec):
    definition: TemplateId
    knowledge_base_ids: list[str] | None = None


class ProcedureSpec(Spec):
    comment: str | None = None
    media_process_task: MediaProcessTask | None = None
    ai_content_review_task: TemplateRef | None = None
    ai_analysis_task: TemplateRef | None = None
    ai_recognition_task_set: list[TemplateRef] | None = None
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
