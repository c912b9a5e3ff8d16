"""The CI recipes and the pre-commit hook use vodops as it is: valid YAML, real commands, real flags."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from tests.conftest import ROOT
from vodops import __version__
from vodops.cli import cli

RECIPES = sorted((ROOT / "examples" / "ci").glob("*.yml"))


def _vodops_commands(text: str) -> list[list[str]]:
    found = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for command in re.findall(r"\bvodops (?:plan|apply|validate|export|schema)\b[^;>|&\n]*", line):
            found.append(shlex.split(command)[1:])
    return found


def _check(args: list[str]) -> None:
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None, f"vodops has no verb {args[0]}"
    options = {opt for param in command.params for opt in param.opts if isinstance(param, click.Option)}
    for arg in args[1:]:
        flag = arg.split("=", 1)[0]
        if flag.startswith("--"):
            assert flag in options, f"vodops {args[0]} has no {flag}"


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda path: path.name)
def test_recipes_are_yaml_and_use_real_flags(recipe: Path) -> None:
    text = recipe.read_text()
    assert yaml.safe_load(text)
    commands = _vodops_commands(text)
    assert any(c[:1] == ["plan"] and "--out" in c and "--detailed-exitcode" in c for c in commands)
    assert any(c[:1] == ["apply"] and "--plan" in c and "--yes" in c for c in commands)
    for command in commands:
        _check(command)


def test_the_pre_commit_hook_runs_validate() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "vodops-validate"
    assert hook["entry"] == "vodops validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda path: path.name)
def test_recipes_install_a_pinned_release_and_update_one_comment(recipe: Path) -> None:
    """vodops is not on PyPI: the recipes install the tagged release of this version, and find
    their comment by the marker line the Markdown starts with."""
    text = recipe.read_text()
    assert "pip install vodops" not in text
    assert f'VODOPS_SOURCE: "vodops @ git+https://github.com/vodops/vodops@v{__version__}"' in text
    assert 'pip install "$VODOPS_SOURCE"' in text
    assert "marker=$(head -n 1 plan.md)" in text and "startswith" in text


def test_the_pre_commit_example_names_this_release() -> None:
    for text in ((ROOT / ".pre-commit-hooks.yaml").read_text(), (ROOT / "README.md").read_text()):
        assert f"rev: v{__version__}" in text


def test_applies_are_serialised_and_use_the_merged_manifests() -> None:
    github = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    assert github["jobs"]["apply"]["concurrency"] == {
        "group": "vodops-apply-prod",
        "cancel-in-progress": False,
    }
    assert github["jobs"]["plan"]["concurrency"]["cancel-in-progress"] is True
    checkout = github["jobs"]["apply"]["steps"][0]
    assert checkout == {"uses": "actions/checkout@v4"}  # the merged commit, not the pull request's head
    gitlab = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())
    assert gitlab["vodops:apply"]["resource_group"] == "vodops-prod"
    for recipe in RECIPES:
        applies = [c for c in _vodops_commands(recipe.read_text()) if c[:1] == ["apply"]]
        assert applies and all("--target" in c for c in applies)  # the target comes from the recipe
