"""Reading a saved plan: the JSON document, checked for shape before anything else looks at it.

A plan file comes from outside (a pull request's artifact, a colleague's laptop), so it is read
like any other input: bounded in size, JSON only, every field of the documented shape
(vodops/plan/document.py) with its exact type, nothing else. Whatever is wrong is one line
naming the first bad field; nothing in a plan file can raise a traceback. Shape is all this
module vouches for: what the plan *says* is checked against the manifests and the account by
vodops/plan/verify.py, and never acted on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.errors import VodopsError
from vodops.live import LiveResource
from vodops.normalize import matches
from vodops.plan.changes import Action, Brakes, Change, Plan, Quota
from vodops.plan.document import FORMAT_VERSION
from vodops.refs import REF_PATTERNS, RefName
from vodops.resources import KINDS

MAX_PLAN_BYTES = 256 * 1024 * 1024  # 1,000 watermark images of the API's largest size fit
if TYPE_CHECKING:
    _Kind = str
else:  # the registry's names, validated as a Literal would be
    _Kind = Literal[tuple(KINDS)]
_Action = Literal["create", "update", "replace", "delete", "adopt"]
_Id = Annotated[int, Field(strict=True)] | str
_Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]


class _Shape(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, alias_generator=to_camel)


class _Field(_Shape):
    path: list[Annotated[int, Field(strict=True)] | str]
    before: Any
    after: Any
    added: Literal[True] | None = None
    removed: Literal[True] | None = None


class _Image(_Shape):
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]
    base64: str


class _Desired(_Shape):
    spec: dict[str, Any]
    adopt_id: int | None = None
    image: _Image | None = None


class _Live(_Shape):
    name: str
    fingerprint: _Fingerprint
    spec: dict[str, Any]


class _Change(_Shape):
    action: _Action
    kind: _Kind
    name: str
    id: _Id | None
    fields: list[_Field]
    desired: _Desired | None
    live: _Live | None


class _Binding(_Live):
    kind: _Kind
    id: _Id


class _Read(_Shape):
    kind: _Kind
    id: _Id
    name: str
    fingerprint: _Fingerprint


class _Target(_Shape):
    name: str
    endpoint: str | None
    sub_app_id: int | None
    region: str | None


class _Brakes(_Shape):
    reasons: list[str]
    deletes: list[str]


class _Quota(_Shape):
    kind: _Kind
    limit: int
    after: int
    peak: int


class _State(_Shape):
    kind: _Kind
    name: str
    state: str


class _Summary(_Shape):
    create: int
    update: int
    replace: int
    delete: int
    adopt: int


class PlanFile(_Shape):
    """The saved plan's shape, formatVersion 1 (fields as in vodops/plan/document.py)."""

    format_version: Literal[1]
    vodops_version: str
    created_at: str
    target: _Target
    stack: str
    scope: list[str]
    summary: _Summary
    safe: bool
    brakes: _Brakes | None
    notes: list[str]
    states: list[_State] = []
    quotas: list[_Quota]
    changes: list[_Change]
    bindings: list[_Binding]
    reads: list[_Read]


def read_plan_file(path: Path) -> dict[str, Any]:
    """The plan document in `path`, checked for shape. Raises VodopsError, one line, when the
    file cannot be read, is not JSON, is of another formatVersion, or has a field of a wrong shape."""
    document = _load(path)
    if not isinstance(document, dict) or "formatVersion" not in document:
        raise VodopsError(f"{path} is not a vodops plan: it has no formatVersion")
    if document["formatVersion"] != FORMAT_VERSION or isinstance(document["formatVersion"], bool):
        found = json.dumps(document["formatVersion"])[:40]
        raise VodopsError(f"{path} has plan formatVersion {found}; this vodops reads {FORMAT_VERSION}")
    try:
        PlanFile.model_validate(document)
    except ValidationError as error:
        raise VodopsError(f"{path} is not a valid vodops plan: {_first(error)}") from None
    return document


def _load(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_PLAN_BYTES + 1)
    except OSError as error:
        raise VodopsError(f"cannot read the plan {path}: {error.strerror}") from None
    if len(raw) > MAX_PLAN_BYTES:
        raise VodopsError(f"{path} is not a vodops plan: it is larger than {MAX_PLAN_BYTES} bytes")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise VodopsError(f"{path} is not a vodops plan: it is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise VodopsError(f"{path} is not a vodops plan: it is not JSON") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _first(error: ValidationError) -> str:
    problems = error.errors(include_url=False)
    first = problems[0]
    where = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in first["loc"])
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    message = re.sub(r" or instance of \w+", "", str(first["msg"])).replace("\n", " ")
    return f"{where.lstrip('.') or 'the document'}: {message}{more}"


def plan_from_document(document: dict[str, Any]) -> Plan:
    """The saved plan as a Plan value, to render it (`vodops show`); never to apply it."""
    bound = {(b["kind"], b["name"]): b["id"] for b in document["bindings"]}
    changes = tuple(_change(c, bound) for c in document["changes"])
    brakes = document["brakes"]
    quotas = tuple(
        Quota(q["kind"], "custom templates", q["limit"], q["after"], q["peak"]) for q in document["quotas"]
    )
    return Plan(
        document["target"]["name"],
        document["target"]["subAppId"],
        document["stack"],
        changes,
        quotas,
        Brakes(tuple(brakes["reasons"]), tuple(brakes["deletes"])) if brakes else None,
        tuple(document["notes"]),
        states=tuple((s["kind"], s["name"], s["state"]) for s in document.get("states", [])),
    )


def _change(saved: dict[str, Any], bound: dict[tuple[str, str], Any]) -> Change:
    kind, name = saved["kind"], saved["name"]
    fields = tuple(
        FieldChange(
            tuple(f["path"]),
            _reference(kind, f["path"], f["before"], bound),
            _reference(kind, f["path"], f["after"], bound),
            removed=f.get("removed", False),
            added=f.get("added", False),
        )
        for f in saved["fields"]
    )
    desired = saved["desired"]
    wanted = None
    if desired is not None:
        wanted = DesiredResource(kind, name, desired["spec"], adopt_id=desired.get("adoptId"))
    live = saved["live"]
    found = LiveResource(kind, live["name"], saved["id"], {}, None, False, {}) if live else None
    return Change(Action(saved["action"]), kind, name, fields, wanted, found)


def _reference(kind: str, path: list[Any], value: Any, bound: dict[tuple[str, str], Any]) -> Any:
    """A reference by name as the plan showed it: with its id, or known after apply."""
    if not isinstance(value, str):
        return value
    for pattern, referred in REF_PATTERNS[kind]:
        if matches(pattern, tuple(path)):
            return RefName(value, bound.get((referred, value)))
    return value
