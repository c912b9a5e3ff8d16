"""Watermark templates: image, text and SVG; image bytes kept in the store and served back."""

from __future__ import annotations

from ..defaults import render
from ..encoding import compact, encoded_list
from ..faults import ApiFault
from ..images import PATH_PREFIX, sniff_base64, url
from ..schema import Params
from ..shapes import watermark as shapes
from .base import Action, Context, Reply, merge, page, stored_page, utc_time

KIND = "watermark"
FIRST_DEFINITION = 1_000_001
QUOTA = 1000
# Requests spell the origin TopLeft; the API answers topLeft.
_ORIGIN_SHOWN = {origin: origin[0].lower() + origin[1:] for origin in shapes.ORIGINS}
# A template is rendered when written, for no origin: its image URL starts at the path, and each
# page puts its caller's origin there. In compact JSON a quote inside a string is always escaped,
# so this text only ever starts an ImageUrl member that holds an image's URL.
_IMAGE_URL = f'"ImageUrl":"{PATH_PREFIX}'


def create(ctx: Context, params: Params) -> Reply:
    """CreateWatermarkTemplate: a template of Type (image, text or svg; the other types' members
    dropped), an image's bytes kept; answers {Definition, ImageUrl}. Raises ApiFault
    LimitExceeded.TooMuchTemplate (1000 per app, times quotaScale),
    InternalError.UploadWatermarkError (an image validation passed but that cannot be read: a
    bug)."""
    if ctx.tx.count(KIND, ctx.app) >= ctx.quota(QUOTA):
        raise ApiFault(
            "LimitExceeded.TooMuchTemplate",
            f"The number of watermark templates exceeds {ctx.quota(QUOTA)}.",
        )
    spec = _own_type_only(params["Type"], params)
    definition = ctx.tx.next_id(KIND, FIRST_DEFINITION)
    image = _keep_image(ctx, spec) if params["Type"] == "image" else None
    doc = {"Definition": definition, "Created": ctx.now, "Updated": ctx.now, "Image": image, "Spec": spec}
    ctx.tx.put(KIND, ctx.app, str(definition), doc)
    return {"Definition": definition, "ImageUrl": _image_url(ctx.origin, image)}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyWatermarkTemplate: the template Definition with the members of its own type laid over
    it (SvgTemplate.CycleConfig ignored); answers {ImageUrl} (the new image's, or ''). Raises
    ApiFault ResourceNotFound.TemplateNotExist."""
    doc = ctx.tx.get(KIND, ctx.app, str(params["Definition"]))
    if doc is None:
        raise _not_found("ResourceNotFound.TemplateNotExist", params["Definition"])
    update = _own_type_only(doc["Spec"]["Type"], params)
    update.get("SvgTemplate", {}).pop("CycleConfig", None)  # disabled member: accepted, ignored
    image = None
    if "ImageContent" in update.get("ImageTemplate", {}):
        image = doc["Image"] = _keep_image(ctx, update)
    doc.update(Spec=merge(doc["Spec"], update), Updated=ctx.now)
    ctx.tx.put(KIND, ctx.app, str(doc["Definition"]), doc)
    return {"ImageUrl": _image_url(ctx.origin, image)}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteWatermarkTemplate: deletes the template Definition; answers {}. Raises ApiFault
    ResourceNotFound."""
    key = str(params["Definition"])
    if ctx.tx.get(KIND, ctx.app, key) is None:
        raise _not_found("ResourceNotFound", params["Definition"])
    ctx.tx.delete(KIND, ctx.app, key)
    return {}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeWatermarkTemplates: the app's templates in Definition order, filtered by Type and
    Definitions, an Offset/Limit page, image URLs under the caller's origin; answers {TotalCount,
    WatermarkTemplateSet}."""
    if "Type" not in params and not params.get("Definitions"):
        total, texts = stored_page(ctx, KIND, params, ())
        at_origin = f'"ImageUrl":"{compact(ctx.origin)[1:-1]}{PATH_PREFIX}'
        listed = encoded_list(text.replace(_IMAGE_URL, at_origin, 1) for text in texts)
        return {"TotalCount": total, "WatermarkTemplateSet": listed}
    docs = sorted(ctx.tx.scan(KIND, ctx.app), key=lambda doc: int(doc["Definition"]))
    if "Type" in params:
        docs = [doc for doc in docs if doc["Spec"]["Type"] == params["Type"]]
    if params.get("Definitions"):
        docs = [doc for doc in docs if doc["Definition"] in params["Definitions"]]
    shown = [_show(ctx.origin, doc) for doc in page(docs, params)]
    return {"TotalCount": len(docs), "WatermarkTemplateSet": shown}


def _not_found(code: str, definition: int) -> ApiFault:
    return ApiFault(code, f"Watermark template {definition} does not exist.")


def _own_type_only(kind: str, params: Params) -> Params:
    """The request without SubAppId, Definition, and sub-templates of the other types.

    The API documents each sub-template as applying only to templates of its type.
    """
    others = {member for other, member in shapes.SUB_TEMPLATES.items() if other != kind}
    dropped = others | {"SubAppId", "Definition"}
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in params.items() if k not in dropped}


def _keep_image(ctx: Context, spec: Params) -> str:
    """Store the image of `spec` and take its content out of the spec; answer its file name."""
    image = sniff_base64(spec["ImageTemplate"].pop("ImageContent"))
    if image is None:  # validation let it through, so this is a bug, not a bad request
        raise ApiFault("InternalError.UploadWatermarkError", "The watermark image was lost.")
    ctx.tx.put_image(image.filename, image.content_type, image.data)
    return image.filename


def _image_url(origin: str, image: str | None) -> str:
    return "" if image is None else url(origin, image)


def _sub_template(spec: Params, kind: str) -> Params | None:
    member = shapes.SUB_TEMPLATES[kind]
    if spec["Type"] != kind:
        return None
    return render({"image": shapes.IMAGE, "text": shapes.TEXT, "svg": shapes.SVG}[kind], spec.get(member, {}))


def _rendered(doc: Params) -> str:
    """A stored template as Describe shows it, for no origin (its image URL starts at the path)."""
    return compact(_show("", doc))


def _show(origin: str, doc: Params) -> Reply:
    spec = doc["Spec"]
    image = _sub_template(spec, "image")
    return {
        "Definition": doc["Definition"],
        "Type": spec["Type"],
        "Name": spec.get("Name", ""),
        "Comment": spec.get("Comment", ""),
        "XPos": spec.get("XPos", "0px"),
        "YPos": spec.get("YPos", "0px"),
        "ImageTemplate": None if image is None else {"ImageUrl": _image_url(origin, doc["Image"]), **image},
        "TextTemplate": _sub_template(spec, "text"),
        "SvgTemplate": _sub_template(spec, "svg"),
        "CreateTime": utc_time(doc["Created"]),
        "UpdateTime": utc_time(doc["Updated"]),
        "CoordinateOrigin": _ORIGIN_SHOWN[spec.get("CoordinateOrigin", "TopLeft")],
    }


RENDERERS = {KIND: _rendered}
ACTIONS = {
    "CreateWatermarkTemplate": Action(shapes.CREATE, create),
    "DescribeWatermarkTemplates": Action(shapes.DESCRIBE, describe),
    "ModifyWatermarkTemplate": Action(shapes.MODIFY, modify),
    "DeleteWatermarkTemplate": Action(shapes.DELETE, delete),
}
