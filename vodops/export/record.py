"""Which images under images/ export wrote, so it never overwrites one a person has edited since.

An image carries no header to say who wrote it, so export keeps `images/.vodops-export`: one
`sha256 path` line per image it wrote (a hidden file, so it is never read as a manifest; commit it
with the images). Export may replace an existing image only when its content is still what the
record says export wrote there; anything else (edited, put there by hand, no record) is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

IMAGES = PurePosixPath("images")
RECORD = IMAGES / ".vodops-export"
_MAX_RECORD_BYTES = 1024 * 1024


def digest(data: bytes) -> str:
    """SHA-256 of `data` (hex)."""
    return hashlib.sha256(data).hexdigest()


def read_record(out: Path) -> dict[str, str]:
    """path -> sha256 of every image the last export wrote under `out` (empty when unknown)."""
    file = out / RECORD
    if file.is_symlink() or not file.is_file():
        return {}
    with file.open("rb") as handle:
        text = handle.read(_MAX_RECORD_BYTES).decode("utf-8", "replace")
    pairs = (line.split("  ", 1) for line in text.splitlines())
    return {pair[1]: pair[0] for pair in pairs if len(pair) == 2}


def record_text(images: Mapping[PurePosixPath, bytes], kept: Mapping[str, str]) -> str:
    """The new record: the images written now, plus the earlier entries `kept`."""
    entries = {**kept, **{path.as_posix(): digest(data) for path, data in images.items()}}
    return "".join(f"{sha}  {path}\n" for path, sha in sorted(entries.items()))


def edited_images(out: Path, images: Mapping[PurePosixPath, bytes]) -> Iterable[Path]:
    """The images export would overwrite that it did not write, or that changed since it did."""
    record = read_record(out)
    for path, data in images.items():
        target = out / path
        if not target.exists() and not target.is_symlink():
            continue
        if target.is_symlink() or not target.is_file():
            yield target
            continue
        current = digest(_bounded(target))
        if current != digest(data) and record.get(path.as_posix()) != current:
            yield target


def _bounded(file: Path) -> bytes:
    with file.open("rb") as handle:
        return handle.read(64 * 1024 * 1024)
