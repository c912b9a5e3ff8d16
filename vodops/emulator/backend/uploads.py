"""Uploads: ApplyUpload -> the object into COS -> CommitUpload, and PullUpload followed with
DescribeTaskDetail (reference media-upload.md §1-§2).

ApplyUpload opens a session: a bucket and object keys on the emulator's COS endpoint (cos.py)
and a temporary credential allowed to write exactly those keys. CommitUpload turns the uploaded
objects into a media file and closes the session. PullUpload records a task that a job fetches
on its own thread (pull.py); a task left unfinished by a stopped emulator is taken up again
when DescribeTaskDetail asks for it.
"""

from __future__ import annotations

import secrets

from ..faults import ApiFault
from ..schema import Params
from ..shapes import media as shapes
from . import media, mediainfo, pull
from .base import Action, Context, Reply, china_time

SESSION = "upload-session"
CREDENTIAL = "cos-credential"  # app 0: COS finds a request's credential by its SecretId alone
OBJECT = "cos-object"  # app 0, keyed "<bucket>/<key>": ETag and size of a stored object
SESSION_SECONDS = 24 * 3600  # not documented (reference §2.3); the credential's lifetime too


def _access_point(ctx: Context) -> None:
    """ApplyUpload and CommitUpload need the Region of the access point the upload goes through
    (their documents mark Region required, unlike the other VOD actions; media-upload.md §2)."""
    if not ctx.region:
        raise ApiFault("MissingParameter", "The request is missing a required parameter `Region`.")


def apply_upload(ctx: Context, params: Params) -> Reply:
    """ApplyUpload: opens an upload session (24 h) on the emulator's COS, with a temporary
    credential for exactly its media and cover keys; answers {StorageBucket, StorageRegion,
    VodSessionKey, MediaStoragePath, CoverStoragePath, TempCertificate}. Raises ApiFault
    MissingParameter (no Region), InvalidParameterValue.ClassId, InvalidParameterValue.Procedure."""
    _access_point(ctx)
    media.check_refs(ctx, params)
    region = params.get("StorageRegion") or mediainfo.DEFAULT_REGION
    key = secrets.token_hex(16)
    folder = f"/{ctx.app or media.APP_ID}/{key[:16]}"
    media_path = f"{folder}/f0.{params['MediaType']}"
    cover_path = f"{folder}/cover.{params['CoverType']}" if params.get("CoverType") else ""
    bucket = f"vodemu{ctx.app}-{media.APP_ID}"
    secret_id = f"AKIDtmp{secrets.token_hex(12)}"
    certificate: Params = {
        "SecretId": secret_id, "SecretKey": secrets.token_hex(16),
        "Token": secrets.token_hex(24), "ExpiredTime": int(ctx.now) + SESSION_SECONDS,
    }  # fmt: skip
    keys = [path[1:] for path in (media_path, cover_path) if path]
    ctx.tx.put(CREDENTIAL, 0, secret_id, {**certificate, "Bucket": bucket, "Keys": keys})
    ctx.tx.put(SESSION, ctx.app, key, {
        "Params": params, "Bucket": bucket, "Media": media_path, "Cover": cover_path,
        "SecretId": certificate["SecretId"], "Expires": certificate["ExpiredTime"],
    })  # fmt: skip
    return {
        "StorageBucket": bucket, "StorageRegion": region, "VodSessionKey": key,
        "MediaStoragePath": media_path, "CoverStoragePath": cover_path, "TempCertificate": certificate,
    }  # fmt: skip


def commit_upload(ctx: Context, params: Params) -> Reply:
    """CommitUpload: the session's uploaded objects become a media file (with its procedure's
    outputs), and the session and its credential end; answers {FileId, MediaUrl, CoverUrl}. Raises
    ApiFault MissingParameter (no Region), InvalidParameterValue.VodSessionKey (unknown or expired),
    FailedOperation (nothing uploaded)."""
    _access_point(ctx)
    key = params["VodSessionKey"]
    session = ctx.tx.get(SESSION, ctx.app, key)
    if session is None or session["Expires"] < ctx.now:
        raise ApiFault("InvalidParameterValue.VodSessionKey", "The VodSessionKey is invalid or has expired.")
    found = _uploaded(ctx, session["Bucket"], session["Media"])
    cover = _uploaded(ctx, session["Bucket"], session["Cover"]) if session["Cover"] else None
    ctx.tx.delete(SESSION, ctx.app, key)
    ctx.tx.delete(CREDENTIAL, 0, session["SecretId"])
    new = media.NewMedia(session["Params"], session["Params"]["MediaType"], session["Media"],
                         int(found["Size"]), found["Md5"])  # fmt: skip
    doc = media.add(ctx, new)
    _keep(ctx, session["Bucket"], session["Media"], doc["FileId"], doc["StoragePath"])
    if cover is not None:
        doc["CoverUrl"] = _keep(ctx, session["Bucket"], session["Cover"], doc["FileId"], session["Cover"])
        ctx.tx.put(media.KIND, ctx.app, doc["FileId"], doc)
    return {"FileId": doc["FileId"], "MediaUrl": doc["MediaUrl"], "CoverUrl": doc["CoverUrl"]}


def pull_upload(ctx: Context, params: Params) -> Reply:
    """PullUpload: records a pull task (WAITING) that a job runs once the transaction commits;
    answers {TaskId}. Raises ApiFault InvalidParameterValue.SessionId (used in the last 72 h),
    FailedOperation.MediaType (no MediaType and none in the URL), InvalidParameterValue.ClassId,
    InvalidParameterValue.Procedure."""
    session_id = params.get("SessionId", "")
    if session_id:
        used = ctx.tx.get(pull.SESSION_ID, ctx.app, session_id)
        if used is not None and ctx.now - float(used["At"]) < pull.DEDUP_SECONDS:
            raise ApiFault(
                "InvalidParameterValue.SessionId",
                f"SessionId {session_id!r} was used in the last 72 hours; the request is dropped.",
            )
        ctx.tx.put(pull.SESSION_ID, ctx.app, session_id, {"At": ctx.now})
    media_type = params.get("MediaType") or pull.extension(params["MediaUrl"])
    if not media_type:
        raise ApiFault(
            "FailedOperation.MediaType", "The media type cannot be told from MediaUrl; set MediaType."
        )
    media.check_refs(ctx, params)
    task_id = f"{media.APP_ID}-pull-{secrets.token_hex(16)}"
    task = {"TaskId": task_id, "Status": "WAITING", "Created": ctx.now, "Began": None, "Finished": None,
            "Params": {**params, "MediaType": media_type}, "Origin": ctx.origin, "ErrCode": 0,
            "Message": "", "FileId": "", "Progress": 0}  # fmt: skip
    ctx.tx.put(pull.TASK, ctx.app, task_id, task)
    ctx.jobs[task_id] = pull.job(ctx.app, task_id)
    return {"TaskId": task_id}


def describe_task(ctx: Context, params: Params) -> Reply:
    """DescribeTaskDetail: a pull task's status and PullUploadTask (times at UTC+8); an unfinished
    task's job is started again if none runs. Raises ApiFault InvalidParameterValue.TaskId (unknown,
    or older than 72 h)."""
    task = ctx.tx.get(pull.TASK, ctx.app, params["TaskId"])
    if task is None or ctx.now - float(task["Created"]) > pull.DEDUP_SECONDS:
        raise ApiFault("InvalidParameterValue.TaskId", f"The task {params['TaskId']} does not exist.")
    if task["Status"] != "FINISH":
        ctx.jobs[task["TaskId"]] = pull.job(ctx.app, task["TaskId"])  # taken up again if none runs
    return {
        "TaskType": "PullUpload", "Status": task["Status"], "CreateTime": china_time(task["Created"]),
        "BeginProcessTime": china_time(task["Began"]) if task["Began"] else "",
        "FinishTime": china_time(task["Finished"]) if task["Finished"] else "",
        **dict.fromkeys(pull.OTHER_TASKS),
        "PullUploadTask": pull.show(ctx, task),
    }  # fmt: skip


def _uploaded(ctx: Context, bucket: str, path: str) -> Params:
    found = ctx.tx.get(OBJECT, 0, f"{bucket}/{path[1:]}")
    if found is None:
        raise ApiFault("FailedOperation", f"Nothing was uploaded to {path}; upload it before CommitUpload.")
    return found


def _keep(ctx: Context, bucket: str, path: str, file_id: str, storage_path: str) -> str:
    """Move an uploaded object to the media file's blobs; answer its URL."""
    name = storage_path.rsplit("/", 1)[-1]
    ctx.tx.rename_blob(f"cos/{bucket}/{path[1:]}", mediainfo.blob(file_id, name))
    ctx.tx.delete(OBJECT, 0, f"{bucket}/{path[1:]}")
    return mediainfo.url(ctx, file_id, name)


ACTIONS = {
    "ApplyUpload": Action(shapes.APPLY_UPLOAD, apply_upload),
    "CommitUpload": Action(shapes.COMMIT_UPLOAD, commit_upload),
    "PullUpload": Action(shapes.PULL_UPLOAD, pull_upload),
    "DescribeTaskDetail": Action(shapes.DESCRIBE_TASK_DETAIL, describe_task),
}
