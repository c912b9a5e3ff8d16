"""What an api.json member's Chinese document says about its values: choices, range, sizes.

tccli's api.json types a member (`string`, `int`, `float`, `list` of `member`) but writes its
choices and ranges only in the document, in a few stable phrasings (full-width punctuation is
written as escapes here): choices as `<li>ON\uff1a…</li><li>OFF\uff1a…</li>` after 可选值 or 取值,
or spoken as `取值为 jpg、png 和 webp`; ranges as `取值范围\uff1a0 和 [128, 8192]` (0 or a range),
`[1, 30]`, `0~100` or `最小值为 0.5`, with `单位\uff1apx`; a string's `长度限制\uff1a64 个字符`; a list's
`最多支持 5 个` and its labels' `每个标签长度最多 16 个字符`. Anything phrased otherwise reads as
unconstrained; overrides.py says what that misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = r"[A-Za-z0-9][A-Za-z0-9_.+\-]*"
_CHOICE_INTRO = re.compile(r"可选值|取值范围|取值\uff1a|取值为|枚举值|可选填充方式|可选值为")
_ITEM = re.compile(r"<li>\s*(" + _TOKEN + r")\s*(?:[\uff1a:\uff1b;。\uff0c,]|</li>)")
_SPOKEN = re.compile(r"取值为\s*(" + _TOKEN + r"(?:\s*[、和]\s*" + _TOKEN + r")+)")
_NUMBER = r"(\d+(?:\.\d+)?)"
_ZERO_AND_RANGE = re.compile(r"取值范围[\uff1a:]\s*0\s*和\s*\[" + _NUMBER + r",\s*" + _NUMBER + r"\]")
_RANGE = re.compile(r"取值范围[\uff1a:为]?\s*\[" + _NUMBER + r",\s*" + _NUMBER + r"\]")
_SPAN = re.compile(r"取值范围[\uff1a:]\s*" + _NUMBER + r"\s*(?:~|-)\s*" + _NUMBER + r"(?!\d)")
_MINIMUM = re.compile(r"最小值为\s*" + _NUMBER)
_UNIT = re.compile(r"单位(?:[\uff1a:]\s*|为\s*)(px|Hz|kbps|秒)")
_UNITS = {"px": "px", "Hz": "fps", "kbps": "kbps", "秒": "s"}
_LENGTH = re.compile(r"长度限制[\uff1a:]?\s*(\d+)\s*个字符")
_ITEMS = re.compile(r"(?:最多支持|最多输出|标签个数最多)\s*(\d+)\s*(?:个|路)")
_ITEM_LENGTH = re.compile(r"每个标签长度最多\s*(\d+)\s*个字符")


@dataclass(frozen=True)
class Facts:
    """The constraints one document states; None where it states none."""

    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    zero: bool = False
    unit: str = ""
    max_length: int | None = None
    max_items: int | None = None
    item_max_length: int | None = None


def read(document: str) -> Facts:
    """The facts in one member's document (see the module docstring for the phrasings read)."""
    low, high, zero = _bounds(document)
    unit = _UNIT.search(document)
    return Facts(
        choices=_choices(document),
        low=low,
        high=high,
        zero=zero,
        unit=_UNITS[unit.group(1)] if unit and low is not None else "",
        max_length=_int(_LENGTH, document),
        max_items=_int(_ITEMS, document),
        item_max_length=_int(_ITEM_LENGTH, document),
    )


def _choices(document: str) -> tuple[str, ...] | None:
    intro = _CHOICE_INTRO.search(document)
    listed = _ITEM.findall(document[intro.start() :] if intro else document)
    if not listed:
        spoken = _SPOKEN.search(document)
        listed = re.split(r"\s*[、和]\s*", spoken.group(1)) if spoken else []
    return tuple(dict.fromkeys(listed)) or None


def _bounds(document: str) -> tuple[float | None, float | None, bool]:
    for pattern, zero in ((_ZERO_AND_RANGE, True), (_RANGE, False), (_SPAN, False)):
        found = pattern.search(document)
        if found:
            return float(found.group(1)), float(found.group(2)), zero
    minimum = _MINIMUM.search(document)
    return (float(minimum.group(1)), None, False) if minimum else (None, None, False)


def _int(pattern: re.Pattern[str], document: str) -> int | None:
    found = pattern.search(document)
    return int(found.group(1)) if found else None


_CASE = re.compile(r"当\s*(\w+)\s*为\s*(.+?)时")
_CASE_VALUE = re.compile(r"(?:^|或\s*)([a-z]{2}(?:-[a-z]{2})?)\s*\uff08")


def choices_by(document: str) -> tuple[str, dict[str, tuple[str, ...]]] | None:
    """Choices that depend on another member, written case by case (`当 SrcLanguage 为 zh` then the
    language's name in full-width brackets, then `<li>` choices) give ("SrcLanguage", {"zh": ("en",
    …), …}); None when the document has no such cases."""
    cases = [case for case in _CASE.finditer(document) if _CASE_VALUE.findall(case.group(2))]
    table: dict[str, tuple[str, ...]] = {}
    for number, case in enumerate(cases):
        end = cases[number + 1].start() if number + 1 < len(cases) else len(document)
        listed = tuple(dict.fromkeys(_ITEM.findall(document[case.end() : end])))
        table.update(dict.fromkeys(_CASE_VALUE.findall(case.group(2)), listed))
    return (cases[0].group(1), table) if cases else None
