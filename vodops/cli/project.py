"""The verbs on a manifest directory: validate, plan, apply, export, schema."""

from __future__ import annotations

import functools
import json
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click

from vodops.apply.run import Consent, Outcome, check_consent
from vodops.cli.options import directory_argument, target_options
from vodops.errors import VodopsError
from vodops.export import export_account
from vodops.plan.changes import Action, Change, Plan
from vodops.render.markdown import render_markdown
from vodops.render.text import headline, render_plan
from vodops.resources import KINDS
from vodops.schema import schema_files
from vodops.session import Project, open_saved_plan, open_session
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
@click.option(
    "--format", "form", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Save the plan (JSON) for apply --plan."
)
@click.option(
    "--only",
    multiple=True,
    metavar="KIND/NAME",
    help="Plan just this resource and what it needs (repeatable).",
)
def plan(
    directory: Path,
    choice: TargetChoice,
    detailed_exitcode: bool,
    form: str,
    out: Path | None,
    only: tuple[str, ...],
) -> int:
    """Show what apply would change in the target."""
    with open_session(directory, choice) as session:
        made = session.plan(only=frozenset(only))
        saved = (
            json.dumps(session.document(made), indent=2, ensure_ascii=False) if out or form == "json" else ""
        )
    if out is not None:
        out.write_text(saved + "\n", encoding="utf-8")
    click.echo({"text": render_plan, "markdown": render_markdown}[form](made) if form != "json" else saved)
    return EXIT_CHANGES if detailed_exitcode and not made.empty else 0


@click.command()
@directory_argument
@target_options
@click.option("--yes", "-y", is_flag=True, help="Apply without asking for confirmation.")
@click.option("--adopt", is_flag=True, help="Take over existing objects the plan adopts.")
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Apply this saved plan, exactly.",
)
@click.option(
    "--only", multiple=True, metavar="KIND/NAME", help="Apply just this resource and what it needs."
)
@click.option(
    "--allow-delete", multiple=True, metavar="KIND/NAME", help="Allow this deletion past the safety limits."
)
@click.option(
    "--force", is_flag=True, help="Apply even if the plan deletes more than the safety limits allow."
)
def apply(
    directory: Path,
    choice: TargetChoice,
    yes: bool,
    adopt: bool,
    plan_file: Path | None,
    only: tuple[str, ...],
    allow_delete: tuple[str, ...],
    force: bool,
) -> int:
    """Make the target match the manifests (or apply a saved plan)."""
    consent = Consent(adopt, frozenset(allow_delete), force)
    if plan_file is not None:
        if only:
            raise click.UsageError("--only cannot be combined with --plan: a saved plan is applied as it is")
        saved_target = None if choice == TargetChoice() else choice
        with open_saved_plan(directory, plan_file, saved_target) as (made, run):
            return _apply(made, run, consent, yes)
    with open_session(directory, choice) as session:
        made = session.plan(only=frozenset(only))
        return _apply(made, functools.partial(session.apply, made), consent, yes)


def _apply(made: Plan, run: Callable[..., Outcome], consent: Consent, yes: bool) -> int:
    click.echo(render_plan(made))
    if made.empty:
        return 0
    check_consent(made, consent)  # before asking: a refused plan needs no confirmation
    _confirm(made, yes)
    outcome = run(consent=consent, progress=_progress)
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
        click.echo(f"named {kind} {live_id} {name!r} (its live name could not identify it)")
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
