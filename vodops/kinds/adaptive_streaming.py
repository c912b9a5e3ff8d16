"""AdaptiveDynamicStreamingTemplate: an adaptive bitrate (HLS or MPEG-DASH) ladder, declared from
the tables generated out of api.json, with the transcode template's rules for each rung. Its spec
model is vodops.resources.adaptive_streaming.
"""

from __future__ import annotations

from vodops.kinds import transcode
from vodops.kinds.template import moved, template_kind
from vodops.resources.generated import adaptive_dynamic_streaming_template_tables

# A rung's video, audio, TEHD and enhancement are the transcode template's, with its defaults.
_RUNG = ("streamInfos", "*")
KIND = template_kind(
    "AdaptiveDynamicStreamingTemplate",
    "vodops.resources.adaptive_streaming:AdaptiveDynamicStreamingTemplateSpec",
    adaptive_dynamic_streaming_template_tables,
    rules=moved(
        transcode.RULES,
        {
            "videoTemplate": (*_RUNG, "video"),
            "audioTemplate": (*_RUNG, "audio"),
            "tehdConfig": (*_RUNG, "tehdConfig"),
            "enhanceConfig": (*_RUNG, "enhanceConfig"),
        },
    ),
)
