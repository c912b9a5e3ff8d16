"""`.vodops/` under the manifest directory: what vodops keeps on this machine for a project (the
embedded emulator's state, uploads in flight, digests of media files). Never configuration and
never for git: it is made with a `.gitignore` that ignores everything in it."""

from __future__ import annotations

from pathlib import Path

STATE = Path(".vodops")
IGNORE = "# vodops's own state and caches on this machine, written by vodops\n*\n"


def state_directory(directory: Path) -> tuple[Path, bool]:
    """`directory`/.vodops, made if missing, with its .gitignore; and whether it was just made.
    Raises OSError when it cannot be made."""
    state = directory / STATE
    try:
        state.mkdir(parents=True)
        made = True
    except FileExistsError:
        made = False  # an earlier run (or a concurrent one) made it
    ignore = state / ".gitignore"
    if not ignore.exists():
        ignore.write_text(IGNORE, encoding="utf-8")
    return state, made
