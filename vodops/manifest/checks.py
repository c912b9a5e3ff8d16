"""Rules across documents: unique names, references, the class tree, image files, comment room."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vodops.errors import Problem
from vodops.localfiles import SpecFilesError
from vodops.manifest.images import ImageFileError, ImageReads
from vodops.manifest.loader import Declared, Named, Reading
from vodops.manifest.messages import spec_path
from vodops.ownership import comment_room, widest_named_owner, with_marker
from vodops.resources import KINDS
from vodops.resources.base import Path
from vodops.resources.walk import field_value, references
from vodops.visible import shown_name


def cross_problems(reading: Reading, stack: str) -> Iterator[Problem]:
    """The problems no single document shows: duplicate and previous names, unknown references, the
    class tree, what a reference may name (a text watermark on a snapshot), image and local files,
    and the room a comment leaves for `stack`'s ownership marker."""
    yield from _duplicates(reading.named)
    yield from _previous_names(reading.declared)
    found = [(item, list(references(item.spec))) for item in reading.declared]  # walked once for both
    yield from _references(found, reading.named)
    yield from _class_tree(reading.named)
    yield from _uses(found)
    images = ImageReads(reading.directory)
    for item in reading.declared:
        yield from _image(item, images)
        yield from _local_files(item, reading)
        yield from _comment(item, stack)


def _duplicates(named: list[Named]) -> Iterator[Problem]:
    first: dict[tuple[str, str], Named] = {}
    for item in named:
        seen = first.setdefault((item.kind, item.name), item)
        if seen is not item:
            message = f"duplicate {item.kind} {shown_name(item.name)}: also declared at {seen.location}"
            yield Problem(message, item.location)


def _previous_names(declared: list[Declared]) -> Iterator[Problem]:
    """A previous name must name one object: not another declaration, nor two renames."""
    current = {(item.kind, item.name) for item in declared}
    claimed: dict[tuple[str, str], Declared] = {}
    for item in declared:
        for index, previous in enumerate(item.previous_names):
            if not isinstance(previous, str):  # no name: the loader said so at its place
                continue
            where = item.document.locate(("metadata", "previousNames", index))
            first = claimed.setdefault((item.kind, previous), item)
            if (item.kind, previous) in current:
                yield Problem(
                    f"metadata.previousNames: {shown_name(previous)} is declared as a {item.kind} too", where
                )
            elif first is not item:
                also = f"is also a previous name of {shown_name(first.name)} ({first.location})"
                yield Problem(f"metadata.previousNames: {shown_name(previous)} {also}", where)


Referring = list[tuple[Declared, list[tuple[Path, str, int | str]]]]  # each item, its references


def _references(declared: Referring, named: list[Named]) -> Iterator[Problem]:
    kinds_of: dict[str, set[str]] = {}
    for entry in named:
        kinds_of.setdefault(entry.name, set()).add(entry.kind)
    for item, found in declared:
        for path, kind, value in found:
            if not isinstance(value, str) or kind in kinds_of.get(value, ()):
                continue
            others = sorted(kinds_of.get(value, ()))
            if others:
                message = f"{shown_name(value)} is {_a(others[0])}, but this field takes {_a(kind)}"
            else:
                missing = f"no {kind} named {shown_name(value)} is declared"
                message = f"{missing} (write a declared name or a numeric id)"
            yield Problem(f"{spec_path(path)}: {message}", item.locate(path))


def _a(kind: str) -> str:
    """A kind's name with its article: an AIAnalysisTemplate, a TranscodeTemplate."""
    return f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind}"


def _uses(declared: Referring) -> Iterator[Problem]:
    """The rules of a reference that depend on the declared object it names (Kind.check_use: a
    text watermark cannot go on a snapshot)."""
    targets = {(item.kind, item.name): item.spec for item, _ in declared}
    for item, found in declared:
        spec: dict[str, Any] | None = None  # built only for an item that names a declared object
        for path, kind, value in found:
            target = targets.get((kind, value)) if isinstance(value, str) else None
            if target is None:
                continue
            spec = spec or item.spec.manifest_dict()
            for where, message in KINDS[kind].check_use(path, _at(spec, path[:-1]), str(value), target):
                yield Problem(f"{spec_path(where)}: {message}", item.locate(where))


def _at(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


def _class_tree(named: list[Named]) -> Iterator[Problem]:
    """A tree node (class) is declared below its declared parent."""
    paths = {(item.kind, item.name) for item in named if KINDS[item.kind].tree}
    for item in named:
        if not KINDS[item.kind].tree or "/" not in item.name:
            continue
        parent = item.name.rsplit("/", 1)[0]
        if (item.kind, parent) not in paths:
            message = f"parent class {parent!r} is not declared; declare it in its own MediaClass document"
            yield Problem(message, item.location)


def _image(item: Declared, images: ImageReads) -> Iterator[Problem]:
    template = getattr(item.spec, "image_template", None) if KINDS[item.kind].images else None
    if template is None:
        return
    try:
        images(item.directory, template.image_file)
    except ImageFileError as error:
        where = item.locate(("imageTemplate", "imageFile"))
        yield Problem(f"spec.imageTemplate.imageFile: {error}", where)


def _local_files(item: Declared, reading: Reading) -> Iterator[Problem]:
    """The local files a kind reads itself (Kind.prepare: a Media's source and cover)."""
    prepare = KINDS[item.kind].prepare
    if prepare is None:
        return
    try:
        prepare(item.spec.manifest_dict(), reading.directory, item.directory, item.name)
    except SpecFilesError as error:
        yield from file_problems(item, error)


def file_problems(item: Declared, error: SpecFilesError) -> Iterator[Problem]:
    """Each unusable local file of a declaration, at its own field."""
    for path, message in error.problems:
        yield Problem(f"{spec_path(path)}: {message}", item.locate(path))


def _comment(item: Declared, stack: str) -> Iterator[Problem]:
    key = KINDS[item.kind].marker_key
    comment = field_value(item.spec, key)
    if not isinstance(comment, str) or not comment:
        return
    limit = KINDS[item.kind].comment_bytes
    if limit is not None:
        yield from _comment_bytes(item, comment, stack, limit)
        return
    room = comment_room(stack, with_digest=KINDS[item.kind].images)
    if len(comment) > room:
        message = (
            f"spec.{key}: is {len(comment)} characters; with the ownership marker vodops adds, "
            f"at most {room} fit in the API's 256"
        )
        yield Problem(message, item.locate((key,)))


def _comment_bytes(item: Declared, comment: str, stack: str, limit: int) -> Iterator[Problem]:
    """A Comment limited in UTF-8 bytes (a relay's 512), with the longest marker vodops writes."""
    written = with_marker(comment, widest_named_owner(stack, item.name))
    size = len(written.encode("utf-8"))
    if size > limit:
        key = KINDS[item.kind].marker_key
        message = (
            f"spec.{key}: with the ownership marker vodops adds ({len(written) - len(comment)} "
            f"characters), it is {size} bytes of UTF-8; the API takes at most {limit}"
        )
        yield Problem(message, item.locate((key,)))
