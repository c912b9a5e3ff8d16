"""URL pulls: the PullUpload task, fetched by a job on its own thread.

The job marks the task PROCESSING, fetches MediaUrl (and CoverUrl) with a timeout and a size
bound, then either makes the media file or finishes the task with ErrCode 40000 and the reason
(PullUploadTask: 0 success, 40000 bad input, 60000 bad source file, 70000 internal; api.json).
"""

from __future__ import annotations

import hashlib
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from ..faults import ApiFault
from ..schema import Params
from ..store import Store
from . import media, mediainfo
from .base import Context, Job, Reply

TASK = "pull-task"
SESSION_ID = "pull-session-id"
DEDUP_SECONDS = 72 * 3600  # SessionId de-duplication window and task query window [S0 §2]
FETCH_TIMEOUT_SECONDS = 30.0
MAX_PULL_BYTES = 1024**3  # the emulator's bound on one pulled file (it keeps the bytes)
BAD_INPUT = 40000
# DescribeTaskDetail's other task objects, always returned (null for a pull), as api.json lists.
OTHER_TASKS = (
    "ProcedureTask", "EditMediaTask", "WechatPublishTask", "ComposeMediaTask", "SplitMediaTask",
    "WechatMiniProgramPublishTask", "TranscodeTask", "ConcatTask", "ClipTask", "CreateImageSpriteTask",
    "SnapshotByTimeOffsetTask", "RemoveWatermarkTask", "RebuildMediaTask", "ExtractTraceWatermarkTask",
    "ExtractCopyRightWatermarkTask", "ReviewAudioVideoTask", "ReduceMediaBitrateTask",
    "DescribeFileAttributesTask", "QualityInspectTask", "QualityEnhanceTask",
    "ComplexAdaptiveDynamicStreamingTask",
)  # fmt: skip


class PullError(Exception):
    """A URL that could not be fetched: the task's Message."""


def extension(url: str) -> str:
    """The file extension of a URL's path ('' when it has none)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def job(app: int, task_id: str) -> Job:
    """The work of one pull task of `app`."""

    def run(store: Store, clock: Callable[[], float]) -> None:
        with store.transaction() as tx:
            task = tx.get(TASK, app, task_id)
            if task is None or task["Status"] == "FINISH":
                return
            task.update(Status="PROCESSING", Began=task["Began"] or clock(), Progress=10)
            tx.put(TASK, app, task_id, task)
        try:
            data = _fetch(task["Params"]["MediaUrl"])
            cover = _fetch(task["Params"]["CoverUrl"]) if task["Params"].get("CoverUrl") else None
        except PullError as error:
            message = str(error)
            _finish(store, clock, app, task_id, lambda ctx, task: _failed(task, message))
            return
        _finish(store, clock, app, task_id, lambda ctx, task: _made(ctx, task, data, cover))

    return run


def show(ctx: Context, task: Params) -> Reply:
    """The PullUploadTask of a stored task."""
    found = ctx.tx.get(media.KIND, ctx.app, task["FileId"]) if task["FileId"] else None
    params = task["Params"]
    return {
        "TaskId": task["TaskId"], "Status": "FINISH" if task["Status"] == "FINISH" else "PROCESSING",
        "ErrCode": task["ErrCode"], "Message": task["Message"], "FileId": task["FileId"],
        "MediaBasicInfo": mediainfo.basic(ctx, found) if found else None,
        "MetaData": mediainfo.meta(found or mediainfo.NO_FILE),
        "FileUrl": found["MediaUrl"] if found else "",
        "ProcedureTaskId": task.get("ProcedureTaskId", ""), "ReviewAudioVideoTaskId": "",
        "SessionContext": params.get("SessionContext", ""), "SessionId": params.get("SessionId", ""),
        "Progress": task["Progress"],
    }  # fmt: skip


def _finish(
    store: Store,
    clock: Callable[[], float],
    app: int,
    task_id: str,
    outcome: Callable[[Context, Params], None],
) -> None:
    with store.transaction() as tx:
        task = tx.get(TASK, app, task_id)
        if task is None or task["Status"] == "FINISH":
            return
        ctx = Context(tx, app, clock(), task["Origin"])
        try:
            outcome(ctx, task)
        except ApiFault as fault:  # the class or procedure went away while the file was fetched
            _failed(task, fault.message)
        task.update(Status="FINISH", Finished=ctx.now, Progress=100)
        tx.put(TASK, app, task_id, task)


def _failed(task: Params, message: str) -> None:
    task.update(ErrCode=BAD_INPUT, Message=message)


def _made(ctx: Context, task: Params, data: bytes, cover: bytes | None) -> None:
    params = task["Params"]
    media.check_refs(ctx, params)
    path = f"/{ctx.app}/{secrets.token_hex(8)}/f0.{params['MediaType']}"
    new = media.NewMedia(params, params["MediaType"], path, len(data), hashlib.md5(data).hexdigest())
    doc = media.add(ctx, new)
    ctx.tx.put_blob(mediainfo.blob(doc["FileId"], "f0." + params["MediaType"]), data)
    if cover is not None:
        name = f"cover.{mediainfo.image_type(cover) or extension(params['CoverUrl']) or 'jpg'}"
        ctx.tx.put_blob(mediainfo.blob(doc["FileId"], name), cover)
        doc["CoverUrl"] = mediainfo.url(ctx, doc["FileId"], name)
        ctx.tx.put(media.KIND, ctx.app, doc["FileId"], doc)
    task.update(FileId=doc["FileId"], ProcedureTaskId=doc.get("ProcedureTaskId", ""))


def _fetch(url: str) -> bytes:
    """The body at `url`, or PullError saying why not."""
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as reply:
            data: bytes = reply.read(MAX_PULL_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise PullError(f"fetching {url} failed: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise PullError(f"fetching {url} failed: {reason}") from None
    if len(data) > MAX_PULL_BYTES:
        raise PullError(f"{url} is larger than {MAX_PULL_BYTES} bytes, the emulator's limit")
    return data
