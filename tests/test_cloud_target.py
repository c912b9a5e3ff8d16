"""vodops against a served emulator as a cloud target: faults, retries, credentials and secrets."""

from __future__ import annotations

import io
import json
import logging
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SECRET, SECRET_ID, Vodops
from vodops.cli import main
from vodops.emulator import Emulator, Knobs
from vodops.resources import DEPENDENCY_ORDER, KINDS, MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK
from vodops.settings import DEFAULT_PARALLELISM

QUICKSTART_COUNTS = {MEDIA_CLASS: 5, WATERMARK: 2, TRANSCODE: 4, PROCEDURE: 1}


def _custom_counts(emulator: Emulator) -> dict[str, int]:
    snapshot = emulator.snapshot()["resources"]
    kinds = {"transcode": TRANSCODE, "watermark": WATERMARK, "class": MEDIA_CLASS, "procedure": PROCEDURE}
    counts = dict.fromkeys(QUICKSTART_COUNTS, 0)
    for row in snapshot:
        kind = next((k for prefix, k in kinds.items() if row["kind"].startswith(prefix)), None)
        if kind is not None:
            counts[kind] += 1
    return counts


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_quickstart_converges_through_faults(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, seed: int
) -> None:
    directory = shutil.copytree(
        EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops")
    )
    emulator.set_knobs(Knobs(fault_rate=0.2, seed=seed))  # internal, throttle, drop-before, drop-after
    applied = vodops("apply", directory, "--endpoint", endpoint, "--yes")
    assert applied.code == 0, applied.text
    faults = [call.fault for call in emulator.calls if call.fault]
    assert len(faults) >= 3, f"seed {seed} should have met faults: {faults}"
    emulator.set_knobs(Knobs())
    assert _custom_counts(emulator) == QUICKSTART_COUNTS, "nothing missing, no duplicates"
    assert vodops("plan", directory, "--endpoint", endpoint, "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("cloud_keys")
def test_a_hard_failure_stops_new_work_and_reports(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    directory = shutil.copytree(
        EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops")
    )
    emulator.set_knobs(Knobs(fault_rate=1, faults=("internal",), fault_actions=("CreateProcedureTemplate",)))
    applied = vodops("apply", directory, "--endpoint", endpoint, "--yes")
    assert applied.code == 1
    assert "Apply stopped: 11 done, 1 failed, 0 not attempted." in applied.err
    summary = applied.err.split("Apply stopped:")[1].splitlines()
    failed = summary[summary.index("  failed (1):") + 1]
    assert failed.startswith(
        "    Procedure/ingest-hls: CreateProcedureTemplate failed: InternalError: An internal error has"
    ), "one line per object"
    assert "(RequestId " in failed
    assert "    MediaClass/Movies" in summary
    assert "[12/12] + create Procedure 'ingest-hls': failed: CreateProcedureTemplate" in applied.err
    emulator.set_knobs(Knobs())
    again = vodops("apply", directory, "--endpoint", endpoint, "--yes")
    assert again.code == 0 and "Plan: 1 to create." in again.out, "re-running converges"


@pytest.mark.usefixtures("cloud_keys")
def test_internal_errors_are_retried_with_a_small_cap(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    (tmp_path / "c.yaml").write_text("apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n")
    emulator.set_knobs(Knobs(fault_rate=1, faults=("internal",), fault_actions=("DescribeAllClass",)))
    result = vodops("plan", tmp_path, "--endpoint", endpoint)
    assert result.code == 1
    attempts = [c.action for c in emulator.calls if c.action == "DescribeAllClass"]
    assert len(attempts) == 3, "InternalError is retried, with a small cap"


def test_a_wrong_key_pair_is_a_clear_auth_failure(
    vodops: Vodops, tmp_path: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "not-" + SECRET)
    (tmp_path / "c.yaml").write_text("apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n")
    result = vodops("plan", tmp_path, "--endpoint", endpoint, "--verbose")
    assert result.code == 1
    assert "AuthFailure.SignatureFailure" in result.err
    assert SECRET not in result.text


def test_secrets_never_reach_output_logs_or_errors(
    vodops: Vodops, tmp_path: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET)
    directory = shutil.copytree(
        EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops")
    )
    seen = ""
    for args in (("plan",), ("apply", "--yes"), ("plan", "--detailed-exitcode")):
        result = vodops(*args, directory, "--endpoint", endpoint, "--verbose", "--log-format", "json")
        assert result.code == 0, result.text
        seen += result.text
    result = vodops("plan", directory, "--endpoint", "http://127.0.0.1:1", "--verbose")  # nothing listens
    assert result.code == 1
    seen += result.text
    assert SECRET not in seen
    logged = [json.loads(line) for line in seen.splitlines() if line.startswith("{")]
    assert len(logged) > 20 and {entry["logger"] for entry in logged} == {"vodops.api"}


@pytest.mark.usefixtures("cloud_keys")
def test_verbose_logs_every_call_as_json(vodops: Vodops, tmp_path: Path, endpoint: str) -> None:
    (tmp_path / "c.yaml").write_text("apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n")
    result = vodops("plan", tmp_path, "--endpoint", endpoint, "--verbose", "--log-format", "json")
    records = [json.loads(line) for line in result.err.splitlines() if line.startswith("{")]
    # one listing per kind of the VOD API (no live task is declared, so the live API is not read)
    listed = [KINDS[name].wire for name in DEPENDENCY_ORDER]
    assert sorted(r["action"] for r in records) == sorted(w.list_action for w in listed if w.service == "vod")
    first = records[0]
    assert first["outcome"] == "ok" and first["attempt"] == 1 and first["requestId"]
    assert first["target"] == endpoint.removeprefix("http://")
    assert isinstance(first["ms"], float)


@pytest.mark.usefixtures("cloud_keys")
def test_the_default_parallelism_lists_every_kind_in_one_round(
    vodops: Vodops, tmp_path: Path, endpoint: str
) -> None:
    """A plan's first pages (one call per kind, and SearchMedia for the media) all fit in the
    default number of calls in flight, so an account's listing is one round trip and its later
    pages a second, not three or more."""
    (tmp_path / "c.yaml").write_text("apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n")
    result = vodops("plan", tmp_path, "--endpoint", endpoint, "--verbose", "--log-format", "json")
    actions = [json.loads(line)["action"] for line in result.err.splitlines() if line.startswith("{")]
    assert len(actions) == len(set(actions)) == 16 <= DEFAULT_PARALLELISM


@pytest.mark.usefixtures("cloud_keys")
def test_logs_go_to_the_standard_error_of_their_moment(
    tmp_path: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run configures the logs while one stream is standard error; a record logged after that
    stream was closed and replaced (as a test's capture is) goes to the new one, not to a closed
    stream that logging would report as "--- Logging error ---"."""
    (tmp_path / "c.yaml").write_text("apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n")
    first, later = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    assert main(["plan", str(tmp_path), "--endpoint", endpoint, "--verbose"]) == 0
    assert "DescribeAllClass" in first.getvalue()
    first.close()
    monkeypatch.setattr(sys, "stderr", later)
    logging.getLogger("vodops.emulator.app").warning("after the run")
    assert later.getvalue() == "after the run\n"


@pytest.mark.usefixtures("cloud_keys")
def test_a_mistyped_sub_app_id_fails_naming_the_id_and_changes_nothing(
    vodops: Vodops, quickstart: Path, emulator: Emulator, endpoint: str
) -> None:
    directory = quickstart
    emulator.add_sub_apps([1500000001])
    before = emulator.snapshot()
    for command in ("plan", "apply"):
        options = ["--yes"] if command == "apply" else []
        refused = vodops(command, directory, "--endpoint", endpoint, "--sub-app-id", "1500000010", *options)
        assert refused.code == 1
        assert "the API refuses it with FailedOperation.InvalidVodUser" in refused.err
        assert "the account has no application with SubAppId 1500000010" in refused.err
    assert emulator.snapshot() == before
    applied = vodops("apply", directory, "--endpoint", endpoint, "--sub-app-id", "1500000001", "--yes")
    assert applied.code == 0, applied.text


@pytest.mark.usefixtures("cloud_keys")
def test_the_largest_sub_app_id_is_applied_and_planned(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator
) -> None:
    """--sub-app-id takes up to 2**64 - 1 (a uint64, api.json); an application of that id, past
    SQLite's signed integers, is applied and then plans no changes, its resources in it alone."""
    emulator.add_sub_apps([2**64 - 1])
    where = ("--endpoint", endpoint, "--sub-app-id", str(2**64 - 1))
    applied = vodops("apply", quickstart, *where, "--yes")
    assert applied.code == 0, applied.text
    assert "Apply complete: 12 created." in applied.out
    planned = vodops("plan", quickstart, *where)
    assert planned.code == 0, planned.text
    assert "subAppId 18446744073709551615" in planned.out
    assert "No changes" in planned.out
    apps = {row["app"] for row in emulator.snapshot()["resources"] if row["kind"].startswith("transcode")}
    assert apps == {2**64 - 1}
