"""`vodops export` never overwrites a file whose content it did not write: a locally edited image,
an image put there by hand, or anything reached through a symbolic link. It stops, says which
files are in the way, and writes nothing."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import live_api
from tests.live_accounts import PNG, PNG_BASE64
from vodops.resources import WATERMARK

EDITED = (
    "Error: not overwriting images that vodops export did not write or that were edited since: {files}; "
    "move them away (or apply them first) and export again, or export into another --out directory"
)


def _logo_account(directory: Path) -> int:
    with live_api(directory) as api:
        live_id = api.create(
            WATERMARK, {"Type": "image", "Name": "logo", "ImageTemplate": {"ImageContent": PNG_BASE64}}
        )
    return int(live_id)


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and ".vodops" not in path.relative_to(directory).parts
    }


def test_a_locally_edited_image_is_not_overwritten(vodops: Vodops, tmp_path: Path) -> None:
    _logo_account(tmp_path)
    assert vodops("export", tmp_path).code == 0
    logo = tmp_path / "images" / "logo.png"
    logo.write_bytes(PNG + b"edited, not applied yet")
    before = _snapshot(tmp_path)
    refused = vodops("export", tmp_path)
    assert refused.code == 1
    assert refused.err.splitlines() == [EDITED.format(files=logo)]
    assert _snapshot(tmp_path) == before, "nothing was written"


def test_an_image_put_there_by_hand_is_not_overwritten(vodops: Vodops, tmp_path: Path) -> None:
    _logo_account(tmp_path)
    (tmp_path / "images").mkdir()
    mine = tmp_path / "images" / "logo.png"
    mine.write_bytes(PNG + b"mine")
    refused = vodops("export", tmp_path)
    assert refused.err.splitlines() == [EDITED.format(files=mine)]
    assert mine.read_bytes() == PNG + b"mine"
    assert not (tmp_path / "watermark-templates.yaml").exists()


def test_an_image_export_wrote_is_refreshed_when_the_live_image_changes(
    vodops: Vodops, tmp_path: Path
) -> None:
    live_id = _logo_account(tmp_path)
    assert vodops("export", tmp_path).code == 0
    changed = PNG + b"changed in the console"
    with live_api(tmp_path) as api:
        api.update(
            WATERMARK, live_id, {"ImageTemplate": {"ImageContent": base64.b64encode(changed).decode()}}
        )
    assert vodops("export", tmp_path).code == 0
    assert (tmp_path / "images" / "logo.png").read_bytes() == changed
    assert vodops("export", tmp_path).code == 0, "exporting an unchanged account again is fine"


def test_an_identical_image_already_there_is_kept(vodops: Vodops, tmp_path: Path) -> None:
    _logo_account(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(PNG)
    assert vodops("export", tmp_path).code == 0


def test_nothing_is_written_through_a_symbolic_link(vodops: Vodops, tmp_path: Path) -> None:
    _logo_account(tmp_path)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / "images")
    os.symlink(elsewhere / "flows.yaml", tmp_path / "watermark-templates.yaml")
    refused = vodops("export", tmp_path)
    links = f"{tmp_path / 'images'}, {tmp_path / 'watermark-templates.yaml'}"
    assert refused.err.splitlines() == [
        f"Error: not writing through symbolic links: {links}; export into another --out directory"
    ]
    assert list(elsewhere.iterdir()) == []
