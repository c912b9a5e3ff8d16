"""The conventions users bring from Terraform and kubectl: --version, colours, options from the
environment, shell completion, progress."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import click
import pytest

from tests.conftest import Vodops
from tests.helpers import VODOPS
from vodops import __version__
from vodops.cli import COMMANDS, cli
from vodops.discovery import KIND_NAMES
from vodops.resources import KINDS

ANSI = "\x1b["


def test_version(vodops: Vodops) -> None:
    result = vodops("--version")
    assert (result.code, result.out) == (0, f"vodops {__version__}\n")
    assert __version__ == "0.3.0"


PINNED = re.compile(r"(?:vodops@v|rev: v|/vodops:)(\d+\.\d+\.\d+)")


def test_every_recipe_pins_this_release() -> None:
    """The CI, pre-commit and Kubernetes recipes install the release they document: a recipe
    pinned to an older tag would install a vodops without the verbs it runs (drift, watch)."""
    root = Path(__file__).resolve().parent.parent
    recipes = [
        root / "README.md",
        root / ".pre-commit-hooks.yaml",
        *sorted((root / "examples").rglob("*.yml")),
    ]
    pins = {
        (path.relative_to(root).as_posix(), pin)
        for path in recipes
        for pin in PINNED.findall(path.read_text())
    }
    assert len({path for path, _ in pins}) >= 6, pins
    assert {pin for _, pin in pins} == {__version__}, sorted(pins)


def test_help_lists_every_verb_with_its_own_words(vodops: Vodops) -> None:
    """The verbs are listed without importing them: the listed line is each verb's first line."""
    listing = vodops("--help").out
    for name, (_, _, short) in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.help is not None
        assert command.help.splitlines()[0] == short
        assert f"{name}  " in listing and short in listing
    assert tuple(KINDS) == KIND_NAMES, "the kinds the light modules name are the model's kinds"


def test_colour_follows_force_color_no_color_and_the_flag(
    vodops: Vodops, quickstart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ANSI not in vodops("plan", quickstart).out, "no colour off a terminal"
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI in vodops("plan", quickstart).out
    assert ANSI not in vodops("plan", quickstart, "--no-color").out
    assert ANSI not in vodops("--no-color", "plan", quickstart).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI not in vodops("plan", quickstart).out


def test_every_option_reads_the_environment(
    vodops: Vodops, quickstart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VODOPS_TARGET", "staging")
    wrong = vodops("plan", quickstart)
    assert wrong.code == 1
    assert "no target named 'staging' (no vodops.yaml declares targets here) (known: local)" in wrong.err
    monkeypatch.setenv("VODOPS_TARGET", "local")
    monkeypatch.setenv("VODOPS_PARALLELISM", "0")
    bad = vodops("plan", quickstart)
    assert bad.code == 1 and "Invalid value for '--parallelism'" in bad.err
    monkeypatch.setenv("VODOPS_PARALLELISM", "4")
    monkeypatch.setenv("VODOPS_FORMAT", "markdown")
    assert vodops("plan", quickstart).out.startswith("<!-- vodops-plan")
    monkeypatch.setenv("VODOPS_PLAN_DETAILED_EXITCODE", "1")  # the others: VODOPS_<VERB>_<OPTION>
    assert vodops("plan", quickstart).code == 2
    assert "[env var: VODOPS_PARALLELISM;" in " ".join(vodops("plan", "--help").out.split())


def test_progress_is_numbered_and_the_bar_is_shown_when_asked(vodops: Vodops, quickstart: Path) -> None:
    quiet = vodops("apply", quickstart, "--yes")
    assert "[1/12] + create " in quiet.out and "[12/12] " in quiet.out  # kinds run side by side
    assert "progress:" not in quiet.err, "no bar off a terminal unless asked"
    (quickstart / "classes.yaml").write_text(
        (quickstart / "classes.yaml").read_text() + "---\napiVersion: vodops/v1\nkind: MediaClass\n"
        "metadata: {name: Music}\n"
    )
    shown = vodops("apply", quickstart, "--yes", "--progress")
    assert "[1/1] + create MediaClass 'Music': done" in shown.out
    assert "progress: [##############################] 1/1" in shown.err


def _complete(words: str, cwd: Path) -> list[str]:
    env = {**os.environ, "_VODOPS_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    done = subprocess.run(VODOPS, env=env, cwd=cwd, capture_output=True, text=True, check=True)
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_completion_of_verbs_targets_and_only(quickstart: Path) -> None:
    (quickstart / "vodops.yaml").write_text("targets:\n  staging: {subAppId: 1}\n  prod: {subAppId: 2}\n")
    assert _complete("vodops pl", quickstart) == ["plan"]
    assert _complete("vodops plan --target ", quickstart) == ["local", "staging", "prod"]
    assert _complete("vodops apply --only Trans", quickstart) == [
        "TranscodeTemplate/hls-1080p",
        "TranscodeTemplate/hls-480p",
        "TranscodeTemplate/hls-720p",
        "TranscodeTemplate/mp4-download",
    ]
    assert _complete(f"vodops plan {quickstart} --only Procedure/", quickstart.parent) == [
        "Procedure/ingest-hls"
    ]
