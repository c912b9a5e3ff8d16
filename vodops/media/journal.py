"""What vodops remembers of uploads and pulls in flight, so that an interrupted apply resumes
instead of starting over: the ApplyUpload session (its bucket, keys and temporary credential,
with which COS lists the parts already uploaded) or the PullUpload task id to follow.

One JSON file per media, under the project's `.vodops/uploads/`, named by the digest of its
marker; removed once the media is committed or found. It is a cache, not state: losing it costs
a re-upload (a fresh session), never a duplicate, because the media is found by its marker first.
An entry left by an apply that died after its media was made, and that no apply needed since,
is removed once it is older than MAX_AGE_SECONDS (no session or pull task outlives that).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from vodops.errors import SettingsError

FOLDER = Path(".vodops") / "uploads"
MAX_AGE_SECONDS = 72 * 3600  # PullUpload's SessionId window; upload sessions expire sooner


class Journal:
    """Entries by key (a media's marker text), in `directory`/.vodops/uploads/."""

    def __init__(self, directory: Path) -> None:
        self._folder = directory / FOLDER
        self._forget_old()

    def load(self, key: str) -> dict[str, Any] | None:
        """The entry for `key`, or None (none, or unreadable: it is only a cache)."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) else None

    def save(self, key: str, entry: dict[str, Any]) -> None:
        """Write the entry atomically (a kill never leaves half a file)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(json.dumps(entry), encoding="utf-8")
            scratch.chmod(0o600)  # it holds a temporary COS credential
            scratch.replace(path)
        except OSError as error:
            raise SettingsError(
                f"cannot write the upload journal {path}: {error.strerror or error}"
            ) from None

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _forget_old(self) -> None:
        oldest = time.time() - MAX_AGE_SECONDS
        for entry in self._folder.glob("*.json") if self._folder.is_dir() else ():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < oldest:
                    entry.unlink()

    def _path(self, key: str) -> Path:
        return self._folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"
