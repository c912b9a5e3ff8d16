"""`python -m vodops.specgen [--check]`: write (or check) vodops/resources/generated/."""

from __future__ import annotations

import sys

from vodops.specgen.build import stale, write


def main(argv: list[str]) -> int:
    """Write the generated modules; with --check, list the stale ones instead and exit 1 if any."""
    if "--check" not in argv:
        write()
        return 0
    outdated = stale()
    for name in outdated:
        print(f"vodops/resources/generated/{name} is stale: run python -m vodops.specgen")
    return 1 if outdated else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
