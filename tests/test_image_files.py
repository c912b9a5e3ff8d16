"""Hostile imageFile values: each is refused at validate time with file:line and its reason, never
read, never hanging, never reaching the API or a plan file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Vodops

WATERMARK = """apiVersion: vodops/v1
kind: WatermarkTemplate
metadata: {{name: logo}}
spec:
  type: image
  imageTemplate: {{imageFile: {image}}}
"""
WHERE = "6:19: spec.imageTemplate.imageFile: "
OUTSIDE = "is a symbolic link to a file outside the manifest directory"
ABSOLUTE = "is an absolute path; write a path relative to the manifest"
NOT_IMAGE = "is not a PNG, JPEG or GIF image"
LIMIT = "the API takes images up to 7340032 bytes (7 MB, so that their base64 fits its 10 MB request)"


def _png(size: int) -> bytes:
    logo = (EXAMPLES / "quickstart" / "logo.png").read_bytes()
    return logo + b"\0" * (size - len(logo))


def _fifo(d: Path) -> str:
    os.mkfifo(d / "pipe.png")
    return "pipe.png"


def _device(d: Path) -> str:
    os.symlink("/dev/zero", d / "zero.png")
    return "zero.png"


def _outside_link(d: Path) -> str:
    (d.parent / "secret.png").write_bytes(_png(100))
    os.symlink(d.parent / "secret.png", d / "logo.png")
    return "logo.png"


def _outside_dir_link(d: Path) -> str:
    (d.parent / "elsewhere").mkdir()
    (d.parent / "elsewhere" / "logo.png").write_bytes(_png(100))
    os.symlink(d.parent / "elsewhere", d / "images")
    return "images/logo.png"


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def setup(d: Path) -> str:
        (d / name).write_bytes(data)
        return name

    return setup


def _sparse(d: Path) -> str:
    with (d / "huge.png").open("wb") as file:
        file.write(_png(100))
        file.truncate(50 * 1024 * 1024)
    return "huge.png"


def _directory(d: Path) -> str:
    (d / "folder.png").mkdir()
    return "folder.png"


CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "fifo": (_fifo, "'pipe.png' is a FIFO (named pipe), not a regular file"),
    "device-via-symlink": (_device, f"'zero.png' {OUTSIDE}"),
    "symlink-outside": (_outside_link, f"'logo.png' {OUTSIDE}"),
    "folder-symlink-outside": (
        _outside_dir_link,
        f"'images/logo.png' {OUTSIDE}",
    ),
    "absolute": (lambda d: "/etc/passwd", f"'/etc/passwd' {ABSOLUTE}"),
    "absolute-windows": (
        lambda d: "'C:\\logo.png'",
        f"'C:\\\\logo.png' {ABSOLUTE}",
    ),
    "dot-dot": (lambda d: "../logo.png", "'../logo.png' leads outside the manifest directory"),
    "dot-dot-deep": (lambda d: "a/../../x/l.png", "'a/../../x/l.png' leads outside the manifest directory"),
    "nul": (lambda d: '"logo\\0.png"', "'logo\\x00.png' contains a NUL character"),
    "directory": (_directory, "'folder.png' is a directory, not a regular file"),
    "50-mb": (_sparse, f"'huge.png' is 52428800 bytes; {LIMIT}"),
    "one-byte-over": (_write("big.png", _png(7 * 1024 * 1024 + 1)), f"'big.png' is 7340033 bytes; {LIMIT}"),
    "svg-not-accepted": (_write("logo.svg", b"<svg/>"), f"'logo.svg' {NOT_IMAGE}"),
    "empty": (_write("empty.png", b""), f"'empty.png' {NOT_IMAGE}"),
    "missing": (lambda d: "nothing.png", "'nothing.png' cannot be read: No such file or directory"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_hostile_image_file_is_refused_at_validate_time(vodops: Vodops, tmp_path: Path, case: str) -> None:
    setup, reason = CASES[case]
    directory = tmp_path / "manifests"
    directory.mkdir()
    image = setup(directory)
    (directory / "logo.yaml").write_text(WATERMARK.format(image=image))
    for command in ("validate", "plan", "apply"):
        result = vodops(command, directory, *(["--yes"] if command == "apply" else []))
        assert result.code == 1, result.text
        assert result.err.splitlines() == [
            f"{directory / 'logo.yaml'}:{WHERE}{reason}",
            "1 problem: the manifests are invalid; nothing was sent to the API",
        ]
    assert not (directory / ".vodops").exists(), "the emulator was opened for an invalid manifest"


def test_an_image_at_the_limit_and_links_inside_the_directory_are_used(
    vodops: Vodops, tmp_path: Path
) -> None:
    directory = tmp_path / "manifests"
    (directory / "images").mkdir(parents=True)
    (directory / "images" / "logo.png").write_bytes(_png(7 * 1024 * 1024))
    (directory / "watermarks").mkdir()
    os.symlink("images/logo.png", directory / "linked.png")
    (directory / "watermarks" / "logo.yaml").write_text(WATERMARK.format(image="../linked.png"))
    assert vodops("apply", directory, "--yes").code == 0
    assert "No changes" in vodops("plan", directory).out

