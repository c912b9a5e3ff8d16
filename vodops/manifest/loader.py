"""Manifest files to validated declarations, every problem reported at once with file:line:column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from vodops.discovery import Found, IgnoreFileError, find_manifest_files
from vodops.errors import Location, ManifestError, Problem
from vodops.localfiles import LocalFileError, read_text
from vodops.manifest.messages import field_problems, spec_path
from vodops.manifest.yamlpos import Document, load_documents
from vodops.manifest.yamlvalues import typed
from vodops.resources import KINDS, adoptable_by_id, did_you_mean
from vodops.resources.base import Path, Spec
from vodops.resources.kind import Kind
from vodops.visible import shown_name

API_VERSION = "vodops/v1"
_ENVELOPE = ("apiVersion", "kind", "metadata", "spec")
METADATA = ("name", "adoptId", "previousNames")


@dataclass(frozen=True)
class Declared:
    """One resource a manifest declares."""

    kind: str
    name: str
    spec: Spec
    document: Document

    @property
    def adopt_id(self) -> int | None:
        """metadata.adoptId: the live template this declaration adopts while that template's own
        name cannot identify it (empty, or shared with another template)."""
        value = self.document.value["metadata"].get("adoptId")
        return value if isinstance(value, int) else None

    @property
    def previous_names(self) -> tuple[str, ...]:
        """metadata.previousNames: the names this object had, newest first; a live object found
        under one of them is renamed in place (its id kept) instead of deleted and created."""
        value = self.document.value["metadata"].get("previousNames")
        return tuple(value) if isinstance(value, list) else ()

    @property
    def location(self) -> Location:
        return self.document.locate(("metadata", "name"))

    def locate(self, spec_path: Path) -> Location:
        """The file:line:column of `spec_path` (a path inside `spec`), or of its nearest ancestor that has
        one."""
        return self.document.locate(("spec", *spec_path))

    @property
    def directory(self) -> FsPath:
        return FsPath(self.document.file).parent


def manifest_files(directory: FsPath) -> Found:
    """The manifest files below `directory` (see vodops.discovery) and notes on what was skipped."""
    if not directory.is_dir():
        raise ManifestError([Problem(f"{directory} is not a directory")])
    try:
        return find_manifest_files(directory)
    except IgnoreFileError as error:
        raise ManifestError([Problem(f"this file {error}", Location(str(error.path)))]) from None
    except OSError as error:
        raise ManifestError([Problem(f"cannot list {directory}: {error}")]) from None


@dataclass(frozen=True)
class Named:
    """A document whose kind and name could be read, valid or not: enough to check uniqueness."""

    kind: str
    name: str
    location: Location


@dataclass
class Reading:
    """What reading a manifest directory found so far: the declarations, their names, the
    problems and the files left out (with why)."""

    directory: FsPath  # the manifest directory: every file a manifest names stays inside it
    declared: list[Declared] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files left out, and why


def read_declarations(directory: FsPath) -> Reading:
    """Every document of every manifest file under `directory`, parsed and validated one by one; problems are
    collected in the Reading, never raised. Raises ManifestError only when the directory itself cannot be
    listed."""
    found = manifest_files(directory)
    reading = Reading(directory, notes=found.notes)
    for file in found.files:
        try:
            text = read_text(file)
        except LocalFileError as error:
            reading.problems.append(Problem(f"this file {error}", Location(str(file))))
            continue
        documents, syntax = load_documents(text, str(file))
        reading.problems.extend(syntax)
        for document in documents:
            _read(document, text, reading)
    return reading


def _read(doc: Document, text: str, reading: Reading) -> None:
    if not isinstance(doc.value, dict):
        message = "a manifest document must be a mapping with apiVersion, kind, metadata and spec"
        reading.problems.append(Problem(message, doc.locate(())))
        return
    written = _written_name(doc, text)
    reading.problems.extend(Problem(m, doc.locate(p)) for p, m in _envelope_problems(doc.value, written))
    kind = KINDS.get(str(doc.value.get("kind")))
    name = _name(doc.value)
    if kind is None or name is None or doc.value.get("apiVersion") != API_VERSION:
        return
    where = doc.locate(("metadata", "name"))
    reading.named.append(Named(kind.name, name, where))
    naming = kind.name_problem(name)
    if naming:
        reading.problems.append(Problem(f"metadata.name {shown_name(name)} {naming}", where))
    spec, spec_problems = _spec(kind, doc)
    reading.problems.extend(spec_problems)
    if spec is not None:
        reading.declared.append(Declared(kind.name, name, spec, doc))


def _envelope_problems(value: dict[str, Any], written: str | None) -> Iterator[tuple[Path, str]]:
    """The problems of a document's envelope; `written` is its metadata.name's text, when YAML
    read that as a number or true/false."""
    for key in value:
        if key not in _ENVELOPE:
            yield (key,), f"unknown top-level field {key!r}; a document has {', '.join(_ENVELOPE)}"
    version = value.get("apiVersion")
    if version != API_VERSION:
        said = "missing apiVersion" if version is None else f"unknown apiVersion {version!r}"
        yield ("apiVersion",), f"{said}; use {API_VERSION}"
    kind = value.get("kind")
    if kind not in KINDS:
        yield ("kind",), _kind_message(kind)
    metadata = value.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("name"), (int, float)):
        yield ("metadata", "name"), _name_read_as_scalar(metadata["name"], written)
        return
    if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str) or not metadata["name"]:
        yield ("metadata",), "metadata.name is required and must be a non-empty string"
        return
    for key in sorted(set(metadata) - set(METADATA)):
        yield ("metadata", key), f"unknown metadata field {key!r}; metadata has {', '.join(METADATA)}"
    if "adoptId" in metadata:
        yield from _adopt_id_problems(metadata["adoptId"], kind)
    if "previousNames" in metadata and kind in KINDS:
        yield from _previous_names_problems(metadata["previousNames"], KINDS[str(kind)], metadata["name"])


def _name_read_as_scalar(name: float, written: str | None) -> str:
    """The problem of a name YAML read as a number or a boolean (a class named 2024): it was
    'metadata.name is required', at the metadata, as if the name were missing. `written` is the
    text to quote (`007`, `True`, `1e3`: the value's own spelling is another name, `7`, `true`)."""
    message = f"metadata.name must be a string (got {name!r}); a name YAML reads as a number or true/false"
    return f"{message} must be quoted" + (f': "{written}"' if written is not None else "")


_NAME_VALUE = re.compile(r"""["']?name["']?[ \t]*:[ \t]+([^\s,\]}#]+)""")


def _written_name(doc: Document, text: str) -> str | None:
    """How a metadata.name that YAML read as a number or true/false was written, read from its
    line at its key (`name: 007`), if it stands there and reads back as that value."""
    metadata = doc.value.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if not isinstance(name, (int, float)):
        return None
    where = doc.locate(("metadata", "name"))
    lines = text.splitlines()
    found = _NAME_VALUE.match(lines[where.line - 1], where.column - 1) if where.line <= len(lines) else None
    if found is None:
        return None
    value = typed(found[1])
    return found[1] if value == name and type(value) is type(name) else None


def _previous_names_problems(value: Any, kind: Kind, name: str) -> Iterator[tuple[Path, str]]:
    where: Path = ("metadata", "previousNames")
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        yield where, f"metadata.previousNames: must be a list of names (got {value!r})"
        return
    for index, previous in enumerate(value):
        naming = kind.name_problem(previous)
        if naming:
            yield (*where, index), f"metadata.previousNames[{index}]: {shown_name(previous)} {naming}"
        elif previous == name or previous in value[:index]:
            yield (*where, index), f"metadata.previousNames[{index}]: {previous!r} is listed twice"


def _adopt_id_problems(adopt_id: Any, kind: Any) -> Iterator[tuple[Path, str]]:
    where = ("metadata", "adoptId")
    adoptable = adoptable_by_id()
    if kind not in adoptable:
        *others, last = adoptable
        kinds = f"{', '.join(others)} and {last}" if others else last
        yield where, f"metadata.adoptId: only {kinds} take adoptId (other kinds are found by name)"
    elif not isinstance(adopt_id, int) or isinstance(adopt_id, bool) or adopt_id < 0:
        yield where, f"metadata.adoptId: must be a template id, a whole number (got {adopt_id!r})"


def _kind_message(kind: Any) -> str:
    valid = ", ".join(KINDS)
    if kind is None:
        return f"missing kind; use one of {valid}"
    return f"unknown kind {kind!r} (valid kinds: {valid}){did_you_mean(str(kind), KINDS)}"


def _name(value: dict[str, Any]) -> str | None:
    metadata = value.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return name if isinstance(name, str) and name else None


def _spec(kind: Kind, doc: Document) -> tuple[Spec | None, list[Problem]]:
    raw = doc.value.get("spec")
    if raw is None and not kind.spec_required:
        raw = {}
    if not isinstance(raw, dict):
        said = "is required" if raw is None else "must be a mapping"
        return None, [Problem(f"spec {said} for a {kind.name}", doc.locate(("spec",)))]
    try:
        spec = kind.spec.model_validate(raw)
    except ValidationError as error:
        found = field_problems(error, kind.spec, raw)
        return None, [Problem(_at(path, message), doc.locate(("spec", *path))) for path, message in found]
    return spec, [Problem(_at(p, m), doc.locate(("spec", *p))) for p, m in spec.problems()]


def _at(path: Path, message: str) -> str:
    return f"{spec_path(path)}: {message}"
