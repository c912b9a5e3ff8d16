"""The generated modules as the generator writes them now, and which committed ones differ."""

from __future__ import annotations

from pydantic.alias_generators import to_snake

from vodops.specgen import GENERATED, api_definition
from vodops.specgen.overrides import KINDS
from vodops.specgen.render import render_kind, render_tables


def expected() -> dict[str, str]:
    """File name -> source of every generated module."""
    api = api_definition()
    files = {"__init__.py": '"""Spec models and kind tables generated from api.json by vodops.specgen."""\n'}
    for kind in KINDS:
        files[f"{to_snake(kind)}.py"] = render_kind(api, kind)
        files[f"{to_snake(kind)}_tables.py"] = render_tables(api, kind)
    return files


def stale() -> list[str]:
    """Generated files that differ from what the generator writes now, or are missing or extra."""
    wanted = expected()
    present = {path.name for path in GENERATED.glob("*.py")}
    differing = [name for name, text in wanted.items() if not _same(name, text)]
    return sorted({*differing, *(present - set(wanted))})


def _same(name: str, text: str) -> bool:
    path = GENERATED / name
    return path.is_file() and path.read_text("utf-8") == text


def write() -> None:
    """Write every generated module into vodops/resources/generated/."""
    GENERATED.mkdir(exist_ok=True)
    for name, text in expected().items():
        (GENERATED / name).write_text(text, "utf-8")
