"""Hypothesis strategies read off the spec models themselves: every field, its type, its choices,
its range and its size, so a generated kind is covered without a hand-written strategy.

Rules across fields are not in a field's type: specs whose model reports problems are filtered
out. Models vodops writes by hand (a video or audio stream) take their hand-written strategies.
`loose_spec_of` draws the same fields without the filter, numbers also just past their range, so
that the differential test (tests/test_differential.py) breaks cross-field rules and edges often.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from annotated_types import MaxLen
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tests.loose_strategies import loose_audio, loose_video
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


_LOOSE: dict[type[BaseModel], Strategy] = {VideoStream: loose_video(), AudioStream: loose_audio("hls")}


def spec_of(model: type[Spec]) -> Strategy:
    """Manifest-shaped specs of `model` (lowerCamelCase keys, unset fields left out) that it accepts."""
    return _model(model, False).filter(lambda spec: not list(model.model_validate(spec).problems()))


def loose_spec_of(model: type[Spec]) -> Strategy:
    """Manifest-shaped specs of `model` whose fields are drawn independently, numbers at their
    range's edges and one past them: many break the model's rules."""
    return _model(model, True)


def _model(model: type[BaseModel], loose: bool) -> Strategy:
    hand_written = _LOOSE if loose else _HAND_WRITTEN
    if model in hand_written:
        return hand_written[model]
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        strategy = _field(info.annotation, info.metadata, loose)
        (required if info.is_required() else optional)[info.alias or name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _field(annotation: Any, metadata: list[Any], loose: bool) -> Strategy:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _field(args[0], [*metadata, *_flat(args[1:])], loose)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_field(arg, metadata, loose) for arg in args if arg is not type(None)))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        most = min(3, next((m.max_length for m in metadata if isinstance(m, MaxLen)), 3))
        return st.lists(_field(args[0], [], loose), min_size=1, max_size=most, unique_by=repr)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation, loose)
    within = _scalar(annotation, metadata)
    return within | _past(annotation, metadata) if loose else within


def _past(annotation: Any, metadata: list[Any]) -> Strategy:
    """A number one past its range on either side (nothing past for other values)."""
    bounds = next((m for m in metadata if isinstance(m, Range)), None)
    if bounds is None or annotation not in (int, float):
        return st.nothing()
    edges = [bounds.low - 1, *([] if bounds.high is None else [bounds.high + 1])]
    return st.sampled_from([annotation(edge) for edge in edges])


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
