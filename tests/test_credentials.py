"""Credentials come from the environment, then tccli's profile files; errors say where vodops looked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Vodops
from vodops.emulator import Emulator, serve_in_thread

KEYS = {"AKIDenv": "env-secret", "AKIDprofile": "profile-secret", "AKIDother": "other-secret"}
CLASS = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"


@pytest.fixture
def endpoint() -> Iterator[str]:
    emulator = Emulator(credentials=KEYS)
    with serve_in_thread(emulator) as url:
        yield url
    emulator.close()


@pytest.fixture
def home(tccli_home: Path) -> Path:
    return tccli_home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    directory = tmp_path / "project"
    directory.mkdir()
    (directory / "c.yaml").write_text(CLASS)
    return directory


def _profile(home: Path, name: str, secret_id: str) -> None:
    data = {"secretId": secret_id, "secretKey": KEYS[secret_id], "type": "default"}
    (home / ".tccli" / f"{name}.credential").write_text(json.dumps(data))


def test_the_environment_comes_first(
    vodops: Vodops, home: Path, project: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(home, "default", "AKIDprofile")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKIDenv")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "env-secret")
    result = vodops("plan", project, "--endpoint", endpoint, "--verbose")
    assert result.code == 0, result.text


def test_then_the_tccli_default_profile(vodops: Vodops, home: Path, project: Path, endpoint: str) -> None:
    _profile(home, "default", "AKIDprofile")
    assert vodops("plan", project, "--endpoint", endpoint).code == 0


def test_tccli_profile_variable_and_flag(
    vodops: Vodops, home: Path, project: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(home, "staging", "AKIDprofile")
    _profile(home, "prod", "AKIDother")
    monkeypatch.setenv("TCCLI_PROFILE", "staging")
    assert vodops("plan", project, "--endpoint", endpoint).code == 0
    assert vodops("plan", project, "--endpoint", endpoint, "--profile", "prod").code == 0
    missing = vodops("plan", project, "--endpoint", endpoint, "--profile", "nope")
    assert missing.code == 1
    assert f"{home}/.tccli/nope.credential (no such file)" in missing.err


def test_a_target_names_its_profile(vodops: Vodops, home: Path, project: Path, endpoint: str) -> None:
    _profile(home, "prod", "AKIDother")
    (project / "vodops.yaml").write_text(f"targets:\n  prod: {{endpoint: '{endpoint}', profile: prod}}\n")
    assert vodops("plan", project, "--target", "prod").code == 0


def test_nothing_found_says_where_it_looked(vodops: Vodops, home: Path, project: Path) -> None:
    result = vodops("plan", project, "--endpoint", "https://vod.example.invalid")
    assert result.code == 1
    assert (
        "no credentials for a cloud target; vodops looked in $TENCENTCLOUD_SECRET_ID and "
        f"$TENCENTCLOUD_SECRET_KEY (not set) and in {home}/.tccli/default.credential (no such file)"
    ) in result.err


def test_a_loopback_emulator_gets_its_documented_pair_when_nothing_is_configured(
    vodops: Vodops, home: Path, project: Path
) -> None:
    """`vodops plan --endpoint http://127.0.0.1:PORT` works on a fresh machine, as the README says;
    a profile asked for by name is never replaced by the emulator's pair."""
    emulator = Emulator()  # the documented pair only
    with serve_in_thread(emulator) as url:
        result = vodops("plan", project, "--endpoint", url)
        named = vodops("plan", project, "--endpoint", url, "--profile", "prod")
    emulator.close()
    assert result.code == 0, result.err
    assert "Plan: 1 to create." in result.out
    assert named.code == 1
    assert f"{home}/.tccli/prod.credential (no such file)" in named.err


def test_half_an_environment_is_an_error(
    vodops: Vodops, home: Path, project: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKIDenv")
    result = vodops("plan", project, "--endpoint", endpoint)
    assert result.code == 1
    assert "$TENCENTCLOUD_SECRET_ID is set but $TENCENTCLOUD_SECRET_KEY is not; set both" in result.err


def test_an_unreadable_profile_is_named_not_shown(
    vodops: Vodops, home: Path, project: Path, endpoint: str
) -> None:
    (home / ".tccli" / "default.credential").write_text('{"secretId": "AKIDx", "secretKey": "leaky-secret"')
    result = vodops("plan", project, "--endpoint", endpoint)
    assert result.code == 1
    assert f"cannot read credentials from {home}/.tccli/default.credential: it is not JSON" in result.err
    assert "leaky-secret" not in result.text


def test_the_local_target_needs_no_credentials(vodops: Vodops, home: Path, project: Path) -> None:
    assert vodops("plan", project).code == 0
