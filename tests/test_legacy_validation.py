"""What a `dialect: "2017"` target cannot hold: one located problem per field, before any call."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, document, write
from vodops.resources import PROCEDURE, TRANSCODE, WATERMARK

NO_FIELD = "the legacy API (dialect 2017) has no such field"
GOP = "the legacy API takes a GOP only in seconds, 1-10 (maxGop): write gop 1-10 with gopUnit: second"


def _transcode(
    video: dict[str, Any] | None = None, audio: dict[str, Any] | None = None, **top: Any
) -> dict[str, Any]:
    return {
        "container": "mp4",
        "videoTemplate": {"codec": "libx264", "fps": 25, "bitrate": 1000, **(video or {})},
        "audioTemplate": {"codec": "libfdk_aac", "bitrate": 64, "sampleRate": 44100, **(audio or {})},
        **top,
    }


def _image(**changes: Any) -> dict[str, Any]:
    return {
        "type": "image",
        "imageTemplate": {"imageFile": "./logo.png", **changes.pop("image", {})},
        **changes,
    }


CASES = [
    (TRANSCODE, _transcode(audio={"codec": "libmp3lame"}, container="mp3", videoTemplate=None),
     "spec.container", "mp3 has no legacy form (it takes mp4, flv, hls)"),
    (TRANSCODE, _transcode({"codec": "av1"}), "spec.videoTemplate.codec",
     "av1 has no legacy form (it takes libx264, libx265)"),
    (TRANSCODE, _transcode({"fps": 0}), "spec.videoTemplate.fps",
     "0 has no legacy form (it takes 1-60); 0, the source's rate, has no legacy form"),
    (TRANSCODE, _transcode({"bitrate": 0}), "spec.videoTemplate.bitrate",
     "0 has no legacy form (it takes 128-350000); 0, automatic, has no legacy form"),
    (TRANSCODE, _transcode({"width": 8192}), "spec.videoTemplate.width",
     "8192 has no legacy form (it takes 0 or 128-4096)"),
    (TRANSCODE, _transcode({"videoProfile": "default"}), "spec.videoTemplate.videoProfile",
     "default has no legacy form (it takes baseline, main, high)"),
    (TRANSCODE, _transcode({"gop": 60}), "spec.videoTemplate.gop", GOP),
    (TRANSCODE, _transcode({"gop": 11, "gopUnit": "second"}), "spec.videoTemplate.gop", GOP),
    (TRANSCODE, _transcode({"gopUnit": "second"}), "spec.videoTemplate.gopUnit", GOP),
    (TRANSCODE, _transcode({"vcrf": 23}), "spec.videoTemplate.vcrf", NO_FIELD),
    (TRANSCODE, _transcode({"fillType": "gauss"}), "spec.videoTemplate.fillType", NO_FIELD),
    (TRANSCODE, _transcode(segmentType="ts", container="hls"), "spec.segmentType", NO_FIELD),
    (TRANSCODE, _transcode(tehdConfig={"type": "TEHD-100"}), "spec.tehdConfig", NO_FIELD),
    (TRANSCODE, _transcode(stdExtInfo="{}"), "spec.stdExtInfo", NO_FIELD),
    (TRANSCODE, _transcode(audio={"bitrate": 0}), "spec.audioTemplate.bitrate",
     "0 has no legacy form (it takes 26-256); 0, automatic, has no legacy form"),
    (TRANSCODE, _transcode(audio={"audioChannel": 0}), "spec.audioTemplate.audioChannel",
     "0 has no legacy form (it takes 1, 2, 6)"),
    (TRANSCODE, _transcode(comment="注" * 77), "spec.comment",
     "is 257 bytes with the ownership marker vodops adds; the legacy API (dialect 2017) takes at most 255"),
    (WATERMARK, TEXT_WATERMARK, "spec.type", "text has no legacy form (it takes image)"),
    (WATERMARK, _image(coordinateOrigin="BottomRight"), "spec.coordinateOrigin",
     "BottomRight has no legacy form (it takes TopLeft)"),
    (WATERMARK, _image(image={"repeatType": "once"}), "spec.imageTemplate.repeatType", NO_FIELD),
    (WATERMARK, _image(image={"transparency": 50}), "spec.imageTemplate.transparency", NO_FIELD),
]  # fmt: skip


def _project(tmp_path: Path, kind: str, spec: dict[str, Any] | None, name: str = "t") -> Path:
    (tmp_path / "logo.png").write_bytes(
        (Path(__file__).parent.parent / "examples/quickstart/logo.png").read_bytes()
    )
    settings = {
        "defaultTarget": "old",
        "targets": {"old": {"endpoint": "http://127.0.0.1:9", "dialect": "2017"}},
    }
    (tmp_path / "vodops.yaml").write_text(yaml.safe_dump(settings))
    write(tmp_path, "m.yaml", document(kind, name, {k: v for k, v in (spec or {}).items() if v is not None}))
    return tmp_path


@pytest.mark.parametrize(("kind", "spec", "path", "message"), CASES)
def test_each_field_the_legacy_api_lacks_is_a_located_problem(
    vodops: Vodops, tmp_path: Path, kind: str, spec: dict[str, Any], path: str, message: str
) -> None:
    directory = _project(tmp_path, kind, spec)
    for verb in ("validate", "plan"):  # plan stops before connecting: the endpoint is closed
        result = vodops(verb, directory)
        assert result.code == 1
        lines = result.err.splitlines()
        assert re.fullmatch(
            rf"{re.escape(str(directory))}/m\.yaml:\d+:\d+: {re.escape(f'{path}: {message}')}", lines[0]
        )
        assert lines[1:] == ["1 problem: the manifests are invalid; nothing was sent to the API"]


def test_names_are_budgeted_in_bytes(vodops: Vodops, tmp_path: Path) -> None:
    directory = _project(tmp_path, TRANSCODE, _transcode(), name="名" * 22)
    result = vodops("validate", directory)
    assert (
        f"{directory}/m.yaml:4:3: metadata.name: is 66 bytes; the legacy API (dialect 2017) takes at most 63"
        in (result.err)
    )


def test_a_procedure_cannot_target_the_legacy_api(vodops: Vodops, tmp_path: Path) -> None:
    spec = {"mediaProcessTask": {"transcodeTaskSet": [{"definition": 10}]}}
    result = vodops("plan", _project(tmp_path, PROCEDURE, spec, name="flow"))
    assert result.err.splitlines()[0] == (
        f"{tmp_path}/m.yaml:4:3: Procedure 'flow': the legacy API (dialect 2017) has no Procedure kind; "
        "target 'old' cannot hold it"
    )


@pytest.mark.parametrize(
    "video", [{"gop": 0}, {"gop": 10, "gopUnit": "second"}, {"codec": "libx265", "width": 640, "height": 360}]
)
def test_what_the_legacy_api_can_say_passes(vodops: Vodops, tmp_path: Path, video: dict[str, Any]) -> None:
    assert vodops("validate", _project(tmp_path, TRANSCODE, _transcode(video))).code == 0


def test_the_dialect_setting(vodops: Vodops, tmp_path: Path) -> None:
    directory = _project(
        tmp_path, PROCEDURE, {"mediaProcessTask": {"transcodeTaskSet": [{"definition": 10}]}}
    )
    settings = 'defaultTarget: old\ntargets:\n  old: {endpoint: "http://127.0.0.1:9", dialect: %s}\n'
    (directory / "vodops.yaml").write_text(
        settings % "2017"
    )  # unquoted, a YAML integer: still the legacy API
    assert "has no Procedure kind" in vodops("validate", directory).err
    (directory / "vodops.yaml").write_text(settings % "'2018-07-17'")
    assert vodops("validate", directory).code == 0
    (directory / "vodops.yaml").write_text(settings % "2018")
    assert vodops("validate", directory).err.splitlines() == [
        f"{directory}/vodops.yaml:3:41: targets.old.dialect: must be one of '2018-07-17', '2017' (got 2018)",
        "1 problem: the manifests are invalid; nothing was sent to the API",
    ]
