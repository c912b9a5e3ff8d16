"""Where an export's documents and images go, and writing them without losing anyone's work.

Export owns the files it writes: one per kind (`procedures.yaml`) or, with --split, one per
resource in a folder per kind (`procedures/ingest.yaml`), each starting with `HEADER_MARK`, plus
the images under `images/`. It overwrites and removes only such files: a manifest it did not write,
an image it did not write (or one edited since, see record.py), or a path through a symbolic link
is refused before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from vodops.errors import VodopsError
from vodops.export.record import IMAGES, RECORD, edited_images, read_record, record_text
from vodops.export.yamlout import dump_documents
from vodops.resources import KINDS

FOLDERS = {name: kind.folder for name, kind in KINDS.items()}  # each kind declares its own
HEADER_MARK = "# Exported by vodops"
_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_STEM_BYTES = 100  # well under every file system's 255, with room for a suffix


class ExportError(VodopsError):
    """The export cannot be written where it was asked to go."""


def header(target: str) -> str:
    """The comment line that starts every exported file, naming `target`."""
    return f"{HEADER_MARK} from target {target!r} (vodops export); re-export to refresh it.\n"


class FileNames:
    """File-system-safe, unique names (compared without case: macOS and Windows ignore it)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, name: str, suffix: str) -> str:
        """A file name for `name` + `suffix`, safe (safe_stem) and not yet claimed, ignoring case
        ('-2', '-3', ... added when it is)."""
        stem = safe_stem(name)
        candidate, count = stem, 1
        while (candidate + suffix).lower() in self._used:
            count += 1
            candidate = f"{stem}-{count}"
        self._used.add((candidate + suffix).lower())
        return candidate + suffix


def safe_stem(name: str) -> str:
    """`Movies/Action` -> `Movies__Action`: no separators, no leading dot (hidden files are not
    read as manifests), bounded length."""
    stem = _UNSAFE.sub("_", name.replace("/", "__")).strip("._-") or "_"
    if len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
        stem = stem.encode("utf-8")[: _MAX_STEM_BYTES - 11].decode("utf-8", "ignore") + "-" + digest
    return stem


def image_file(names: FileNames, watermark_name: str, extension: str) -> PurePosixPath:
    """The path under images/ of a watermark's image file: its name, made safe and unique, with
    `extension`."""
    return IMAGES / names.claim(watermark_name, f".{extension}")


def manifest_texts(
    documents: Mapping[str, list[dict[str, Any]]], split: bool, target: str
) -> dict[PurePosixPath, str]:
    """Every manifest file's path (relative to --out) and text."""
    texts: dict[PurePosixPath, str] = {}
    for kind, docs in documents.items():
        if not split and docs:
            texts[PurePosixPath(f"{FOLDERS[kind]}.yaml")] = header(target) + dump_documents(docs)
            continue
        names = FileNames()
        for doc in docs if split else ():
            path = PurePosixPath(FOLDERS[kind], names.claim(doc["metadata"]["name"], ".yaml"))
            texts[path] = header(target) + dump_documents([doc])
    return texts


def write_export(out: Path, files: Mapping[PurePosixPath, str | bytes], kinds: Iterable[str]) -> list[Path]:
    """Write `files` under `out`; remove this export's earlier files of `kinds` that are no longer
    written (a resource deleted since, or the other layout). Answer the paths removed.

    Raises ExportError, having written nothing, when a file export did not write is in the way."""
    _refuse_others(out, files)
    for path, content in files.items():
        _write(out / path, content.encode("utf-8") if isinstance(content, str) else content)
    images = {path: data for path, data in files.items() if isinstance(data, bytes)}
    if images:
        _write(out / RECORD, record_text(images, read_record(out)).encode("utf-8"))
    written = {path.as_posix() for path in files}
    stale = [old for old in _owned(out, kinds) if old.relative_to(out).as_posix() not in written]
    for old in stale:
        old.unlink()
    return stale


_ELSEWHERE = "export into another --out directory"


def _refuse_others(out: Path, files: Mapping[PurePosixPath, str | bytes]) -> None:
    images = {path: data for path, data in files.items() if isinstance(data, bytes)}
    linked = {str(link) for path in [*files, RECORD] if (link := _link_on_the_way(out, path))}
    foreign = {str(out / path) for path in files if path.suffix == ".yaml" and _foreign(out / path)}
    edited = {str(path) for path in edited_images(out, images)}
    for found, what, advice in (
        (linked, "writing through symbolic links", _ELSEWHERE),
        (foreign, "overwriting manifests that vodops export did not write", _ELSEWHERE),
        (
            edited,
            "overwriting images that vodops export did not write or that were edited since",
            f"move them away (or apply them first) and export again, or {_ELSEWHERE}",
        ),
    ):
        if found:
            raise ExportError(f"not {what}: {', '.join(sorted(found))}; {advice}")


def _link_on_the_way(out: Path, path: PurePosixPath) -> Path | None:
    """The first symbolic link from `out` down to `out / path`, if any."""
    current = out
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)


def _owned(out: Path, kinds: Iterable[str]) -> list[Path]:
    """The manifests an earlier export of `kinds` left under `out`, in either layout."""
    found: list[Path] = []
    for kind in kinds:
        folder = out / FOLDERS[kind]
        candidates = [
            out / f"{FOLDERS[kind]}.yaml",
            *(sorted(folder.glob("*.yaml")) if folder.is_dir() else []),
        ]
        found.extend(path for path in candidates if path.is_file() and not _foreign(path))
    return found


def _foreign(path: Path) -> bool:
    """Whether `path` exists and is not a file this export wrote."""
    if not path.exists():
        return False
    with path.open("rb") as handle:
        first = handle.readline(len(HEADER_MARK) + 1)
    return not first.startswith(HEADER_MARK.encode("utf-8"))
