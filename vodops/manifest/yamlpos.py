"""YAML to plain values, remembering where every value came from.

Scalars follow the YAML 1.2 core schema rather than PyYAML's 1.1 defaults, because the VOD API is
full of values 1.1 would mangle: `ON`/`OFF` switches would become booleans and `0xFFFFFF` colours
integers. Here only true/false are booleans, only decimal numbers are numbers, and duplicate keys
are errors instead of silently keeping the last one.

Strings are NFC-normalized, so a name compares as the characters it shows, and a lone UTF-16
surrogate (a "\\ud800" escape) is a problem, not text. Nesting deeper than MAX_DEPTH is a problem
located where it starts, never a RecursionError.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from vodops.errors import Location, Problem, VodopsError
from vodops.resources.base import Path

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


_PLAIN = "tag:vodops:plain"
_SURROGATE = re.compile("[\ud800-\udfff]")


class _PlainTagging(yaml.resolver.Resolver):
    """Tags every untagged plain scalar so `_scalar` can type it (PyYAML's resolver would try
    its YAML 1.1 patterns on each; these are all one tag)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Loader(_PlainTagging, yaml.SafeLoader):
    """Composes nodes only. Pure Python: slow, but its words for syntax errors are the ones users
    see."""


class _FastLoader(_PlainTagging, yaml.CSafeLoader):
    """The same composer and resolver on libyaml: the same nodes and marks, six times faster."""


MAX_DEPTH = 64
MAX_NODES = 200_000  # aliases can make a small file huge ("billion laughs")


class _TooLargeError(VodopsError):
    """Internal: stops converting a document that nests too deep or expands too far."""


@dataclass
class Document:
    """One YAML document: its value and the position of every value inside it."""

    file: str
    value: Any
    positions: dict[Path, Location] = field(default_factory=dict)

    def locate(self, path: Path) -> Location:
        """The position of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return Location(self.file, 1, 1)


def load_documents(text: str, file: str) -> tuple[list[Document], list[Problem]]:
    """Every non-empty document in `text`; a syntax error ends the file with one problem.

    libyaml reads the file; only when it finds a syntax error is the file read again by the
    pure-Python parser, whose message and position the problem reports (the two word errors
    differently, and users and tests know the pure-Python words)."""
    try:
        return _load(text, file, _FastLoader, reraise=True)
    except yaml.YAMLError:
        return _load(text, file, _Loader, reraise=False)


def _load(text: str, file: str, loader: type[Any], *, reraise: bool) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    try:
        for node in yaml.compose_all(text, Loader=loader):
            if node is None or _is_empty(node):
                continue
            document = Document(file, None)
            try:
                document.value = _convert(node, (), document, problems)
            except _TooLargeError as error:
                problems.append(Problem(str(error), document.locate(())))
                continue
            documents.append(document)
    except RecursionError:  # the composer recurses once per level: find where it went too deep
        problems.append(Problem(f"the YAML nests more than {MAX_DEPTH} levels deep", _too_deep(text, file)))
    except yaml.YAMLError as error:
        if reraise:
            raise
        problems.append(_syntax_problem(error, file))
    return documents, problems


def _syntax_problem(error: yaml.YAMLError, file: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        return Problem(f"YAML syntax error: {error.problem or error}", where)
    return Problem(f"YAML error: {error}", Location(file))


def _too_deep(text: str, file: str) -> Location:
    """Where `text` first nests deeper than MAX_DEPTH, found from parser events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:
                return Location(file, mark.line + 1, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return Location(file)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _PLAIN and node.value in _NULL


def _convert(
    node: yaml.Node, path: Path, doc: Document, problems: list[Problem], where: Location | None = None
) -> Any:
    """The plain value of `node`; `where` is the position recorded for `path` (default: the node's
    own), so a mapping's value is located at its key without building its own position first."""
    if len(path) > MAX_DEPTH:
        raise _TooLargeError(
            f"the document nests more than {MAX_DEPTH} levels deep (an alias that refers to itself?)"
        )
    if len(doc.positions) > MAX_NODES:
        message = f"the document expands to more than {MAX_NODES} values (aliases repeated too often?)"
        raise _TooLargeError(message)
    doc.positions[path] = where or _mark(doc, node)
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, doc, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    value = _scalar(node)
    surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
    if surrogate:
        message = f"{surrogate[0]!r} is half of a UTF-16 pair (a lone surrogate), not a character"
        problems.append(Problem(f"{message}; write the character itself", _mark(doc, node)))
    return value


def _mark(doc: Document, node: yaml.Node) -> Location:
    return Location(doc.file, node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(node: yaml.MappingNode, path: Path, doc: Document, problems: list[Problem]) -> Any:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = _mark(doc, key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem("mapping keys must be plain names", where))
            continue
        key = str(key_node.value)
        here = (*path, key)
        if key in result:
            first = doc.positions[here]
            problems.append(Problem(f"duplicate key {key!r} (first written at line {first.line})", where))
            continue
        # located at the key, where the reader looks
        result[key] = _convert(value_node, here, doc, problems, where)
    return result


def _scalar(node: yaml.Node) -> Any:
    # NFC: "é" typed as one character or as e + a combining accent is the same text, and one name.
    value = unicodedata.normalize("NFC", str(node.value))
    if node.tag != _PLAIN:
        return value  # quoted, block and explicitly tagged scalars stay as written
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in _BOOL:
        return _BOOL[value]
    if value in _NULL:
        return None
    return value
