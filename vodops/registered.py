"""The kinds vodops manages, by name, and the module that declares each: registering a kind is one
line here. Kept free of the model, so that the light modules (shell completion, manifest
discovery) can name the kinds and still start fast; `vodops.resources` imports each module and
reads its `KIND` (a `vodops.resources.kind.Kind`).

`vodops.resources` derives the dependency order from the references the spec models mark; kinds
that do not depend on each other keep the order they are listed in. List a kind after the kinds
it refers to, so that this order is that one (tests/test_conventions.py holds them equal).
"""

from __future__ import annotations

REGISTERED: dict[str, str] = {
    "MediaClass": "vodops.resources.media_class",
    "WatermarkTemplate": "vodops.resources.watermark",
    "TranscodeTemplate": "vodops.resources.transcode",
    "AdaptiveDynamicStreamingTemplate": "vodops.resources.adaptive_streaming",
    "SnapshotByTimeOffsetTemplate": "vodops.resources.time_offset_snapshot",
    "SampleSnapshotTemplate": "vodops.resources.sample_snapshot",
    "ImageSpriteTemplate": "vodops.resources.image_sprite",
    "AnimatedGraphicsTemplate": "vodops.resources.animated_graphics",
    "HeadTailTemplate": "vodops.resources.head_tail",
    "ContentReviewTemplate": "vodops.resources.content_review",
    "ReviewTemplate": "vodops.resources.review",
    "AIAnalysisTemplate": "vodops.resources.ai_analysis",
    "AIRecognitionTemplate": "vodops.resources.ai_recognition",
    "Procedure": "vodops.resources.procedure",
    "LivePullStreamTask": "vodops.resources.live_task",
    "SuperPlayerConfig": "vodops.resources.player",
    "Media": "vodops.resources.media",
    "SubApplication": "vodops.resources.sub_application",
    "EventConfig": "vodops.resources.event_config",
    "DefaultDistributionConfig": "vodops.resources.distribution_config",
    "StorageRegion": "vodops.resources.storage_region",
}
KIND_NAMES = tuple(REGISTERED)
