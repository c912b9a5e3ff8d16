"""What a `dialect: "2017"` target cannot hold: manifest fields the legacy API lacks, values it
cannot express, and the kinds it does not have (those absent from its wire table,
vodops.cloud.legacy_vod.WIRES); the tables here are the legacy dialect's, keyed by kind. Each is a
located problem, reported with every other before any API call (reference/legacy-api-2017.md
§3.7, §4.7, §6, §8.2, §10).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from vodops.errors import Problem
from vodops.manifest import Declared, Manifests
from vodops.manifest.messages import spec_path
from vodops.ownership import marker, widest_owner
from vodops.resources import KINDS, TRANSCODE, WATERMARK
from vodops.resources.base import Path

LEGACY = "the legacy API (dialect 2017)"
GOP = "the legacy API takes a GOP only in seconds, 1-10 (maxGop): write gop 1-10 with gopUnit: second"

# Fields with no legacy counterpart at all (legacy reference §3.7, §4.7).
_ABSENT = {
    TRANSCODE: ("tehdConfig", "enhanceConfig", "segmentType", "stdExtInfo", "videoTemplate.fillType",
                "videoTemplate.preserveHDRSwitch", "videoTemplate.codecTag", "videoTemplate.mode",
                "videoTemplate.hlsTime", "videoTemplate.vcrf", "videoTemplate.bframes"),
    WATERMARK: ("imageTemplate.repeatType", "imageTemplate.transparency"),
}  # fmt: skip
Check = Callable[[Any, dict[str, Any]], "str | None"]


def _one_of(*allowed: Any) -> Check:
    shown = ", ".join(str(a) for a in allowed)
    return lambda value, spec: None if value in allowed else f"{value} has no legacy form (it takes {shown})"


def _span(low: int, high: int, why: str = "") -> Check:
    def check(value: Any, spec: dict[str, Any]) -> str | None:
        return None if low <= value <= high else f"{value} has no legacy form (it takes {low}-{high}){why}"

    return check


def _gop(value: Any, spec: dict[str, Any]) -> str | None:
    """A GOP maps to the legacy maxGop only in seconds, 1-10 (0, automatic, is the legacy default)."""
    unit = (spec.get("videoTemplate") or {}).get("gopUnit")
    return None if value == 0 or (unit == "second" and 1 <= value <= 10) else GOP


def _gop_unit(value: Any, spec: dict[str, Any]) -> str | None:
    """gopUnit: second says nothing to the legacy API without a GOP."""
    return GOP if value == "second" and not (spec.get("videoTemplate") or {}).get("gop") else None


def _size(value: Any, spec: dict[str, Any]) -> str | None:
    if value > 4096:
        return f"{value} has no legacy form (it takes 0 or 128-4096)"
    video = spec.get("videoTemplate") or {}
    if video.get("codec") != "libx265":
        return None
    sides = sorted((video.get("width") or 0, video.get("height") or 0), reverse=True)
    fits = sides[1] > 0 and sides[0] <= 640 and sides[1] <= 480
    return None if fits else "libx265 on the legacy API needs an explicit width and height within 640x480"


_VALUES: dict[str, dict[str, Check]] = {
    TRANSCODE: {
        "container": _one_of("mp4", "flv", "hls"),
        "videoTemplate.codec": _one_of("libx264", "libx265"),
        "videoTemplate.fps": _span(1, 60, "; 0, the source's rate, has no legacy form"),
        "videoTemplate.bitrate": _span(128, 350000, "; 0, automatic, has no legacy form"),
        "videoTemplate.width": _size,
        "videoTemplate.height": _size,
        "videoTemplate.videoProfile": _one_of("baseline", "main", "high"),
        "videoTemplate.gop": _gop,
        "videoTemplate.gopUnit": _gop_unit,
        "audioTemplate.codec": _one_of("libfdk_aac", "libmp3lame", "mp2"),
        "audioTemplate.bitrate": _span(26, 256, "; 0, automatic, has no legacy form"),
        "audioTemplate.sampleRate": _one_of(32000, 44100, 48000),
        "audioTemplate.audioChannel": _one_of(1, 2, 6),
    },
    WATERMARK: {"type": _one_of("image"), "coordinateOrigin": _one_of("TopLeft")},
}
# Byte budgets (legacy reference §3.1, §4.2): name, and comment with the ownership marker.
_NAME_BYTES = {TRANSCODE: 63, WATERMARK: 64}
_COMMENT_BYTES = {TRANSCODE: 255, WATERMARK: 1024}


def legacy_problems(manifests: Manifests, stack: str, target: str) -> list[Problem]:
    """Every reason `manifests` cannot be planned against the legacy target named `target`."""
    # Imported here: the legacy wire brings the API client and its transfers, which validating
    # manifests for a 2018-07-17 target never needs (start-up time counts, issue 12).
    from vodops.cloud.legacy_vod import WIRES as LEGACY_WIRES

    problems: list[Problem] = []
    for item in manifests:
        if item.kind not in LEGACY_WIRES:
            message = (
                f"{item.kind} {item.name!r}: {LEGACY} has no {item.kind} kind; "
                f"target {target!r} cannot hold it"
            )
            problems.append(Problem(message, item.location))
            continue
        problems.extend(_spec_problems(item, stack))
    return problems


def _spec_problems(item: Declared, stack: str) -> Iterator[Problem]:
    spec = item.spec.manifest_dict()
    for dotted in _ABSENT.get(item.kind, ()):
        path = _path(dotted)
        if _get(spec, path) is not None:
            yield _problem(item, path, f"{LEGACY} has no such field")
    for dotted, check in _VALUES.get(item.kind, {}).items():
        path = _path(dotted)
        value = _get(spec, path)
        reason = None if value is None else check(value, spec)
        if reason is not None:
            yield _problem(item, path, reason)
    yield from _budgets(item, spec, stack)


def _budgets(item: Declared, spec: dict[str, Any], stack: str) -> Iterator[Problem]:
    if item.kind not in _NAME_BYTES:
        return
    size = len(item.name.encode("utf-8"))
    if size > _NAME_BYTES[item.kind]:
        message = f"metadata.name: is {size} bytes; {LEGACY} takes at most {_NAME_BYTES[item.kind]}"
        yield Problem(message, item.location)
    comment = spec.get("comment") or ""
    if comment:
        owner = widest_owner(stack, with_digest=KINDS[item.kind].images)
        size = len(f"{comment} {marker(owner)}".encode())
        if size > _COMMENT_BYTES[item.kind]:
            message = (
                f"is {size} bytes with the ownership marker vodops adds; {LEGACY} takes at most "
                f"{_COMMENT_BYTES[item.kind]}"
            )
            yield _problem(item, ("comment",), message)


def _problem(item: Declared, path: Path, reason: str) -> Problem:
    return Problem(f"{spec_path(path)}: {reason}", item.locate(path))


def _path(dotted: str) -> Path:
    return tuple(dotted.split("."))


def _get(spec: dict[str, Any], path: Path) -> Any:
    value: Any = spec
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    return value
