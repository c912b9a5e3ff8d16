"""Objects of every kind, minimal and maximal, made through the official SDK: every reply the
emulator gives on the way, by action, for comparing with api.json's reply definitions."""

from __future__ import annotations

import base64
import time
from collections import defaultdict
from typing import Any

from tests.emulator.processing_corpus import build_processing_corpus
from tests.emulator.uploads import cos_client

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
AUDIO = {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100}
VIDEO = {"Codec": "libx264", "Fps": 25, "Bitrate": 1800}
FULL_VIDEO = {
    "Codec": "libx265", "Fps": 30, "Bitrate": 2000, "ResolutionAdaptive": "close", "Width": 1280,
    "Height": 720, "FillType": "gauss", "Vcrf": 23, "Gop": 2, "GopUnit": "second",
    "PreserveHDRSwitch": "ON", "CodecTag": "hev1", "Mode": "CBR", "Bframes": 3, "HlsTime": 6,
    "VideoProfile": "main",
}  # fmt: skip
ENHANCE = {
    "VideoEnhance": {
        "EnhanceScenarioType": "game",
        "SuperResolution": {"Switch": "ON", "Type": "hq", "Size": 2},
        "Hdr": {"Switch": "ON", "Type": "hlg"},
        "Denoise": {"Switch": "ON", "Type": "strong"},
        "ImageQualityEnhance": {"Switch": "ON", "Type": "normal"},
        "ColorEnhance": {"Switch": "ON", "Type": "strong"},
        "LowLightEnhance": {"Switch": "ON", "Type": "normal"},
        "ScratchRepair": {"Switch": "ON", "Intensity": 0.5, "Type": "normal"},
        "ArtifactRepair": {"Switch": "OFF", "Type": "weak"},
        "DiffusionEnhance": {"Switch": "OFF"},
        "FrameRateWithDen": {"Switch": "ON", "FpsNum": 30000, "FpsDen": 1001},
    },
    "AudioEnhance": {
        "Denoise": {"Switch": "ON", "Type": "normal"},
        "Separate": {"Switch": "ON", "Type": "music", "Track": "background"},
        "VolumeBalance": {"Switch": "ON", "Type": "gainControl"},
        "Beautify": {"Switch": "ON", "Types": ["declick", "deesser"]},
    },
}
TRANSCODES = [
    {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO},
    {"Container": "m4a", "AudioTemplate": AUDIO},
    {"Container": "flv", "RemoveAudio": 1, "VideoTemplate": VIDEO},
    {
        "Container": "hls", "Name": "full", "Comment": "every member", "RemoveVideo": 0,
        "RemoveAudio": 0, "VideoTemplate": FULL_VIDEO, "AudioTemplate": {**AUDIO, "AudioChannel": 1},
        "TEHDConfig": {"Type": "TEHD-100", "MaxVideoBitrate": 3000}, "EnhanceConfig": ENHANCE,
        "SegmentType": "fmp4", "StdExtInfo": "{}",
    },
]  # fmt: skip
_SPOT = {"CoordinateOrigin": "BottomRight", "XPos": "5%", "YPos": "10px", "Name": "n", "Comment": "c"}
WATERMARKS = [
    {"Type": "image", "ImageTemplate": {"ImageContent": PNG}},
    {
        "Type": "image",
        **_SPOT,
        "ImageTemplate": {
            "ImageContent": PNG,
            "Width": "20%",
            "Height": "32px",
            "RepeatType": "once",
            "Transparency": 30,
        },
    },
    {
        "Type": "text",
        "TextTemplate": {
            "FontType": "arial.ttf",
            "FontSize": "16px",
            "FontColor": "0x00FF00",
            "FontAlpha": 0.5,
        },
    },
    {"Type": "svg", "SvgTemplate": {}},
    {"Type": "svg", **_SPOT, "SvgTemplate": {"Width": "10W%", "Height": "5H%"}},
]
_MARKS = [{"Definition": 7}, {"Definition": 8, "TextContent": "hi", "StartTimeOffset": 1, "EndTimeOffset": 9}]
_SUBTITLES = [
    {"Id": "SUBTITLE_ID_PLACE_HOLDER"},
    {
        "Id": "SUBTITLE_ID_PLACE_HOLDER", "StreamIndex": 1, "FontType": "roboto.ttf", "FontSize": "5%",
        "FontColor": "0xFFFF00", "FontAlpha": 0.9, "YPos": "4%", "BoardY": "3%", "BoardWidth": "90%",
        "BoardHeight": "15%", "BoardColor": "0x101010", "BoardAlpha": 0.5, "Alignment": "top",
        "OutlineWidth": "1px", "OutlineColor": "0x202020", "OutlineAlpha": 0.7, "ShadowWidth": "2px",
        "ShadowColor": "0x303030", "ShadowAlpha": 0.6, "LineSpacing": "3px",
    },
]  # fmt: skip
_SHARED = {
    "WatermarkSet": _MARKS,
    "TraceWatermark": {"Switch": "ON"},
    "CopyRightWatermark": {"Text": "(c)"},
    "BlindWatermark": {"Definition": 5},
    "SubtitleInfoSet": _SUBTITLES,
}
_OVERRIDE = {
    "Container": "mp4", "RemoveVideo": 0, "RemoveAudio": 0, "VideoTemplate": {"Fps": 24},
    "AudioTemplate": {"StreamSelects": [0]}, "TEHDConfig": {"MaxVideoBitrate": 100}, "StdExtInfo": "x",
}  # fmt: skip
_DRM = {
    "DrmTypes": ["Widevine"],
    "SPEKEDrm": {
        "ResourceId": "res-1", "KeyServerUrl": "https://keys.example", "Vector": "0" * 32,
        "EncryptionMethod": "cenc", "EncryptionPreset": "preset1", "KeyAcquireMode": "GET",
    },
}  # fmt: skip
MEDIA = {
    "TranscodeTaskSet": [
        {"Definition": 100030},
        {
            "Definition": 100020, **_SHARED, "StartTimeOffset": 1, "EndTimeOffset": 2,
            "MosaicSet": [{}, {"CoordinateOrigin": "TopLeft", "XPos": "1%", "YPos": "2%", "Width": "3%",
                               "Height": "4%", "StartTimeOffset": 1, "EndTimeOffset": 2}],
            "HeadTailSet": [{"Definition": 3}], "OverrideParameter": _OVERRIDE,
        },
    ],
    "AnimatedGraphicTaskSet": [{"Definition": 20000, "StartTimeOffset": 0, "EndTimeOffset": 5}],
    "SnapshotByTimeOffsetTaskSet": [
        {"Definition": 10},
        {"Definition": 10, "ExtTimeOffsetSet": ["1s", "50%"], "TimeOffsetSet": [1.5], "WatermarkSet": _MARKS},
    ],
    "SampleSnapshotTaskSet": [{"Definition": 10}, {"Definition": 10, "WatermarkSet": _MARKS}],
    "ImageSpriteTaskSet": [{"Definition": 10}],
    "CoverBySnapshotTaskSet": [
        {"Definition": 10, "PositionType": "Time", "PositionValue": 0},
        {"Definition": 10, "PositionType": "Percent", "PositionValue": 50, "WatermarkSet": _MARKS},
    ],
    "AdaptiveDynamicStreamingTaskSet": [
        {"Definition": 10},
        {"Definition": 10, **_SHARED, "SubtitleSet": ["s1"], "DrmInfo": _DRM},
    ],
}  # fmt: skip
PROCEDURES = [
    {"Name": "minimal"},
    {
        "Name": "maximal",
        "Comment": "every task",
        "MediaProcessTask": MEDIA,
        "AiContentReviewTask": {"Definition": 10},
        "AiAnalysisTask": {"Definition": 20},
        "AiRecognitionTaskSet": [{"Definition": 30}],
        "AiRecognitionTask": {"Definition": 31},
        "ReviewAudioVideoTask": {"Definition": 40, "ReviewContents": ["Media", "Cover"]},
        "ImportMediaKnowledgeTaskSet": [{"Definition": 50, "KnowledgeBaseIds": ["kb"]}],
    },
]


def build_corpus(api: Any) -> dict[str, list[dict[str, Any]]]:
    """Make the corpus with `api(action, **params)`; every reply, by action."""
    replies: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def call(action: str, **params: Any) -> dict[str, Any]:
        reply: dict[str, Any] = api(action, **params)
        replies[action].append(reply)
        return reply

    _templates(call)
    build_processing_corpus(call)
    _classes(call)
    for procedure in PROCEDURES:
        call("CreateProcedureTemplate", **procedure)
    call("DescribeProcedureTemplates", Limit=100)
    call("ResetProcedureTemplate", Name="minimal", Comment="reset")
    call("DeleteProcedureTemplate", Name="minimal")
    _applications(call)
    _media(call, api)
    return dict(replies)


PLAYERS = [
    {"Name": "minimal", "AdaptiveDynamicStreamingDefinition": 10},
    {
        "Name": "maximal", "AudioVideoType": "AdaptiveDynamicStream", "DrmSwitch": "ON",
        "DrmStreamingsInfo": {"SimpleAesDefinition": 11, "WidevineDefinition": 12, "FairPlayDefinition": 13},
        "ImageSpriteDefinition": 10, "ResolutionNames": [{"MinEdgeLength": 720, "Name": "HD"}],
        "Domain": "Default", "Scheme": "HTTPS", "Comment": "every member",
    },
]  # fmt: skip


def _applications(call: Any) -> None:
    app = call("CreateSubAppId", Name="corpus", Description="d", Tags=[{"TagKey": "k", "TagValue": "v"}])[
        "SubAppId"
    ]
    call("CreateSubAppId", Name="corpus-path", Mode="fileid+path", StorageRegion="ap-guangzhou")
    call("ModifySubAppIdInfo", SubAppId=app, Name="renamed", Description="")
    call("ModifySubAppIdStatus", SubAppId=app, Status="Off")
    call("DescribeSubAppIds")
    call("ModifyEventConfig", Mode="PUSH", NotificationUrl="https://hooks.example/vod", SignKey="k1")
    call("DescribeEventConfig")
    call("ModifyDefaultDistributionConfig", Scheme="HTTPS", PlayKey="abcd1234")
    call("DescribeDefaultDistributionConfig")
    call("CreateStorageRegion", StorageRegion="ap-singapore")
    call("ModifyDefaultStorageRegion", StorageRegion="ap-singapore")
    call("DescribeStorageRegions")
    for player in PLAYERS:
        call("CreateSuperPlayerConfig", **player)
    call("ModifySuperPlayerConfig", Name="minimal", DrmStreamingsInfo={"WidevineDefinition": 5})
    call("DescribeSuperPlayerConfigs", Limit=100)
    call("DeleteSuperPlayerConfig", Name="minimal")


def _templates(call: Any) -> None:
    transcodes = [call("CreateTranscodeTemplate", **body)["Definition"] for body in TRANSCODES]
    call("DescribeTranscodeTemplates", Limit=100)
    call("ModifyTranscodeTemplate", Definition=transcodes[0], TEHDConfig={"MaxVideoBitrate": 10})
    call("DeleteTranscodeTemplate", Definition=transcodes[0])
    marks = [call("CreateWatermarkTemplate", **body)["Definition"] for body in WATERMARKS]
    call("DescribeWatermarkTemplates", Limit=100)
    call("ModifyWatermarkTemplate", Definition=marks[0], ImageTemplate={"ImageContent": PNG})
    call("ModifyWatermarkTemplate", Definition=marks[2], Name="renamed")
    call("DeleteWatermarkTemplate", Definition=marks[-1])


def _classes(call: Any) -> None:
    top = call("CreateClass", ParentId=-1, ClassName="top")["ClassId"]
    child = call("CreateClass", ParentId=top, ClassName="child")["ClassId"]
    call("DescribeAllClass")
    call("ModifyClass", ClassId=child, ClassName="renamed")
    call("DeleteClass", ClassId=child)


def _media(call: Any, api: Any) -> None:
    """An upload with a cover and a procedure, a pull of it, and every change of media."""
    call(
        "CreateProcedureTemplate",
        Name="ingest",
        MediaProcessTask={"TranscodeTaskSet": [{"Definition": 100030}]},
    )
    applied = call("ApplyUpload", MediaType="mp4", CoverType="png", Procedure="ingest", MediaName="m")
    client = cos_client(api.endpoint, applied)
    client.put_object(Bucket=applied["StorageBucket"], Key=applied["MediaStoragePath"][1:], Body=b"media")
    client.put_object(
        Bucket=applied["StorageBucket"], Key=applied["CoverStoragePath"][1:], Body=base64.b64decode(PNG)
    )
    committed = call("CommitUpload", VodSessionKey=applied["VodSessionKey"])
    task_id = call("PullUpload", MediaUrl=committed["MediaUrl"], CoverUrl=committed["CoverUrl"])["TaskId"]
    while call("DescribeTaskDetail", TaskId=task_id)["Status"] != "FINISH":
        time.sleep(0.02)
    call(
        "DescribeTaskDetail", TaskId=call("PullUpload", MediaUrl=committed["MediaUrl"] + ".404.mp4")["TaskId"]
    )
    file_id = committed["FileId"]
    vtt = base64.b64encode(b"WEBVTT").decode()
    call("ModifyMediaInfo", FileId=file_id, Name="n", Description="d", AddTags=["t"], CoverData=PNG,
         AddKeyFrameDescs=[{"TimeOffset": 1.5, "Content": "k"}],
         AddSubtitles=[{"Name": "en", "Language": "en", "Format": "vtt", "Content": vtt}])  # fmt: skip
    call("SearchMedia", Limit=100)
    call("SearchMedia", Filters=["basicInfo"])
    call("DescribeMediaInfos", FileIds=[file_id, "0"])
    call("DeleteMedia", FileId=file_id)
