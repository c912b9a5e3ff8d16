"""Quotas at plan time: the documented ones, or those a ticket raised (vodops.yaml `quotas`)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import document, write
from vodops.resources import PROCEDURE, QUOTAS


def _procedures(directory: Path, count: int) -> None:
    write(directory, "p.yaml", *(document(PROCEDURE, f"p{n}", {"comment": "x"}) for n in range(count)))


def test_the_documented_quota_refuses_one_too_many(vodops: Vodops, tmp_path: Path) -> None:
    _procedures(tmp_path, 51)
    planned = vodops("plan", tmp_path)
    assert planned.code == 1
    assert (
        "Procedure: during apply 51 custom templates would exist at once (creates run before deletes); "
        "the API allows 50 per sub-application (1 too many)"
    ) in planned.err


def test_raised_quotas_from_vodops_yaml(vodops: Vodops, tmp_path: Path) -> None:
    _procedures(tmp_path, 51)
    (tmp_path / "vodops.yaml").write_text("quotas:\n  Procedure: 60\n")
    planned = vodops("plan", tmp_path)
    assert planned.code == 0, planned.text
    assert "Quotas after apply: Procedure 51/60\n" in planned.out  # kinds with no custom object are left out


def test_bad_quotas_are_located_and_nothing_is_sent(vodops: Vodops, tmp_path: Path) -> None:
    _procedures(tmp_path, 1)
    settings = tmp_path / "vodops.yaml"
    settings.write_text("quotas:\n  Procedure: 0\n  MediaClass: 5\n")
    planned = vodops("plan", tmp_path)
    assert planned.code == 1
    assert f"{settings}:2:3: quotas.Procedure: must be greater than or equal to 1 (got 0)" in planned.err
    kinds = ", ".join(repr(kind) for kind in QUOTAS)  # every kind with a quota: not MediaClass
    assert f"{settings}:3:3: quotas.MediaClass: must be one of {kinds} (got 'MediaClass')" in planned.err
    assert not (tmp_path / ".vodops").exists(), "no emulator state was even opened"
