"""Conventions shared by every kind's spec model.

A spec mirrors the 2018-07-17 API request in lowerCamelCase: the pydantic field `video_template`
is written `videoTemplate` in a manifest and sent as `VideoTemplate` to the API. Specs are strict
(unknown fields and wrong types are errors); live state never goes through these models.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

# lowerCamel names whose API spelling is not just an upper-cased first letter.
_API_SPELLING = {"tehdConfig": "TEHDConfig", "spekeDrm": "SPEKEDrm"}
_MANIFEST_SPELLING = {api: manifest for manifest, api in _API_SPELLING.items()}


@functools.lru_cache(maxsize=4096)  # a few hundred field names, converted once per field of every object
def api_key(manifest_key: str) -> str:
    """`videoTemplate` -> `VideoTemplate`, `tehdConfig` -> `TEHDConfig`."""
    return _API_SPELLING.get(manifest_key) or manifest_key[:1].upper() + manifest_key[1:]


@functools.lru_cache(maxsize=4096)
def manifest_key(api_name: str) -> str:
    """`VideoTemplate` -> `videoTemplate`, `TEHDConfig` -> `tehdConfig`."""
    return _MANIFEST_SPELLING.get(api_name) or api_name[:1].lower() + api_name[1:]


def rekey(value: Any, convert: Any) -> Any:
    """Apply `convert` to every mapping key in a JSON-like tree."""
    if isinstance(value, dict):
        return {convert(k): rekey(v, convert) for k, v in value.items()}
    if isinstance(value, list):
        return [rekey(v, convert) for v in value]
    return value


Path = tuple[str | int, ...]
"""A place inside a spec, in manifest spelling: ("videoTemplate", "bitrate")."""


class Spec(BaseModel):
    """Base of every manifest model: strict, camelCase aliases, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        alias_generator=to_camel,
        populate_by_name=False,
        validate_default=False,
        defer_build=True,
    )

    def manifest_dict(self) -> dict[str, Any]:
        """The spec as a manifest would write it, without unset fields."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="python")

    def problems(self) -> Iterator[tuple[Path, str]]:
        """Rules across fields that a field's own type cannot express."""
        return iter(())


def listed_twice(path: Path, values: Sequence[Hashable], what: str = "") -> Iterator[tuple[Path, str]]:
    """(the place of a repeat, why) for each of `values` (the items of the list at `path`) that an
    earlier one repeats: for lists the API keeps as a set, where a repeat would make the manifest
    differ from the account forever."""
    first: dict[Hashable, int] = {}
    for index, value in enumerate(values):
        if value in first:
            yield (*path, index), f"{what}{value!r} is listed twice (first at index {first[value]})"
        first.setdefault(value, index)


@dataclass(frozen=True)
class RefTo:
    """Marks a field that takes a template Definition: a declared name of `kind`, or an id."""

    kind: str
