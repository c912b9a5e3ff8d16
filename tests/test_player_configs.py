"""SuperPlayerConfig: declared, created, updated member by member (a dropped member goes back to
the API's default), deleted when no manifest declares it, exported to manifests that plan to
nothing; a config that names nothing to play is refused before any call."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Vodops
from tests.helpers import document, live_api, write

WEB = {
    "adaptiveDynamicStreamingDefinition": 10,
    "imageSpriteDefinition": 10,
    "scheme": "HTTPS",
    "comment": "site",
}
DRM = {
    "drmSwitch": "ON",
    "drmStreamingsInfo": {"widevineDefinition": 20},
    "resolutionNames": [{"minEdgeLength": 720, "name": "HD"}],
}


def _players(directory: Path) -> dict[str, dict[str, object]]:
    with live_api(directory) as api:
        return {p["Name"]: p for p in api.list("SuperPlayerConfig") if p["Type"] == "Custom"}


def test_player_configs_converge_update_and_delete(vodops: Vodops, tmp_path: Path) -> None:
    write(
        tmp_path,
        "players.yaml",
        document("SuperPlayerConfig", "web", WEB),
        document("SuperPlayerConfig", "drm", DRM),
    )
    assert vodops("apply", tmp_path, "--yes").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
    live = _players(tmp_path)
    assert live["drm"]["DrmStreamingsInfo"] == {
        "SimpleAesDefinition": 0,
        "WidevineDefinition": 20,
        "FairPlayDefinition": 0,
    }
    assert live["web"]["Comment"].startswith("site [vodops:")

    write(
        tmp_path,
        "players.yaml",
        document("SuperPlayerConfig", "web", {**WEB, "scheme": "HTTP", "comment": None}),
    )
    planned = vodops("plan", tmp_path)
    assert (
        "~ update SuperPlayerConfig 'web'\n    comment: site -> (default)\n    scheme: HTTPS -> HTTP"
        in planned.out
    )
    assert "- delete SuperPlayerConfig 'drm'" in planned.out
    assert vodops("apply", tmp_path, "--yes").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
    assert set(_players(tmp_path)) == {"web"}

    exported = tmp_path / "exported"
    assert vodops("export", tmp_path, "--out", exported).code == 0
    (exported / ".vodops").symlink_to(tmp_path / ".vodops")
    assert "scheme: HTTP" in (exported / "super-player-configs.yaml").read_text()
    assert vodops("plan", exported, "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    "name, spec, problem",
    [
        (
            "web",
            {"comment": "nothing to play"},
            "adaptiveDynamicStreamingDefinition is required to play adaptive streams without DRM",
        ),
        (
            "drm",
            {"drmSwitch": "ON"},
            "drmStreamingsInfo is required to play adaptive streams with drmSwitch ON",
        ),
        (
            "mp4",
            {"audioVideoType": "Transcode"},
            "transcodeDefinition is required when audioVideoType is Transcode",
        ),
        ("a b", WEB, "must be 1 to 64 letters, digits, '_' or '-'"),
        ("web", {**WEB, "scheme": "FTP"}, "spec.scheme"),
    ],
)
def test_a_config_the_api_would_refuse_is_refused_before_any_call(
    vodops: Vodops, tmp_path: Path, name: str, spec: dict[str, object], problem: str
) -> None:
    write(tmp_path, "players.yaml", document("SuperPlayerConfig", name, spec))
    refused = vodops("apply", tmp_path, "--yes")
    assert refused.code == 1
    assert "players.yaml:" in refused.err and problem in refused.err, refused.err
    assert not (tmp_path / ".vodops").exists()  # the embedded emulator was never even opened
