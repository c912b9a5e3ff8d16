"""Pulling a URL into VOD: PullUpload, then DescribeTaskDetail until the task finishes
(reference media-upload.md §1).

The SessionId is derived from the media's marker (and the attempt number), so an apply retried
after a lost answer or a crash never starts a second pull: PullUpload refuses a SessionId used
in the last 72 hours. The task id is journaled, so a re-run follows the same task. A task that
finished with an error is reported with its ErrCode and Message, and its next attempt uses a new
SessionId.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from vodops.errors import ApiError, MediaError
from vodops.media import Call
from vodops.media.answers import record, text
from vodops.media.journal import Journal

TIMEOUT_SECONDS = 600.0  # how long apply waits for one pull
FIRST_POLL, MAX_POLL = 0.2, 5.0  # seconds between DescribeTaskDetail calls, doubling
STILL_RUNS = "it may still finish: the next apply follows it"

# A line for the user while the pull runs ("pull task …: PROCESSING, 40%").
OnWait = Callable[[str], None]


@dataclass(frozen=True)
class Pull:
    """One URL to pull: `params` are PullUpload's (MediaName, ClassId, SourceContext, …)."""

    url: str
    params: Mapping[str, Any]
    key: str  # the journal key: the media's marker text


def pull(
    call: Call,
    journal: Journal,
    job: Pull,
    on_wait: OnWait,
    timeout: float = TIMEOUT_SECONDS,
    stop: threading.Event | None = None,
) -> str:
    """The FileId of the media the pull made; MediaError if it failed, timed out, or `stop` was
    set while it ran (Ctrl-C: the task is journaled, and the next apply follows it)."""
    entry = journal.load(job.key) or {"Attempt": 1}
    if not entry.get("TaskId"):
        entry["TaskId"] = _start(call, job, int(entry["Attempt"]))
        journal.save(job.key, entry)
    task = _follow(call, str(entry["TaskId"]), on_wait, timeout, stop or threading.Event())
    if task.get("ErrCode"):
        journal.save(job.key, {"Attempt": int(entry["Attempt"]) + 1})
        raise MediaError(
            f"pulling {job.url} failed: task {entry['TaskId']} finished with ErrCode {task.get('ErrCode')}: "
            f"{task.get('Message') or 'no message'}"
        )
    journal.remove(job.key)
    return text("DescribeTaskDetail", task, "FileId")


def session_id(key: str, attempt: int) -> str:
    """PullUpload's SessionId (≤ 50 characters) for one attempt at one media."""
    return "vodops-" + hashlib.sha256(f"{key}#{attempt}".encode()).hexdigest()[:40]


def _start(call: Call, job: Pull, attempt: int) -> str:
    try:
        reply = call(
            "PullUpload", {**job.params, "MediaUrl": job.url, "SessionId": session_id(job.key, attempt)}
        )
    except ApiError as error:
        if error.code != "InvalidParameterValue.SessionId":
            raise
        raise MediaError(
            f"a pull of {job.url} for this media was started in the last 72 hours and vodops no longer "
            "knows its task (its journal under .vodops/uploads/ is gone); its media appears when it "
            "finishes: run `vodops plan` again later"
        ) from None
    return text("PullUpload", reply, "TaskId")


def _follow(
    call: Call, task_id: str, on_wait: OnWait, timeout: float, stop: threading.Event
) -> dict[str, Any]:
    """The PullUploadTask once its task is FINISH; MediaError after `timeout` seconds, or as soon
    as `stop` is set (a wait is not a call in flight: an interrupted apply does not sit it out)."""
    deadline, pause = time.monotonic() + timeout, FIRST_POLL
    while True:
        detail = call("DescribeTaskDetail", {"TaskId": task_id})
        task = record("DescribeTaskDetail", detail, "PullUploadTask")
        if detail.get("Status") == "FINISH":
            return task
        last = f"last: {detail.get('Status')}, {task.get('Progress', 0)}%"
        if stop.is_set():
            raise MediaError(f"stopped waiting for pull task {task_id} ({last}); {STILL_RUNS}")
        if time.monotonic() + pause > deadline:
            late = f"did not finish within {timeout:.0f} s"
            raise MediaError(f"pull task {task_id} {late} ({last}); {STILL_RUNS}")
        on_wait(f"pull task {task_id}: {detail.get('Status')}, {task.get('Progress', 0)}%")
        stop.wait(pause)
        pause = min(pause * 2, MAX_POLL)
