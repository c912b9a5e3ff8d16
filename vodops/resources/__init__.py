"""The kinds vodops manages: the registry the generic pipeline reads.

Each kind is one declaration (`vodops.resources.kind.Kind`), the `KIND` of its own module in
vodops/kinds/, which names its spec model (in vodops/resources/) without importing it;
registering it is one line in `vodops.registered`. The dependency order (creates in this order,
deletes in the reverse) is derived from the references the spec models mark (`RefTo`).

A kind's declaration is imported when the registry is first asked for that kind (`KINDS[name]`),
and its pydantic models when the declaration's `spec` is first asked for: a plan lists every kind
but builds the models of the kinds its project declares only. What the registry says about every
kind at once (the orders, quotas, references) is derived from the declarations by
`vodops.resources.facts` into `vodops.resources.derived`, so that reading it imports no model
(tests/test_registry.py fails when it is stale).
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from vodops.registered import KIND_NAMES
from vodops.registered import REGISTERED as MODULES
from vodops.resources.derived import APPLICATION_LEVEL, QUOTAS, REFERRED, REFERRERS

if TYPE_CHECKING:
    from vodops.resources.kind import Kind

MEDIA_CLASS = "MediaClass"
WATERMARK = "WatermarkTemplate"
TRANSCODE = "TranscodeTemplate"
PROCEDURE = "Procedure"


class Registry(Mapping[str, "Kind"]):
    """The registered kinds by name, in dependency order; each kind's module is imported when the
    kind is first looked up. Raises KeyError for a name no kind has, and TypeError for a module
    that does not declare the kind it is registered for."""

    def __init__(self, modules: Mapping[str, str], order: tuple[str, ...]) -> None:
        self._modules = modules
        self._order = order
        self._loaded: dict[str, Kind] = {}

    def __getitem__(self, name: str) -> Kind:
        kind = self._loaded.get(name)
        if kind is None:  # two threads may both import: the import system gives both one module
            kind = self._loaded[name] = _declaration(name, self._modules[name])
        return kind

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._modules  # a manifest's `kind: [a]` is no kind

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


def _declaration(name: str, module: str) -> Kind:
    from vodops.resources.kind import Kind

    kind = getattr(importlib.import_module(module), "KIND", None)
    if not isinstance(kind, Kind) or kind.name != name:
        raise TypeError(f"{module} must declare KIND, the Kind named {name!r} (vodops.registered)")
    return kind


KINDS = Registry(MODULES, KIND_NAMES)
"""Every kind, in dependency order: the order they are registered in (tests/test_registry.py holds
it to be the order `vodops.resources.kind.dependency_order` derives)."""
DEPENDENCY_ORDER = tuple(name for name in KINDS if name not in APPLICATION_LEVEL)
"""The kinds an application holds, in dependency order."""


def did_you_mean(written: str, choices: Iterable[str]) -> str:
    """`; did you mean 'TranscodeTemplate'?` for a near miss of one of `choices` (a typo, another
    case), else nothing: what an unknown kind or --only address is followed by."""
    close = closest(written, choices)
    return f"; did you mean {close!r}?" if close else ""


def closest(written: str, choices: Iterable[str]) -> str | None:
    """The one of `choices` that `written` most likely meant (the same in another case, else the
    nearest spelling by difflib), if any is near enough."""
    choices = list(choices)
    same = [choice for choice in choices if choice.lower() == written.lower()]
    close = same or difflib.get_close_matches(written, choices, n=1)
    return close[0] if close else None


def adoptable_by_id() -> tuple[str, ...]:
    """The kinds `metadata.adoptId` applies to, by name. Imports every kind's declaration (no model):
    asked where a manifest writes adoptId."""
    return tuple(sorted(name for name, kind in KINDS.items() if kind.adoptable_by_id))


__all__ = [
    "APPLICATION_LEVEL", "DEPENDENCY_ORDER", "KINDS", "MEDIA_CLASS", "PROCEDURE",
    "QUOTAS", "REFERRED", "REFERRERS", "TRANSCODE", "WATERMARK", "Registry", "adoptable_by_id",
    "closest", "did_you_mean",
]  # fmt: skip
