"""The emulator's state file across vodops versions: a schema-1 file (documents only) is migrated
to schema 2 (documents with the renderings Describe pages splice in) when opened, renderings made
by another version are made again, and a file this vodops cannot use is refused unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Vodops
from tests.emulator.conftest import Api, Clock
from tests.emulator.processing_corpus import TEMPLATES
from vodops import __version__
from vodops.emulator import Emulator
from vodops.emulator.database import rendered_by
from vodops.errors import EmulatorError

Serve = Callable[[Emulator], AbstractContextManager[Api]]
TEXT = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
PAGES = {
    "DescribeWatermarkTemplates": "WatermarkTemplateSet",
    "DescribeTranscodeTemplates": "TranscodeTemplateSet",
    "DescribeImageSpriteTemplates": "ImageSpriteTemplateSet",
}


def _pages(api: Api) -> dict[str, Any]:
    """Every page, image URLs without their origin (each emulator is served at its own port)."""
    pages = {action: api(action, Limit=100)[member] for action, member in PAGES.items()}
    for mark in pages["DescribeWatermarkTemplates"]:
        if mark["ImageTemplate"] is not None:
            image = mark["ImageTemplate"]
            image["ImageUrl"] = image["ImageUrl"].split("/", 3)[3]
    return pages


def _seeded(db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]) -> dict[str, Any]:
    """Templates of each rendered kind written to `db_file`; the pages that show them."""
    emulator = Emulator(db_file, clock=clock)
    with serve(emulator) as api:
        api("CreateWatermarkTemplate", Type="text", Name="水印", TextTemplate=TEXT)
        api("CreateWatermarkTemplate", Type="image", Name="logo", ImageTemplate={"ImageContent": png})
        api("CreateTranscodeTemplate", **hls_720p)
        api("CreateImageSpriteTemplate", **TEMPLATES["ImageSpriteTemplate"][1])
        pages = _pages(api)
    emulator.close()
    return pages


def _sql(db_file: Path, *statements: str) -> None:
    db = sqlite3.connect(db_file, isolation_level=None)
    for statement in statements:
        db.execute(statement)
    db.close()


def _meta(db_file: Path) -> dict[str, str]:
    db = sqlite3.connect(db_file)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    db.close()
    return meta


def _digest(db_file: Path) -> str:
    return hashlib.sha256(db_file.read_bytes()).hexdigest()


def test_a_schema_1_file_is_migrated_and_shows_the_same_pages(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    pages = _seeded(db_file, clock, serve, png, hls_720p)
    _sql(  # the file as vodops 0.3.0 left it: no renderings
        db_file,
        "ALTER TABLE resources DROP COLUMN shown",
        "UPDATE meta SET value = '1' WHERE key = 'schema'",
        "DELETE FROM meta WHERE key = 'rendered'",
    )
    migrated = Emulator(db_file, clock=clock)
    with serve(migrated) as api:
        assert _pages(api) == pages
    migrated.close()
    assert _meta(db_file) == {"schema": "2", "rendered": rendered_by()}


def test_renderings_made_by_another_version_are_made_again(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    pages = _seeded(db_file, clock, serve, png, hls_720p)
    _sql(
        db_file,
        """UPDATE resources SET shown = '{"stale":true}' WHERE shown IS NOT NULL""",
        "UPDATE meta SET value = 'vodops 0.2.0' WHERE key = 'rendered'",
    )
    reopened = Emulator(db_file, clock=clock)
    with serve(reopened) as api:
        assert _pages(api) == pages
    reopened.close()


def test_renderings_made_by_other_code_of_the_same_version_are_made_again(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    """The file as vodops 0.3.0 left it when only templates were rendered (commit 16e230f): its
    procedures and players have no rendering, and the tag named the version only, which did not
    change, so they were not rendered: each page answered None for each of them."""
    emulator = Emulator(db_file, clock=clock)
    with serve(emulator) as api:
        definition = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
        api(
            "CreateProcedureTemplate",
            Name="ingest",
            MediaProcessTask={"TranscodeTaskSet": [{"Definition": definition}]},
        )
        api("CreateSuperPlayerConfig", Name="web", AudioVideoType="Transcode", TranscodeDefinition=definition)
        pages = [
            api(action, Limit=100) for action in ("DescribeProcedureTemplates", "DescribeSuperPlayerConfigs")
        ]
    emulator.close()
    _sql(
        db_file,
        "UPDATE resources SET shown = NULL WHERE kind IN ('procedure', 'player')",
        f"UPDATE meta SET value = 'vodops {__version__}' WHERE key = 'rendered'",
    )
    reopened = Emulator(db_file, clock=clock)
    with serve(reopened) as api:
        again = [
            api(action, Limit=100) for action in ("DescribeProcedureTemplates", "DescribeSuperPlayerConfigs")
        ]
    reopened.close()
    for page in (*pages, *again):
        page.pop("RequestId")
    assert again == pages
    assert _meta(db_file)["rendered"] == rendered_by() != f"vodops {__version__}"


def test_reopening_a_current_file_changes_nothing(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    _seeded(db_file, clock, serve, png, hls_720p)
    before = _digest(db_file)
    Emulator(db_file, clock=clock).close()
    assert _digest(db_file) == before


def test_a_newer_schema_is_refused_and_the_file_left_unchanged(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    _seeded(db_file, clock, serve, png, hls_720p)
    _sql(db_file, "UPDATE meta SET value = '3' WHERE key = 'schema'")
    before = _digest(db_file)
    with pytest.raises(EmulatorError) as refused:
        Emulator(db_file, clock=clock)
    assert str(refused.value) == f"the emulator database {db_file} has schema version 3; this vodops reads 2"
    assert _digest(db_file) == before


def test_a_stored_template_that_no_longer_renders_is_refused_and_the_file_left_unchanged(
    db_file: Path, clock: Clock, serve: Serve, png: str, hls_720p: dict[str, Any]
) -> None:
    _seeded(db_file, clock, serve, png, hls_720p)
    _sql(
        db_file,
        """UPDATE resources SET body = '{"Definition": 1000001}' WHERE kind = 'watermark'""",
        "UPDATE meta SET value = 'vodops 0.2.0' WHERE key = 'rendered'",
    )
    before = _digest(db_file)
    with pytest.raises(EmulatorError) as refused:
        Emulator(db_file, clock=clock)
    assert str(refused.value) == f"{db_file} is not a usable emulator database: 'Spec'"
    assert _digest(db_file) == before


@pytest.mark.parametrize(
    ("statements", "tables"),
    [
        (("CREATE TABLE users (id INTEGER, name TEXT)", "INSERT INTO users VALUES (1, 'ana')"), "users"),
        (("CREATE TABLE meta (key TEXT, value TEXT)", "INSERT INTO meta VALUES ('owner', 'app')"), "meta"),
        ((*(f"CREATE TABLE t{n} (a)" for n in range(7)),), "t0, t1, t2, t3, t4, ..."),
    ],
    ids=["other-tables", "another-meta", "many-tables"],
)
def test_another_programs_database_is_refused_and_left_unchanged(
    db_file: Path, clock: Clock, statements: tuple[str, ...], tables: str
) -> None:
    """It was taken for an empty emulator: the emulator's tables were added to it."""
    db_file.parent.mkdir(parents=True)
    _sql(db_file, *statements)
    before = _digest(db_file)
    with pytest.raises(EmulatorError) as refused:
        Emulator(db_file, clock=clock)
    expected = f"{db_file} is not an emulator database: it holds other tables ({tables})"
    expected += " and no schema version"
    assert str(refused.value) == expected
    assert _digest(db_file) == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(db_file: Path, clock: Clock) -> None:
    db_file.parent.mkdir(parents=True)
    db_file.write_bytes(b"vodops state? no: plain text\n" * 200)
    before = _digest(db_file)
    with pytest.raises(EmulatorError) as refused:
        Emulator(db_file, clock=clock)
    assert str(refused.value) == f"{db_file} is not a usable emulator database: file is not a database"
    assert _digest(db_file) == before


def test_a_newer_state_file_is_named_by_every_command_that_opens_it(
    vodops: Vodops, quickstart: Path, clock: Clock
) -> None:
    """The refusal named no file: `Error: the emulator database has schema version 3; this vodops
    reads 2`, with the project's .vodops state or a --db file of the user's choosing alike."""
    state = quickstart / ".vodops" / "emulator.sqlite3"
    Emulator(state, clock=clock).close()
    _sql(state, "UPDATE meta SET value = '3' WHERE key = 'schema'")
    before = _digest(state)
    for args in (("plan", quickstart), ("apply", quickstart, "--yes"), ("emulator", "serve", "--db", state)):
        refused = vodops(*args)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err.splitlines()[-1] == (
            f"Error: the emulator database {state} has schema version 3; this vodops reads 2"
        ), refused.err
    assert _digest(state) == before
