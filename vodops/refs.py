"""References between resources: a manifest names a template, the API carries its Definition.

Both sides of a diff are brought to one form: a reference is the declared name when the id
belongs to a template vodops manages, and the number otherwise (presets, unmanaged templates).
Apply uses the same bindings the other way round, learning the ids of what it creates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from vodops.cloud.vod import LiveId
from vodops.errors import ApplyError
from vodops.normalize import Pattern, matches, pattern
from vodops.registered import KIND_NAMES
from vodops.resources.base import Path
from vodops.resources.derived import REFERENCE_FIELDS

REF_PATTERNS: dict[str, tuple[tuple[Pattern, str], ...]] = {
    name: tuple((pattern(path), kind) for path, kind in REFERENCE_FIELDS.get(name, ())) for name in KIND_NAMES
}
"""Each kind's (path pattern, referred kind) of every field that holds a reference ("*" stands for
a list index); none for the kinds that refer to nothing."""


class RefName(str):
    """A reference by name that also knows the id it stands for (None: known after apply).

    It compares as the plain name, so the two sides of a diff agree whatever the id."""

    live_id: LiveId | None

    def __new__(cls, name: str, live_id: LiveId | None) -> RefName:
        made = super().__new__(cls, name)
        made.live_id = live_id
        return made


class References:
    """The (kind, name) <-> live id of every object a plan or apply knows, to turn references
    written as names into the ids the API takes, and back."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], LiveId] = {}
        self._names: dict[tuple[str, LiveId], str] = {}

    def bind(self, kind: str, name: str, live_id: LiveId) -> None:
        """Record that the object `name` of `kind` has id `live_id` (both ways)."""
        self._ids[(kind, name)] = live_id
        self._names[(kind, live_id)] = name

    def id_of(self, kind: str, name: str) -> LiveId | None:
        """The live id bound to (`kind`, `name`), or None."""
        return self._ids.get((kind, name))

    def canonical(self, owner_kind: str, spec: dict[str, Any]) -> dict[str, Any]:
        """`spec` with every reference to a managed template written as its name, for reading only:
        `spec` itself when its kind has no reference fields (most templates), and the parts where
        no reference can lie are `spec`'s own, not copies."""
        if not REF_PATTERNS[owner_kind]:
            return spec

        def to_name(kind: str, value: Any) -> Any:
            if isinstance(value, int):
                name = self._names.get((kind, value))
                return RefName(name, value) if name is not None else value
            return RefName(str(value), self._ids.get((kind, str(value))))

        result: dict[str, Any] = map_references(owner_kind, spec, to_name, shared=True)
        return result

    def resolved(self, owner_kind: str, spec: dict[str, Any]) -> dict[str, Any]:
        """`spec` with every name replaced by its id."""

        def to_id(kind: str, value: Any) -> Any:
            if not isinstance(value, str):
                return value
            found = self._ids.get((kind, value))
            if found is None:
                raise ApplyError(f"{kind} {value!r} has no id yet; it must be created first")
            return found

        result: dict[str, Any] = map_references(owner_kind, spec, to_id)
        return result


def map_references(
    owner_kind: str, value: Any, convert: Callable[[str, Any], Any], path: Path = (), *, shared: bool = False
) -> Any:
    """`value` with `convert(kind, reference)` applied at every reference of `owner_kind`'s spec.

    `shared`: the parts of `value` where no reference can lie are the caller's own, not copies
    (for a result that is only read, as a diff reads it)."""
    kind = _referred_kind(owner_kind, path)
    if kind is not None:
        return convert(kind, value)
    if shared and not _leads_to_reference(owner_kind, path):
        return value
    if isinstance(value, dict):
        return {
            key: map_references(owner_kind, v, convert, (*path, key), shared=shared)
            for key, v in value.items()
        }
    if isinstance(value, list):
        return [
            map_references(owner_kind, v, convert, (*path, i), shared=shared) for i, v in enumerate(value)
        ]
    return value


def references_at(owner_kind: str, value: Any, path: Path = ()) -> Iterator[tuple[Path, str, Any]]:
    """Every (path, kind, reference) in a manifest-shaped spec of `owner_kind`; only the parts
    of the spec where a reference field can lie are walked."""
    kind = _referred_kind(owner_kind, path)
    if kind is not None:
        yield path, kind, value
        return
    if not _leads_to_reference(owner_kind, path):
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield from references_at(owner_kind, child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from references_at(owner_kind, child, (*path, index))


@functools.lru_cache(maxsize=8192)
def _referred_kind(owner_kind: str, path: Path) -> str | None:
    """The kind of the reference at `path` in a spec of `owner_kind`, or None when no reference
    field lies there. The same paths recur in every spec of a kind, so each is matched against the
    kind's patterns once, not once per spec."""
    return next((kind for pattern, kind in REF_PATTERNS[owner_kind] if matches(pattern, path)), None)


@functools.lru_cache(maxsize=8192)
def _leads_to_reference(owner_kind: str, path: Path) -> bool:
    """Whether a reference field of `owner_kind` can lie below `path`."""
    return any(
        len(pattern) > len(path) and matches(pattern[: len(path)], path)
        for pattern, _ in REF_PATTERNS[owner_kind]
    )


def references_in(owner_kind: str, spec: Any) -> Iterator[tuple[str, Any]]:
    """Every (kind, reference) in a manifest-shaped spec."""
    return ((kind, value) for _, kind, value in references_at(owner_kind, spec))


def plain(value: Any) -> Any:
    """JSON-ready data: references by name (RefName) become ordinary strings, tuples lists."""
    if isinstance(value, dict):
        return {str(key): plain(child) for key, child in value.items()}
    if isinstance(value, list | tuple):
        return [plain(child) for child in value]
    return str.__str__(value) if isinstance(value, str) else value
