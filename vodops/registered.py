"""The kinds vodops manages, by name, and the module that declares each: registering a kind is one
line here. Kept free of the model, so that the light modules (shell completion, manifest
discovery) can name the kinds and still start fast; `vodops.resources` imports each module (in
vodops/kinds/) and reads its `KIND` (a `vodops.resources.kind.Kind`), which names its spec model
without importing it.

`vodops.resources` derives the dependency order from the references the spec models mark; kinds
that do not depend on each other keep the order they are listed in. List a kind after the kinds
it refers to, so that this order is that one (tests/test_conventions.py holds them equal).
"""

from __future__ import annotations

REGISTERED: dict[str, str] = {
    "MediaClass": "vodops.kinds.media_class",
    "WatermarkTemplate": "vodops.kinds.watermark",
    "TranscodeTemplate": "vodops.kinds.transcode",
    "AdaptiveDynamicStreamingTemplate": "vodops.kinds.adaptive_streaming",
    "SnapshotByTimeOffsetTemplate": "vodops.kinds.time_offset_snapshot",
    "SampleSnapshotTemplate": "vodops.kinds.sample_snapshot",
    "ImageSpriteTemplate": "vodops.kinds.image_sprite",
    "AnimatedGraphicsTemplate": "vodops.kinds.animated_graphics",
    "HeadTailTemplate": "vodops.kinds.head_tail",
    "ContentReviewTemplate": "vodops.kinds.content_review",
    "ReviewTemplate": "vodops.kinds.review",
    "AIAnalysisTemplate": "vodops.kinds.ai_analysis",
    "AIRecognitionTemplate": "vodops.kinds.ai_recognition",
    "Procedure": "vodops.kinds.procedure",
    "LivePullStreamTask": "vodops.kinds.live_task",
    "SuperPlayerConfig": "vodops.kinds.player",
    "Media": "vodops.kinds.media",
    "SubApplication": "vodops.kinds.sub_application",
    "EventConfig": "vodops.kinds.event_config",
    "DefaultDistributionConfig": "vodops.kinds.distribution_config",
    "StorageRegion": "vodops.kinds.storage_region",
}
KIND_NAMES = tuple(REGISTERED)
