"""The kinds vodops manages: the registry the generic pipeline reads.

Each kind is one declaration (`vodops.resources.kind.Kind`), the `KIND` at the end of its own
module beside its spec model; registering it is one line in `vodops.registered`. The dependency
order (creates in this order, deletes in the reverse) is derived from the references the spec
models mark (`RefTo`).
"""

from __future__ import annotations

import importlib

from vodops.registered import REGISTERED as MODULES
from vodops.resources.kind import Kind, Shape, dependency_order
from vodops.resources.media_class import MEDIA_CLASS
from vodops.resources.procedure import PROCEDURE
from vodops.resources.transcode import TRANSCODE
from vodops.resources.watermark import WATERMARK


def _declaration(name: str, module: str) -> Kind:
    kind = getattr(importlib.import_module(module), "KIND", None)
    if not isinstance(kind, Kind) or kind.name != name:
        raise TypeError(f"{module} must declare KIND, the Kind named {name!r} (vodops.registered)")
    return kind


REGISTERED: tuple[Kind, ...] = tuple(_declaration(name, module) for name, module in MODULES.items())
KINDS: dict[str, Kind] = {kind.name: kind for kind in dependency_order(REGISTERED)}
DEPENDENCY_ORDER = tuple(name for name, kind in KINDS.items() if not kind.application_level)
"""The kinds an application holds, in dependency order."""
APPLICATION_LEVEL = tuple(
    name
    for name, kind in sorted(KINDS.items(), key=lambda item: item[1].shape is Shape.SINGLETON)
    if kind.application_level
)
"""The application itself, then its settings: planned and applied first (vodops/application/)."""
REFERRERS = tuple(name for name, kind in KINDS.items() if kind.refers_to())
"""The kinds whose specs refer to other kinds (procedures), in dependency order."""
REFERRED = frozenset(target for kind in KINDS.values() for target in kind.refers_to())
"""The kinds some spec refers to (templates): references name them, the API carries their ids."""
QUOTAS: dict[str, int] = {
    kind.name: kind.quota
    for kind in sorted(REGISTERED, key=lambda kind: (kind.keyed_by_name, kind.name))
    if kind.quota is not None
}
"""Custom objects per sub-application on the 2018 API (reference §8): templates by name, then
the kinds keyed by name (the order plans list them in)."""


__all__ = [
    "APPLICATION_LEVEL", "DEPENDENCY_ORDER", "KINDS", "MEDIA_CLASS", "PROCEDURE", "QUOTAS", "REFERRED",
    "REFERRERS", "REGISTERED", "TRANSCODE", "WATERMARK", "Kind",
]  # fmt: skip
