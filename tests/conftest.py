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
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread

# Property tests run 30 examples each; HYPOTHESIS_PROFILE=thorough runs 500 when hunting.
settings.register_profile("default", max_examples=30)
settings.register_profile("thorough", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def scratch_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test, and every process it starts, gets an empty home: tests never read the user's
    tccli profiles nor write into the real home directory (tccli writes ~/.tccli)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    return home


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


SECRET_ID, SECRET = "AKIDtests", "Tests-Secret-Key-Never-Shown-9f2"  # scanned for in every output


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """An emulator to serve as a cloud target; it accepts the default pair and the tests' pair."""
    emu = Emulator(credentials={DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY, SECRET_ID: SECRET})
    yield emu
    emu.close()


@pytest.fixture
def endpoint(emulator: Emulator) -> Iterator[str]:
    with serve_in_thread(emulator) as url:
        yield url


@pytest.fixture
def cloud_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tests' key pair in the environment, and a home without tccli profiles."""
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
