"""What api.json does not say, written by hand: the generator reads these tables.

Each entry names the api.json object and member it corrects, and why (the document's phrasing
the reader in docs.py does not parse, or a model vodops already has for that object).
"""

from __future__ import annotations

# The ten template kinds generated, in dependency order among themselves (none refers to another).
KINDS = (
    "AdaptiveDynamicStreamingTemplate",
    "SnapshotByTimeOffsetTemplate",
    "SampleSnapshotTemplate",
    "ImageSpriteTemplate",
    "AnimatedGraphicsTemplate",
    "HeadTailTemplate",
    "ContentReviewTemplate",
    "ReviewTemplate",
    "AIAnalysisTemplate",
    "AIRecognitionTemplate",
)

# Request members that are not part of a spec: the application travels with the target, and the
# name is the manifest's metadata.name.
NOT_SPEC = frozenset({"SubAppId", "Name"})

# api.json objects vodops already models by hand, with their cross-field rules
# (AdaptiveStreamTemplate.Video/Audio are the transcode template's VideoTemplate/AudioTemplate).
REUSE: dict[str, tuple[str, str]] = {
    "VideoTemplateInfo": ("vodops.resources.transcode", "VideoStream"),
    "AudioTemplateInfo": ("vodops.resources.transcode", "AudioStream"),
    "TEHDConfig": ("vodops.resources.transcode", "TEHDConfig"),
    "EnhanceConfig": ("vodops.resources.enhance", "EnhanceConfig"),
}

# Choices the document lists in a phrasing the reader does not parse.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    # One choice per <p> paragraph, not an <li> list.
    ("CreateAdaptiveDynamicStreamingTemplateRequest", "SegmentType"): (
        "ts", "mp4", "ts-segment", "ts-byterange", "mp4-segment", "mp4-byterange", "ts-packed-audio",
        "mp4-packed-audio", "ts-ts-segment", "ts-ts-byterange", "mp4-mp4-segment", "mp4-mp4-byterange",
        "ts-packed-audio-byterange", "mp4-packed-audio-byterange",
    ),
    # Choices separated by <br>, not an <li> list.
    ("CreateAdaptiveDynamicStreamingTemplateRequest", "DrmEncryptType"): ("cbcs", "cenc"),
}  # fmt: skip

# Members whose choices depend on a sibling member, listed case by case in the document
# (docs.choices_by): typed as any of the choices, the pairing checked by the kind's rules
# against the generated CHOICES_BY table.
CASES: frozenset[tuple[str, str]] = frozenset({("AsrTranslateConfigureInfo", "DstLanguage")})
