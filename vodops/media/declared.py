"""The Media kind's own parts, which the generic pipeline calls through its declaration
(vodops/kinds/media.py): how a listed media file reads as a spec, how a declaration's local
files are read, how a media file is made (upload or pull) and changed (ModifyMediaInfo).

Compared form, both sides: `source` is `{file: "sha256:<16 hex> (<n> bytes)"}` or
`{url: "url-sha256:<16 hex>"}`; `cover` is `{file: "sha256:<16 hex> (<n> bytes)"}` (the live
cover downloaded and hashed); `mediaClass` is the class's path; `tags` are sorted; `expireTime`
is UTC with a Z; `procedure` and `storageRegion` come from the marker (as asked at creation);
`mediaType` is told to VOD at upload only, never compared.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vodops.errors import ApplyError
from vodops.localfiles import LocalFileError, SpecFilesError
from vodops.media.answers import basic_info
from vodops.media.digests import digest
from vodops.media.marker import MediaMarker, parse, url_digest
from vodops.media.search import stack_media
from vodops.ownership import Owner
from vodops.resources.kind import LiveView, Prepared

NEVER = "9999-12-31T23:59:59Z"  # MediaBasicInfo.ExpireTime of media that never expire
SHOWN_HEX = 16


def read(raw: dict[str, Any], fetch: Callable[[str], bytes]) -> LiveView | None:
    """A listed media file as the pipeline sees it; None when vodops did not make it."""
    basic = basic_info(raw)
    marker = parse(str(basic["SourceInfo"].get("SourceContext") or ""))
    if marker is None:
        return None
    found_meta = raw.get("MetaData")
    meta: dict[str, Any] = found_meta if isinstance(found_meta, dict) else {}
    source = (
        {"url": _url_form(marker.digest)}
        if marker.from_url
        else {"file": _file_form(marker.digest, meta.get("Size"))}
    )
    spec: dict[str, Any] = {
        "source": source, "mediaClass": basic.get("ClassId") or None, "procedure": marker.procedure or None,
        "storageRegion": marker.region or None, "description": basic.get("Description") or None,
        "tags": sorted(basic.get("TagSet") or []) or None, "expireTime": _expiry(basic.get("ExpireTime")),
    }  # fmt: skip
    if basic.get("CoverUrl"):
        content = fetch(str(basic["CoverUrl"]))
        spec["cover"] = {"file": _file_form(_sha(content), len(content))}
    name = str(basic.get("Name") or "")
    shown = {key: value for key, value in spec.items() if value is not None}
    return LiveView(name, str(raw.get("FileId")), shown, Owner(marker.stack, name=marker.name))


def prepare(spec: dict[str, Any], root: Path, directory: Path, name: str) -> Prepared:
    """The compared form of a declaration, and its local files; raises SpecFilesError naming
    each file that cannot be used (the caller locates them)."""
    from vodops.manifest.images import ImageFileError  # the manifest package reads the kinds

    compared = {
        **spec,
        "tags": sorted(spec.get("tags") or []) or None,
        "expireTime": _expiry(spec.get("expireTime")),
    }
    compared = {key: value for key, value in compared.items() if value is not None and key != "mediaType"}
    files: dict[str, Path] = {}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for role, read in (("source", _source), ("cover", _cover)):
        try:
            read(spec, root, directory, files, compared)
        except (ImageFileError, LocalFileError) as error:
            problems.append(((role, "file"), str(error)))
    if problems:
        raise SpecFilesError(problems)
    return Prepared(compared, files)


def _source(
    spec: dict[str, Any], root: Path, directory: Path, files: dict[str, Path], compared: dict[str, Any]
) -> None:
    source = spec["source"]
    if not source.get("file"):
        compared["source"] = {"url": _url_form(url_digest(source["url"]))}
        return
    files["source"] = _media_file(root, directory, source["file"])
    try:
        found = digest(files["source"], root)
    except OSError as error:
        raise LocalFileError(f"{source['file']!r} cannot be read: {error.strerror or error}") from None
    compared["source"] = {"file": _file_form(found, files["source"].stat().st_size)}


def _cover(
    spec: dict[str, Any], root: Path, directory: Path, files: dict[str, Path], compared: dict[str, Any]
) -> None:
    from vodops.manifest.images import inside, read_image

    cover = spec.get("cover")
    if cover:
        content = read_image(root, directory, cover["file"])
        files["cover"] = inside(root, directory, cover["file"])
        compared["cover"] = {"file": _file_form(_sha(content), len(content))}


def make(api: Any, desired: Any, refs: Any, stack: str) -> str:
    """Upload or pull the declared media, unless this stack already made it (create-or-find:
    an apply that crashed after CommitUpload left it, found by its marker)."""
    from vodops.media.pull import Pull, pull  # the COS SDK and the emulator load only to apply
    from vodops.media.upload import Upload, upload

    marker = _marker(desired, stack)
    for found_marker, media in stack_media(api.call_app, stack):
        if found_marker == marker:
            api.transfers.journal.remove(marker.text())  # an earlier apply made it, then died
            return str(media.get("FileId"))
    params = _create_params(desired, refs, marker)
    transfers = api.transfers
    if "source" in desired.files:
        cover = desired.files.get("cover")
        report = _bytes_for(transfers, desired.name)
        job = Upload(desired.files["source"], cover, params, marker.text())
        file_id = upload(api.call_app, transfers.cos, transfers.journal, job, report).file_id
        return _after(api, file_id, desired, with_cover=False)
    job_pull = Pull(desired.spec["source"]["url"], params, marker.text())
    file_id = pull(api.call_app, transfers.journal, job_pull, transfers.on_wait, stop=transfers.stop)
    return _after(api, file_id, desired, with_cover="cover" in desired.files)


def modify(change: Any, refs: Any) -> dict[str, Any]:
    """ModifyMediaInfo's body for an update: the fields that changed."""
    body: dict[str, Any] = {}
    for field in change.fields:
        top = field.path[0]
        if top == "metadata":
            body["Name"] = change.name
        elif top == "description":
            body["Description"] = field.after or ""
        elif top == "mediaClass":
            body["ClassId"] = _class_id(refs, field.after)
        elif top == "expireTime":
            body["ExpireTime"] = field.after or NEVER
        elif top == "cover":
            body["CoverData"] = _cover_data(change.desired)
    _tags(body, change)
    return body


def export_spec(spec: dict[str, Any], raw: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A media file as a manifest: its source is the URL VOD serves it at (a pull of it makes the
    same media in another account); the cover is left out (no file to point at)."""
    basic = basic_info(raw)
    url = str(basic.get("MediaUrl") or "")
    exported = {key: value for key, value in spec.items() if key not in ("source", "cover")}
    if not url:
        return {**exported, "source": spec["source"]}, "it has no MediaUrl: write its source by hand"
    note = (
        "its source is written as the URL VOD serves it from (the original file or URL is not "
        "kept by the API); applied to this same target it plans a replace"
    )
    if "cover" in spec:
        note += "; its cover is not exported"
    return {"source": {"url": url}, **exported}, note


def _tags(body: dict[str, Any], change: Any) -> None:
    before = set(change.live.spec.get("tags") or []) if change.live else set()
    after = set(change.desired.spec.get("tags") or [])
    if after - before:
        body["AddTags"] = sorted(after - before)
    if before - after:
        body["DeleteTags"] = sorted(before - after)


def _after(api: Any, file_id: str, desired: Any, with_cover: bool) -> str:
    """What ApplyUpload and PullUpload cannot set: description, tags (and a pull's cover file)."""
    body: dict[str, Any] = {}
    if desired.spec.get("description"):
        body["Description"] = desired.spec["description"]
    if desired.spec.get("tags"):
        body["AddTags"] = sorted(set(desired.spec["tags"]))
    if with_cover:
        body["CoverData"] = _cover_data(desired)
    if body:
        api.call_app("ModifyMediaInfo", {**body, "FileId": file_id})
    return file_id


def _create_params(desired: Any, refs: Any, marker: MediaMarker) -> dict[str, Any]:
    spec = desired.spec
    params: dict[str, Any] = {"MediaName": desired.name, "SourceContext": marker.text()}
    if spec.get("mediaClass"):
        params["ClassId"] = _class_id(refs, spec["mediaClass"])
    for key, api_name in (
        ("mediaType", "MediaType"),
        ("procedure", "Procedure"),
        ("storageRegion", "StorageRegion"),
        ("expireTime", "ExpireTime"),
    ):
        if spec.get(key):
            params[api_name] = spec[key]
    return params


def _marker(desired: Any, stack: str) -> MediaMarker:
    source = desired.spec["source"]
    from_url = not source.get("file")
    content = url_digest(source["url"]) if from_url else digest(desired.files["source"])
    spec = desired.spec
    return MediaMarker(
        stack, desired.name, content, from_url, spec.get("storageRegion") or "", spec.get("procedure") or ""
    )


def _bytes_for(transfers: Any, label: str) -> Callable[[int, int], None]:
    return lambda done, total: transfers.on_bytes(label, done, total)


def _class_id(refs: Any, path: Any) -> int:
    if not path:
        return 0
    found = refs.id_of("MediaClass", str(path))
    if found is None:
        raise ApplyError(f"MediaClass {path!r} has no id yet; it must be created first")
    return int(found)


def _cover_data(desired: Any) -> str:
    return base64.b64encode(desired.files["cover"].read_bytes()).decode("ascii")


def _media_file(root: Path, directory: Path, written: str) -> Path:
    from vodops.manifest.images import inside

    path = inside(root, directory, written)
    if not path.is_file():
        raise LocalFileError(
            f"{written!r} is not a regular file" if path.exists() else f"{written!r} does not exist"
        )
    return path


def _file_form(digest: str, size: Any) -> str:
    count = f"{size:,} bytes" if isinstance(size, int) else "size unknown"
    return f"sha256:{digest[:SHOWN_HEX]} ({count})"


def _url_form(digest: str) -> str:
    return f"url-sha256:{digest[:SHOWN_HEX]}"


def _sha(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


def _expiry(value: Any) -> str | None:
    """An ISO 8601 expiry in UTC with a Z; None for none (and for the API's 'never')."""
    if not value or value == NEVER:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
