"""What a kind is: the one declaration the generic pipeline reads (desired, live, diff, plan, apply,
export, render, schema). Each kind's declaration is the `KIND` of its module in vodops/kinds/;
`vodops.resources` registers it.

A declaration says, as data: where its spec model is (imported at first use of `Kind.spec`, so
that listing, matching and planning the live objects of a kind no manifest declares builds none of
its pydantic models); the shape of the objects (named objects, or a tree of classes named by
path); how the API identifies them (an id it assigns, or the name itself); how
they appear on the wire (`Wire`); the server's defaults and spellings (normalization rules); the
fields an update must always state; the live fields that are not configuration; how a preset is
recognised; the name rules; the fields the API cannot modify (a change is a replace); the quota;
and how export names them. References between kinds are not declared here: they are the `RefTo`
marks in the spec models, and the dependency order is derived from them (`dependency_order`).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from vodops.normalize import Rule
from vodops.ownership import Owner
from vodops.resources.base import Path, Spec, api_key, manifest_key
from vodops.resources.walk import referred_kinds
from vodops.visible import UNSEEN_RULE, unseen_character


class Shape(Enum):
    """How a kind's objects relate to each other."""

    NAMED = "named"  # a collection of objects, each declared by its own name
    TREE = "tree"  # nodes named by their path ("Movies/Action"); a node's parent is in its path
    # The application-level shapes, planned and applied before what an application holds
    # (vodops/application/): each declaration is named after its application, and a target
    # plans those of its own application only.
    APPLICATION = (
        "application"  # the sub-application itself: account-level, created when missing, never deleted
    )
    SINGLETON = "singleton"  # one per application: nothing to create or delete, only fields to set


class Identity(Enum):
    """How the API tells one object of a kind from another."""

    ASSIGNED = "assigned"  # the API assigns an id on create (Definition, ClassId); names are labels
    NAME = "name"  # the name is the id: the API cannot rename, a new name is a replace
    MARKER = "marker"  # the API assigns an id and the object has no name: the name is in the marker


class Scope(Enum):
    """Where a kind's objects live, and so whether calls name a sub-application."""

    SUB_APP = "subApp"  # in a sub-application: every call carries SubAppId when the target has one
    ACCOUNT = "account"  # account-wide: calls never carry SubAppId


@dataclass(frozen=True)
class Wire:
    """One kind on its wire: the service (VOD 2018-07-17 unless it says), action names, id fields,
    paging, and where the listing says the quota and the status action says what an object does."""

    list_action: str
    list_key: str  # the listing's array in the Describe answer
    paged: bool  # Offset/Limit paging with a TotalCount (else one call answers everything)
    create_action: str
    update_action: str
    delete_action: str
    id_field: str  # how Modify/Delete name the object
    created_id: str | None  # where Create's response carries the new id (None: the name is the id)
    filter_field: str | None = None  # the list action's filter by id (None: it has none)
    scope: Scope = Scope.SUB_APP
    name_field: str = "Name"  # where an object carries its name (a NAME kind: its id)
    marker_field: str = "Comment"  # the free text that carries the ownership marker (ownership.py)
    service: str = "vod"  # the API the actions belong to: "vod", or "live" (2018-08-01)
    numbered: bool = False  # pages by PageNum/PageSize, counted by TotalNum (else Offset/Limit)
    page_size: int = 100  # the list action's largest page
    quota_key: str | None = None  # the listing's member that says the account's quota of the kind
    status: tuple[str, str, str] | None = None  # (action, answer object, member) giving run status

    @classmethod
    def template(cls, kind: str) -> Wire:
        """The wire every processing template shares: Describe<kind>s (paged, filtered by
        `Definitions`, answering `<kind>Set`), Create<kind> (answering the new `Definition`),
        Modify<kind> and Delete<kind> by `Definition` (api.json, vod 2018-07-17)."""
        return cls(
            f"Describe{kind}s", f"{kind}Set", True, f"Create{kind}", f"Modify{kind}", f"Delete{kind}",
            "Definition", "Definition", "Definitions",
        )  # fmt: skip

    @classmethod
    def setting(cls, describe_action: str, modify_action: str) -> Wire:
        """The wire of a singleton: one Describe answering its members at the top level, one
        Modify that sets the members it is sent and keeps the rest."""
        return cls(describe_action, "", False, "", modify_action, "", "", None)


Call = Callable[[str, Mapping[str, Any]], dict[str, Any]]
"""An action of the target's application: (action, params) -> the answer."""


def described(kind: Kind, call: Call, declared: Mapping[str, Any]) -> dict[str, Any]:
    """A singleton as its Describe action answers it, in manifest spelling: only the members its
    spec model names are configuration (a deprecated alias or a secret is not)."""
    wanted = {info.alias or name for name, info in kind.spec.model_fields.items()}
    answer = call(kind.wire.list_action, {})
    return {manifest_key(k): v for k, v in answer.items() if manifest_key(k) in wanted}


def modified(kind: Kind, call: Call, spec: Mapping[str, Any]) -> None:
    """Set a singleton's declared fields with its Modify action."""
    call(kind.wire.update_action, {api_key(k): v for k, v in spec.items()})


@dataclass(frozen=True)
class Schedule:
    """A kind's time window: the spec fields of its start (None: it has none) and end (ISO 8601
    with a zone; an object without an end never ends), and why an end that has passed cannot be
    sent; what a plan does with them is vodops.plan.schedule."""

    start: str | None
    end: str
    past: str = "the API refuses past times (set a later one)"


@dataclass(frozen=True)
class LiveView:
    """A listed object as the pipeline sees it, when the kind reads it itself (`Kind.read`)."""

    name: str
    id: int | str
    spec: dict[str, Any]  # in manifest spelling, comparable with the desired side (`Kind.prepare`)
    owner: Owner | None


@dataclass(frozen=True)
class Prepared:
    """A declaration's local side, read once at plan time (`Kind.prepare`): its spec as compared
    with the live one, and the local files apply sends, by role ("source", "cover")."""

    compared: dict[str, Any]
    files: Mapping[str, Any]  # role -> pathlib.Path


def _nothing_to_restore(spec: dict[str, Any]) -> None:
    """The spec model's required fields are all restored generically (export/content.py)."""


def _no_use_rules(path: Path, use: Any, name: str, target: Spec) -> Iterator[tuple[Path, str]]:
    """References to this kind follow only the referring field's own rules."""
    return iter(())


def as_sent(body: dict[str, Any]) -> dict[str, Any]:
    """An update spells every member as Create does."""
    return body


def template_name(name: str) -> str | None:
    """The name rule of templates: at most 64 characters, and not only digits (reference §3.1)."""
    if len(name) > 64:
        return f"is {len(name)} characters; template names can be at most 64"
    if name.isdigit():
        return "must not be only digits: a number in a reference means a template id"
    return None


@dataclass(frozen=True)
class Nodes:
    """How a tree kind's nodes name their parent and themselves on the wire (for classes:
    DescribeAllClass, CreateClass, ModifyClass; reference §4)."""

    parent_field: str  # the parent's id, in listings and in Create
    name_field: str  # the node's own name (its path's last segment) in Create and Modify
    listed_names: tuple[str, ...]  # where a listing carries the node's own name, first found wins
    top_parent: int  # the parent id Create takes for a node at the top
    max_children: int | None = None  # a node's most children (None: unlimited)

    def own_name(self, raw: Mapping[str, Any]) -> str:
        """The node's own name as listed ("" when the listing has none)."""
        return str(next((raw[field] for field in self.listed_names if raw.get(field)), ""))

    def parent_id(self, raw: Mapping[str, Any]) -> int:
        """The listed parent's id (-1 when the listing has none that is a number)."""
        value: Any = raw.get(self.parent_field)
        try:
            return int(value)
        except (TypeError, ValueError):
            return -1

    def create_body(self, path: str, parent_id: Any) -> dict[str, Any]:
        """The create request's parent and name fields for the node at `path` under `parent_id`: its last path
        segment is the name."""
        return {self.parent_field: parent_id, self.name_field: path.rpartition("/")[2]}

    def rename_body(self, path: str) -> dict[str, Any]:
        """Modify takes the new last segment only: a node can be renamed, not moved."""
        return {self.name_field: path.rpartition("/")[2]}

    def made_by(self, raw: Mapping[str, Any], request: Mapping[str, Any]) -> bool:
        """Whether a listed node is the one a create `request` makes."""
        same_parent = bool(raw.get(self.parent_field) == request[self.parent_field])
        return same_parent and self.own_name(raw) == request[self.name_field]


def _template_preset(raw: Mapping[str, Any]) -> bool:
    """Templates and procedures say `Type: Preset` for the system's own (reference §2)."""
    return raw.get("Type") == "Preset"


@dataclass(frozen=True)
class Kind:
    """One kind vodops manages, declared once (see the module docstring)."""

    name: str
    models: str  # "module:Class", the spec model: imported at first use of `spec`
    wire: Wire
    check_name: Callable[[str], str | None]  # the kind's own name rule: why a name is refused, or None
    folder: str  # export's file (`<folder>.yaml`) and --split folder
    shape: Shape = Shape.NAMED
    identity: Identity = Identity.ASSIGNED
    spec_required: bool = True
    rules: tuple[Rule, ...] = ()  # normalization: the API's defaults and spellings (vodops.normalize)
    stated_on_update: tuple[str, ...] = ()  # fields every update states (the server implies them)
    not_spec: frozenset[str] = frozenset()  # live fields that identify or describe, not configure
    # Describe members named otherwise than the request member they show ({"ResolutionNameSet":
    # "ResolutionNames"}): live specs take the request's name.
    answered_as: Mapping[str, str] = field(default_factory=dict)
    is_preset: Callable[[Mapping[str, Any]], bool] = _template_preset  # from the object as listed
    immutable: tuple[str, ...] = ()  # top-level fields Modify cannot change: a change is a replace
    quota: int | None = None  # custom objects per sub-application on the 2018 API (None: unlimited)
    nodes: Nodes | None = None  # a TREE kind's wire: how nodes name their parent and themselves
    export_prefix: str = ""  # names export invents are "<prefix>-<id>" (ASSIGNED, NAMED kinds)
    images: bool = False  # the spec uploads image files (`imageTemplate.imageFile`), see ownership
    # Export: put back, in a live spec normalization emptied, what the manifest rules require.
    restore: Callable[[dict[str, Any]], None] = _nothing_to_restore
    schedule: Schedule | None = None  # the spec's time window, which the API judges by its clock
    # What a plan shows beside each object: (the object as listed, a call of the wire's status
    # action, the API's time) -> a word such as "running"; None: nothing is shown.
    state: Callable[[Mapping[str, Any], Callable[[], str], float], str] | None = None
    comment_bytes: int | None = None  # the Comment's limit in UTF-8 bytes (None: 256 characters)
    write_only: tuple[str, ...] = ()  # top-level fields the listing never returns: compared by digest
    # An update sends only the top-level fields that change (and the Comment): re-sending an
    # unchanged member disturbs the object (a relay's sources restart) or is refused (a passed time).
    sparse_update: bool = False
    # A sparse update clears a member with its rules' reset value; one cleared by clearing another
    # instead ({"backupSourceUrl": "backupSourceType"}) names it here. Others are a replace.
    cleared_with: Mapping[str, str] = field(default_factory=dict)
    replace_warning: str | None = None  # what a replace does besides recreating (a relay: a gap)
    # Manifest checks: what a reference to a declared object of this kind may not do, given that
    # object's spec: (path, the mapping holding the reference, its name, the target) -> problems.
    check_use: Callable[[Path, Any, str, Spec], Iterator[tuple[Path, str]]] = _no_use_rules
    # A singleton (Shape.SINGLETON): read it, given the declared spec (what is compared), and set
    # the declared fields. By default its wire's Describe and Modify (`Wire.setting`).
    read_setting: Callable[[Kind, Call, Mapping[str, Any]], dict[str, Any]] = described
    write_setting: Callable[[Kind, Call, Mapping[str, Any]], None] = modified
    # Apply: the update request from the create request's spelling, where Modify spells a member
    # otherwise (an AI recognition template's subtitle formats are set by an operation).
    update_body: Callable[[dict[str, Any]], dict[str, Any]] = as_sent
    # A kind the generic wire cannot carry alone (Media: its identity is a marker in SourceContext,
    # it is found by search, made by an upload or a pull) declares how, with these:
    list_all: Callable[[Call], list[dict[str, Any]]] | None = None  # every object, instead of paging
    # (the listed object, fetch a URL) -> its view; None for an object that is not configuration
    read: Callable[[dict[str, Any], Callable[[str], bytes]], LiveView | None] | None = None
    prepare: Callable[[dict[str, Any], Any, Any, str], Prepared] | None = None  # (spec, root, dir, name)
    make: Callable[[Any, Any, Any, str], int | str] | None = None  # (api, desired, refs, stack) -> new id
    modify: Callable[[Any, Any], dict[str, Any]] | None = None  # (change, refs) -> the update's body
    # Export: the live spec (compared form) and the listed object -> the manifest's spec, and a note.
    export_spec: Callable[[dict[str, Any], dict[str, Any]], tuple[dict[str, Any], str | None]] | None = None
    # Top-level fields the server fills in itself (a cover): compared only where declared.
    only_when_declared: tuple[str, ...] = ()
    adoptable: bool = True  # False: what vodops did not make can never become its own (Media's marker)
    delete_opt_in: bool = False  # never deleted unless the settings' safety.deleteKinds lists the kind
    brake_each_delete: bool = False  # every delete trips the brakes: name each with --allow-delete
    # Why a planned delete of this kind's object must not happen, asked of the API at plan time
    # (a class that holds media): (call, live id) -> the reason, or None.
    delete_guard: Callable[[Call, int | str], str | None] | None = None

    @functools.cached_property
    def spec(self) -> type[Spec]:
        """The spec model (`models`), its module imported at first use. Raises TypeError when
        `models` names no Spec."""
        module, _, attribute = self.models.partition(":")
        model = getattr(importlib.import_module(module), attribute, None)
        if not (isinstance(model, type) and issubclass(model, Spec)):
            raise TypeError(f"{self.name}: {self.models} is not a spec model")
        return model

    def name_problem(self, name: str) -> str | None:
        """Why `name` cannot name a resource of this kind, or None. Names are compared in NFC."""
        unseen = unseen_character(name)
        if unseen:
            return f"contains {unseen}; {UNSEEN_RULE}"
        if name != name.strip():
            return "must not start or end with white space"
        return self.check_name(name)

    @property
    def adoptable_by_id(self) -> bool:
        """Whether `metadata.adoptId` applies: named objects with API-assigned ids, whose names are
        optional and not unique in the API (templates), unless the kind says it cannot be adopted."""
        return self.shape is Shape.NAMED and self.identity is not Identity.NAME and self.adoptable

    @property
    def name_in_marker(self) -> bool:
        """Whether the object's name is the one its ownership marker carries (no name field)."""
        return self.identity is Identity.MARKER

    @property
    def marker_key(self) -> str:
        """The spec field, in manifest spelling, whose live value carries the ownership marker."""
        return manifest_key(self.wire.marker_field)

    @property
    def keyed_by_name(self) -> bool:
        return self.identity is Identity.NAME

    @property
    def tree(self) -> bool:
        return self.shape is Shape.TREE

    def __post_init__(self) -> None:
        if self.tree != (self.nodes is not None):
            raise ValueError(f"{self.name}: a TREE kind, and only one, declares its nodes")

    @property
    def tree_nodes(self) -> Nodes:
        """The nodes of a TREE kind. Raises ValueError for any other kind."""
        if self.nodes is None:
            raise ValueError(f"{self.name} is not a tree")
        return self.nodes

    @property
    def application_level(self) -> bool:
        """The application itself or one of its settings, rather than something it holds."""
        return self.shape in (Shape.APPLICATION, Shape.SINGLETON)

    def refers_to(self) -> frozenset[str]:
        """The kinds this kind's spec refers to (its `RefTo` fields)."""
        return referred_kinds(self.spec)


def dependency_order(kinds: Iterable[Kind]) -> tuple[Kind, ...]:
    """`kinds` ordered so that every kind comes after the kinds it refers to: creates and updates
    run in this order, deletes in the reverse. Kinds that do not depend on each other keep their
    order in `kinds`. Raises ValueError on a reference to a kind not in `kinds`, or a cycle."""
    waiting = list(kinds)
    names = {kind.name for kind in waiting}
    for kind in waiting:
        unknown = kind.refers_to() - names
        if unknown:
            raise ValueError(f"{kind.name} refers to unregistered kinds {sorted(unknown)}")
    placed: list[Kind] = []
    while waiting:
        done = {kind.name for kind in placed}
        ready = next((kind for kind in waiting if kind.refers_to() <= done), None)
        if ready is None:
            raise ValueError(f"the references of {[kind.name for kind in waiting]} form a cycle")
        placed.append(ready)
        waiting.remove(ready)
    return tuple(placed)
