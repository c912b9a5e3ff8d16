"""Constrained value types the API documents, with the JSON Schema each one publishes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
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
class Range(_Rule):
    """A number in [low, high] (no upper bound when `high` is None), measured in `unit`; with
    `zero`, 0 is allowed too (the API's "automatic" or "same as the source"). Errors and the JSON
    Schema say the unit and the range: `must be 0 or 128\u2013100000 kbps (got 64)`."""

    low: float
    high: float | None = None
    unit: str = ""
    zero: bool = False

    def check(self, value: float) -> float:
        """`value` unchanged; raises ValueError saying the range and unit when it is outside it."""
        if not ((self.zero and value == 0) or self.low <= value <= self._top):
            raise ValueError(f"must be {self.words()} (got {_num(value)})")
        return value

    @property
    def _top(self) -> float:
        return float("inf") if self.high is None else self.high

    def words(self) -> str:
        """The range in words, with an en dash: `0 or 128\u2013100000 kbps`, `at least 1`."""
        low = _num(self.low)
        span = f"{low}{_EN_DASH}{_num(self.high)}" if self.high is not None else f"at least {low}"
        measured = f"{span} {self.unit}" if self.unit else span
        return f"0 or {measured}" if self.zero else measured

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        bounds: dict[str, Any] = {"minimum": self.low}
        if self.high is not None:
            bounds["maximum"] = self.high
        published = {**handler(schema), "description": self.words()}
        return {**published, "anyOf": [{"const": 0}, bounds]} if self.zero else {**published, **bounds}


_EN_DASH = "\u2013"


@functools.cache  # one per field rule: re's own cache is shared and small
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


_SHOWN_DIGITS = 32  # an integer longer than this is shown by its first digits and its length
_EXACT_FLOAT = 1e16  # from here on Python writes a float with an exponent, and its digits are rounding


def _num(value: float) -> str:
    """`value` as a problem shows it: an integral float below 1e16 without its `.0`, a larger float
    as Python writes it (`1.5e+300`: its integer's 301 digits were printed, most of them the
    float's rounding, not what was written), an integer too long to read at a glance (past 32
    digits, which no field's range comes near) by its sign, first 16 digits and its length. An
    integer past a float's range (about 309 digits) is shown, never converted."""
    if isinstance(value, int):
        digits = str(abs(value))
        sign = "-" if value < 0 else ""
        if len(digits) > _SHOWN_DIGITS:
            return f"{sign}{digits[:16]}... ({len(digits)} digits)"
        return sign + digits
    return str(int(value)) if value.is_integer() and abs(value) < _EXACT_FLOAT else str(value)


@dataclass(frozen=True)
class Length(_Rule):
    """A length written with a unit suffix, like `10%` or `100px`.

    `bounds` gives the documented range of N per unit as (unit, low, high): [low, high], or
    (low, high] with `positive`; `zero` also allows 0 of any unit. Units without bounds take any N.
    """

    units: tuple[str, ...]
    bounds: tuple[tuple[str, float, float], ...] = ()
    zero: bool = False
    positive: bool = False

    @property
    def pattern(self) -> str:
        return r"^\d+(\.\d+)?(" + "|".join(self.units) + ")$"

    def check(self, value: str) -> str:
        """`value` unchanged; raises ValueError when it is not N followed by one of `units`, or N is outside
        its unit's bounds."""
        found = _compiled(r"(\d+(?:\.\d+)?)(" + "|".join(self.units) + ")").fullmatch(value)
        if found is None:
            examples = " or ".join(f"'10{u}'" for u in self.units)
            raise ValueError(f"must be a number with a unit, like {examples} (got {value!r})")
        amount, unit = float(found.group(1)), found.group(2)
        for bounded, low, high in self.bounds:
            if unit == bounded and not self._within(amount, low, high):
                raise ValueError(f"must be {self._range(unit, low, high)} (got {value!r})")
        return value

    def _range(self, unit: str, low: float, high: float) -> str:
        """The range in words, as Range says it: `8\u20134096px`, `more than 0px`."""
        if high == float("inf"):
            return f"more than {low:g}{unit}" if self.positive else f"at least {low:g}{unit}"
        if self.positive:
            return f"more than {low:g}{unit} and at most {high:g}{unit}"
        return ("0 or " if self.zero else "") + f"{low:g}{_EN_DASH}{high:g}{unit}"

    def _within(self, amount: float, low: float, high: float) -> bool:
        above = amount > low if self.positive else amount >= low
        return (above and amount <= high) or (self.zero and amount == 0)

    def json_schema(self) -> JsonSchemaValue:
        """A string schema with the pattern of N and the units."""
        units = ", ".join(self.units)
        return {"type": "string", "pattern": self.pattern, "description": f"a number with a unit ({units})"}


@dataclass(frozen=True)
class Alpha(_Rule):
    """A float in (0, 1]."""

    def check(self, value: float) -> float:
        """`value` unchanged; raises ValueError when it is not in (0, 1]."""
        if not 0 < value <= 1:
            raise ValueError(f"must be greater than 0 and at most 1 (got {value})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        """A number schema for (0, 1]."""
        return {"type": "number", "exclusiveMinimum": 0, "maximum": 1}


@dataclass(frozen=True)
class Pattern(_Rule):
    """A string of a documented shape, explained in words when it does not match."""

    regex: str
    shape: str

    def check(self, value: str) -> str:
        """`value` unchanged; raises ValueError saying `shape` when it does not fully match `regex`."""
        if not _compiled(self.regex).fullmatch(value):
            raise ValueError(f"must be {self.shape} (got {value!r})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        """A string schema with `regex` as its pattern and `shape` as its description."""
        return {"type": "string", "pattern": self.regex, "description": self.shape}


Switch = Literal["ON", "OFF"]


@dataclass(frozen=True)
class Numbers(_Rule):
    """One of some documented integers. true and false are refused: YAML reads them as booleans,
    and Python would take them for 1 and 0, but the API (and an editor's schema) wants numbers."""

    values: tuple[int, ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_before_validator_function(self.check, handler(source))

    def check(self, value: int) -> int:
        """`value` unchanged (before the type check); raises ValueError for a boolean. Membership in `values`
        is checked by the Literal it annotates."""
        if isinstance(value, bool):
            choices = ", ".join(str(v) for v in self.values)
            raise ValueError(f"must be one of {choices}, a number, not {str(value).lower()} (got {value})")
        return value

    def json_schema(self) -> JsonSchemaValue:
        """An integer schema enumerating `values`."""
        return {"type": "integer", "enum": list(self.values)}


Flag = Annotated[Literal[0, 1], Numbers((0, 1))]
Seconds = float
# The ranges api.json documents for each length (reference: vod-api-2018-07-17.md §3, §9).
_PERCENT = ("%", 0, 100)
Position = Annotated[str, Length(("%", "px"), (_PERCENT, ("px", 0, 8192)))]
ImageWidth = Annotated[str, Length(("%", "px"), (_PERCENT, ("px", 8, 4096)))]
ImageHeight = Annotated[str, Length(("%", "px"), (_PERCENT, ("px", 8, 4096)), zero=True)]
SvgSize = Annotated[str, Length(("px", "W%", "H%", "S%", "L%", "%"))]
FontSize = Annotated[str, Length(("px",), (("px", 0, float("inf")),), positive=True)]
Color = Annotated[str, Pattern(r"^0x[0-9A-Fa-f]{6}$", "a colour written 0xRRGGBB, like 0xFFFFFF")]
Opacity = Annotated[float, Alpha()]
Unit = Annotated[float, Range(0, 1)]

Container = Literal["mp4", "flv", "hls", "mp3", "flac", "ogg", "m4a", "wav"]
