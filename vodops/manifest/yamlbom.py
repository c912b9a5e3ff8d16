"""Byte-order marks in a YAML stream. YAML 1.2 lets one start the stream and each document's
prefix (5.2, 9.1.1: after a `...` document end and the comment lines there, or before a `---`),
and, for JSON, stand as content inside a quoted scalar; anywhere else it is an error. libyaml
knows only the stream's first one (a later one was a syntax error at the line after it, or text
in a plain value, or one reader's error and the other's key), so the others of document prefixes
are taken out here, before either reader sees the text, and one elsewhere is a problem located
where it stands.
"""

from __future__ import annotations

import re

import yaml

from vodops.errors import Location, Problem

BOM = "\ufeff"
_LINES = re.compile("(\r\n|[\r\n\x85\u2028\u2029])")  # as the readers count lines
_MARKER = re.compile(r"(---|\.\.\.)(?=[ \t]|$)")  # a document's start or end, at a line's start
_MISPLACED = (
    "a byte-order mark (U+FEFF) may only start a document, or stand inside a quoted string; "
    'delete it (or write it as the escape "\\ufeff" inside double quotes if it is meant)'
)


def without_document_marks(text: str, file: str) -> tuple[str, Problem | None]:
    """`text` without the byte-order marks its document prefixes may carry, and the problem of
    the first one that stands anywhere else outside a quoted scalar (None when there is none)."""
    if text.find(BOM, 1) < 0:
        return text, None  # none, or only the stream's first character: both readers skip it
    parts = _LINES.split(text)
    prefix, directive = True, False  # at the stream's start: a prefix
    for i in range(0, len(parts), 2):
        line = parts[i]
        marker = _MARKER.match(line, 1)
        if line[:1] == BOM and (prefix or (not directive and marker is not None and marker[1] == "---")):
            line = parts[i] = line[1:]
        prefix, directive = _after(line, prefix)
    text = "".join(parts)
    return text, _misplaced(text, file) if BOM in text else None


def _after(line: str, prefix: bool) -> tuple[bool, bool]:
    """Whether a document prefix may follow `line` (read in one that did, or not), and whether
    `line` is a directive (a `---` must follow it, with no prefix between)."""
    marker = _MARKER.match(line)
    if marker is not None:
        return marker[1] == "...", False
    stripped = line.lstrip(" \t")
    if not stripped or stripped[0] == "#":
        return prefix, False
    return False, line[:1] == "%"


def _misplaced(text: str, file: str) -> Problem | None:
    """The first byte-order mark outside a quoted scalar, up to where `text` can be scanned.
    Scanned by the pure-Python scanner, whose marks count characters (rare: only a text with a
    byte-order mark past the prefixes gets here)."""
    quoted: list[tuple[int, int]] = []
    end = len(text)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted.append((token.start_mark.index, token.end_mark.index))
    except yaml.MarkedYAMLError as error:
        end = error.problem_mark.index if error.problem_mark else 0
    except yaml.YAMLError:
        end = 0  # a character YAML refuses: the readers say where
    for found in re.finditer(BOM, text[: end + 1]):
        if not any(start < found.start() < stop for start, stop in quoted):
            lines = _LINES.split(text[: found.start()])[::2]
            return Problem(_MISPLACED, Location(file, len(lines), len(lines[-1]) + 1))
    return None
