"""YAML to plain values, remembering where every value came from.

libyaml reads a file, and most documents become values straight from its events
(vodops/manifest/yamlevents.py); a document with anchors and aliases, or keys that are not scalars,
or too deep or too large, is composed into nodes first, which this module turns into values. How
scalars become values, and the positions kept, are in vodops/manifest/yamlvalues.py. Nesting
deeper than MAX_DEPTH collections is a problem located where the first one too deep starts, never a
RecursionError.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml._yaml import CParser

from vodops.errors import Location, Problem
from vodops.manifest.yamlbom import without_document_marks
from vodops.manifest.yamlevents import UnusualDocumentError, read_events
from vodops.manifest.yamlvalues import (
    MAX_DEPTH,
    MAX_NODES,
    NULL,
    STRING,
    Document,
    Position,
    TooLargeError,
    collection_tag,
    duplicate_key,
    key_text,
    merge_key,
    scalar,
    too_deep,
)
from vodops.resources.base import Path

__all__ = ["Document", "load_documents"]

_PLAIN = "tag:vodops:plain"
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # as the pure-Python reader counts lines


class _PlainTagging(yaml.resolver.Resolver):
    """Tags every untagged plain scalar so `scalar` can type it (PyYAML's resolver would try
    its YAML 1.1 patterns on each; these are all one tag)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _NonSpecific(yaml.composer.Composer):
    """A scalar tagged `!`, the non-specific tag, is a string (YAML 1.2, 6.9.1: a `!` node is a
    string, sequence or mapping by its kind); PyYAML resolves it as an untagged plain scalar (so
    `! 5` was 5), and libyaml's own composer gives a subclass no way to tell the two apart."""

    peek_event: Callable[[], Any]  # the parser's

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
        event = self.peek_event()
        if event.tag == "!":
            event.tag = STRING
        return super().compose_scalar_node(anchor)


class _BareAfterEnd(yaml.parser.Parser):
    """A bare document (no `---`) may follow a `...` document end, also at the stream's start
    (YAML 1.2, 9.2, l-yaml-stream); PyYAML and libyaml wanted a `---` there. libyaml's refusal
    is a syntax error that sends the file to this parser."""

    _ended = False  # whether the document just read ended with `...`
    check_token: Callable[..., bool]  # the scanner's
    get_token: Callable[[], Any]

    def parse_implicit_document_start(self) -> Any:
        while self.check_token(yaml.DocumentEndToken):
            self.get_token()
        self._ended = False
        return super().parse_implicit_document_start()  # type: ignore[no-untyped-call]

    def parse_document_start(self) -> Any:
        if self._ended:
            return self.parse_implicit_document_start()
        return super().parse_document_start()  # type: ignore[no-untyped-call]

    def parse_document_end(self) -> yaml.DocumentEndEvent:
        event = super().parse_document_end()
        self._ended = bool(event.explicit)
        return event


class _Loader(_NonSpecific, _PlainTagging, _BareAfterEnd, yaml.SafeLoader):
    """Composes nodes only. Pure Python: slow, but its words for syntax errors are the ones users
    see."""


class _FastLoader(_NonSpecific, _PlainTagging, CParser):
    """The same composer and resolver on libyaml's parser: the same nodes and marks, four times
    faster."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _NonSpecific.__init__(self)
        _PlainTagging.__init__(self)


def load_documents(text: str, file: str) -> tuple[list[Document], list[Problem]]:
    """Every non-empty document in `text`; a syntax error ends the file with one problem.

    libyaml reads the file; only when it finds a syntax error is the file read again by the
    pure-Python parser, whose message and position the problem reports (the two word errors
    differently, and users and tests know the pure-Python words). Byte-order marks are taken out
    of document prefixes first (vodops/manifest/yamlbom.py); one elsewhere is the file's problem."""
    text, misplaced = without_document_marks(text, file)
    if misplaced is not None:
        return [], [misplaced]
    try:
        try:
            return read_events(text, file)
        except UnusualDocumentError:
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
            except TooLargeError as error:
                problems.append(error.problem)
                continue
            documents.append(document)
    except RecursionError:  # the composer recurses once per level: find where it went too deep
        problems.append(too_deep(file, _first_too_deep(text)).problem)
    except yaml.YAMLError as error:
        if reraise:
            raise
        problems.append(_syntax_problem(error, text, file))
    return documents, list(dict.fromkeys(problems))  # an alias's value is converted again


def _syntax_problem(error: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        return Problem(f"YAML syntax error: {error.problem or error}", where)
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        # a character YAML does not allow (a control character, U+FFFE...), at its index in `text`
        lines = _LINE_BREAK.split(text[: error.position])
        code = f"U+{error.character:04X}"
        message = f"YAML syntax error: the character {code} is not allowed in YAML"
        hint = f'write it as the escape "\\u{error.character:04x}" inside double quotes if it is meant'
        return Problem(f"{message}; {hint}", Location(file, len(lines), len(lines[-1]) + 1))
    return Problem(f"YAML error: {error}", Location(file))


def _first_too_deep(text: str) -> Position:
    """Where the first collection of `text` nested in MAX_DEPTH others starts, found from parser
    events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:
                return (mark.line + 1, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return (1, 1)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _PLAIN and node.value in NULL


def _convert(
    node: yaml.Node, path: Path, doc: Document, problems: list[Problem], where: Position | None = None
) -> Any:
    """The plain value of `node`; `where` is the position recorded for `path` (default: the node's
    own), so a mapping's value is located at its key without building its own position first."""
    own = _mark(node)
    if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        raise _too_deep(node, doc.file, own)
    if len(doc.positions) > MAX_NODES:
        message = f"the document expands to more than {MAX_NODES} values (aliases repeated too often?)"
        raise TooLargeError(Problem(message, doc.locate(())))
    doc.positions[path] = where or own
    if isinstance(node, yaml.CollectionNode):
        wrong = collection_tag(node.tag, isinstance(node, yaml.MappingNode), Location(doc.file, *own))
        problems.extend([wrong] if wrong else [])
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, doc, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    return scalar(str(node.value), None if node.tag == _PLAIN else node.tag, doc, own, problems)


def _too_deep(node: yaml.Node, file: str, where: Position) -> TooLargeError:
    """The error of `node` nested too deep; when it is inside itself (an alias to an anchor
    around it), it would never end, and the problem says so."""
    if not _inside_itself(node):
        return too_deep(file, where)
    message = "this value contains itself (an alias inside it names its anchor), so it never ends"
    return TooLargeError(Problem(message, Location(file, *where)))


def _inside_itself(node: yaml.Node) -> bool:
    seen: set[int] = set()
    stack = list(_children(node))
    while stack:
        child = stack.pop()
        if child is node:
            return True
        if id(child) not in seen:
            seen.add(id(child))
            stack.extend(_children(child))
    return False


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _mark(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(node: yaml.MappingNode, path: Path, doc: Document, problems: list[Problem]) -> Any:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = _mark(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem("mapping keys must be plain names", Location(doc.file, *where)))
            continue
        text = str(key_node.value)
        key = text if text.isascii() else key_text(text, doc, where, problems)
        if key is None:  # a lone surrogate, already a problem: the entry is left out
            continue
        here = (*path, key)
        if key in result or (key == "<<" and key_node.tag == _PLAIN):
            problems.append(
                duplicate_key(doc, key, here, where) if key in result else merge_key(doc.file, where)
            )
            continue
        # located at the key, where the reader looks
        result[key] = _convert(value_node, here, doc, problems, where)
    return result
