"""Constrained value types the API documents, with the JSON Schema each one publishes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema


@dataclass(frozen=True)
class _Rule:
    """Annotated metadata: a check run after the type check, and the JSON Schema it publishes."""

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def json_schema(self) -> JsonSchemaValue:
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return self.json_schema()


@dataclass(frozen=True)
class ZeroOr(_Rule):
    """An integer that is 0 (the API's "automatic") or within [low, high]."""

    low: int
    high: int

    def check(self, value: int) -> int:
        if value != 0 and not self.low <= value <= self.high:
            raise ValueError(f"must be 0 or between {self.low} and {self.high} (got {value})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        return {
            "type": "integer",
            "anyOf": [{"const": 0}, {"minimum": self.low, "maximum": self.high}],
        }


@dataclass(frozen=True)
class Length(_Rule):
    """A length written with a unit suffix, like `10%` or `100px`."""

    units: tuple[str, ...]
    px_range: tuple[int, int] | None = None

    @property
    def pattern(self) -> str:
        return r"^\d+(\.\d+)?(" + "|".join(self.units) + ")$"

    def check(self, value: str) -> str:
        if not re.fullmatch(self.pattern, value):
            examples = " or ".join(f"'10{u}'" for u in self.units)
            raise ValueError(f"must be a number with a unit, like {examples} (got {value!r})")
        if self.px_range and value.endswith("px"):
            low, high = self.px_range
            if float(value[:-2]) != 0 and not low <= float(value[:-2]) <= high:
                raise ValueError(f"pixels must be 0 or between {low} and {high} (got {value!r})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.pattern}


@dataclass(frozen=True)
class Alpha(_Rule):
    """A float in (0, 1]."""

    def check(self, value: float) -> float:
        if not 0 < value <= 1:
            raise ValueError(f"must be greater than 0 and at most 1 (got {value})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        return {"type": "number", "exclusiveMinimum": 0, "maximum": 1}


@dataclass(frozen=True)
class Pattern(_Rule):
    """A string of a documented shape, explained in words when it does not match."""

    regex: str
    shape: str

    def check(self, value: str) -> str:
        if not re.fullmatch(self.regex, value):
            raise ValueError(f"must be {self.shape} (got {value!r})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.regex}


Switch = Literal["ON", "OFF"]
Flag = Literal[0, 1]
Seconds = float
Position = Annotated[str, Length(("%", "px"))]
ImageSize = Annotated[str, Length(("%", "px"), (8, 4096))]
SvgSize = Annotated[str, Length(("px", "W%", "H%", "S%", "L%", "%"))]
FontSize = Annotated[str, Length(("px",))]
Color = Annotated[str, Pattern(r"^0x[0-9A-Fa-f]{6}$", "a colour written 0xRRGGBB, like 0xFFFFFF")]
Opacity = Annotated[float, Alpha()]
Unit = Annotated[float, Field(ge=0, le=1)]

Container = Literal["mp4", "flv", "hls", "mp3", "flac", "ogg", "m4a", "wav"]
AUDIO_ONLY_CONTAINERS = frozenset({"mp3", "flac", "ogg", "m4a", "wav"})
