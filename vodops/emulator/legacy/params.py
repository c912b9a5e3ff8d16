"""Reading an action's parameters from the decoded form: presence, type and allowed values, each
rule answering with the business code the seed's table gives that parameter (1000 where none)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..checks import measure
from ..schema import Check
from .protocol import Form, business

INVALID = 1000  # "无效参数", every action's generic code
POSITION = measure({"%": (0, 100), "px": (0, 4096)})
SIZE = measure({"%": (0, 100), "px": (8, 4096)}, zero=True)  # the 2018 range, over the one state


@dataclass(frozen=True)
class Params:
    """The form of one request; getters answer None for an absent optional parameter."""

    form: Form

    def has(self, name: str) -> bool:
        """Whether the parameter was sent (blank counts)."""
        return name in self.form

    def has_any(self, prefix: str) -> bool:
        """Whether any member of a flattened object (`video.`) was sent."""
        return any(name.startswith(prefix) for name in self.form)

    def text(
        self, name: str, code: int = INVALID, *, required: bool = False, max_bytes: int = 0
    ) -> str | None:
        """A string, at most `max_bytes` UTF-8 bytes when given."""
        value = self._get(name, code, required)
        if value is not None and max_bytes and len(value.encode("utf-8")) > max_bytes:
            raise business(
                code, f"{name} is {len(value.encode('utf-8'))} bytes; at most {max_bytes} are allowed."
            )
        return value

    def choice(
        self, name: str, allowed: Collection[str], code: int = INVALID, *, required: bool = False
    ) -> str | None:
        """One of `allowed`."""
        value = self._get(name, code, required)
        if value is not None and value not in allowed:
            raise business(code, f"{name} must be one of {', '.join(sorted(allowed))} (got {value!r}).")
        return value

    def integer(
        self,
        name: str,
        low: int,
        high: int,
        code: int = INVALID,
        *,
        required: bool = False,
        zero: bool = False,
    ) -> int | None:
        """An integer in [low, high] (or 0 with `zero`)."""
        value = self._get(name, code, required)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            raise business(code, f"{name} must be a number (got {value!r}).") from None
        if not number.is_integer() or not (low <= number <= high or (zero and number == 0)):
            span = f"0 or {low}-{high}" if zero else f"{low}-{high}"
            raise business(code, f"{name} must be a whole number in {span} (got {value!r}).")
        return int(number)

    def flag(self, name: str, code: int = INVALID) -> int | None:
        """0 or 1."""
        return self.integer(name, 0, 1, code)

    def position(
        self, name: str, code: int, *, required: bool = False, check: Check = POSITION
    ) -> str | None:
        """`N%` or `Npx`, as watermark positions and sizes (with `check=SIZE`) are written."""
        value = self._get(name, code, required)
        if value is not None and check(value) is not None:
            raise business(code, f"{name} must be N% or Npx (got {value!r}).")
        return value

    def _get(self, name: str, code: int, required: bool) -> str | None:
        value = self.form.get(name)
        if value is None and required:
            raise business(code, f"The parameter {name} is required.")
        return value
