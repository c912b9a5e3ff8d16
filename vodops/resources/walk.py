"""Walking spec models by their manifest spelling: references inside a spec, the model at a path."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from vodops.resources.base import Path, RefTo, Spec


def references(spec: Spec, path: Path = ()) -> Iterator[tuple[Path, str, int | str]]:
    """Every (path, kind, value) of a field that takes a Definition of a kind vodops manages."""
    for name, key, target in _referring_fields(type(spec)):
        value = getattr(spec, name)
        if value is None:
            continue
        here = (*path, key)
        if target is not None:
            yield here, target.kind, value
        yield from _nested(value, here)


def field_value(spec: Spec, key: str) -> Any:
    """The value of `spec`'s field written `key` in a manifest (None when unset or no such field)."""
    name = _attributes(type(spec)).get(key)
    return None if name is None else getattr(spec, name)


@functools.cache
def _attributes(model: type[Spec]) -> dict[str, str]:
    """`model`'s attribute names by their manifest keys."""
    return {written: name for name, written, _ in reversed(_fields(model))}


@functools.cache
def _referring_fields(model: type[Spec]) -> tuple[tuple[str, str, RefTo | None], ...]:
    """The fields of `model` that take a reference or hold models that do: the others are not
    walked (most kinds, and most of every spec, refer to nothing)."""
    return tuple(
        (name, key, target)
        for (name, key, target), info in zip(_fields(model), model.model_fields.values(), strict=True)
        if target is not None or any(_may_refer(inner) for inner in _models_in(info.annotation))
    )


@functools.cache
def _may_refer(model: type[BaseModel]) -> bool:
    """Whether a value of `model` can hold a reference anywhere inside it."""
    return any(
        _ref_to(info.metadata, info.annotation) is not None
        or any(map(_may_refer, _models_in(info.annotation)))
        for info in model.model_fields.values()
    )


@functools.cache
def _fields(model: type[Spec]) -> tuple[tuple[str, str, RefTo | None], ...]:
    """Each field of `model` once read: (attribute, manifest key, the RefTo it carries or None)."""
    return tuple(
        (name, info.alias or name, _ref_to(info.metadata, info.annotation))
        for name, info in model.model_fields.items()
    )


def _ref_to(metadata: list[Any], annotation: Any) -> RefTo | None:
    """The RefTo a field carries: in its own metadata, or inside an optional one's type
    (`AdaptiveRef | None` keeps the mark in the Annotated member of the union)."""
    found = next((m for m in metadata if isinstance(m, RefTo)), None)
    if found is not None or typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return found
    members = (arg for arg in typing.get_args(annotation) if typing.get_origin(arg) is typing.Annotated)
    return next((m for arg in members for m in arg.__metadata__ if isinstance(m, RefTo)), None)


def _nested(value: Any, path: Path) -> Iterator[tuple[Path, str, int | str]]:
    if isinstance(value, Spec):
        yield from references(value, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nested(item, (*path, index))


def ref_patterns(
    model: type[BaseModel], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every (path pattern, kind) where `model` takes a reference; "*" stands for a list index."""
    for name, info in model.model_fields.items():
        here = (*prefix, info.alias or name)
        target = _ref_to(info.metadata, info.annotation)
        if target is not None:
            yield here, target.kind
        inner = _model_in(info.annotation)
        if inner is not None:
            is_list = _is_list(info.annotation)
            yield from ref_patterns(inner, (*here, "*") if is_list else here)


@functools.cache
def referred_kinds(model: type[BaseModel]) -> frozenset[str]:
    """The kinds `model` takes references to anywhere inside it (its `RefTo` fields), read once:
    ordering the registry asks each kind many times."""
    return frozenset(kind for _, kind in ref_patterns(model))


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return False


def model_at(model: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The model that validates the mapping at `path`; list indexes and the keys of a mapping of
    models (vodops.yaml's `targets.<name>`) are stepped over."""
    keyed = False
    for step in path:
        if isinstance(step, int) or keyed:
            keyed = False
            continue
        field = next((f for n, f in model.model_fields.items() if (f.alias or n) == step), None)
        if field is None:
            return None
        keyed = typing.get_origin(field.annotation) is dict
        annotation = typing.get_args(field.annotation)[1] if keyed else field.annotation
        inner = _model_in(annotation)
        if inner is None:
            return None
        model = inner
    return model


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """Every model `annotation` names, in unions, lists and Annotated alike."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    return next(_models_in(annotation), None)


def field_names(model: type[BaseModel]) -> list[str]:
    """The manifest names (aliases) of `model`'s fields, in declaration order."""
    return [info.alias or name for name, info in model.model_fields.items()]


def enum_values(model: type[BaseModel], path: Path) -> tuple[Any, ...]:
    """The values the enum (a Literal) at `path` of `model` takes, or () when the field there is
    none: its items' when it is a list of them."""
    while path and isinstance(path[-1], int):
        path = path[:-1]
    owner = model_at(model, path[:-1]) if path else None
    if owner is None:
        return ()
    field = next((f for n, f in owner.model_fields.items() if (f.alias or n) == path[-1]), None)
    return () if field is None else _literal_args(field.annotation)


def _literal_args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(value for arg in typing.get_args(annotation) for value in _literal_args(arg))
