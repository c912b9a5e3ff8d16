"""What both YAML readers share (vodops/manifest/yamlpos.py composes nodes, yamlevents.py reads
libyaml's events): a document and the position of each of its values, and scalars to values.

Scalars follow the YAML 1.2 core schema rather than PyYAML's 1.1 defaults, because the VOD API is
full of values 1.1 would mangle: `ON`/`OFF` switches would become booleans and `0xFFFFFF` colours
integers. Here only true/false are booleans, only decimal numbers are numbers, and duplicate keys
are errors instead of silently keeping the last one.

Strings are NFC-normalized, so a name compares as the characters it shows. A UTF-16 surrogate pair
written as two escapes ("\\ud83d\\ude00", as JSON writes characters beyond U+FFFF) is the one
character it encodes, as in JSON (YAML 1.2 reads JSON); a lone surrogate (a "\\ud800" escape) is
a problem, not text.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vodops.errors import Location, Problem, VodopsError
from vodops.resources.base import Path

_INT = re.compile(r"[-+]?[0-9]+")
_BASED = {"0x": re.compile(r"0x[0-9a-fA-F]+"), "0o": re.compile(r"0o[0-7]+")}  # !!int's other forms
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("+-.0123456789")  # what both patterns above can start with
NULL = frozenset({"", "~", "null", "Null", "NULL"})
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(NULL),
}
_BOOLEANS = frozenset(word for word, value in _WORDS.items() if value is not None)
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")  # a high surrogate, then a low one

MAX_DEPTH = 64  # collections nested in one another (the document's own is the first)
MAX_NODES = 200_000  # aliases can make a small file huge ("billion laughs")

Position = tuple[int, int]  # 1-based line and column


class TooLargeError(VodopsError):
    """Internal: stops converting a document that nests too deep, expands too far or holds an
    integer too long to convert; `problem` says which, and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Document:
    """One YAML document: its value and the position of every value inside it."""

    file: str
    value: Any
    positions: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path) -> Location:
        """The position of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return Location(self.file, *found)
        return Location(self.file, 1, 1)


def scalar(text: str, tag: str | None, doc: Document, where: Position, problems: list[Problem]) -> Any:
    """The value of a scalar written as `text`: a plain (unquoted, untagged: `tag` None) one is
    typed by the core schema, as is one given a core tag (!!int, !!float, !!bool, !!null, !!str);
    a core tag its text does not fit (`!!int x`, `!!bool yes`, `!!map x`) is a problem at `where`
    (YAML 1.2, 3.3.4: the node is invalid), and any other tag gives a string. A lone surrogate in
    it is a problem at `where`. Raises TooLargeError for an integer longer than Python converts
    (sys.get_int_max_str_digits)."""
    if not text.isascii():  # NFC leaves ASCII as it is, and no surrogate is ASCII
        text = _characters(text, doc, where, problems)
    if tag is None:
        read: Callable[[str], Any] = typed
    else:
        read = _TAGGED.get(tag, str)
    try:
        value = read(text)
    except ValueError:  # only int() refuses what the patterns let through: too many digits
        raise too_long(doc.file, where) from None
    if value is _UNFIT:
        shown = repr(text[:_SHOWN]) + ("..." if len(text) > _SHOWN else "") if text else "an empty value"
        problems.append(wrong_tag(tag or "", shown, Location(doc.file, *where)))
        return text
    return value


def collection_tag(tag: str | None, mapping: bool, where: Location) -> Problem | None:
    """The problem of a mapping (`mapping`) or a list given a core tag of another kind (`!!str
    {a: 1}`, `!!map [1]`); None for any other tag (the non-specific `!`, `!!set`, `!custom`...)."""
    if tag not in _MEANS or tag == (_MAP if mapping else _SEQ):
        return None
    return wrong_tag(tag, "a mapping" if mapping else "a list", where)


def wrong_tag(tag: str, shown: str, where: Location) -> Problem:
    """The problem of a value (`shown`: its text, or what kind of collection) its core tag does
    not fit: `the tag !!int is for an integer (...), not 'x'`."""
    return Problem(f"the tag !!{tag.removeprefix(_CORE)} is for {_MEANS[tag]}, not {shown}", where)


def too_long(file: str, where: Position) -> TooLargeError:
    """The error of a document holding, at `where`, an integer longer than Python converts (typed
    raises ValueError for it)."""
    message = f"this integer is longer than the {sys.get_int_max_str_digits()} digits vodops reads"
    return TooLargeError(Problem(message, Location(file, *where)))


def key_text(text: str, doc: Document, where: Position, problems: list[Problem]) -> str | None:
    """A mapping key written as `text` (not ASCII), read as a string value is: surrogate pairs
    joined, in NFC (a key typed two ways is one key). None for a key with a lone surrogate, a
    problem at `where`: no field can have that name, and the entry is left out (as the second
    of a duplicate key is), so that the problem is said once."""
    found = len(problems)
    key = _characters(text, doc, where, problems)
    return key if len(problems) == found else None


def _characters(text: str, doc: Document, where: Position, problems: list[Problem]) -> str:
    """`text` (not ASCII) in NFC, surrogate pairs joined; a lone surrogate is a problem at `where`."""
    if _SURROGATE.search(text):
        text = _PAIR.sub(_joined, text)
    # NFC: "é" typed as one character or as e + a combining accent is the same text, and one name.
    value = unicodedata.normalize("NFC", text)
    surrogate = _SURROGATE.search(value)
    if surrogate:
        message = f"{surrogate[0]!r} is half of a UTF-16 pair (a lone surrogate), not a character"
        problems.append(Problem(f"{message}; write the character itself", Location(doc.file, *where)))
    return value


def _joined(pair: re.Match[str]) -> str:
    """The character a UTF-16 surrogate pair encodes (U+10000 to U+10FFFF)."""
    high, low = ord(pair[0][0]), ord(pair[0][1])
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def typed(value: str) -> Any:
    """The core schema's value of a plain scalar's (NFC, surrogate-free) text: an int, a float,
    a bool, None, or the text itself. Raises ValueError for an integer longer than Python
    converts (sys.get_int_max_str_digits): the caller says where (too_long)."""
    if value[:1] in _NUMBER_START:
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    return _WORDS.get(value, value)


def too_deep(file: str, where: Position) -> TooLargeError:
    """The error of a document whose collection at `where` is nested in MAX_DEPTH others."""
    return TooLargeError(Problem(f"the YAML nests more than {MAX_DEPTH} levels deep", Location(file, *where)))


def merge_key(file: str, where: Position) -> Problem:
    """The problem of a plain `<<` key: the merge key of YAML 1.1, which YAML 1.2 does not have
    (read as a field, it was an unknown field '<<', with no word of why)."""
    message = "'<<' is a YAML 1.1 merge key, which YAML 1.2 (as vodops reads it) does not have"
    return Problem(f"{message}: write the fields out", Location(file, *where))


class _Unfit:
    """What a core tag's reader answers for a text that does not fit the tag."""


_UNFIT = _Unfit()
_SHOWN = 40  # characters of an unfit text shown in its problem


def _tagged_int(value: str) -> int | _Unfit:
    """!!int: decimal, or 0o octal, or 0x hexadecimal (YAML 1.2 core schema: ASCII digits only).
    Raises ValueError for a number whose decimal digits Python would not write."""
    if _INT.fullmatch(value):
        return int(value)
    based = _BASED.get(value[:2])
    if based is None or not based.fullmatch(value):
        return _UNFIT
    number = int(value[2:], 16 if value[1] == "x" else 8)
    limit = sys.get_int_max_str_digits()
    if limit and number.bit_length() > limit * _BITS_PER_DIGIT:  # below 10**limit: it can be written
        raise ValueError("too many digits")
    return number


_BITS_PER_DIGIT = 3.3219  # log2(10), rounded down
# !!float's infinities and not-a-number (YAML 1.2 core schema, 10.3.2); plain, they stay text
_SPECIAL_FLOATS = {
    **{f"{sign}.{word}": float(f"{sign}inf") for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")},
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}


def _tagged_float(value: str) -> float | _Unfit:
    if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
        return float(value)
    return _SPECIAL_FLOATS.get(value, _UNFIT)


def _tagged_bool(value: str) -> bool | _Unfit:
    return value.lower() == "true" if value in _BOOLEANS else _UNFIT


def _tagged_null(value: str) -> _Unfit | None:
    return None if value in NULL else _UNFIT


def _not_a_scalar(value: str) -> _Unfit:
    return _UNFIT


_CORE = "tag:yaml.org,2002:"
STRING = f"{_CORE}str"
_MAP, _SEQ = f"{_CORE}map", f"{_CORE}seq"
# The core schema's tags (YAML 1.2, 10.3): a scalar given one is read by its reader here, and one
# whose text does not fit it is a problem; a scalar with any other tag stays a string.
_TAGGED: dict[str, Callable[[str], Any]] = {
    f"{_CORE}int": _tagged_int,
    f"{_CORE}float": _tagged_float,
    f"{_CORE}bool": _tagged_bool,
    f"{_CORE}null": _tagged_null,
    STRING: str,
    _MAP: _not_a_scalar,
    _SEQ: _not_a_scalar,
}
_MEANS = {  # what each core tag is for, in its problems
    f"{_CORE}int": "an integer (decimal, 0o octal or 0x hexadecimal)",
    f"{_CORE}float": "a number (like 1.5, -2, 6.02e23, .inf, -.inf or .nan)",
    f"{_CORE}bool": "true or false",
    f"{_CORE}null": "null (null, ~ or nothing)",
    STRING: "a string",
    _MAP: "a mapping",
    _SEQ: "a list",
}


def duplicate_key(doc: Document, key: str, first: Path, where: Position) -> Problem:
    """The problem of a key written twice in one mapping, `first` the path of its first value."""
    line = doc.positions[first][0]
    return Problem(f"duplicate key {key!r} (first written at line {line})", Location(doc.file, *where))
