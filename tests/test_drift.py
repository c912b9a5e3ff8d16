"""`vodops drift` through the real CLI against the embedded emulator: each cause of drift, git
changes told apart from console changes, markers written by older vodops, the renderings, and
the bad inputs of drift and watch (each refused with its exact message, nothing changed)."""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Vodops
from tests.helpers import custom, document, hls, live_api, write
from vodops.ownership import split_comment, with_marker
from vodops.render.drift import render_markdown
from vodops.resources import TRANSCODE
from vodops.session import open_session

API_MP4 = {
    "Container": "mp4",
    "VideoTemplate": {"Codec": "libx264", "Fps": 25, "Bitrate": 900},
    "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100},
}


@pytest.fixture
def project(vodops: Vodops, tmp_path: Path) -> Path:
    """The quick start, applied to its embedded emulator."""
    directory = shutil.copytree(EXAMPLES / "quickstart", tmp_path / "project")
    assert vodops("apply", directory, "--yes").code == 0
    return directory


def _template(directory: Path, name: str) -> dict[str, Any]:
    with live_api(directory) as api:
        return next(item for item in custom(api, TRANSCODE) if item["Name"] == name)


def _console_bitrate(directory: Path, name: str, bitrate: int) -> None:
    found = _template(directory, name)
    with live_api(directory) as api:
        api.update(TRANSCODE, int(found["Definition"]), {"VideoTemplate": {"Bitrate": bitrate}})


def _edit(directory: Path, old: str, new: str) -> None:
    path = directory / "transcode.yaml"
    path.write_text(path.read_text().replace(old, new, 1))


def test_a_fresh_apply_has_no_drift(vodops: Vodops, project: Path) -> None:
    clean = vodops("drift", project)
    assert clean.code == 0, clean.text
    assert "No drift: the live account is what vodops last made it." in clean.out


def test_git_changes_are_not_drift(vodops: Vodops, project: Path) -> None:
    _edit(project, "bitrate: 900,", "bitrate: 950,")
    found = vodops("drift", project)
    assert found.code == 0, found.text
    assert (
        "Not drift: 1 change(s) come from the manifests since the last apply (vodops plan shows them): "
        "TranscodeTemplate/hls-480p"
    ) in found.out


def test_a_console_change_names_its_fields_and_time(vodops: Vodops, project: Path) -> None:
    _console_bitrate(project, "hls-720p", 2400)
    found = vodops("drift", project)
    assert found.code == 2
    live = _template(project, "hls-720p")
    assert (
        f"changed TranscodeTemplate 'hls-720p' (id {live['Definition']})\n"
        f"    changed outside vodops; the API says it last changed at {live['UpdateTime']}\n"
        "    videoTemplate.bitrate: 1800 -> 2400\n"
    ) in found.out
    assert "Drift: 1 object (1 changed)." in found.out


def test_console_and_git_changing_one_object(vodops: Vodops, project: Path) -> None:
    _console_bitrate(project, "hls-720p", 2400)
    _edit(project, "bitrate: 1800,", "bitrate: 2000,")
    found = vodops("drift", project, "--format", "json")
    assert found.code == 2
    [item] = json.loads(found.out)["drifted"]
    assert item["cause"] == "changed" and item["manifestsChanged"] is True
    assert item["fields"] == [{"path": "videoTemplate.bitrate", "manifests": 2000, "live": 2400}]


def _old_markers(directory: Path) -> None:
    """Every marker as a vodops without the applied digest wrote it."""
    with live_api(directory) as api:
        for item in custom(api, TRANSCODE):
            text, owner = split_comment(str(item["Comment"]))
            assert owner is not None and owner.applied is not None
            old = with_marker(text, owner.__class__(owner.stack, owner.digest, owner.url_tag))
            api.update(TRANSCODE, int(item["Definition"]), {"Comment": old})


def test_objects_marked_by_older_vodops_plan_and_drift_sensibly(vodops: Vodops, project: Path) -> None:
    _old_markers(project)
    assert vodops("plan", project, "--detailed-exitcode").code == 0, "an old marker is still ours"
    assert vodops("drift", project).code == 0, "equal to the manifests: nothing to report"
    _console_bitrate(project, "hls-720p", 2400)
    found = vodops("drift", project)
    assert found.code == 2
    assert "unrecorded TranscodeTemplate 'hls-720p'" in found.out
    assert "written by a vodops that kept no record: cause unknown" in found.out
    assert vodops("apply", project, "--yes").code == 0
    assert re.search(r"\[vodops:default=[0-9a-f]{8}\]$", _template(project, "hls-720p")["Comment"])
    assert vodops("drift", project).code == 0


def test_a_template_deleted_in_the_console_is_missing(vodops: Vodops, project: Path) -> None:
    with live_api(project) as api:
        api.delete(TRANSCODE, int(_template(project, "mp4-download")["Definition"]))
    found = vodops("drift", project)
    assert found.code == 2
    assert "missing TranscodeTemplate 'mp4-download'\n    missing: declared, not in the account" in found.out


def test_a_declared_name_made_in_the_console_is_unmarked(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    with live_api(tmp_path) as api:
        made = api.create(TRANSCODE, {**API_MP4, "Name": "hls-720p"})
    found = vodops("drift", tmp_path)
    assert found.code == 2
    assert f"unmarked TranscodeTemplate 'hls-720p' (id {made})" in found.out
    assert "(apply --adopt takes it over)" in found.out


def test_names_where_vodops_manages_come_from_the_settings(vodops: Vodops, project: Path) -> None:
    with live_api(project) as api:
        extra = api.create(TRANSCODE, {**API_MP4, "Name": "hls-extra"})
        api.create(TRANSCODE, {**API_MP4, "Name": "someone-elses"})
    assert vodops("drift", project).code == 0, "without drift.names nothing unmarked is ours to report"
    (project / "vodops.yaml").write_text("drift:\n  names: ['hls-*']\n")
    found = vodops("drift", project)
    assert found.code == 2
    assert f"undeclared TranscodeTemplate 'hls-extra' (id {extra})" in found.out
    assert "someone-elses" not in found.out


def test_markdown_starts_with_its_marker_line(vodops: Vodops, project: Path) -> None:
    _console_bitrate(project, "hls-720p", 2400)
    found = vodops("drift", project, "--format", "markdown")
    lines = found.out.splitlines()
    assert found.code == 2
    assert lines[:4] == [
        "<!-- vodops-drift target=local -->",
        "### vodops drift for `local` (stack `default`)",
        "",
        "**Drift: 1 object (1 changed).**",
    ]
    assert "  - `videoTemplate.bitrate`: `1800` → `2400`" in lines


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--interval", "0"], "'0' is not a duration of at least 0.1 s (write 90, 30s, 5m or 1h)"),
        (["--interval", "5x"], "'5x' is not a duration of at least 0.1 s (write 90, 30s, 5m or 1h)"),
        (["--metrics-port", "70000"], "70000 is not in the range 0<=x<=65535."),
        (
            ["--metrics-host", "192.0.2.1", "--metrics-port", "0"],  # TEST-NET-1: not this machine's
            "Error: cannot serve metrics at 192.0.2.1:0: cannot assign requested address\n",
        ),
        (
            ["--target", "nope"],
            "Error: no target named 'nope' (no vodops.yaml declares targets here) (known: local)",
        ),
    ],
)
def test_bad_watch_options_are_refused_before_any_call(
    vodops: Vodops, tmp_path: Path, flags: list[str], message: str
) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    refused = vodops("watch", tmp_path, *flags)
    assert refused.code == 1
    assert message in refused.err
    assert not (tmp_path / ".vodops").exists(), "nothing was read or written"


def test_a_metrics_port_in_use_is_refused_saying_so(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = vodops("watch", tmp_path, "--metrics-port", str(port))
    assert refused.code == 1
    assert refused.err == f"Error: cannot serve metrics at 127.0.0.1:{port}: address already in use\n"
    assert not (tmp_path / ".vodops").exists(), "nothing was read or written"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            "drift:\n  names: ['']\n",
            "vodops.yaml:2:11: drift.names.0: must have at least 1 character (got '')",
        ),
        ("drift:\n  name: ['hls-*']\n", "vodops.yaml:2:3: drift.name: unknown field 'name'"),
    ],
)
def test_bad_drift_settings_are_located(vodops: Vodops, tmp_path: Path, settings: str, message: str) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    (tmp_path / "vodops.yaml").write_text(settings)
    for verb in ("drift", "watch"):
        refused = vodops(verb, tmp_path)
        assert refused.code == 1
        assert message in refused.err, refused.err
    assert not (tmp_path / ".vodops").exists(), "nothing was read or written"


def test_watch_without_credentials_stops_rather_than_retrying(
    vodops: Vodops, tmp_path: Path, tccli_home: Path
) -> None:
    """Missing credentials are no outage: waiting will not bring them, so watch exits 1 at once."""
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    refused = vodops("watch", tmp_path, "--endpoint", "https://vod.tencentcloudapi.com", "--interval", "1s")
    assert refused.code == 1
    assert refused.err.startswith("Error: no credentials for a cloud target; vodops looked in ")
    assert '"failure"' not in refused.out and "failure" not in refused.out


def test_markdown_fits_its_limit_and_says_what_it_left_out(vodops: Vodops, project: Path) -> None:
    for name, bitrate in (("hls-480p", 1000), ("hls-720p", 2400), ("hls-1080p", 4000)):
        _console_bitrate(project, name, bitrate)
    with open_session(project) as session:
        report = session.drift()
    full = render_markdown(report)
    assert full.count("- **changed**") == 3 and "not shown here" not in full
    limit = len(full.encode()) - 1
    cut = render_markdown(report, limit=limit)
    assert len(cut.encode()) <= limit
    assert cut.splitlines()[0] == "<!-- vodops-drift target=local -->"
    assert "**Drift: 3 objects (3 changed).**" in cut
    shown = cut.count("- **changed**")
    assert 1 <= shown < 3
    left_out = f"\n> **{3 - shown} more drifted object(s) not shown here**: `vodops drift` lists them all.\n"
    assert cut.endswith(left_out)
