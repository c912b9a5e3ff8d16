"""What vodops remembers of uploads and pulls in flight, so that an interrupted apply resumes
instead of starting over: the ApplyUpload session (its bucket, keys and temporary credential,
with which COS lists the parts already uploaded) or the PullUpload task id to follow.

One JSON file per media, under the project's `.vodops/uploads/`, named by the digest of its
marker; removed once the media is committed or found. The temporary COS credential of a session
is a secret, so it is sealed (AES-GCM) with a key derived from the target's SecretKey: the file
alone reveals nothing, and a session sealed under another key (rotated temporary credentials)
is not resumed but started again. It is a cache, not state: losing it costs
a re-upload (a fresh session), never a duplicate, because the media is found by its marker first.
An entry left by an apply that died after its media was made, and that no apply needed since,
is removed once it is older than MAX_AGE_SECONDS (no session or pull task outlives that).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import time
from pathlib import Path
from typing import Any

from vodops.errors import SettingsError
from vodops.statedir import STATE, state_directory

FOLDER = STATE / "uploads"
MAX_AGE_SECONDS = 72 * 3600  # PullUpload's SessionId window; upload sessions expire sooner
CREDENTIAL, SEALED = "TempCertificate", "SealedCredential"  # ApplyUpload's, and as kept
SEAL_CONTEXT = b"vodops upload journal v1"
NONCE_BYTES, TAG_BYTES = 12, 16


class Journal:
    """Entries by key (a media's marker text), in `directory`/.vodops/uploads/. `secret` is the
    target's SecretKey, from which the sealing key is derived; None: a key of this process only
    (what it seals cannot be resumed by another apply)."""

    def __init__(self, directory: Path, secret: str | None = None) -> None:
        self._root, self._folder = directory, directory / FOLDER
        material = secret.encode("utf-8") if secret is not None else os.urandom(32)
        self._key = hmac.new(material, SEAL_CONTEXT, hashlib.sha256).digest()
        self._forget_old()

    def load(self, key: str) -> dict[str, Any] | None:
        """The entry for `key`, or None (none, or unreadable: it is only a cache); a credential
        sealed under another key is left out."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict):
            return None
        sealed = entry.pop(SEALED, None)
        opened = _open(self._key, sealed, key) if isinstance(sealed, str) else None
        return {**entry, CREDENTIAL: opened} if opened is not None else entry

    def save(self, key: str, entry: dict[str, Any]) -> None:
        """Write the entry atomically (a kill never leaves half a file), its credential sealed."""
        path = self._path(key)
        written = {name: value for name, value in entry.items() if name != CREDENTIAL}
        if CREDENTIAL in entry:
            written[SEALED] = _seal(self._key, entry[CREDENTIAL], key)
        try:
            state_directory(self._root)
            path.parent.mkdir(exist_ok=True)
            scratch = path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(json.dumps(written), encoding="utf-8")
            scratch.chmod(0o600)
            scratch.replace(path)
        except OSError as error:
            raise SettingsError(
                f"cannot write the upload journal {path}: {error.strerror or error}"
            ) from None

    def remove(self, key: str) -> None:
        """Forget the upload recorded under `key` (nothing when there is none)."""
        self._path(key).unlink(missing_ok=True)

    def _forget_old(self) -> None:
        oldest = time.time() - MAX_AGE_SECONDS
        for entry in self._folder.glob("*.json") if self._folder.is_dir() else ():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < oldest:
                    entry.unlink()

    def _path(self, key: str) -> Path:
        return self._folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"


def _seal(key: bytes, credential: Any, entry_key: str) -> str:
    """`credential` as JSON, encrypted and authenticated for this entry (base64 of nonce, tag and
    ciphertext), with pycryptodome's AES-GCM (already there for the COS SDK)."""
    from Crypto.Cipher import AES  # only applies upload

    nonce = os.urandom(NONCE_BYTES)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    cipher.update(entry_key.encode("utf-8"))
    box, tag = cipher.encrypt_and_digest(json.dumps(credential).encode("utf-8"))
    return base64.b64encode(nonce + tag + box).decode("ascii")


def _open(key: bytes, sealed: str, entry_key: str) -> Any:
    """What `_seal` sealed, or None when it was sealed under another key (or is damaged)."""
    from Crypto.Cipher import AES

    try:
        raw = base64.b64decode(sealed, validate=True)
        cipher = AES.new(key, AES.MODE_GCM, nonce=raw[:NONCE_BYTES])
        cipher.update(entry_key.encode("utf-8"))
        tag_end = NONCE_BYTES + TAG_BYTES
        return json.loads(cipher.decrypt_and_verify(raw[tag_end:], raw[NONCE_BYTES:tag_end]))
    except ValueError:  # a wrong tag, bad base64 or bad JSON
        return None
