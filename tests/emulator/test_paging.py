"""Describe pages read through the store's index (from the renderings kept with the stored
objects) answer exactly what the filtered (scanning, rendering) path answers: the same objects in
the same order, presets first, with the same TotalCount, byte for byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.conftest import Api, Clock
from tests.emulator.processing_corpus import TEMPLATES
from tests.emulator.reply_corpus import PLAYERS, PROCEDURES
from vodops.emulator import Emulator

LIST_KEYS = {
    "DescribeTranscodeTemplates": "TranscodeTemplateSet",
    "DescribeWatermarkTemplates": "WatermarkTemplateSet",
    **{f"Describe{kind}s": f"{kind}Set" for kind in TEMPLATES},
    "DescribeProcedureTemplates": "ProcedureTemplateSet",
    "DescribeSuperPlayerConfigs": "PlayerConfigSet",
}


def _listed(api: Api, action: str, limit: int, **filters: Any) -> tuple[list[Any], int]:
    seen: list[Any] = []
    offset, total = 0, 1
    while offset < total:
        reply = api(action, Offset=offset, Limit=limit, **filters)
        total = reply["TotalCount"]
        seen += reply[LIST_KEYS[action]]
        offset += limit
    return seen, total


def _pages(api: Api, action: str, limit: int, **filters: Any) -> tuple[list[str], int]:
    listed, total = _listed(api, action, limit, **filters)
    return [str(item["Definition"]) for item in listed], total


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


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_processing_template_pages_are_what_the_filtered_path_shows(api: Api, kind: str) -> None:
    minimal, maximal, modify = TEMPLATES[kind]
    made = [api(f"Create{kind}", **body)["Definition"] for body in (maximal, minimal, minimal)]
    api(f"Modify{kind}", Definition=made[0], **modify)
    api(f"Delete{kind}", Definition=made[1])
    action = f"Describe{kind}s"
    everything, total = _listed(api, action, 100, Definitions=[])  # no filter: the stored renderings
    presets = [item for item in everything if item["Definition"] not in made]
    assert [item["Definition"] for item in everything] == [item["Definition"] for item in presets] + [
        made[0],
        made[2],
    ]
    for limit in (1, 2, 100):
        assert _listed(api, action, limit) == (everything, total)
    # The scanning path renders each template at the read; the page shows the same.
    definitions = [item["Definition"] for item in everything]
    assert api(action, Definitions=definitions, Limit=100)[LIST_KEYS[action]] == everything
    beyond = api(action, Offset=2**63 - 1, Limit=100)  # the largest every kind takes (int64)
    assert (beyond[LIST_KEYS[action]], beyond["TotalCount"]) == ([], total)


@pytest.mark.parametrize(
    ("kind", "made", "change"),
    [
        ("ProcedureTemplate", PROCEDURES, ("ResetProcedureTemplate", {"Comment": "reset"})),
        ("SuperPlayerConfig", PLAYERS, ("ModifySuperPlayerConfig", {"Comment": "changed"})),
    ],
)
def test_named_object_pages_list_presets_then_creation_order(
    api: Api, clock: Clock, kind: str, made: list[dict[str, Any]], change: tuple[str, dict[str, Any]]
) -> None:
    """Procedures and player configs are keyed by name; pages show them in creation order, from
    their renderings, exactly as the scanning path (a Names filter) does."""
    names = [body["Name"] for body in made]
    for body in [*made, {**made[0], "Name": "third"}]:
        api(f"Create{kind}", **body)
        clock.advance(1)
    api(change[0], Name=names[0], **change[1])
    api(f"Delete{kind}", Name=names[1])
    action = "DescribeSuperPlayerConfigs" if kind == "SuperPlayerConfig" else f"Describe{kind}s"
    everything, total = _listed(api, action, 100)
    presets = [item for item in everything if item["Type"] == "Preset"]
    assert [item["Name"] for item in everything[len(presets) :]] == [names[0], "third"]
    assert everything[len(presets)]["Comment"] in ("reset", "changed")
    for limit in (1, 2):
        assert _listed(api, action, limit) == (everything, total)
    scanned = api(action, Names=[item["Name"] for item in everything], Limit=100)
    assert (scanned[LIST_KEYS[action]], scanned["TotalCount"]) == (everything, total)
    for offset in (total, 2**63, 2**64 - 1):  # past the end, however far: an empty page
        beyond = api(action, Offset=offset, Limit=100)
        assert (beyond[LIST_KEYS[action]], beyond["TotalCount"]) == ([], total)


def _raw_page(base_url: str, sign: Any, action: str, host: str | None = None, **params: Any) -> bytes:
    body = json.dumps(params).encode()
    host = host or base_url.removeprefix("http://")
    reply = httpx.post(base_url + "/", content=body, headers=sign(action, body, host))
    return reply.content


def test_an_image_url_shows_the_origin_each_page_was_asked_at(
    api: Api, base_url: str, sign: Any, png: str
) -> None:
    """Templates are rendered when written, for no origin; each page puts its caller's origin in
    front of an image's URL, and nowhere else (a name that looks like the member stays as it is)."""
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
    trap = '"ImageUrl":"/_emulator/images/x'
    api("CreateWatermarkTemplate", Type="text", Name=trap, Comment=trap, TextTemplate=text)
    image_url = api("CreateWatermarkTemplate", Type="image", Name=trap, ImageTemplate={"ImageContent": png})[
        "ImageUrl"
    ]
    port = base_url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f'we"ird\\:{port}'):
        page = json.loads(_raw_page(base_url, sign, "DescribeWatermarkTemplates", host, Limit=100))
        marks = page["Response"]["WatermarkTemplateSet"]
        assert [(mark["Name"], mark["Comment"]) for mark in marks] == [(trap, trap), (trap, "")]
        assert marks[0]["ImageTemplate"] is None
        assert marks[1]["ImageTemplate"]["ImageUrl"] == f"http://{host}/{image_url.split('/', 3)[3]}"
        scanned = json.loads(_raw_page(base_url, sign, "DescribeWatermarkTemplates", host, Type="image"))
        assert scanned["Response"]["WatermarkTemplateSet"] == marks[1:]


def test_pages_are_compact_utf8_json_byte_for_byte_and_never_stale(
    api: Api, base_url: str, sign: Any, hls_720p: dict[str, Any], png: str
) -> None:
    """Stored templates are kept encoded between pages; a page is still exactly the compact UTF-8
    encoding of its whole reply, presets and stored templates alike, and shows a change at once."""
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 0.5}
    mark = api("CreateWatermarkTemplate", Type="text", Name="水印", Comment='é"\\\n', TextTemplate=text)
    api(
        "CreateWatermarkTemplate",
        Type="image",
        Name="logo",
        ImageTemplate={"ImageContent": png, "Width": "10%"},
    )
    api("CreateTranscodeTemplate", **{**hls_720p, "Name": "高清"})
    for _ in range(2):  # the second time, from what was kept
        for action in ("DescribeWatermarkTemplates", "DescribeTranscodeTemplates"):
            content = _raw_page(base_url, sign, action, Limit=100)
            assert (
                content == json.dumps(json.loads(content), ensure_ascii=False, separators=(",", ":")).encode()
            )
            assert "水印".encode() in content or "高清".encode() in content
    api("ModifyWatermarkTemplate", Definition=mark["Definition"], Name="renamed")
    names = [item["Name"] for item in api("DescribeWatermarkTemplates")["WatermarkTemplateSet"]]
    assert names == ["renamed", "logo"]


def test_pages_follow_changes_made_through_another_emulator_on_the_same_file(
    db_file: Path, clock: Clock, serve: Callable[[Emulator], AbstractContextManager[Api]]
) -> None:
    """Two processes on one emulator file (e.g. a plan and an apply against the embedded target):
    the pages and TotalCount one serves show what the other has just created or deleted."""
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
    reader, writer = Emulator(db_file, clock=clock), Emulator(db_file, clock=clock)
    with serve(reader) as reading, serve(writer) as writing:
        made = [
            writing("CreateWatermarkTemplate", Type="text", Name=f"w{n}", TextTemplate=text) for n in range(5)
        ]
        definitions = [item["Definition"] for item in made]
        assert _pages(reading, "DescribeWatermarkTemplates", 2) == ([str(d) for d in definitions], 5)
        writing("DeleteWatermarkTemplate", Definition=definitions[1])
        more = writing("CreateWatermarkTemplate", Type="text", Name="w5", TextTemplate=text)["Definition"]
        expected = [str(d) for d in [*definitions[:1], *definitions[2:], more]]
        assert _pages(reading, "DescribeWatermarkTemplates", 2) == (expected, 5)
        assert (
            reading("DescribeWatermarkTemplates", Offset=4, Limit=2)["WatermarkTemplateSet"][0]["Name"]
            == "w5"
        )
    reader.close()
    writer.close()
