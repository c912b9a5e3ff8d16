"""What the registry says about every kind at once, derived from the kinds' declarations.

Do not edit: run `python -m vodops.resources.facts` (tests/test_registry.py fails when this is
stale). `vodops.resources` reads it, so that these facts import no spec model.
"""

from __future__ import annotations

APPLICATION_LEVEL: tuple[str, ...] = (
    "SubApplication",
    "EventConfig",
    "DefaultDistributionConfig",
    "StorageRegion",
)
"""The application itself, then its settings: planned and applied first (vodops/application/)."""

REFERRERS: tuple[str, ...] = (
    "Procedure",
    "SuperPlayerConfig",
    "Media",
)
"""The kinds whose specs refer to other kinds, in dependency order."""

REFERRED: frozenset[str] = frozenset(
    {
        "AIAnalysisTemplate",
        "AIRecognitionTemplate",
        "AdaptiveDynamicStreamingTemplate",
        "AnimatedGraphicsTemplate",
        "ContentReviewTemplate",
        "HeadTailTemplate",
        "ImageSpriteTemplate",
        "MediaClass",
        "Procedure",
        "ReviewTemplate",
        "SampleSnapshotTemplate",
        "SnapshotByTimeOffsetTemplate",
        "TranscodeTemplate",
        "WatermarkTemplate",
    }
)
"""The kinds some spec refers to (templates): references name them, the API carries their ids."""

QUOTAS: dict[str, int] = {
    "AIAnalysisTemplate": 50,
    "AIRecognitionTemplate": 50,
    "AdaptiveDynamicStreamingTemplate": 100,
    "AnimatedGraphicsTemplate": 16,
    "ContentReviewTemplate": 50,
    "HeadTailTemplate": 100,
    "ImageSpriteTemplate": 16,
    "ReviewTemplate": 50,
    "SampleSnapshotTemplate": 16,
    "SnapshotByTimeOffsetTemplate": 16,
    "TranscodeTemplate": 100,
    "WatermarkTemplate": 1000,
    "Procedure": 50,
    "SuperPlayerConfig": 100,
}
"""Custom objects per sub-application on the 2018 API (reference §8): templates by name,
then the kinds keyed by name (the order plans list them in)."""

REFERENCE_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "Procedure": (
        ("mediaProcessTask.transcodeTaskSet.*.definition", "TranscodeTemplate"),
        ("mediaProcessTask.transcodeTaskSet.*.watermarkSet.*.definition", "WatermarkTemplate"),
        ("mediaProcessTask.transcodeTaskSet.*.headTailSet.*.definition", "HeadTailTemplate"),
        ("mediaProcessTask.animatedGraphicTaskSet.*.definition", "AnimatedGraphicsTemplate"),
        ("mediaProcessTask.snapshotByTimeOffsetTaskSet.*.definition", "SnapshotByTimeOffsetTemplate"),
        ("mediaProcessTask.snapshotByTimeOffsetTaskSet.*.watermarkSet.*.definition", "WatermarkTemplate"),
        ("mediaProcessTask.sampleSnapshotTaskSet.*.definition", "SampleSnapshotTemplate"),
        ("mediaProcessTask.sampleSnapshotTaskSet.*.watermarkSet.*.definition", "WatermarkTemplate"),
        ("mediaProcessTask.imageSpriteTaskSet.*.definition", "ImageSpriteTemplate"),
        ("mediaProcessTask.coverBySnapshotTaskSet.*.definition", "SnapshotByTimeOffsetTemplate"),
        ("mediaProcessTask.coverBySnapshotTaskSet.*.watermarkSet.*.definition", "WatermarkTemplate"),
        ("mediaProcessTask.adaptiveDynamicStreamingTaskSet.*.definition", "AdaptiveDynamicStreamingTemplate"),
        ("mediaProcessTask.adaptiveDynamicStreamingTaskSet.*.watermarkSet.*.definition", "WatermarkTemplate"),
        ("aiContentReviewTask.definition", "ContentReviewTemplate"),
        ("aiAnalysisTask.definition", "AIAnalysisTemplate"),
        ("aiRecognitionTaskSet.*.definition", "AIRecognitionTemplate"),
        ("reviewAudioVideoTask.definition", "ReviewTemplate"),
    ),
    "SuperPlayerConfig": (
        ("adaptiveDynamicStreamingDefinition", "AdaptiveDynamicStreamingTemplate"),
        ("drmStreamingsInfo.simpleAesDefinition", "AdaptiveDynamicStreamingTemplate"),
        ("drmStreamingsInfo.widevineDefinition", "AdaptiveDynamicStreamingTemplate"),
        ("drmStreamingsInfo.fairPlayDefinition", "AdaptiveDynamicStreamingTemplate"),
        ("transcodeDefinition", "TranscodeTemplate"),
        ("imageSpriteDefinition", "ImageSpriteTemplate"),
    ),
    "Media": (
        ("mediaClass", "MediaClass"),
        ("procedure", "Procedure"),
    ),
}
"""Where each referring kind's spec holds a reference (a dotted path, `*` for any list index),
and the kind it refers to: vodops.refs reads it without building a spec model."""
