"""The emulator's SQLite file: its tables, its schema version and the migration from older ones,
and the renderings kept beside the stored documents.

A document of a kind that Describe pages list (a transcode or watermark template, ...) is kept
with its rendering: the JSON text a page shows of it, made when it is written, so that a page
splices stored texts in rather than rendering each object the first time it is read. Renderings
depend on the code that made them, so the file records which code rendered them (the vodops
version and a digest of the emulator's sources), and one opened by other code (or migrated from
schema 1, which had none) is rendered again.

Schema versions: 1, documents only; 2, with the `shown` column (from 1: the column is added and
every document rendered).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import EmulatorError
from ..localfiles import unwritable

Doc = dict[str, Any]
# How Describe pages show a stored document of one kind: its compact JSON text (encoding.compact).
Render = Callable[[Doc], str]
Renderers = Mapping[str, Render]  # by store kind; kinds not named keep no rendering

SCHEMA_VERSION = "2"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS resources (
    kind TEXT NOT NULL, app INTEGER NOT NULL, key TEXT NOT NULL,
    seq INTEGER NOT NULL, body TEXT NOT NULL, shown TEXT,
    PRIMARY KEY (kind, app, key)
);
CREATE INDEX IF NOT EXISTS resources_by_number ON resources (kind, app, CAST(key AS INTEGER));
CREATE TABLE IF NOT EXISTS images (
    name TEXT PRIMARY KEY, content_type TEXT NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


@functools.cache
def rendered_by() -> str:
    """The tag of renderings made by this code: the vodops version and a digest of the emulator's
    sources (vodops/emulator/, every file but bytecode). The version alone does not say: code
    installed from a newer clone keeps its version, and renders otherwise (a file written before
    procedures were rendered answered None for each of them). About 2 ms of CPU, once a process."""
    digest = hashlib.blake2b(digest_size=8)
    folder = os.path.dirname(__file__)
    for source in _sources(folder):
        with open(os.path.join(folder, source), "rb") as file:
            content = file.read()
        digest.update(f"{source}:{len(content)}:".encode() + content)
    return f"vodops {__version__} {digest.hexdigest()}"


def _sources(folder: str, within: str = "") -> list[str]:
    """The files under `folder` (their paths relative to it), sorted, but for __pycache__."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _sources(entry.path, f"{within}{entry.name}/")
            elif entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                found.append(f"{within}{entry.name}")
    return sorted(found)


def connect(path: str | Path | None, renderers: Renderers) -> sqlite3.Connection:
    """The database at `path` (None or ":memory:": in memory), created, migrated and its
    renderings brought up to date. Raises EmulatorError when it cannot be opened or used."""
    target = ":memory:" if path is None or str(path) == ":memory:" else Path(path)
    try:
        if isinstance(target, Path):
            target.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
    except OSError as err:
        raise EmulatorError(f"cannot open the emulator database {target}: {_why(err, target)}") from err
    except sqlite3.Error as err:
        raise EmulatorError(f"cannot open the emulator database {target}: {err}") from err
    try:
        _prepare(db, renderers, str(target))
    except EmulatorError:
        db.close()
        raise
    except (sqlite3.Error, KeyError, TypeError, ValueError) as err:  # a document no longer renders
        db.close()
        raise EmulatorError(f"{target} is not a usable emulator database: {err}") from err
    return db


def _why(error: OSError, target: str | Path) -> str:
    """The reason in words: what stands in the way of `target`'s directory (a file where a
    directory should be: mkdir's "[Errno 17] File exists" named neither), else the error's own."""
    try:
        blocked = unwritable(target.parent, directory=True) if isinstance(target, Path) else None
    except OSError:  # a directory on the way that may not be searched: the error says so
        blocked = None
    reason = (error.strerror or str(error)).lower()
    return blocked or (f"{reason}: {error.filename}" if error.filename else reason)


def _prepare(db: sqlite3.Connection, renderers: Renderers, target: str) -> None:
    """Create, migrate and render in one transaction (two processes may open one file at once).
    A database that holds tables but no emulator schema version is another program's: refused."""
    db.execute("BEGIN IMMEDIATE")
    try:
        _refuse_foreign(db, target)
        for table in _TABLES.split(";"):
            db.execute(table)
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        (version,) = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if version == "1":
            db.execute("ALTER TABLE resources ADD COLUMN shown TEXT")
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
        elif version != SCHEMA_VERSION:
            raise EmulatorError(
                f"the emulator database {target} has schema version {version}; "
                f"this vodops reads {SCHEMA_VERSION}"
            )
        if _meta(db, "rendered") != rendered_by():
            _render_all(db, renderers)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('rendered', ?)", (rendered_by(),))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _refuse_foreign(db: sqlite3.Connection, target: str) -> None:
    """Raise EmulatorError unless the database is empty or has a schema version in `meta` (every
    emulator file has had one): the emulator must not add its tables to another program's file."""
    tables = sorted(name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    if not tables or ("meta" in tables and _meta(db, "schema") is not None):
        return
    held = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    message = f"{target} is not an emulator database: it holds other tables ({held}) and no schema version"
    raise EmulatorError(message)


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _render_all(db: sqlite3.Connection, renderers: Renderers) -> None:
    """Render every stored document of the kinds in `renderers` again (inside a transaction)."""
    for kind, render in renderers.items():
        rows = db.execute("SELECT app, key, body FROM resources WHERE kind = ?", (kind,)).fetchall()
        db.executemany(
            "UPDATE resources SET shown = ? WHERE kind = ? AND app = ? AND key = ?",
            [(render(json.loads(body)), kind, app, key) for app, key, body in rows],
        )


def rendering(renderers: Renderers, kind: str, doc: Doc) -> str | None:
    """What a Describe page shows of `doc`, or None for a kind no page lists from its renderings."""
    render = renderers.get(kind)
    return None if render is None else render(doc)
