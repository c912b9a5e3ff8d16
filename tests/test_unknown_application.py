"""A target that names, by id, an application the account does not have: every verb that reaches
the account says which id, where it was written and what to do, instead of the API's refusal of
its first call, and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Vodops
from vodops.emulator import Emulator

ADVICE = (
    "DescribeSubAppIds does not list it): correct the id (DescribeSubAppIds and the VOD console list the "
    "account's applications), or name the application by its name (subApp, --sub-app)"
)
REFUSED = "the API refuses it with FailedOperation.InvalidVodUser, and "
VERBS = [
    (("plan",), REFUSED),
    (("apply", "--yes"), REFUSED),
    (("drift",), REFUSED),
    (("watch", "--interval", "1s", "--heal"), REFUSED),
    (("unlock",), REFUSED),
    (("export",), ""),  # export names the application's settings: it lists the applications first
]


def _settings(directory: Path, endpoint: str) -> Path:
    settings = directory / "vodops.yaml"
    settings.write_text(
        f"defaultTarget: staging\ntargets:\n  staging:\n    endpoint: {endpoint}\n    subAppId: 1500009\n",
        encoding="utf-8",
    )
    return settings


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize(("verb", "refusal"), VERBS, ids=[verb[0] for verb, _ in VERBS])
def test_an_id_the_account_lacks_is_named_where_it_was_written(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator, verb: tuple[str, ...], refusal: str
) -> None:
    """It was `DescribeAllClass failed: FailedOperation.InvalidVodUser: SubAppId 1500009 is not an
    application of this account ...` (apply: `cannot take the apply lock: ...`; watch retried it
    forever)."""
    settings = _settings(quickstart, endpoint)
    files = sorted(quickstart.rglob("*"))
    before = emulator.snapshot()
    run = vodops(verb[0], quickstart, *verb[1:])
    assert (run.code, run.out if verb[0] != "watch" else "") == (1, "")
    assert run.err.splitlines()[-1] == (
        f"Error: {settings}:5:5: targets.staging.subAppId: the account has no application with SubAppId "
        f"1500009 ({refusal}{ADVICE}"
    )
    assert (emulator.snapshot(), sorted(quickstart.rglob("*"))) == (before, files), "nothing was changed"


@pytest.mark.usefixtures("cloud_keys")
def test_an_id_on_the_command_line_is_named_as_the_option(
    vodops: Vodops, quickstart: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (
        "Error: --sub-app-id (VODOPS_SUB_APP_ID): the account has no application with SubAppId 77 "
        f"({REFUSED}{ADVICE}\n"
    )
    assert vodops("plan", quickstart, "--endpoint", endpoint, "--sub-app-id", "77").err == expected
    monkeypatch.setenv("VODOPS_SUB_APP_ID", "77")
    _settings(quickstart, endpoint)  # the environment overrides the file, and is named instead
    assert vodops("plan", quickstart).err == expected


@pytest.mark.usefixtures("cloud_keys")
def test_an_id_the_account_has_costs_no_call_more(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator
) -> None:
    """The account is asked only after the API refuses the id: a plan of an application it has
    makes the calls it made before."""
    where = ("--endpoint", endpoint, "--sub-app-id", "1500009", "--verbose")
    assert "DescribeSubAppIds" in vodops("plan", quickstart, *where).err  # refused, then asked
    emulator.add_sub_apps([1500009])
    planned = vodops("plan", quickstart, *where)
    assert planned.code == 0, planned.text
    assert "DescribeAllClass" in planned.err
    assert "DescribeSubAppIds" not in planned.err


LACKED = (
    "the account has no application named 'staging-media', and no SubApplication of that name is declared: "
    "declare one for apply to create it, or correct the name"
)
NOT_YET = (
    "the account has no application named 'staging-media' yet: if the manifests declare it, `vodops apply` "
    "creates it"
)
NAME_VERBS = [
    (("plan",), LACKED),
    (("apply", "--yes"), LACKED),
    (("drift",), LACKED),
    (("watch", "--interval", "1s", "--heal"), LACKED),
    (("unlock",), NOT_YET),  # unlock and export read no manifests: one may declare it
    (("export",), NOT_YET),
]


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize(("verb", "message"), NAME_VERBS, ids=[verb[0] for verb, _ in NAME_VERBS])
def test_a_name_the_account_lacks_is_named_where_it_was_written(
    vodops: Vodops, quickstart: Path, endpoint: str, emulator: Emulator, verb: tuple[str, ...], message: str
) -> None:
    """It was `the account has no application named ... or correct targets.staging.subApp in
    vodops.yaml`, with no file, line or column, unlike every other error about a setting's value."""
    settings = quickstart / "vodops.yaml"
    target = f"  staging:\n    endpoint: {endpoint}\n    subApp: staging-media\n"
    settings.write_text(f"defaultTarget: staging\ntargets:\n{target}", encoding="utf-8")
    files = sorted(quickstart.rglob("*"))
    before = emulator.snapshot()
    run = vodops(verb[0], quickstart, *verb[1:])
    assert (run.code, run.out if verb[0] != "watch" else "") == (1, "")
    assert run.err.splitlines()[-1] == f"Error: {settings}:5:5: targets.staging.subApp: {message}"
    assert (emulator.snapshot(), sorted(quickstart.rglob("*"))) == (before, files), "nothing was changed"
