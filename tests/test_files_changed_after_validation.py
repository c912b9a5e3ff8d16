"""A file the manifests name that changes after validation, once the target is connected: the
account may already have been read (the read-ahead starts with the connection, and a target that
names its application by name is looked up with DescribeSubAppIds), so the refusal says nothing was
changed, not that nothing was sent to the API (which it said, after DescribeSubAppIds)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Vodops
from tests.test_environments import Console
from vodops.emulator import Emulator, serve_in_thread

WATERMARK = """apiVersion: vodops/v1
kind: WatermarkTemplate
metadata: {name: logo}
spec:
  type: image
  imageTemplate: {imageFile: logo.png}
"""
HEADLINE = "1 problem: a file the manifests name changed after they were validated; nothing was changed"
Change = Callable[[Path], object]
CHANGES: dict[str, tuple[Change, str]] = {
    "deleted": (lambda image: image.unlink(), "cannot be read: No such file or directory"),
    "not-an-image": (lambda image: image.write_bytes(b"GIF? no"), "is not a PNG, JPEG or GIF image"),
}


@pytest.fixture
def changing(emulator: Emulator) -> Iterator[tuple[str, list[Callable[[], object]]]]:
    """The emulator, served behind a wire that runs the queued changes when DescribeSubAppIds
    arrives: the call that finds a target's application by name, made before the manifests'
    files are read again. Yields its URL and the queue."""
    queued: list[Callable[[], object]] = []

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("HTTP_X_TC_ACTION") == "DescribeSubAppIds":
            while queued:
                queued.pop()()
        return emulator(environ, start_response)

    with serve_in_thread(app) as url:
        yield url, queued


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize("verb", [("plan",), ("apply", "--yes"), ("drift",)], ids=lambda verb: verb[0])
@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_an_image_that_changes_once_the_target_is_connected(
    vodops: Vodops,
    tmp_path: Path,
    emulator: Emulator,
    changing: tuple[str, list[Callable[[], object]]],
    verb: tuple[str, ...],
    change: str,
) -> None:
    url, queued = changing
    Console(url)("CreateSubAppId", Name="media")
    shutil.copy(EXAMPLES / "quickstart" / "logo.png", tmp_path / "logo.png")
    (tmp_path / "logo.yaml").write_text(WATERMARK)
    alter, reason = CHANGES[change]
    queued.append(lambda: alter(tmp_path / "logo.png"))
    before = emulator.snapshot()
    run = vodops(verb[0], tmp_path, *verb[1:], "--endpoint", url, "--sub-app", "media")
    assert (run.code, run.out) == (1, ""), run.text
    assert run.err.splitlines() == [
        f"{tmp_path / 'logo.yaml'}:6:19: spec.imageTemplate.imageFile: 'logo.png' {reason}",
        HEADLINE,
    ]
    assert "DescribeSubAppIds" in {call.action for call in emulator.calls}, "the account was asked"
    assert emulator.snapshot() == before, "nothing was changed"


@pytest.mark.usefixtures("cloud_keys")
def test_a_media_file_that_goes_once_the_target_is_connected(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, changing: tuple[str, list[Callable[[], object]]]
) -> None:
    """The same for a media's source and cover, read again as the desired state is made."""
    url, queued = changing
    Console(url)("CreateSubAppId", Name="media")
    (tmp_path / "intro.mp4").write_bytes(b"\0" * 64)
    shutil.copy(EXAMPLES / "quickstart" / "logo.png", tmp_path / "cover.png")
    spec = "{source: {file: intro.mp4}, cover: {file: cover.png}}"
    (tmp_path / "media.yaml").write_text(
        f"apiVersion: vodops/v1\nkind: Media\nmetadata: {{name: intro}}\nspec: {spec}\n"
    )
    queued.extend((tmp_path / name).unlink for name in ("intro.mp4", "cover.png"))
    before = emulator.snapshot()
    run = vodops("plan", tmp_path, "--endpoint", url, "--sub-app", "media")
    assert (run.code, run.out) == (1, ""), run.text
    assert run.err.splitlines() == [
        f"{tmp_path / 'media.yaml'}:4:17: spec.source.file: 'intro.mp4' does not exist",
        f"{tmp_path / 'media.yaml'}:4:43: spec.cover.file: 'cover.png' cannot be read: No such file or "
        "directory",
        HEADLINE.replace("1 problem", "2 problems"),
    ]
    assert emulator.snapshot() == before, "nothing was changed"


@pytest.mark.usefixtures("cloud_keys")
def test_every_file_that_went_is_named_at_once(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, changing: tuple[str, list[Callable[[], object]]]
) -> None:
    """Each declaration's files, not only the first declaration's that failed."""
    url, queued = changing
    Console(url)("CreateSubAppId", Name="media")
    for name in ("logo", "mark"):
        shutil.copy(EXAMPLES / "quickstart" / "logo.png", tmp_path / f"{name}.png")
        (tmp_path / f"{name}.yaml").write_text(WATERMARK.replace("logo", name))
        queued.append((tmp_path / f"{name}.png").unlink)
    run = vodops("plan", tmp_path, "--endpoint", url, "--sub-app", "media")
    assert (run.code, run.out) == (1, ""), run.text
    assert run.err.splitlines() == [
        *(
            f"{tmp_path / name}.yaml:6:19: spec.imageTemplate.imageFile: '{name}.png' cannot be read: "
            "No such file or directory"
            for name in ("logo", "mark")
        ),
        HEADLINE.replace("1 problem", "2 problems"),
    ]
