"""SQLite persistence for the emulator: one file (or ":memory:"), one transaction per action.

The cloud's objects are stored as JSON documents keyed by (kind, app, key), in insertion order,
each with what a Describe page shows of it when its kind is rendered (`database.py`); id counters
and watermark images sit beside them. One connection serves every thread, guarded
by a lock held for the whole transaction, so each action sees and leaves a consistent state.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import EmulatorError
from .database import Doc, Renderers, connect, rendering

_PUT = """
INSERT INTO resources (kind, app, key, seq, body, shown)
VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM resources), ?, ?)
ON CONFLICT (kind, app, key) DO UPDATE SET body = excluded.body, shown = excluded.shown
"""


class Known:
    """What the store remembers of each (kind, app) between transactions: how many documents it
    holds, and their keys as numbers in order (so that a window starts at a key, not by skipping
    OFFSET rows: COUNT and OFFSET read every row, and a page of 4,000 cost 1.4 times one of 100).
    A (kind, app) is forgotten when a transaction writes to it, everything when one rolls back or
    another connection to the file has committed (SQLite's data_version)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}
        self.ids: dict[tuple[str, int], list[int]] = {}
        self.version: int | None = None

    def forget(self, kind: str, app: int) -> None:
        """Forget the count and ids of (`kind`, `app`), which a write changes."""
        self.counts.pop((kind, app), None)
        self.ids.pop((kind, app), None)

    def check(self, db: sqlite3.Connection) -> None:
        """Forget everything if another connection has committed since the last check."""
        (version,) = db.execute("PRAGMA data_version").fetchone()
        if version != self.version:
            self.clear()
            self.version = version

    def clear(self) -> None:
        """Forget everything remembered."""
        self.counts.clear()
        self.ids.clear()


class Tx:
    """The store as one action sees it, inside its transaction."""

    def __init__(self, db: sqlite3.Connection, known: Known, renderers: Renderers) -> None:
        self._db = db
        self._known = known
        self._renderers = renderers

    def get(self, kind: str, app: int, key: str) -> Doc | None:
        """The document of `kind` in `app` under `key`, or None."""
        row = self._db.execute(
            "SELECT body FROM resources WHERE kind = ? AND app = ? AND key = ?", (kind, _column(app), key)
        ).fetchone()
        return None if row is None else _load(row[0])

    def scan(self, kind: str, app: int) -> list[Doc]:
        """Every `kind` document of `app`, oldest first."""
        rows = self._db.execute(
            "SELECT body FROM resources WHERE kind = ? AND app = ? ORDER BY seq", (kind, _column(app))
        )
        return [_load(body) for (body,) in rows]

    def window(self, kind: str, app: int, offset: int, limit: int, by_id: bool = True) -> list[str]:
        """What Describe shows of `limit` documents of `app` from `offset` on (their renderings,
        JSON texts: `kind` is one the store renders). `by_id`: in the numeric order of their keys
        (the order of ids; every key of `kind` is a number), read through an index from the key at
        `offset`, so that a page costs the same however many there are; else in the order they
        were first stored (kinds keyed by name, which hold few)."""
        if offset >= self.count(kind, app):  # SQLite takes no offset past 2**63
            return []
        if not by_id:
            rows = self._db.execute(
                "SELECT shown FROM resources WHERE kind = ? AND app = ? ORDER BY seq LIMIT ? OFFSET ?",
                (kind, _column(app), limit, offset),
            )
            return [str(shown) for (shown,) in rows]
        rows = self._db.execute(
            "SELECT shown FROM resources WHERE kind = ? AND app = ? AND CAST(key AS INTEGER) >= ? "
            "ORDER BY CAST(key AS INTEGER) LIMIT ?",
            (kind, _column(app), self._ids(kind, app)[offset], limit),
        )
        return [str(shown) for (shown,) in rows]

    def _ids(self, kind: str, app: int) -> list[int]:
        ids = self._known.ids.get((kind, app))
        if ids is None:
            rows = self._db.execute(
                "SELECT CAST(key AS INTEGER) FROM resources WHERE kind = ? AND app = ? "
                "ORDER BY CAST(key AS INTEGER)",
                (kind, _column(app)),
            )
            ids = self._known.ids[kind, app] = [int(number) for (number,) in rows]
        return ids

    def count(self, kind: str, app: int) -> int:
        """How many documents of `kind` `app` holds (remembered between transactions until a
        write)."""
        count = self._known.counts.get((kind, app))
        if count is None:
            row = self._db.execute(
                "SELECT COUNT(*) FROM resources WHERE kind = ? AND app = ?", (kind, _column(app))
            ).fetchone()
            count = self._known.counts[kind, app] = int(row[0])
        return count

    def put(self, kind: str, app: int, key: str, doc: Doc) -> None:
        """Insert or replace, rendered if its kind is; a replaced document keeps its place."""
        self._known.forget(kind, app)
        shown = rendering(self._renderers, kind, doc)
        self._db.execute(_PUT, (kind, _column(app), key, json.dumps(doc, ensure_ascii=False), shown))

    def delete(self, kind: str, app: int, key: str) -> None:
        """Delete the document of `kind` in `app` under `key`, if there is one."""
        self._known.forget(kind, app)
        self._db.execute(
            "DELETE FROM resources WHERE kind = ? AND app = ? AND key = ?", (kind, _column(app), key)
        )

    def next_id(self, counter: str, first: int) -> int:
        """The next value of a persisted counter that starts at `first`; values are never reused."""
        row = self._db.execute("SELECT value FROM counters WHERE name = ?", (counter,)).fetchone()
        value = first if row is None else int(row[0]) + 1
        self._db.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (counter, value),
        )
        return value

    def put_image(self, name: str, content_type: str, data: bytes) -> None:
        """Store an image under `name` (a watermark's content-derived file name); one already stored
        is kept."""
        self._db.execute(
            "INSERT OR IGNORE INTO images (name, content_type, data) VALUES (?, ?, ?)",
            (name, content_type, data),
        )

    def get_image(self, name: str) -> tuple[str, bytes] | None:
        """(content type, bytes) of the image `name`, or None."""
        row = self._db.execute("SELECT content_type, data FROM images WHERE name = ?", (name,)).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))

    def put_blob(self, name: str, data: bytes) -> None:
        """Store bytes under `name` (uploaded objects and parts), replacing what was there."""
        self._db.execute("INSERT OR REPLACE INTO blobs (name, data) VALUES (?, ?)", (name, data))

    def get_blob(self, name: str) -> bytes | None:
        """The bytes stored under `name`, or None."""
        row = self._db.execute("SELECT data FROM blobs WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def blob_names(self, prefix: str) -> list[str]:
        """The names of the blobs starting with `prefix`, sorted."""
        rows = self._db.execute(
            "SELECT name FROM blobs WHERE substr(name, 1, ?) = ? ORDER BY name", (len(prefix), prefix)
        )
        return [str(name) for (name,) in rows]

    def rename_blob(self, old: str, new: str) -> None:
        """Move the blob `old` to `new`, replacing what `new` held."""
        self._db.execute("UPDATE OR REPLACE blobs SET name = ? WHERE name = ?", (new, old))

    def delete_blobs(self, prefix: str) -> None:
        """Delete every blob whose name starts with `prefix`."""
        self._db.execute("DELETE FROM blobs WHERE substr(name, 1, ?) = ?", (len(prefix), prefix))


class Store:
    """The emulator's database. `path` None or ":memory:" keeps it in memory. `renderers` render
    the documents of the kinds Describe pages list from their renderings (`Tx.window`), when each
    is written. Raises EmulatorError when the file cannot be opened, migrated or rendered."""

    def __init__(self, path: str | Path | None, renderers: Renderers) -> None:
        self._lock = threading.RLock()
        self._renderers = renderers
        self._db = connect(path, renderers)
        self._known = Known()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One action's view of the store: committed if the block succeeds, else rolled back."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._known.check(self._db)
            try:
                yield Tx(self._db, self._known, self._renderers)
            except BaseException:
                self._db.execute("ROLLBACK")
                self._known.clear()
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def snapshot(self) -> Doc:
        """The whole state as JSON-ready data: every document, counter and image (not the bytes
        of uploaded media, which stay out of snapshots)."""
        with self._lock:
            rows = self._db.execute("SELECT kind, app, key, seq, body FROM resources ORDER BY seq")
            resources = [
                {"kind": k, "app": _app(a), "key": key, "seq": seq, "body": _load(body)}
                for k, a, key, seq, body in rows
            ]
            counters = dict(self._db.execute("SELECT name, value FROM counters ORDER BY name").fetchall())
            images = [
                {"name": n, "contentType": t, "data": base64.b64encode(d).decode("ascii")}
                for n, t, d in self._db.execute("SELECT name, content_type, data FROM images ORDER BY name")
            ]
        return {
            "formatVersion": SNAPSHOT_VERSION,
            "resources": resources,
            "counters": counters,
            "images": images,
        }

    def restore(self, snapshot: Doc | None) -> None:
        """Replace the whole state with a snapshot's; None empties the store (a reset)."""
        try:
            rows = _snapshot_rows(snapshot or _EMPTY_SNAPSHOT, self._renderers)
            with self.transaction():
                self._known.clear()
                self._db.execute("DELETE FROM resources")
                self._db.execute("DELETE FROM counters")
                self._db.execute("DELETE FROM images")
                self._db.execute("DELETE FROM blobs")
                self._db.executemany("INSERT INTO resources VALUES (?, ?, ?, ?, ?, ?)", rows[0])
                self._db.executemany("INSERT INTO counters VALUES (?, ?)", rows[1])
                self._db.executemany("INSERT INTO images VALUES (?, ?, ?)", rows[2])
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, sqlite3.Error) as error:
            raise EmulatorError(f"not an emulator snapshot: {error!r}") from None


_EMPTY_SNAPSHOT: Doc = {"formatVersion": 1, "resources": [], "counters": {}, "images": []}
SNAPSHOT_VERSION = 1
Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _snapshot_rows(snapshot: Doc, renderers: Renderers) -> Rows:
    if snapshot.get("formatVersion") != SNAPSHOT_VERSION:
        raise ValueError(f"formatVersion must be {SNAPSHOT_VERSION}")
    resources = [
        (
            str(r["kind"]),
            _column(int(r["app"])),
            str(r["key"]),
            int(r["seq"]),
            json.dumps(r["body"], ensure_ascii=False),
            rendering(renderers, str(r["kind"]), r["body"]),
        )
        for r in snapshot["resources"]
    ]
    counters = [(str(name), int(value)) for name, value in snapshot["counters"].items()]
    images = [
        (str(i["name"]), str(i["contentType"]), base64.b64decode(i["data"], validate=True))
        for i in snapshot["images"]
    ]
    return resources, counters, images


_UINT64 = 2**64  # a SubAppId is a uint64 (api.json); SQLite's INTEGER is a signed 64-bit one


def _column(app: int) -> int:
    """The `app` column's value for SubAppId `app`: ids past 2**63 - 1 wrap to negative numbers,
    which no id is, so every uint64 id is stored and found (they overflowed SQLite)."""
    return app - _UINT64 if app >= _UINT64 // 2 else app


def _app(column: int) -> int:
    """The SubAppId the `app` column's value stands for (the inverse of `_column`)."""
    return column + _UINT64 if column < 0 else column


def _load(body: str) -> Doc:
    doc: Doc = json.loads(body)
    return doc
