"""Value checks for `schema.py`: each returns None when a value is fine, else what was expected.

The expectation is worded for the error message, e.g. "an integer in [0, 100]".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .schema import Check

_MEASURE = re.compile(r"^(\d+(?:\.\d+)?)([A-Za-z%]+)$")


def one_of(*allowed: Any) -> Check:
    """A value equal to one of `allowed`."""
    def check(value: Any) -> str | None:
        return None if value in allowed else "one of " + ", ".join(map(str, allowed))

    return check


def between(low: float, high: float, *, or_zero: bool = False, open_low: bool = False) -> Check:
    """A number in [low, high] ((low, high] with `open_low`), or 0 too with `or_zero`."""
    bracket = "(" if open_low else "["
    expected = f"a value in {bracket}{low:g}, {high:g}]"
    if or_zero:
        expected = "0 or " + expected

    def check(value: Any) -> str | None:
        above = value > low if open_low else value >= low
        return None if (above and value <= high) or (or_zero and value == 0) else expected

    return check


def at_least(low: float) -> Check:
    """A number no smaller than `low`."""
    expected = f"a value of at least {low:g}"

    def check(value: Any) -> str | None:
        return None if value >= low else expected

    return check


def length(low: int, high: int) -> Check:
    """A string of `low`..`high` characters, counted as Unicode code points."""
    expected = f"at most {high} characters" if low == 0 else f"{low} to {high} characters"

    def check(value: Any) -> str | None:
        return None if low <= len(value) <= high else expected

    return check


def matches(pattern: str, expected: str) -> Check:
    """A string that `pattern` matches in full; `expected` words it for the message."""
    compiled = re.compile(pattern)

    def check(value: Any) -> str | None:
        return None if compiled.fullmatch(value) else expected

    return check


def measure(units: Mapping[str, tuple[float, float]], *, zero: bool = False, positive: bool = False) -> Check:
    """`N<unit>` for one of `units`, N within that unit's [low, high] ((low, high] with
    `positive`); `0<unit>` too with `zero`."""
    bracket = "(" if positive else "["

    def described(unit: str, low: float, high: float) -> str:
        if math.isinf(high):
            return f"{unit}, N {'above' if positive else 'at least'} {low:g}"
        return f"{unit} in {bracket}{low:g}, {high:g}]"

    ranges = ", ".join(described(unit, low, high) for unit, (low, high) in units.items())
    expected = f"N followed by a unit ({ranges})" + (", or 0" if zero else "")

    def check(value: Any) -> str | None:
        found = _MEASURE.fullmatch(value)
        if found is None or found.group(2) not in units:
            return expected
        amount = float(found.group(1))
        low, high = units[found.group(2)]
        above = amount > low if positive else amount >= low
        return None if (above and amount <= high) or (zero and amount == 0) else expected

    return check


HEX_COLOR = matches(r"0x[0-9A-Fa-f]{6}", "a colour written 0xRRGGBB")
ON_OFF = one_of("ON", "OFF")
