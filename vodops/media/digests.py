"""The SHA-256 of local media files, remembered so that validate, plan and apply read a large
file once, not on every run: by its size, modification time and inode, in memory for this
process and in `.vodops/digests.json` under the manifest directory for the next runs.

It is a cache, not state: a missing, damaged or unwritable cache only costs reading the file
again. A file whose size, mtime or inode changed is read again (an edit in place keeps the inode
but moves the mtime; a file replaced by a rename changes the inode).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from vodops.media.marker import file_digest
from vodops.statedir import STATE, state_directory

CACHE = STATE / "digests.json"
_seen: dict[tuple[str, int, int, int], str] = {}  # this process's digests, by (path, size, mtime, inode)
_kept: dict[Path, dict[str, Any]] = {}  # each manifest directory's cache, as read once by this process
_lock = threading.Lock()


def digest(path: Path, root: Path | None = None) -> str:
    """The SHA-256 (hex) of the regular file `path`; `root` is the manifest directory whose
    cache is read and written (None: this process's memory only). Raises OSError if it cannot
    be read."""
    found = path.stat()
    key = (str(path), found.st_size, found.st_mtime_ns, found.st_ino)
    with _lock:
        if key in _seen:
            return _seen[key]
    with _lock:
        kept = _kept.setdefault(root, _load(root)) if root is not None else {}
        value = _cached(kept.get(key[0]), key)
    if value is None:
        value = file_digest(path)
        if root is not None:
            with _lock:
                kept[key[0]] = [*key[1:], value]
                _save(root, kept)
    with _lock:
        _seen[key] = value
    return value


def _cached(entry: Any, key: tuple[str, int, int, int]) -> str | None:
    """The digest an entry ([size, mtime, inode, digest]) holds, if it is for this very file."""
    if not isinstance(entry, list) or len(entry) != 4 or entry[:3] != list(key[1:]):
        return None
    return entry[3] if isinstance(entry[3], str) else None


def _load(root: Path) -> dict[str, Any]:
    try:
        kept = json.loads((root / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _save(root: Path, entries: dict[str, Any]) -> None:
    """Write the cache atomically, without entries for files that are gone; never fails."""
    alive = {name: entry for name, entry in entries.items() if os.path.exists(name)}
    entries.clear()
    entries.update(alive)
    with contextlib.suppress(OSError):
        state, _ = state_directory(root)
        scratch = state / f"digests.{os.getpid()}.{threading.get_ident()}.tmp"
        scratch.write_text(json.dumps(alive, sort_keys=True), encoding="utf-8")
        scratch.replace(root / CACHE)
