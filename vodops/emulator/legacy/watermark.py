"""Legacy watermark template actions (seed §水印模板管理) over the store the 2018 actions use.

Creating takes three steps (§4.1): ApplyUploadWatermark hands out an upload URL, the image is
PUT there, and CreateWatermarkTemplate names that URL. The image then lives where 2018 images
live (named by content hash, served under /_emulator/images/), which is the `url` Query shows.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..backend import watermark as shared
from ..backend.base import Context, Reply
from ..images import sniff, url
from ..store import Tx
from .params import SIZE, Params
from .protocol import business

UPLOAD_PREFIX = "/_emulator/uploads/"
UPLOADS = "legacy-upload"
IMAGE_TYPES = ("png", "jpg", "jpeg", "gif")
QUOTA = 1000  # 10706's limit is not documented: the 2018 quota, over the same templates
NOT_FOUND = 10704


def apply_upload(ctx: Context, params: Params) -> Reply:
    """ApplyUploadWatermark (§4.1): a URL to PUT the image to."""
    kind = params.choice("type", IMAGE_TYPES, required=True)
    number = ctx.tx.next_id(UPLOADS, 1)
    ctx.tx.put(UPLOADS, 0, str(number), {"Type": kind, "Image": None, "App": ctx.app})
    return {"uploadUrl": f"{ctx.origin}{UPLOAD_PREFIX}{number}.{kind}"}


def receive(tx: Tx, path: str, data: bytes) -> str | None:
    """Keep the bytes PUT to an upload URL; answer why not (None when kept)."""
    number, _, _ = path[len(UPLOAD_PREFIX) :].partition(".")
    slot = _slot(tx, number)
    image = sniff(data)
    if slot is None:
        return "no such upload URL; call ApplyUploadWatermark first"
    if image is None:
        return "the upload is not a PNG, JPEG or GIF image"
    tx.put_image(image.filename, image.content_type, image.data)
    tx.put(UPLOADS, 0, number, {**slot, "Image": image.filename})
    return None


def create(ctx: Context, params: Params) -> Reply:
    """CreateWatermarkTemplate (§4.2): `definition` at the top level."""
    params.choice("type", ("image",), 10802, required=True)
    spec = _spec(params, {"Type": "image"})
    image = _uploaded(ctx, params.text("url", 10801, required=True) or "")
    if ctx.tx.count(shared.KIND, ctx.app) >= QUOTA:
        raise business(10706, f"The number of watermark templates has reached {QUOTA}.")
    definition = ctx.tx.next_id(shared.KIND, shared.FIRST_DEFINITION)
    doc = {"Definition": definition, "Created": ctx.now, "Updated": ctx.now, "Image": image, "Spec": spec}
    ctx.tx.put(shared.KIND, ctx.app, str(definition), doc)
    return {"definition": definition}


def update(ctx: Context, params: Params) -> Reply:
    """The manual's table lists no name, comment or url; its example sends them, and its error
    table has a code for url: they are accepted."""
    doc = _found(ctx, params, 10807)
    params.choice("type", ("image",), 10802)
    if doc["Spec"]["Type"] != "image":
        raise business(10802, f"Watermark template {doc['Definition']} is a {doc['Spec']['Type']} watermark.")
    params.position("width", 10810, required=True, check=SIZE)
    doc["Spec"] = _spec(params, doc["Spec"])
    if params.has("url"):
        doc["Image"] = _uploaded(ctx, params.text("url", 10801) or "")
    doc["Updated"] = ctx.now
    ctx.tx.put(shared.KIND, ctx.app, str(doc["Definition"]), doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteWatermarkTemplate (§4.6)."""
    doc = _found(ctx, params, 1000)
    ctx.tx.delete(shared.KIND, ctx.app, str(doc["Definition"]))
    return {}


def query(ctx: Context, params: Params) -> Reply:
    """QueryWatermarkTemplate (§4.4): the fields at the top level."""
    return shown(ctx, _found(ctx, params, NOT_FOUND))


def query_list(ctx: Context, params: Params) -> Reply:
    """QueryWatermarkTemplateList (§4.3), unpaged."""
    docs = sorted(ctx.tx.scan(shared.KIND, ctx.app), key=lambda doc: int(doc["Definition"]))
    return {"watermarkList": [shown(ctx, doc) for doc in docs]}


def shown(ctx: Context, doc: dict[str, Any]) -> dict[str, Any]:
    """A stored template as the legacy Query shows it; a text or SVG watermark made through the
    2018 API shows its type and no url."""
    spec = doc["Spec"]
    image = spec.get("ImageTemplate") or {}
    return {
        "definition": doc["Definition"], "name": spec.get("Name", ""), "comment": spec.get("Comment", ""),
        "type": spec["Type"], "url": url(ctx.origin, doc["Image"]) if doc.get("Image") else "",
        "left": spec.get("XPos", "0px"), "top": spec.get("YPos", "0px"),
        "width": image.get("Width", "10%"), "height": image.get("Height", "0px"),
        "status": 0, "posType": "", "create_time": int(doc["Created"]), "update_time": int(doc["Updated"]),
    }  # fmt: skip


def _spec(params: Params, base: dict[str, Any]) -> dict[str, Any]:
    spec = dict(base)
    found = {
        "Name": params.text("name", max_bytes=64),
        "Comment": params.text("comment", max_bytes=1024),
        "XPos": params.position("left", 10803),
        "YPos": params.position("top", 10804),
    }
    spec.update({k: v for k, v in found.items() if v is not None})
    size = {
        "Width": params.position("width", 10810, required=True, check=SIZE),
        "Height": params.position("height", 10811, check=SIZE),
    }
    spec["ImageTemplate"] = {**(spec.get("ImageTemplate") or {}), **{k: v for k, v in size.items() if v}}
    return spec


def _uploaded(ctx: Context, upload_url: str) -> str:
    """The stored image behind an upload URL, or 10801."""
    path = urlsplit(upload_url).path
    slot = (
        _slot(ctx.tx, path[len(UPLOAD_PREFIX) :].partition(".")[0])
        if path.startswith(UPLOAD_PREFIX)
        else None
    )
    if slot is None or slot["Image"] is None or slot["App"] != ctx.app:
        raise business(10801, "url must be an ApplyUploadWatermark URL that an image was PUT to.")
    return str(slot["Image"])


def _slot(tx: Tx, number: str) -> dict[str, Any] | None:
    """An upload slot: kept under app 0 with the app it was handed to, since a PUT to an upload
    URL is not a signed request and names no app."""
    return tx.get(UPLOADS, 0, number) if number.isdigit() else None


def _found(ctx: Context, params: Params, code: int) -> dict[str, Any]:
    definition = params.integer("definition", 1, 2**63 - 1, code, required=True)
    doc = ctx.tx.get(shared.KIND, ctx.app, str(definition))
    if doc is None:
        raise business(NOT_FOUND, f"Watermark template {definition} does not exist.")
    return doc
