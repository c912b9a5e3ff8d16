"""Describe pages read through the store's index answer exactly what the filtered (scanning)
path answers: the same objects in the same order, presets first, with the same TotalCount."""

from __future__ import annotations

from typing import Any

from tests.emulator.conftest import Api

LIST_KEYS = {
    "DescribeTranscodeTemplates": "TranscodeTemplateSet",
    "DescribeWatermarkTemplates": "WatermarkTemplateSet",
}


def _pages(api: Api, action: str, limit: int, **filters: Any) -> tuple[list[str], int]:
    seen: list[str] = []
    offset, total = 0, 1
    while offset < total:
        reply = api(action, Offset=offset, Limit=limit, **filters)
        total = reply["TotalCount"]
        seen += [str(item["Definition"]) for item in reply[LIST_KEYS[action]]]
        offset += limit
    return seen, total


def test_transcode_pages_cross_from_presets_to_custom_templates(api: Api, hls_720p: dict[str, Any]) -> None:
    made = [
        str(api("CreateTranscodeTemplate", **{**hls_720p, "Name": f"t{n}"})["Definition"]) for n in range(12)
    ]
    presets, preset_count = _pages(api, "DescribeTranscodeTemplates", 100, Type="Preset")
    assert _pages(api, "DescribeTranscodeTemplates", 100, Type="Custom") == (made, 12)
    for limit in (1, 7, preset_count, 100):
        listed, total = _pages(api, "DescribeTranscodeTemplates", limit)
        assert (listed, total) == (presets + made, preset_count + 12)
    beyond = api("DescribeTranscodeTemplates", Offset=preset_count + 12, Limit=5)
    assert beyond["TranscodeTemplateSet"] == [] and beyond["TotalCount"] == preset_count + 12


def test_watermark_pages_are_in_id_order_with_the_total(api: Api) -> None:
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
    made = [
        str(api("CreateWatermarkTemplate", Type="text", Name=f"w{n}", TextTemplate=text)["Definition"])
        for n in range(11)
    ]
    api("DeleteWatermarkTemplate", Definition=int(made.pop(3)))
    for limit in (1, 4, 100):
        assert _pages(api, "DescribeWatermarkTemplates", limit) == (made, 10)
    assert _pages(api, "DescribeWatermarkTemplates", 4, Type="text") == (made, 10)
    default = api("DescribeWatermarkTemplates")
    assert [str(item["Definition"]) for item in default["WatermarkTemplateSet"]] == made, (
        "Limit 10 by default"
    )
