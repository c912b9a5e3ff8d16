"""One backend for every processing-template kind: Create/Describe/Modify/Delete from a declaration.

A `TemplateKind` names the kind's generated request and reply structs, its quota, presets,
cross-field rules and (where the API's Modify means more than "merge what was sent") its update
semantics; `actions(kind)` answers the four cloud actions. Every kind shares the rules the API
documents for all of them:

- custom templates get Definitions from one account-wide counter per kind, from 10001 (Tencent's
  examples show custom ids from 10001; ids below 10000 are system presets, api.json's
  Modify/DeleteAIAnalysisTemplate);
- presets are listed first by Describe and can be neither modified
  (`InvalidParameterValue.ModifyDefaultTemplate`) nor deleted
  (`InvalidParameterValue.DeleteDefaultTemplate`); an unknown Definition is
  `ResourceNotFound.TemplateNotExist`; past the quota, Create is `LimitExceeded.TooMuchTemplate`;
- Modify merges what it sends over the template (objects member by member, lists replaced) and
  checks the result with Create's rules, so both answer alike;
- Describe filters by Definitions and, where the request has it, Type; pages by Offset/Limit;
  shows times in UTC like the transcode templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..defaults import render
from ..encoding import encoded_list
from ..faults import ApiFault
from ..presets import PRESET_EPOCH
from ..schema import Params, Rule, Struct, validate
from .base import Action, Context, Rendered, Reply, merge, page, stored_page, utc_time

FIRST_DEFINITION = 10_001
Update = Callable[[Params, Params], Params]


@dataclass(frozen=True)
class TemplateKind:
    """A processing-template kind as the cloud keeps it.

    `name` is the API's noun (`AdaptiveDynamicStreamingTemplate`); `label` words it for messages;
    `quota` is the documented number of custom templates (api.json's Create description);
    `presets` are (Definition, spec) pairs; `rules` are cross-field rules checked on Create and
    on the result of every Modify; `update` lays a Modify's members over the stored template
    (default: `merge`)."""

    name: str
    label: str
    quota: int
    create: Struct
    modify: Struct
    delete: Struct
    describe: Struct
    shown: Struct
    presets: tuple[tuple[int, Params], ...] = ()
    rules: tuple[Rule, ...] = ()
    update: Update = merge

    @property
    def store(self) -> str:
        return self.name

    @property
    def template(self) -> Struct:
        """A template as stored: Create's members without SubAppId, with the kind's rules."""
        fields = tuple(f for f in self.create.fields if f.name != "SubAppId")
        return Struct(self.name, fields, self.rules)

    def preset(self, definition: int) -> Params | None:
        """The spec of the kind's preset `definition`, or None when it is no preset."""
        return next((spec for number, spec in self.presets if number == definition), None)

    @cached_property
    def rendered(self) -> Rendered:
        """What Describe pages of the kind splice in (a stored template's Type is Custom)."""
        presets = [_preset_doc(number, spec) for number, spec in self.presets]
        return Rendered(lambda doc, _: _show(self, doc), presets)


def actions(kind: TemplateKind) -> dict[str, Action]:
    """The kind's four actions, by their API names."""
    create_request = Struct(kind.create.name, kind.create.fields, kind.rules)
    return {
        f"Create{kind.name}": Action(create_request, lambda ctx, params: _create(kind, ctx, params)),
        f"Describe{kind.name}s": Action(kind.describe, lambda ctx, params: _describe(kind, ctx, params)),
        f"Modify{kind.name}": Action(kind.modify, lambda ctx, params: _modify(kind, ctx, params)),
        f"Delete{kind.name}": Action(kind.delete, lambda ctx, params: _delete(kind, ctx, params)),
    }


def _create(kind: TemplateKind, ctx: Context, params: Params) -> Reply:
    if ctx.tx.count(kind.store, ctx.app) >= ctx.quota(kind.quota):
        raise ApiFault(
            "LimitExceeded.TooMuchTemplate",
            f"The number of custom {kind.label} templates exceeds {ctx.quota(kind.quota)}.",
        )
    definition = ctx.tx.next_id(kind.store, FIRST_DEFINITION)
    while kind.preset(definition) is not None:  # animated-image presets sit at 20000 and 20001
        definition = ctx.tx.next_id(kind.store, FIRST_DEFINITION)
    doc = {"Definition": definition, "Created": ctx.now, "Updated": ctx.now, "Spec": _spec(params)}
    ctx.tx.put(kind.store, ctx.app, str(definition), doc)
    return {"Definition": definition}


def _modify(kind: TemplateKind, ctx: Context, params: Params) -> Reply:
    doc = _custom(kind, ctx, params["Definition"], "ModifyDefaultTemplate", "modified")
    merged = kind.update(doc["Spec"], _spec(params))
    validate(kind.template, merged)
    doc.update(Spec=merged, Updated=ctx.now)
    ctx.tx.put(kind.store, ctx.app, str(doc["Definition"]), doc)
    return {}


def _delete(kind: TemplateKind, ctx: Context, params: Params) -> Reply:
    doc = _custom(kind, ctx, params["Definition"], "DeleteDefaultTemplate", "deleted")
    ctx.tx.delete(kind.store, ctx.app, str(doc["Definition"]))
    return {}


def _describe(kind: TemplateKind, ctx: Context, params: Params) -> Reply:
    if "Type" not in params and not params.get("Definitions"):
        total, texts = stored_page(ctx, kind.store, params, kind.rendered.presets)
        return {"TotalCount": total, f"{kind.name}Set": encoded_list(texts)}
    listed = [_preset_doc(number, spec) for number, spec in kind.presets]
    listed += sorted(ctx.tx.scan(kind.store, ctx.app), key=lambda doc: int(doc["Definition"]))
    if params.get("Definitions"):
        listed = [doc for doc in listed if doc["Definition"] in params["Definitions"]]
    if "Type" in params:
        listed = [doc for doc in listed if _type(kind, doc) == params["Type"]]
    shown = [_show(kind, doc) for doc in page(listed, params)]
    return {"TotalCount": len(listed), f"{kind.name}Set": shown}


def _preset_doc(definition: int, spec: Params) -> Params:
    return {"Definition": definition, "Created": PRESET_EPOCH, "Updated": PRESET_EPOCH, "Spec": spec}


def _type(kind: TemplateKind, doc: Params) -> str:
    return "Preset" if kind.preset(doc["Definition"]) is not None else "Custom"


def _show(kind: TemplateKind, doc: Params) -> Reply:
    given = {
        **doc["Spec"],
        "Definition": doc["Definition"],
        "Type": _type(kind, doc),
        "CreateTime": utc_time(doc["Created"]),
        "UpdateTime": utc_time(doc["Updated"]),
    }
    return render(kind.shown, given)


def _spec(params: Params) -> Params:
    return {k: v for k, v in params.items() if k not in ("SubAppId", "Definition")}


def _custom(kind: TemplateKind, ctx: Context, definition: int, preset_code: str, verb: str) -> Params:
    if kind.preset(definition) is not None:
        raise ApiFault(
            f"InvalidParameterValue.{preset_code}",
            f"{kind.label.capitalize()} template {definition} is a system preset and cannot be {verb}.",
        )
    doc = ctx.tx.get(kind.store, ctx.app, str(definition))
    if doc is None:
        raise ApiFault(
            "ResourceNotFound.TemplateNotExist",
            f"{kind.label.capitalize()} template {definition} does not exist.",
        )
    return doc
