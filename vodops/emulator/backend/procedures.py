"""Procedure templates (task flows): identified by name, reset as a whole, presets listed first.

Referenced template Definitions (transcode, watermark, and every processing-template kind a
MediaProcessTask, AiContentReviewTask, AiAnalysisTask, AiRecognitionTask or ReviewAudioVideoTask
names) are accepted as given, not checked to exist: Create/ResetProcedureTemplate's documented
error codes have none for a missing template, and deleting a template a procedure names is not
documented as refused either.
"""

from __future__ import annotations

from ..defaults import render
from ..encoding import encoded_list
from ..faults import ApiFault
from ..presets import PROCEDURE_NAMES, PROCEDURES
from ..schema import Params
from ..shapes import procedures as shapes
from .base import Action, Context, Named, Rendered, Reply, china_time, new_name, page, stored_page

KIND = "procedure"
QUOTA = 50
_NAMED = Named(KIND, PROCEDURE_NAMES, QUOTA, "procedure templates")


def create(ctx: Context, params: Params) -> Reply:
    """CreateProcedureTemplate: a procedure named Name with the request's tasks (template ids
    unchecked); answers {}. Raises ApiFault InvalidParameter.ExistedProcedureName (a preset's or a
    stored one's name), LimitExceeded (50 per app, times quotaScale)."""
    name = params["Name"]
    taken = ApiFault("InvalidParameter.ExistedProcedureName", f"Procedure {name!r} already exists.")
    new_name(ctx, _NAMED, name, taken)
    doc = {"Name": name, "Created": ctx.now, "Updated": ctx.now, "Spec": _spec(params)}
    ctx.tx.put(KIND, ctx.app, name, doc)
    return {}


def reset(ctx: Context, params: Params) -> Reply:
    """Replace the whole content: whatever the request leaves out is cleared."""
    doc = _custom(ctx, params["Name"], "reset", "InvalidParameter.ProcedureNameNotExist")
    doc.update(Spec=_spec(params), Updated=ctx.now)
    ctx.tx.put(KIND, ctx.app, doc["Name"], doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteProcedureTemplate: deletes the procedure Name; answers {}. Raises ApiFault
    FailedOperation (a preset), InvalidParameter (no such procedure)."""
    doc = _custom(ctx, params["Name"], "deleted", "InvalidParameter")
    ctx.tx.delete(KIND, ctx.app, doc["Name"])
    return {}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeProcedureTemplates: the presets, then the app's procedures, filtered by Names and
    Type, in creation order (SortBy CreateTime asc or desc), an Offset/Limit page; answers
    {TotalCount, ProcedureTemplateSet} (times at UTC+8)."""
    if not params.get("Names") and "Type" not in params and not params.get("SortBy"):
        total, texts = stored_page(ctx, KIND, params, _RENDERED.presets, by_id=False)
        return {"TotalCount": total, "ProcedureTemplateSet": encoded_list(texts)}
    listed = [(doc, "Preset") for doc in PROCEDURES]
    listed += [(doc, "Custom") for doc in ctx.tx.scan(KIND, ctx.app)]
    if params.get("Names"):
        listed = [(doc, kind) for doc, kind in listed if doc["Name"] in params["Names"]]
    if "Type" in params:
        listed = [(doc, kind) for doc, kind in listed if kind == params["Type"]]
    if params.get("SortBy"):
        listed = _by_creation(listed, newest_first=params["SortBy"][0]["Order"].lower() == "desc")
    shown = [_show(doc, kind) for doc, kind in page(listed, params)]
    return {"TotalCount": len(listed), "ProcedureTemplateSet": shown}


def _by_creation(listed: list[tuple[Params, str]], newest_first: bool) -> list[tuple[Params, str]]:
    # Ties (same second) keep the order of creation, reversed too when newest come first.
    ranked = sorted(enumerate(listed), key=lambda item: (item[1][0]["Created"], item[0]))
    return [entry for _, entry in (ranked[::-1] if newest_first else ranked)]


def find(ctx: Context, name: str) -> Params | None:
    """The procedure named `name` in the caller's app, a preset or a stored one, or None."""
    preset = next((doc for doc in PROCEDURES if doc["Name"] == name), None)
    return preset if preset is not None else ctx.tx.get(KIND, ctx.app, name)


def _spec(params: Params) -> Params:
    return {k: v for k, v in params.items() if k not in ("SubAppId", "Name")}


def _custom(ctx: Context, name: str, verb: str, not_found: str) -> Params:
    if name in PROCEDURE_NAMES:
        raise ApiFault("FailedOperation", f"Procedure {name!r} is a system preset and cannot be {verb}.")
    doc = ctx.tx.get(KIND, ctx.app, name)
    if doc is None:
        raise ApiFault(not_found, f"Procedure {name!r} does not exist.")
    return doc


def _show(doc: Params, kind: str) -> Reply:
    return {
        "Name": doc["Name"],
        "Type": kind,
        **render(shapes.BODY, doc["Spec"]),
        "MiniProgramPublishTask": None,  # output only; nothing here sets it
        "CreateTime": china_time(doc["Created"]),
        "UpdateTime": china_time(doc["Updated"]),
    }


_RENDERED = Rendered(_show, PROCEDURES)
RENDERERS = {KIND: _RENDERED.custom}
ACTIONS = {
    "CreateProcedureTemplate": Action(shapes.CREATE, create),
    "DescribeProcedureTemplates": Action(shapes.DESCRIBE, describe),
    "ResetProcedureTemplate": Action(shapes.RESET, reset),
    "DeleteProcedureTemplate": Action(shapes.DELETE, delete),
}
