"""The verbs on a manifest directory: validate, plan, apply, export, schema."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from pathlib import Path

import click

from vodops.cli.options import directory_argument, target_options
from vodops.errors import VodopsError
from vodops.export import export_account
from vodops.plan.changes import Action, Change, Plan
from vodops.render.text import headline, render_plan
from vodops.resources import KINDS
from vodops.schema import schema_files
from vodops.session import Project, open_session
from vodops.targets import TargetChoice

EXIT_CHANGES = 2
_PAST = {
    Action.CREATE: "created",
    Action.UPDATE: "updated",
    Action.REPLACE: "replaced",
    Action.ADOPT: "adopted",
    Action.DELETE: "deleted",
}
_ECHO = threading.Lock()  # apply reports from several threads


@click.command()
@directory_argument
def validate(directory: Path) -> None:
    """Check the manifests in DIRECTORY without calling the API."""
    manifests = Project.open(directory).manifests()
    counts = Counter(item.kind for item in manifests)
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    click.echo(f"OK: {len(manifests.resources)} resources ({detail or 'none'}) in {directory}")


@click.command()
@directory_argument
@target_options
@click.option("--detailed-exitcode", is_flag=True, help="Exit 2 when there are changes, 0 when none.")
def plan(directory: Path, choice: TargetChoice, detailed_exitcode: bool) -> int:
    """Show what apply would change in the target."""
    with open_session(directory, choice) as session:
        made = session.plan()
    click.echo(render_plan(made))
    return EXIT_CHANGES if detailed_exitcode and not made.empty else 0


@click.command()
@directory_argument
@target_options
@click.option("--yes", "-y", is_flag=True, help="Apply without asking for confirmation.")
@click.option("--adopt", is_flag=True, help="Take over existing objects the plan adopts.")
def apply(directory: Path, choice: TargetChoice, yes: bool, adopt: bool) -> int:
    """Make the target match the manifests."""
    with open_session(directory, choice) as session:
        made = session.plan()
        click.echo(render_plan(made))
        if made.empty:
            return 0
        _confirm(made, yes)
        outcome = session.apply(made, adopt=adopt, progress=_progress)
    if outcome.ok:
        click.echo(click.style(f"Apply complete: {_counts(outcome.done)}.", bold=True))
        return 0
    _report_failure(outcome.done, outcome.failed[0], outcome.not_attempted)
    return 1


@click.command("export")
@directory_argument
@target_options
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write (default: DIRECTORY).",
)
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(list(KINDS)), help="Only this kind (repeatable)."
)
@click.option("--split", is_flag=True, help="One file per resource instead of one per kind.")
def export_command(
    directory: Path, choice: TargetChoice, out: Path | None, kinds: tuple[str, ...], split: bool
) -> None:
    """Write the live account's configuration as manifests."""
    report = export_account(directory, choice, out or directory, kinds or tuple(KINDS), split)
    for kind, count in report.counts.items():
        click.echo(f"exported {count} {kind}")
    for kind, live_id, name in report.invented:
        click.echo(f"named {kind} {live_id} {name!r} (its live name was empty or shared)")
    for note in report.notes:
        click.echo(f"note: {note}")
    click.echo(f"wrote {len(report.files)} files under {out or directory}")


@click.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the schema files into this directory.",
)
def schema(out: Path | None) -> None:
    """Print (or write) the JSON Schema of manifests and vodops.yaml."""
    files = schema_files()
    if out is None:
        click.echo(next(iter(files.values())), nl=False)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
        click.echo(f"wrote {out / name}")


def _confirm(made: Plan, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise VodopsError("refusing to apply without --yes: standard input is not a terminal")
    count = len(made.changes)
    if not click.confirm(f"\nApply these {count} changes to {made.target}?", default=False):
        raise VodopsError("apply cancelled; nothing was changed")


def _progress(change: Change, status: str) -> None:
    with _ECHO:
        click.echo(f"{headline(change)}: {status}", err=status.startswith("failed"))


def _counts(changes: list[Change]) -> str:
    counts = Counter(change.action.value for change in changes)
    return (
        ", ".join(f"{n} {action}d" if action != "adopt" else f"{n} adopted" for action, n in counts.items())
        or "nothing to do"
    )


def _report_failure(
    done: list[Change], failed: tuple[Change, VodopsError], not_attempted: list[Change]
) -> None:
    change, error = failed
    title = f"\nApply stopped: {change.action.value} {change.address} failed."
    lines = [
        click.style(title, fg="red", bold=True),
        f"  error: {error}",
        f"  done ({len(done)}): {_addresses(done)}",
        f"  not attempted ({len(not_attempted)}): {_addresses(not_attempted)}",
        "  Run plan again to see where the account stands; apply again to finish.",
    ]
    click.echo("\n".join(lines), err=True)


def _addresses(changes: list[Change]) -> str:
    return ", ".join(change.address for change in changes) or "nothing"
