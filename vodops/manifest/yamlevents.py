"""The common YAML document read straight from libyaml's events, without composing nodes.

Composing (yaml.compose_all) makes a Python node per value and calls three Python resolver hooks
for it, and the nodes are then walked again to make values; here each event becomes its value at
once, with a third fewer instructions for the whole read. What this reader does not handle (anchors
and aliases, a key that is not a scalar, a document larger than MAX_NODES) it hands to the node
reader (vodops/manifest/yamlpos.py) by raising UnusualDocumentError: the values, positions and
problems of a file are always the ones the node reader gives.

A document nesting more than MAX_DEPTH collections is one problem where the first one too deep starts, and
the rest of that document is passed over without recursion (libyaml refuses nesting deeper than
1,000 levels: a file that deep is a syntax error here, and read again as one is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from yaml._yaml import CParser
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from vodops.errors import Location, Problem, VodopsError
from vodops.manifest import yamlvalues
from vodops.manifest.yamlvalues import (
    MAX_DEPTH,
    MAX_NODES,
    NULL,
    Document,
    Position,
    duplicate_key,
    scalar,
    typed,
)
from vodops.resources.base import Path

Next = Callable[[], Any]  # the parser's next event


class UnusualDocumentError(VodopsError):
    """Internal: the file has what only the node reader handles; it reads the file instead."""


def read_events(text: str, file: str) -> tuple[list[Document], list[Problem]]:
    """Every non-empty document in `text` and the problems in their values (duplicate keys, lone
    surrogates); raises yaml.YAMLError on a syntax error, UnusualDocumentError as said above."""
    parser = CParser(text)
    try:
        return _documents(parser.get_event, file)
    finally:
        parser.dispose()


def _documents(next_event: Next, file: str) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    next_event()  # the stream's start
    while type(next_event()) is DocumentStartEvent:
        root = next_event()
        if not _is_empty(root):
            document = Document(file, None)
            try:
                document.value = _value(root, (), document, next_event, problems, None)
            except yamlvalues.TooLargeError as error:  # too deep
                problems.append(error.problem)
                _pass_over(next_event)
                continue
            documents.append(document)
        next_event()  # the document's end
    return documents, problems


def _pass_over(next_event: Next) -> None:
    """Reads to the end of the document a too deep value is in (a syntax error there is raised)."""
    while type(next_event()) is not DocumentEndEvent:
        pass


def _is_empty(event: Event) -> bool:
    return type(event) is ScalarEvent and _plain(event) and event.value in NULL


def _plain(event: ScalarEvent) -> bool:
    """Untagged and unquoted: what the node reader's resolver tags as plain. One tagged `!` (the
    non-specific tag) is a string, as in the node reader (yamlpos._NonSpecific)."""
    return bool(event.implicit[0]) and event.tag is None


def _value(
    event: Any, path: Path, doc: Document, next_event: Next, problems: list[Problem], where: Position | None
) -> Any:
    """The value `event` starts; `where` is the position recorded for `path` (a mapping's value
    is located at its key), else the event's own."""
    if event.anchor is not None or len(doc.positions) > MAX_NODES:
        raise UnusualDocumentError("an anchor or alias, or a document too large")
    own = _at(event)
    doc.positions[path] = where or own
    kind = type(event)
    if kind is ScalarEvent:
        return scalar(event.value, None if _plain(event) else event.tag or "", doc, own, problems)
    if len(path) >= MAX_DEPTH:  # the collection at path () is the first level
        raise yamlvalues.too_deep(doc.file, own)
    if event.tag is not None:
        wrong = yamlvalues.collection_tag(event.tag, kind is MappingStartEvent, Location(doc.file, *own))
        problems.extend([wrong] if wrong else [])
    if kind is MappingStartEvent:
        return _mapping(path, doc, next_event, problems)
    items: list[Any] = []
    event = next_event()
    while type(event) is not SequenceEndEvent:
        items.append(_value(event, (*path, len(items)), doc, next_event, problems, None))
        event = next_event()
    return items


def _at(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _mapping(path: Path, doc: Document, next_event: Next, problems: list[Problem]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    positions = doc.positions
    event: Any = next_event()
    while type(event) is not MappingEndEvent:
        if type(event) is not ScalarEvent or event.anchor is not None:
            raise UnusualDocumentError("a key that is not a plain scalar")
        where = _at(event)
        key = event.value if event.value.isascii() else yamlvalues.key_text(event.value, doc, where, problems)
        if key is None or key in result or (key == "<<" and _plain(event)):
            if key in result:
                problems.append(duplicate_key(doc, key, (*path, key), where))
            elif key is not None:  # None: a lone surrogate, already a problem
                problems.append(yamlvalues.merge_key(doc.file, where))
            _skip(next_event(), next_event)
            event = next_event()
            continue
        here = (*path, key)
        event = next_event()
        text = event.value if type(event) is ScalarEvent and event.anchor is None else None
        if text is not None and text.isascii() and _plain(event) and len(positions) <= MAX_NODES:
            # the most common value, a plain ASCII scalar, without _value's call (as _value does it)
            positions[here] = where
            try:
                result[key] = typed(text)
            except ValueError:  # an integer longer than Python converts
                raise yamlvalues.too_long(doc.file, _at(event)) from None
        else:
            result[key] = _value(event, here, doc, next_event, problems, where)
        event = next_event()
    return result


def _skip(event: Any, next_event: Next) -> None:
    """Reads past the value `event` starts (the value of a key that is not read)."""
    depth = 0
    while True:
        if getattr(event, "anchor", None) is not None:  # an anchor there may still be referred to
            raise UnusualDocumentError("an anchor or alias")
        if type(event) in (MappingStartEvent, SequenceStartEvent):
            depth += 1
        elif type(event) in (MappingEndEvent, SequenceEndEvent):
            depth -= 1
        if depth == 0:
            return
        event = next_event()
