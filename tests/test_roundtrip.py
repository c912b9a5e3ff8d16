"""Each kind's life: create, no diff after apply, update one field, delete; the live account checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK


def _converges(vodops: Vodops, directory: Path, *allowed: str) -> str:
    applied = vodops("apply", directory, "--yes", *allowed)
    assert applied.code == 0, applied.text
    after = vodops("plan", directory, "--detailed-exitcode")
    assert after.code == 0, after.out
    return applied.out


def _changed_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.startswith("    ")]


def test_transcode_template(vodops: Vodops, tmp_path: Path) -> None:
    spec = hls(width=1280, height=720, fillType="white", preserveHDRSwitch="OFF", bframes=3)
    spec["tehdConfig"] = {"type": "TEHD-100", "maxVideoBitrate": 2000}
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls", spec))
    _converges(vodops, tmp_path)

    del spec["tehdConfig"]
    del spec["videoTemplate"]["bframes"]
    spec["videoTemplate"]["fillType"] = "black"
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls", spec))
    plan = vodops("plan", tmp_path)
    assert _changed_lines(plan.out) == [
        "tehdConfig.maxVideoBitrate: 2000 -> (default)",
        "tehdConfig.type: TEHD-100 -> (default)",
        "videoTemplate.bframes: 3 -> (default)",
        "videoTemplate.fillType: white -> (default)",
    ]
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [live] = custom(api, TRANSCODE)
    assert live["VideoTemplate"]["FillType"] == "black"
    assert "Bframes" not in live["VideoTemplate"] or live["VideoTemplate"]["Bframes"] in (None, -1)

    write(tmp_path, "t.yaml")
    assert "- delete TranscodeTemplate 'hls'" in vodops("plan", tmp_path).out
    _converges(vodops, tmp_path, "--allow-delete", "TranscodeTemplate/hls")  # no manifests: braked
    with live_api(tmp_path) as api:
        assert custom(api, TRANSCODE) == []


def test_text_and_svg_watermarks(vodops: Vodops, tmp_path: Path) -> None:
    svg = {"type": "svg", "coordinateOrigin": "BottomRight", "svgTemplate": {"width": "12W%"}}
    write(
        tmp_path, "w.yaml", document(WATERMARK, "label", TEXT_WATERMARK), document(WATERMARK, "vector", svg)
    )
    _converges(vodops, tmp_path)
    moved = {**svg, "xPos": "10px", "coordinateOrigin": "TopLeft"}
    write(
        tmp_path, "w.yaml", document(WATERMARK, "label", TEXT_WATERMARK), document(WATERMARK, "vector", moved)
    )
    assert _changed_lines(vodops("plan", tmp_path).out) == [
        "coordinateOrigin: BottomRight -> (default)",
        "xPos: (default) -> 10px",
    ]
    _converges(vodops, tmp_path)


def test_image_watermark_content_is_compared_by_digest(vodops: Vodops, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "quickstart" / "logo.png", tmp_path / "logo.png")
    spec = {"type": "image", "imageTemplate": {"imageFile": "logo.png", "width": "12%"}}
    write(tmp_path, "w.yaml", document(WATERMARK, "logo", spec))
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [before] = custom(api, WATERMARK)
    assert re.fullmatch(r"\[vodops:default#[0-9a-f]{12}@[0-9a-f]{8}=[0-9a-f]{8}\]", before["Comment"])

    png = (tmp_path / "logo.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(png[:-12] + png[-12:])  # same bytes: no change
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
    (tmp_path / "logo.png").write_bytes(png.replace(b"IEND", b"IEND", 1) + b"\x00")  # trailing byte
    lines = _changed_lines(vodops("plan", tmp_path).out)
    assert len(lines) == 1 and lines[0].startswith("imageTemplate.imageFile: sha256:")
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [after] = custom(api, WATERMARK)
    assert after["Definition"] == before["Definition"]
    assert after["Comment"] != before["Comment"]


def test_procedure_is_reset_as_a_whole(vodops: Vodops, tmp_path: Path) -> None:
    tasks = [{"definition": "hls"}, {"definition": 100030, "startTimeOffset": 2.5}]
    flow = {"comment": "ingest", "mediaProcessTask": {"transcodeTaskSet": tasks}}
    write(tmp_path, "p.yaml", document(TRANSCODE, "hls", hls()), document(PROCEDURE, "ingest", flow))
    _converges(vodops, tmp_path)
    flow["mediaProcessTask"]["transcodeTaskSet"] = tasks[:1]
    flow["aiAnalysisTask"] = {"definition": 10}
    write(tmp_path, "p.yaml", document(TRANSCODE, "hls", hls()), document(PROCEDURE, "ingest", flow))
    assert _changed_lines(vodops("plan", tmp_path).out) == [
        "aiAnalysisTask.definition: (default) -> 10",
        "mediaProcessTask.transcodeTaskSet[1].definition: 100030 -> (removed)",
        "mediaProcessTask.transcodeTaskSet[1].startTimeOffset: 2.5 -> (removed)",
    ]
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [live], [template] = custom(api, PROCEDURE), custom(api, TRANSCODE)
    assert [t["Definition"] for t in live["MediaProcessTask"]["TranscodeTaskSet"]] == [
        int(template["Definition"])
    ]


def test_subtitle_and_mosaic_defaults_the_server_shows_are_no_diff(vodops: Vodops, tmp_path: Path) -> None:
    subtitle = {
        "id": "SUBTITLE_ID_PLACE_HOLDER",
        "fontType": "hei.ttf",
        "boardAlpha": 0.8,
        "lineSpacing": "0px",
    }
    task = {
        "definition": 100030,
        "subtitleInfoSet": [subtitle, {"id": "s2"}],
        "mosaicSet": [{}, {"width": "10%"}],
    }
    write(tmp_path, "p.yaml", document(PROCEDURE, "subs", {"mediaProcessTask": {"transcodeTaskSet": [task]}}))
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        [live] = custom(api, PROCEDURE)
    shown = live["MediaProcessTask"]["TranscodeTaskSet"][0]
    assert shown["SubtitleInfoSet"][1]["BoardColor"] == "0x000000"
    assert shown["MosaicSet"][0]["Height"] == "10%"
    subtitle["fontType"] = "notosansjp.ttf"
    write(tmp_path, "p.yaml", document(PROCEDURE, "subs", {"mediaProcessTask": {"transcodeTaskSet": [task]}}))
    assert _changed_lines(vodops("plan", tmp_path).out) == [
        "mediaProcessTask.transcodeTaskSet[0].subtitleInfoSet[0].fontType: (default) -> notosansjp.ttf"
    ]
    _converges(vodops, tmp_path)


def test_removed_streams_shown_zeroed_are_no_diff(vodops: Vodops, tmp_path: Path) -> None:
    silent = {"container": "mp4", "removeAudio": 1, "videoTemplate": hls()["videoTemplate"]}
    radio = {"container": "m4a", "audioTemplate": hls()["audioTemplate"]}
    write(tmp_path, "t.yaml", document(TRANSCODE, "silent", silent), document(TRANSCODE, "radio", radio))
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        shown = {t["Name"]: t for t in custom(api, TRANSCODE)}
    assert shown["silent"]["AudioTemplate"] == {"Codec": "", "Bitrate": 0, "SampleRate": 0, "AudioChannel": 0}
    assert shown["radio"]["VideoTemplate"]["Codec"] == ""


def test_classes_below_an_authoritative_class_are_pruned_deepest_first(
    vodops: Vodops, tmp_path: Path
) -> None:
    write(
        tmp_path,
        "c.yaml",
        document(MEDIA_CLASS, "Movies", {"authoritative": True}),
        document(MEDIA_CLASS, "Movies/Action"),
        document(MEDIA_CLASS, "Music"),
    )
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        ids = {c["Name"]: c["ClassId"] for c in api.list(MEDIA_CLASS)}
        drama = api.create(MEDIA_CLASS, {"ParentId": ids["Movies"], "ClassName": "Drama"})
        api.create(MEDIA_CLASS, {"ParentId": drama, "ClassName": "Noir"})
        api.create(MEDIA_CLASS, {"ParentId": ids["Music"], "ClassName": "Jazz"})  # not authoritative
    plan = vodops("plan", tmp_path)
    assert "Plan: 2 to delete." in plan.out
    applied = _converges(vodops, tmp_path)
    assert applied.index("MediaClass 'Movies/Drama/Noir'") < applied.rindex("MediaClass 'Movies/Drama'")
    with live_api(tmp_path) as api:
        paths = sorted(c["Name"] for c in api.list(MEDIA_CLASS))
    assert paths == ["Action", "Jazz", "Movies", "Music", "SystemDefault"]


def test_a_class_below_an_existing_class(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", document(MEDIA_CLASS, "Movies"))
    _converges(vodops, tmp_path)
    write(tmp_path, "c.yaml", document(MEDIA_CLASS, "Movies"), document(MEDIA_CLASS, "Movies/Noir"))
    assert "Plan: 1 to create." in vodops("plan", tmp_path).out
    _converges(vodops, tmp_path)
    with live_api(tmp_path) as api:
        by_name = {c["Name"]: c for c in api.list(MEDIA_CLASS)}
    assert by_name["Noir"]["ParentId"] == by_name["Movies"]["ClassId"]
