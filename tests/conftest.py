"""Shared fixtures: run the real CLI in-process, and copies of the examples to change freely."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from vodops.cli import main

# Property tests run 30 examples each; HYPOTHESIS_PROFILE=thorough runs 500 when hunting.
settings.register_profile("default", max_examples=30)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Vodops = Callable[..., Run]


@pytest.fixture
def vodops(capsys: pytest.CaptureFixture[str]) -> Vodops:
    """`vodops("plan", dir)` runs the CLI's entry point and returns its exit code and output."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def quickstart(tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of examples/quickstart (its emulator state starts empty)."""
    target = tmp_path / "quickstart"
    shutil.copytree(EXAMPLES / "quickstart", target, ignore=shutil.ignore_patterns(".vodops"))
    yield target
