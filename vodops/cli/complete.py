"""TAB completion of target names and `--only KIND/NAME`, read straight from the files.

Completion starts a process on every TAB, so this reads YAML with libyaml and nothing else: no
model, no validation. A file that cannot be read completes nothing; `validate` says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from vodops.discovery import IgnoreFileError, find_manifest_files, settings_file

_LOCAL = "local"  # the embedded emulator target, always there


def complete_targets(ctx: click.Context, _: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`local` and the targets vodops.yaml names."""
    file = settings_file(_directory(ctx))
    settings = _documents(file)[:1] if file else []
    targets = settings[0].get("targets") if settings and isinstance(settings[0], dict) else None
    names = [_LOCAL, *(str(name) for name in targets)] if isinstance(targets, dict) else [_LOCAL]
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_addresses(ctx: click.Context, _: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """KIND/NAME of every resource the manifests declare."""
    try:
        files = find_manifest_files(_directory(ctx)).files
    except (OSError, IgnoreFileError):
        return []
    addresses = sorted(
        {
            f"{doc['kind']}/{doc['metadata']['name']}"
            for file in files
            for doc in _documents(file)
            if _declares(doc)
        }
    )
    return [CompletionItem(a) for a in addresses if a.startswith(incomplete)]


def _directory(ctx: click.Context) -> Path:
    """DIRECTORY from the words typed so far. While an option waits for the value being completed,
    click leaves the words after the last parsed one unparsed in `ctx.args`."""
    unparsed = [word for word in ctx.args if not word.startswith("-")]
    directory = unparsed[0] if unparsed else ctx.params.get("directory")
    return Path(directory) if directory else Path(".")


def _documents(file: Path) -> list[Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.load_all(file.read_text(encoding="utf-8"), Loader=loader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []


def _declares(doc: Any) -> bool:
    if not isinstance(doc, dict) or not str(doc.get("apiVersion", "")).startswith("vodops/"):
        return False
    metadata = doc.get("metadata")
    named = isinstance(metadata, dict) and isinstance(metadata.get("name"), str)
    return named and isinstance(doc.get("kind"), str)
