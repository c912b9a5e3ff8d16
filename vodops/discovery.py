"""Which files under a project directory are vodops's, read without parsing a manifest.

    vodops.yaml (or vodops.yml)   the project's settings; a subfolder holding one is a nested
                                  project of its own and is not read into this one
    *.yaml, *.yml                 manifest files, when a line outside comments says
                                  `apiVersion: vodops/v1` or `kind: <a vodops kind>`; other YAML
                                  (docker-compose.yml, CI files) is skipped with a note
    .vodopsignore                 patterns, one a line, as in .gitignore (`#` comments, `name/`
                                  for folders, globs): matching files and folders are not read
    hidden files and folders      never read (.vodops/ holds the embedded emulator's state)

Kept free of the model and the YAML parser: shell completion uses it, and it must start fast.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from vodops.localfiles import MAX_TEXT_BYTES, LocalFileError, read_bytes, read_text, utf16_or_32
from vodops.registered import KIND_NAMES

SETTINGS_FILES = ("vodops.yaml", "vodops.yml")
IGNORE_FILE = ".vodopsignore"
# A line that, before any comment (a `#` after white space), says `kind: <a vodops kind>` or gives
# a value `vodops/v<N>` (apiVersion, even misspelt), in block or flow style, quoted or not, tagged
# or anchored or not. A kind or `vodops/` merely mentioned (a comment, `image: vodops/vodops:0.3.0`)
# is not a manifest. Lines end at LF, CRLF or a lone CR, as YAML's do (the loader reads all three).
_PROPERTIES = r"(?:[!&][^ \t\r\n]*[ \t]+)*"  # a node's tag (`!!str `) and anchor (`&a `), if any
_MENTIONS_VODOPS = re.compile(
    r"(?:^|(?<=\r))(?:[^#\r\n]|(?<=\S)#)*?"  # the line up to the match, with no comment started
    r"(?:(?<![\w-])[\"']?kind[\"']?[ \t]*:[ \t]*" + _PROPERTIES + r"[\"']?(?:" + "|".join(KIND_NAMES) + r")"
    r"(?![\w-])|:[ \t]*" + _PROPERTIES + r"[\"']?vodops/v[0-9])",
    re.MULTILINE,
)


@dataclass
class Found:
    """The manifest files of a project, and a note for each YAML file or folder left out."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def settings_file(directory: Path) -> Path | None:
    """The project's vodops.yaml (or .yml), if it has one."""
    # Present, not "a file": a vodops.yaml that is a FIFO or a folder is an error, not ignored.
    return next((directory / n for n in SETTINGS_FILES if _present(directory / n)), None)


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


class IgnoreFileError(LocalFileError):
    """The project's .vodopsignore is there but cannot be read: what it leaves out is unknown, so
    nothing is read (its patterns silently dropped, the files it names were read as manifests)."""

    def __init__(self, path: Path, error: LocalFileError) -> None:
        super().__init__(str(error))
        self.path = path


def find_manifest_files(directory: Path) -> Found:
    """Every manifest file under `directory`, sorted; raises OSError when a folder cannot be
    listed, IgnoreFileError when its .vodopsignore cannot be read."""
    found = Found()
    _walk(directory, directory, _ignore_patterns(directory), found)
    found.files.sort()
    return found


def _walk(root: Path, folder: Path, ignored: list[str], found: Found) -> None:
    for entry in sorted(folder.iterdir()):
        relative = PurePosixPath(entry.relative_to(root).as_posix())
        if entry.name.startswith(".") or _matches(relative, entry.is_dir(), ignored):
            continue
        if entry.is_dir():
            if settings_file(entry) is not None:
                found.notes.append(f"skipped {relative}/: it has its own vodops.yaml (a separate project)")
            else:
                _walk(root, entry, ignored, found)
        elif entry.suffix in (".yaml", ".yml") and not (folder == root and entry.name in SETTINGS_FILES):
            _sort_file(entry, relative, found)


def _sort_file(path: Path, relative: PurePosixPath, found: Found) -> None:
    try:
        data = read_bytes(path, MAX_TEXT_BYTES)
    except LocalFileError:  # a FIFO, a device, too large, unreadable: never read here
        found.files.append(path)  # the loader reports why it cannot be read
        return
    # A manifest saved as UTF-16 is found, so that the loader says why it cannot be read.
    text = data.decode(utf16_or_32(data) or "utf-8", errors="replace")
    if _MENTIONS_VODOPS.search(text):
        found.files.append(path)
    else:
        found.notes.append(f"skipped {relative}: not a vodops manifest (no apiVersion: vodops/v1)")


def _ignore_patterns(directory: Path) -> list[str]:
    ignore = directory / IGNORE_FILE
    if not _present(ignore):
        return []
    try:
        lines = read_text(ignore).splitlines()
    except LocalFileError as error:
        raise IgnoreFileError(ignore, error) from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _matches(relative: PurePosixPath, is_dir: bool, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern.endswith("/") and not is_dir:
            continue
        bare = pattern.strip("/")
        anchored = pattern.startswith("/") or "/" in bare
        if fnmatch.fnmatchcase(str(relative), bare):
            return True
        if not anchored and fnmatch.fnmatchcase(relative.name, bare):
            return True
    return False
