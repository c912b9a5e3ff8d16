"""Uploading a local file: ApplyUpload, the file (and its cover) into COS, CommitUpload
(reference media-upload.md §2).

The COS part uses the official cos-python-sdk-v5: files up to PART_MIB go up in one PUT, larger
ones in parts of PART_MIB, several at once; before a multipart upload the SDK lists the parts
already in COS for that object and keeps those whose MD5 matches (its resume). The session
ApplyUpload opened is kept in the journal until CommitUpload, so an apply interrupted mid-upload
(even by kill -9) resumes in the same session and uploads only the missing parts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qcloud_cos.cos_exception import CosClientError, CosServiceError

from vodops.errors import ApiError, MediaError
from vodops.manifest.images import image_type
from vodops.media import Call
from vodops.media.answers import record, text
from vodops.media.cos import CosRoute
from vodops.media.journal import Journal

PART_MIB = 8  # part size; COS allows 10,000 parts, so up to 78 GiB at this size
THREADS = 4  # parts in flight at once
MIN_CREDENTIAL_SECONDS = 600  # a journaled session closer than this to expiry is not resumed

# Bytes done and bytes in all, as the COS SDK reports them from its worker threads.
OnBytes = Callable[[int, int], None]


@dataclass(frozen=True)
class Upload:
    """One file to upload: `params` are ApplyUpload's (MediaName, ClassId, SourceContext, …);
    MediaType, unless given, is the file's extension, and CoverType the cover's image type."""

    file: Path
    cover: Path | None
    params: Mapping[str, Any]
    key: str  # the journal key: the media's marker text


@dataclass(frozen=True)
class Committed:
    """A media file the API took: its FileId and the URL it plays from."""

    file_id: str
    media_url: str


def upload(
    call: Call, cos: CosRoute, journal: Journal, job: Upload, on_bytes: OnBytes | None = None
) -> Committed:
    """Upload `job.file` (and its cover) and commit it; raises MediaError if COS fails, ApiError
    if the API refuses."""
    kept = journal.load(job.key)
    try:
        return _in_session(call, cos, journal, job, on_bytes)
    except ApiError as error:
        if kept is None or not _session_gone(error):
            raise
    journal.remove(job.key)  # a journaled session the API no longer knows: start a new one
    return _in_session(call, cos, journal, job, on_bytes)


def _in_session(
    call: Call, cos: CosRoute, journal: Journal, job: Upload, on_bytes: OnBytes | None
) -> Committed:
    applied = _session(call, journal, job)
    client = cos.client(applied)
    bucket = text("ApplyUpload", applied, "StorageBucket")
    _put(client, bucket, text("ApplyUpload", applied, "MediaStoragePath"), job.file, on_bytes)
    if job.cover is not None:
        _put(client, bucket, text("ApplyUpload", applied, "CoverStoragePath"), job.cover, None)
    reply = call("CommitUpload", {"VodSessionKey": text("ApplyUpload", applied, "VodSessionKey")})
    journal.remove(job.key)
    return Committed(text("CommitUpload", reply, "FileId"), str(reply.get("MediaUrl") or ""))


def _session(call: Call, journal: Journal, job: Upload) -> dict[str, Any]:
    """The journaled session for this file if it can still be used, else a new one."""
    kept = journal.load(job.key)
    if kept is not None and _usable(kept):
        return kept
    params = {"MediaType": _extension(job.file), **job.params}
    if job.cover is not None:
        params["CoverType"] = image_type(job.cover.read_bytes()[:8])
    applied = call("ApplyUpload", params)
    record("ApplyUpload", applied, "TempCertificate")
    journal.save(job.key, applied)
    return applied


def _usable(applied: Mapping[str, Any]) -> bool:
    cert = applied.get("TempCertificate")
    expires = cert.get("ExpiredTime") if isinstance(cert, dict) else None
    return isinstance(expires, int) and expires > time.time() + MIN_CREDENTIAL_SECONDS


def _put(client: Any, bucket: str, storage_path: str, path: Path, on_bytes: OnBytes | None) -> None:
    try:
        client.upload_file(Bucket=bucket, Key=storage_path.lstrip("/"), LocalFilePath=str(path),
                           PartSize=PART_MIB, MAXThread=THREADS, progress_callback=on_bytes)  # fmt: skip
    except CosServiceError as error:
        raise MediaError(
            f"uploading {path.name} to COS failed: HTTP {error.get_status_code()} {error.get_error_code()}: "
            f"{error.get_error_msg()}"
        ) from None
    except (CosClientError, OSError) as error:
        raise MediaError(f"uploading {path.name} to COS failed: {error}") from None


def _extension(path: Path) -> str:
    return path.suffix.lstrip(".").lower()


def _session_gone(error: ApiError) -> bool:
    """Whether CommitUpload refused the session as unknown or expired. (A session committed
    before a crash never gets here: its media is found by its marker, and nothing is uploaded.)"""
    return error.action == "CommitUpload" and error.code == "InvalidParameterValue.VodSessionKey"
