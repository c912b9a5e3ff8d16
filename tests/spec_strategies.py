"""Hypothesis strategies read off the spec models themselves: every field, its type, its choices,
its range and its size, so a generated kind is covered without a hand-written strategy.

Rules across fields are not in a field's type: specs whose model reports problems are filtered
out. Models vodops writes by hand (a video or audio stream) take their hand-written strategies.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from annotated_types import MaxLen
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tests.strategies import audio, video
from vodops.resources.base import Spec
from vodops.resources.fields import Numbers, Range
from vodops.resources.transcode import AudioStream, VideoStream

Strategy = st.SearchStrategy[Any]
_HAND_WRITTEN: dict[type[BaseModel], Strategy] = {
    # an adaptive ladder's streams follow an hls container's rules, without hlsTime
    VideoStream: video("hls").map(lambda v: {k: x for k, x in v.items() if k != "hlsTime"}),
    AudioStream: audio("hls"),
}
_WORDS = st.sampled_from(["alpha", "b", "cue", "delta-2", "e_5"])


def spec_of(model: type[Spec]) -> Strategy:
    """Manifest-shaped specs of `model` (lowerCamelCase keys, unset fields left out) that it accepts."""
    return _model(model).filter(lambda spec: not list(model.model_validate(spec).problems()))


def _model(model: type[BaseModel]) -> Strategy:
    if model in _HAND_WRITTEN:
        return _HAND_WRITTEN[model]
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        strategy = _field(info.annotation, info.metadata)
        (required if info.is_required() else optional)[info.alias or name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _field(annotation: Any, metadata: list[Any]) -> Strategy:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _field(args[0], [*metadata, *_flat(args[1:])])
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_field(arg, metadata) for arg in args if arg is not type(None)))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        most = min(3, next((m.max_length for m in metadata if isinstance(m, MaxLen)), 3))
        return st.lists(_field(args[0], []), min_size=1, max_size=most, unique_by=repr)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation)
    return _scalar(annotation, metadata)


def _flat(metadata: tuple[Any, ...]) -> list[Any]:
    """Annotated's metadata with pydantic's Field(...) opened up into the constraints it holds."""
    opened = (item.metadata if isinstance(item, FieldInfo) else [item] for item in metadata)
    return [inner for group in opened for inner in group]


def _scalar(annotation: Any, metadata: list[Any]) -> Strategy:
    numbers = next((m for m in metadata if isinstance(m, Numbers)), None)
    if numbers is not None:
        return st.sampled_from(numbers.values)
    bounds = next((m for m in metadata if isinstance(m, Range)), None)
    if annotation is str:
        return _WORDS
    low = int(bounds.low) if bounds else 0
    high = int(bounds.high) if bounds and bounds.high is not None else low + 1000
    if annotation is float:
        low = low if bounds is None or bounds.low == low else low + 1
        within: Strategy = st.integers(low, high).map(float) | st.just(float(bounds.low if bounds else 0))
    else:
        within = st.integers(low, high)
    return st.just(0) | within if bounds and bounds.zero else within
