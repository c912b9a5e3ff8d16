"""A full sub-application's worth of manifests (100 transcode, 1,000 watermark templates, 50
procedures, 310 classes = 1,460 resources) times a scale, for the speed benchmarks.

The manifests vary the way real ones do: HLS and MP4 containers, text and image watermarks,
procedures that refer to templates by name, classes two levels deep. `seed` creates them in an
emulator so that a plan of the same manifests is steady (no changes).
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import yaml

from vodops.apply.run import Consent, apply_plan
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.desired import desired_state
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, EmulatorTransport
from vodops.emulator.knobs import Knobs
from vodops.live import read_live
from vodops.manifest import load_manifests
from vodops.plan.build import Policy, build_plan
from vodops.resources import QUOTAS
from vodops.targets import LOCAL_STATE

FULL = {"TranscodeTemplate": 100, "WatermarkTemplate": 1000, "Procedure": 50, "MediaClass": 310}
PER_APP = sum(FULL.values())  # 1,460
STACK = "default"
LOGO = Path(__file__).resolve().parent.parent / "examples" / "quickstart" / "logo.png"


def write_manifests(directory: Path, scale: int = 1, fraction: float = 1.0) -> int:
    """`scale` sub-applications' worth of manifests (or `fraction` of one) in `directory`, one
    file per kind; answers how many resources they declare."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(LOGO, directory / "logo.png")
    counts = {kind: max(1, int(n * scale * fraction)) for kind, n in FULL.items()}
    files = {
        "transcode.yaml": [_transcode(n) for n in range(counts["TranscodeTemplate"])],
        "watermarks.yaml": [_watermark(n) for n in range(counts["WatermarkTemplate"])],
        "procedures.yaml": [_procedure(n, counts) for n in range(counts["Procedure"])],
        "classes.yaml": _classes(counts["MediaClass"]),
    }
    for name, docs in files.items():
        (directory / name).write_text(yaml.safe_dump_all(docs, sort_keys=False))
    if scale > 1:  # the quotas of an account raised by ticket
        (directory / "vodops.yaml").write_text(yaml.safe_dump({"quotas": quotas(scale)}))
    return sum(len(docs) for docs in files.values())


def quotas(scale: int) -> dict[str, int]:
    """The plan's quotas for an account `scale` times the documented ones."""
    return {kind: limit * scale for kind, limit in QUOTAS.items()}


def _doc(kind: str, name: str, spec: dict[str, Any] | None) -> dict[str, Any]:
    doc: dict[str, Any] = {"apiVersion": "vodops/v1", "kind": kind, "metadata": {"name": name}}
    if spec is not None:
        doc["spec"] = spec
    return doc


def _transcode(n: int) -> dict[str, Any]:
    hls = n % 2 == 0
    video = {"codec": "libx264", "fps": 25 + n % 6, "bitrate": 800 + n, "width": 1280, "height": 720}
    if n % 3 == 0:
        video["gop"] = 60
    audio = {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100}
    spec = {"container": "hls" if hls else "mp4", "comment": f"rung {n}", "videoTemplate": video}
    spec["audioTemplate"] = audio
    if hls and n % 4 == 0:
        spec["segmentType"] = "fmp4"
    return _doc("TranscodeTemplate", f"t{n}", spec)


def _watermark(n: int) -> dict[str, Any]:
    if n % 10 == 0:
        image = {"imageFile": "./logo.png", "width": f"{5 + n % 20}%"}
        spec: dict[str, Any] = {"type": "image", "coordinateOrigin": "TopRight", "xPos": "5%", "yPos": "5%"}
        return _doc("WatermarkTemplate", f"w{n}", {**spec, "imageTemplate": image})
    text = {
        "fontType": "arial.ttf",
        "fontSize": f"{16 + n % 20}px",
        "fontColor": "0xFFFFFF",
        "fontAlpha": 0.8,
    }
    spec = {"type": "text", "comment": f"caption {n}", "xPos": f"{n % 50}px", "textTemplate": text}
    return _doc("WatermarkTemplate", f"w{n}", spec)


def _procedure(n: int, counts: dict[str, int]) -> dict[str, Any]:
    rungs = [f"t{(n * 2 + i) % counts['TranscodeTemplate']}" for i in range(2)]
    watermark = f"w{n % counts['WatermarkTemplate']}"
    tasks: list[dict[str, Any]] = [_task(rung, watermark) for rung in rungs]
    tasks.append({"definition": 100030})
    spec = {"comment": f"flow {n}", "mediaProcessTask": {"transcodeTaskSet": tasks}}
    return _doc("Procedure", f"p{n}", spec)


def _task(definition: str, watermark: str) -> dict[str, Any]:
    """A transcode task with its own watermark list (a shared one would be written as a YAML alias)."""
    return {"definition": definition, "watermarkSet": [{"definition": watermark}]}


def _classes(count: int) -> list[dict[str, Any]]:
    """Top-level classes with 30 children each (310 = 10 + 10 x 30)."""
    tops = max(1, count // 31)
    docs = [_doc("MediaClass", f"c{top}", None) for top in range(tops)]
    children = count - tops
    docs += [_doc("MediaClass", f"c{n % tops}/s{n}", None) for n in range(children)]
    return docs


def emulator(db_path: Path | None, scale: int) -> Emulator:
    """An emulator whose quotas hold `scale` sub-applications' worth in one."""
    return Emulator(db_path=db_path, knobs=Knobs(quota_scale=scale))


EMBEDDED = "http://vod.emulator.local"  # the origin `vodops plan` reaches its embedded emulator at


def api(emu: Emulator, origin: str = EMBEDDED) -> VodApi:
    """A client of `emu` in this process (no socket, no rate limit), reaching it at `origin`: the
    emulator serves watermark images at URLs on the origin a call reached, so seed and plan must
    use one origin, as a user's own applies and plans do (else every image looks moved)."""
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = HttpCaller(Endpoint.parse(origin), credentials, transport=EmulatorTransport(emu))
    return VodApi(caller, None)


def seed(directory: Path, emu: Emulator, scale: int = 1, origin: str = EMBEDDED) -> None:
    """Create everything the manifests in `directory` declare, so their plan (at `origin`) is steady."""
    vod = api(emu, origin)
    desired = desired_state(load_manifests(directory, STACK))
    policy = Policy(quotas=quotas(scale))
    plan, refs = build_plan(
        desired, read_live(vod), stack=STACK, target="bench", sub_app_id=None, policy=policy
    )
    outcome = apply_plan(
        plan, vod, refs, consent=Consent(), progress=lambda change, status: None, parallelism=4
    )
    assert outcome.ok, outcome.failed[:1]


def seed_apart(directory: Path, scale: int = 1) -> None:
    """`seed` the local state of the project in `directory`, in a process of its own: what seeding
    leaves in a heap (and its collections) stays out of the caller's timings."""
    process = multiprocessing.get_context("spawn").Process(target=_seed_state, args=(directory, scale))
    process.start()
    process.join()
    assert process.exitcode == 0, f"seeding failed (exit code {process.exitcode})"


def _seed_state(directory: Path, scale: int) -> None:
    emu = emulator(directory / LOCAL_STATE, scale)
    try:
        seed(directory, emu, scale)
    finally:
        emu.close()
