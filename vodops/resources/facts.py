"""What the registry says about every kind at once, derived from the kinds' declarations: the
application-level kinds, the references between kinds (and the spec fields that hold them) and
the quotas. Deriving them imports every kind's spec model; they are written to
`vodops.resources.derived`, which `vodops.resources` and `vodops.refs` read instead.

    python -m vodops.resources.facts    (tests/test_registry.py fails when the file is stale)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vodops.registered import REGISTERED
from vodops.resources import KINDS
from vodops.resources.kind import Shape, dependency_order
from vodops.resources.walk import ref_patterns

GENERATED = Path(__file__).parent / "derived.py"
_HEADER = '''"""What the registry says about every kind at once, derived from the kinds' declarations.

Do not edit: run `python -m vodops.resources.facts` (tests/test_registry.py fails when this is
stale). `vodops.resources` reads it, so that these facts import no spec model.
"""

from __future__ import annotations
'''


def derive() -> dict[str, Any]:
    """Each fact by the name the generated module gives it."""
    kinds = dependency_order(KINDS[name] for name in REGISTERED)
    singleton_last = sorted(kinds, key=lambda kind: kind.shape is Shape.SINGLETON)
    with_quota = sorted(kinds, key=lambda kind: (kind.keyed_by_name, kind.name))
    return {
        "APPLICATION_LEVEL": tuple(kind.name for kind in singleton_last if kind.application_level),
        "REFERRERS": tuple(kind.name for kind in kinds if kind.refers_to()),
        "REFERRED": frozenset(target for kind in kinds for target in kind.refers_to()),
        "QUOTAS": {kind.name: kind.quota for kind in with_quota if kind.quota is not None},
        "REFERENCE_FIELDS": {
            kind.name: tuple((".".join(path), target) for path, target in ref_patterns(kind.spec))
            for kind in kinds
            if kind.refers_to()
        },
    }


_COMMENTS = {
    "APPLICATION_LEVEL": (
        "tuple[str, ...]",
        "The application itself, then its settings: planned and applied first (vodops/application/).",
    ),
    "REFERRERS": ("tuple[str, ...]", "The kinds whose specs refer to other kinds, in dependency order."),
    "REFERRED": (
        "frozenset[str]",
        "The kinds some spec refers to (templates): references name them, the API carries their ids.",
    ),
    "QUOTAS": (
        "dict[str, int]",
        "Custom objects per sub-application on the 2018 API (reference §8): templates by name,\n"
        "then the kinds keyed by name (the order plans list them in).",
    ),
    "REFERENCE_FIELDS": (
        "dict[str, tuple[tuple[str, str], ...]]",
        "Where each referring kind's spec holds a reference (a dotted path, `*` for any list index),\n"
        "and the kind it refers to: vodops.refs reads it without building a spec model.",
    ),
}


def _literal(value: Any) -> str:
    """`value` (names, quotas by name, and the (path, kind) pairs of kinds by name) as source, one
    item a line, as ruff format lays it out."""
    if isinstance(value, dict):
        return "{\n" + "".join(f'    "{key}": {_item(item)},\n' for key, item in value.items()) + "}"
    if isinstance(value, frozenset):
        return "frozenset(\n    {\n" + "".join(f'        "{item}",\n' for item in sorted(value)) + "    }\n)"
    return "(\n" + "".join(f'    "{item}",\n' for item in value) + ")"


def _item(item: Any) -> str:
    """A quota, or the (path, kind) pairs of a kind, one a line."""
    if not isinstance(item, tuple):
        return str(item)
    return "(\n" + "".join(f'        ("{path}", "{kind}"),\n' for path, kind in item) + "    )"


def render() -> str:
    """The generated module's text."""
    parts = [_HEADER]
    for name, value in derive().items():
        annotation, comment = _COMMENTS[name]
        parts.append(f'{name}: {annotation} = {_literal(value)}\n"""{comment}"""\n')
    return "\n".join(parts)


if __name__ == "__main__":
    GENERATED.write_text(render())
