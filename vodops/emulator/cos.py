"""The emulator's COS endpoint: enough of COS's XML object API for `cos-python-sdk-v5` to
upload what ApplyUpload asked for, in one PUT or in parts, and to resume a multipart upload.

Requests are recognized by their Host, `<bucket>.cos.<region>.myqcloud.com` (or
`.tencentcos.cn`), which the COS SDK builds from ApplyUpload's StorageBucket and StorageRegion
and keeps when its connection is pointed at the emulator (CosConfig IP/Port). Each request is
signed COS-style (q-sign-algorithm=sha1, checked here) with the temporary credential
ApplyUpload issued, whose token comes in `x-cos-security-token`; that credential may write
only the object keys of its upload session, until it expires.

Operations: PUT Object, InitiateMultipartUpload (POST ?uploads), UploadPart (PUT
?partNumber&uploadId), ListParts (GET ?uploadId), CompleteMultipartUpload (POST ?uploadId),
AbortMultipartUpload (DELETE ?uploadId), ListMultipartUploads (GET /?uploads). ETags are MD5s
(a completed multipart object's is the MD5 of the part MD5s, "-N"), so the SDK's resume check
works. One request body is at most MAX_COS_BODY_BYTES (the emulator's bound, not COS's 5 GB).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, quote
from xml.etree import ElementTree as ET

from . import cosauth
from .backend.base import utc_time
from .backend.uploads import OBJECT
from .cosauth import CosError, Request
from .limits import declared_length, too_large_message
from .schema import Params
from .store import Store, Tx

HOST = re.compile(r"^([a-z0-9-]+)\.cos\.([a-z0-9-]+)\.(?:myqcloud\.com|tencentcos\.cn)(?::\d+)?$")
MAX_COS_BODY_BYTES = 64 * 1024 * 1024
MAX_PARTS = 10000  # COS's limit on parts per upload
UPLOAD = "cos-multipart"  # app 0, keyed by UploadId
PART = "cos-part"  # app 0, keyed "<UploadId>/<PartNumber:05d>"
XML = "application/xml"


Answer = tuple[str, dict[str, str], bytes]


def bucket_of(host: str) -> str | None:
    """The bucket a Host header names, if it is a COS host."""
    found = HOST.match(host.lower())
    return found.group(1) if found else None


def answer(store: Store, clock: Callable[[], float], request: Request) -> Answer:
    """Perform one COS request; errors are COS's XML error answers."""
    try:
        with store.transaction() as tx:
            credential = cosauth.verify(tx.get, request, clock())
            _allowed(credential, request)
            return _perform(tx, request, clock())
    except CosError as error:
        return _error(error, request.bucket, request.key)


def _error(error: CosError, bucket: str, key: str) -> Answer:
    return error.status, {"Content-Type": XML}, _xml("Error", {
        "Code": error.code, "Message": error.message, "Resource": f"{bucket}/{key}",
        "RequestId": secrets.token_hex(12),
    })  # fmt: skip


def _allowed(credential: Params, request: Request) -> None:
    keys = credential["Keys"]
    listing = request.key == "" and request.method == "GET"
    if credential["Bucket"] != request.bucket or not (listing or request.key in keys):
        raise CosError("403 Forbidden", "AccessDenied", "The temporary credential may not write this object.")


def _perform(tx: Tx, request: Request, now: float) -> Answer:
    method, query = request.method, request.query
    if method == "GET" and not request.key and "uploads" in query:
        return _list_uploads(tx, request)
    if method == "PUT" and "partNumber" in query:
        return _upload_part(tx, request, now)
    if method == "PUT":
        return _put_object(tx, request, now)
    if method == "POST" and "uploads" in query:
        return _initiate(tx, request, now)
    if "uploadId" in query:
        upload_id = _upload(tx, request)
        actions = {"POST": _complete, "GET": _list_parts, "DELETE": _abort}
        if method in actions:
            return actions[method](tx, request, upload_id, now)
    raise CosError("405 Method Not Allowed", "MethodNotAllowed", f"{method} is not supported here.")


def _put_object(tx: Tx, request: Request, now: float) -> Answer:
    etag = hashlib.md5(request.body).hexdigest()
    tx.put_blob(f"cos/{request.bucket}/{request.key}", request.body)
    _stored(tx, request, etag, etag, len(request.body), now)
    return "200 OK", {"ETag": f'"{etag}"'}, b""


def _stored(tx: Tx, request: Request, etag: str, md5: str, size: int, now: float) -> None:
    doc = {"ETag": etag, "Md5": md5, "Size": size, "Modified": now}
    tx.put(OBJECT, 0, f"{request.bucket}/{request.key}", doc)


def _initiate(tx: Tx, request: Request, now: float) -> Answer:
    upload_id = f"{int(now)}{secrets.token_hex(16)}"
    tx.put(
        UPLOAD,
        0,
        upload_id,
        {"Id": upload_id, "Bucket": request.bucket, "Key": request.key, "Initiated": now},
    )
    return "200 OK", {"Content-Type": XML}, _xml("InitiateMultipartUploadResult", {
        "Bucket": request.bucket, "Key": request.key, "UploadId": upload_id,
    })  # fmt: skip


def _upload(tx: Tx, request: Request) -> str:
    upload_id = request.query["uploadId"]
    found = tx.get(UPLOAD, 0, upload_id)
    if found is None or found["Bucket"] != request.bucket or found["Key"] != request.key:
        raise CosError("404 Not Found", "NoSuchUpload", f"The upload {upload_id} does not exist.")
    return upload_id


def _upload_part(tx: Tx, request: Request, now: float) -> Answer:
    upload_id = _upload(tx, request)
    number = request.query["partNumber"]
    if not (number.isdigit() and 1 <= int(number) <= MAX_PARTS):
        raise CosError("400 Bad Request", "InvalidArgument", f"partNumber must be 1 to {MAX_PARTS}.")
    etag = hashlib.md5(request.body).hexdigest()
    name = f"{upload_id}/{int(number):05d}"
    tx.put_blob(f"cospart/{name}", request.body)
    doc = {
        "Upload": upload_id,
        "Number": int(number),
        "ETag": etag,
        "Size": len(request.body),
        "Modified": now,
    }
    tx.put(PART, 0, name, doc)
    return "200 OK", {"ETag": f'"{etag}"'}, b""


def _parts(tx: Tx, upload_id: str) -> list[Params]:
    """The parts uploaded so far, by part number."""
    found = [doc for doc in tx.scan(PART, 0) if doc["Upload"] == upload_id]
    return sorted(found, key=lambda doc: int(doc["Number"]))


def _list_parts(tx: Tx, request: Request, upload_id: str, now: float) -> Answer:
    marker = int(request.query.get("part-number-marker") or 0)
    limit = int(request.query.get("max-parts") or 1000)
    after = [p for p in _parts(tx, upload_id) if int(p["Number"]) > marker]
    shown, truncated = after[:limit], len(after) > limit
    items = [("Part", {"PartNumber": p["Number"], "LastModified": utc_time(float(p["Modified"])),
                       "ETag": f'"{p["ETag"]}"', "Size": p["Size"]}) for p in shown]  # fmt: skip
    fields = {"Bucket": request.bucket, "Key": _key(request), "UploadId": upload_id,
              "PartNumberMarker": marker, "NextPartNumberMarker": shown[-1]["Number"] if shown else marker,
              "MaxParts": limit, "IsTruncated": "true" if truncated else "false"}  # fmt: skip
    return "200 OK", {"Content-Type": XML}, _xml("ListPartsResult", fields, items)


def _complete(tx: Tx, request: Request, upload_id: str, now: float) -> Answer:
    wanted = _completion(request.body)
    stored = {int(p["Number"]): p for p in _parts(tx, upload_id)}
    for number, etag in wanted:
        part = stored.get(number)
        if part is None or part["ETag"] != etag:
            raise CosError(
                "400 Bad Request", "InvalidPart", f"Part {number} was not uploaded with that ETag."
            )
    data = b"".join(tx.get_blob(f"cospart/{upload_id}/{number:05d}") or b"" for number, _ in wanted)
    tx.put_blob(f"cos/{request.bucket}/{request.key}", data)
    digests = b"".join(bytes.fromhex(etag) for _, etag in wanted)
    etag = f"{hashlib.md5(digests).hexdigest()}-{len(wanted)}"
    _stored(tx, request, etag, hashlib.md5(data).hexdigest(), len(data), now)
    _abort(tx, request, upload_id, now)
    return "200 OK", {"Content-Type": XML}, _xml("CompleteMultipartUploadResult", {
        "Location": f"{request.bucket}.cos/{request.key}", "Bucket": request.bucket,
        "Key": _key(request), "ETag": f'"{etag}"',
    })  # fmt: skip


def _completion(body: bytes) -> list[tuple[int, str]]:
    """(PartNumber, ETag) of a CompleteMultipartUpload body, in ascending order."""
    try:
        root = ET.fromstring(body)
        parts = [(int(p.findtext("PartNumber") or ""), (p.findtext("ETag") or "").strip('"'))
                 for p in root.iter("Part")]  # fmt: skip
    except (ET.ParseError, ValueError):
        raise CosError(
            "400 Bad Request", "MalformedXML", "The CompleteMultipartUpload body is not valid."
        ) from None
    numbers = [n for n, _ in parts]
    if not parts or numbers != sorted(set(numbers)):
        raise CosError(
            "400 Bad Request", "InvalidPartOrder", "Parts must be listed once each, in ascending order."
        )
    return parts


def _abort(tx: Tx, request: Request, upload_id: str, now: float) -> Answer:
    for doc in _parts(tx, upload_id):
        tx.delete(PART, 0, f"{upload_id}/{int(doc['Number']):05d}")
    tx.delete_blobs(f"cospart/{upload_id}/")
    tx.delete(UPLOAD, 0, upload_id)
    return "204 No Content", {}, b""


def _list_uploads(tx: Tx, request: Request) -> Answer:
    prefix = request.query.get("prefix", "")
    uploads = [(key, doc) for key, doc in _uploads(tx) if doc["Bucket"] == request.bucket
               and str(doc["Key"]).startswith(prefix)]  # fmt: skip
    items = [("Upload", {"Key": _key(request, str(doc["Key"])), "UploadId": key, "StorageClass": "STANDARD",
                         "Initiated": utc_time(float(doc["Initiated"]))})
             for key, doc in uploads]  # fmt: skip
    fields = {"Bucket": request.bucket, "Prefix": prefix, "MaxUploads": 1000, "IsTruncated": "false"}
    return "200 OK", {"Content-Type": XML}, _xml("ListMultipartUploadsResult", fields, items)


def _uploads(tx: Tx) -> list[tuple[str, Params]]:
    return [(str(doc["Id"]), doc) for doc in tx.scan(UPLOAD, 0)]


def _key(request: Request, key: str | None = None) -> str:
    """A key as a listing shows it: URL-encoded when the request asked for encoding-type=url."""
    key = request.key if key is None else key
    return quote(key, safe="/") if request.query.get("encoding-type") == "url" else key


def _xml(root: str, fields: Params, items: Sequence[tuple[str, Params]] = ()) -> bytes:
    top = ET.Element(root)
    for name, value in fields.items():
        ET.SubElement(top, name).text = str(value)
    for tag, item in items:
        element = ET.SubElement(top, tag)
        for name, value in item.items():
            ET.SubElement(element, name).text = str(value)
    text: bytes = ET.tostring(top, encoding="utf-8", xml_declaration=True)
    return text


def request_of(
    method: str, bucket: str, path: str, query: str, headers: dict[str, str], body: bytes
) -> Request:
    """A COS request from what the server received (`path` already percent-decoded)."""
    return Request(
        method, bucket, path.lstrip("/"), dict(parse_qsl(query, keep_blank_values=True)), headers, body
    )


def serve(store: Store, clock: Callable[[], float], environ: Mapping[str, Any], bucket: str) -> Answer:
    """Answer one COS request as the WSGI server received it. A body longer than
    MAX_COS_BODY_BYTES is refused from its Content-Length, unread."""
    length = declared_length(environ)
    if length > MAX_COS_BODY_BYTES:
        error = CosError(
            "413 Payload Too Large", "EntityTooLarge", too_large_message(length, MAX_COS_BODY_BYTES)
        )
        return _error(error, bucket, "")
    headers = {key[5:].replace("_", "-").lower(): str(value) for key, value in environ.items()
               if key.startswith("HTTP_")}  # fmt: skip
    for name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(name):
            headers[name.replace("_", "-").lower()] = str(environ[name])
    body: bytes = environ["wsgi.input"].read(length) if length else b""
    path = environ.get("PATH_INFO") or "/"
    query = str(environ.get("QUERY_STRING", ""))
    return answer(store, clock, request_of(environ["REQUEST_METHOD"], bucket, path, query, headers, body))
