"""Every manifest the legacy API can hold: apply through the 2017 wire, then a plan is empty, through
the legacy wire and through the 2018 wire over the same account; and so after an update."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.helpers import document, write
from tests.strategies import Draw
from vodops.apply.run import Consent
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.legacy_vod import LegacyVodApi
from vodops.cloud.retry import RetryingCaller
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.desired import desired_state
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, EmulatorTransport, open_emulator
from vodops.project import Project, check_dialect
from vodops.resources import TRANSCODE, WATERMARK
from vodops.session import Session
from vodops.targets import Target

HOST = Endpoint.parse("http://vod.api.qcloud.com")
LOGO = (EXAMPLES / "quickstart" / "logo.png").read_bytes()
AUDIO = {
    "mp4": ["libfdk_aac", "libmp3lame", "mp2"],
    "flv": ["libfdk_aac", "libmp3lame", "mp2"],
    "hls": ["libfdk_aac"],
}


def _text(text: str) -> bool:
    """Whether YAML 1.2 reads `text` back as text once PyYAML (YAML 1.1) wrote it: PyYAML writes
    "08" or "0E0" bare, which vodops's YAML 1.2 reads as numbers; a leading letter is always text."""
    return not text or (text[0].isalpha() and text.lower() not in ("null", "true", "false"))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _size() -> st.SearchStrategy[int]:
    return st.just(0) | st.integers(128, 4096)


@st.composite
def legacy_transcode(draw: Draw) -> dict[str, Any]:
    container = draw(st.sampled_from(["mp4", "flv", "hls"]))
    gop = draw(_maybe(st.integers(1, 10)))
    video = {
        "codec": "libx264",
        "fps": draw(st.integers(1, 60)),
        "bitrate": draw(st.integers(128, 100000)),
        "resolutionAdaptive": draw(_maybe(st.sampled_from(["open", "close"]))),
        "width": draw(_maybe(_size())),
        "height": draw(_maybe(_size())),
        "videoProfile": draw(_maybe(st.sampled_from(["baseline", "main", "high"]))),
        **({"gop": gop, "gopUnit": "second"} if gop else {}),
    }
    audio = {
        "codec": draw(st.sampled_from(AUDIO[container])),
        "bitrate": draw(st.integers(26, 256)),
        "sampleRate": draw(st.sampled_from([32000, 44100, 48000])),
        "audioChannel": draw(_maybe(st.sampled_from([1, 2, 6]))),
    }
    spec = {
        "container": container,
        "comment": draw(
            _maybe(st.text(st.characters(codec="utf-8", categories=["L", "N"]), max_size=40).filter(_text))
        ),
        "videoTemplate": {k: v for k, v in video.items() if v is not None},
        "audioTemplate": {k: v for k, v in audio.items() if v is not None},
    }
    removed = draw(st.sampled_from([None, "removeVideo", "removeAudio"]))
    if removed:
        spec[removed] = 1
        spec.pop("videoTemplate" if removed == "removeVideo" else "audioTemplate")
    return {k: v for k, v in spec.items() if v is not None}


_POSITION = st.sampled_from(["0px", "10px", "5%", "12.5%", "100px"])


@st.composite
def legacy_watermark(draw: Draw) -> dict[str, Any]:
    image = {
        "imageFile": "./logo.png",
        "width": draw(_maybe(st.sampled_from(["10%", "8px", "120px", "50%"]))),
    }
    image["height"] = draw(_maybe(st.sampled_from(["0px", "10%", "64px"])))
    spec = {
        "type": "image",
        "xPos": draw(_maybe(_POSITION)),
        "yPos": draw(_maybe(_POSITION)),
        "imageTemplate": image,
    }
    return {
        k: ({i: j for i, j in v.items() if j} if isinstance(v, dict) else v) for k, v in spec.items() if v
    }


def _session(directory: Path, emulator: Emulator) -> tuple[Session, LegacyCaller]:
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = LegacyCaller(HOST, credentials, transport=EmulatorTransport(emulator))
    api = LegacyVodApi(RetryingCaller(caller), caller, None)
    project = Project.open(directory)
    target = Target("legacy", HOST, dialect="2017")
    manifests = project.manifests()
    check_dialect(project, manifests, target.name, target.dialect)
    return Session(project, target, desired_state(manifests), api), caller


def _converges(directory: Path, emulator: Emulator) -> None:
    session, caller = _session(directory, emulator)
    try:
        plan = session.plan()
        assert session.apply(plan, consent=Consent(), progress=lambda change, status: None).ok
        after = session.plan()
        assert after.empty, [(c.address, c.fields) for c in after.changes]
    finally:
        caller.close()
    modern = HttpCaller(
        HOST, Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), transport=EmulatorTransport(emulator)
    )
    project = Project.open(directory)
    through_2018 = Session(
        project, Target("2018", HOST), desired_state(project.manifests()), VodApi(modern, None)
    )
    assert through_2018.plan().empty
    modern.close()


def _write(directory: Path, transcodes: list[dict[str, Any]], watermarks: list[dict[str, Any]]) -> None:
    (directory / "logo.png").write_bytes(LOGO)
    write(directory, "t.yaml", *(document(TRANSCODE, f"t{i}", spec) for i, spec in enumerate(transcodes)))
    write(directory, "w.yaml", *(document(WATERMARK, f"w{i}", spec) for i, spec in enumerate(watermarks)))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(legacy_transcode(), min_size=1, max_size=2),
    st.lists(legacy_watermark(), max_size=2),
    st.lists(legacy_transcode(), min_size=1, max_size=2),
)
def test_every_legacy_manifest_converges_and_updates_converge(
    first: list[dict[str, Any]], marks: list[dict[str, Any]], second: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as scratch, open_emulator() as emulator:
        directory = Path(scratch)
        _write(directory, first, marks)
        _converges(directory, emulator)
        _write(directory, second, list(reversed(marks)))
        _converges(directory, emulator)
