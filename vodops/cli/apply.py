"""`vodops apply`: show the plan, ask, run it with progress, and say what happened, one line per object.

Exit codes: 0 applied (or nothing to do), 1 a change failed or the plan was refused, 130 Ctrl-C.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vodops.cli.options import directory_argument, only_option, target_options
from vodops.cli.progress import Interrupts, ProgressReport, bar_wanted

if TYPE_CHECKING:
    from vodops.apply.run import Consent, Outcome
    from vodops.plan.changes import Change, Plan
    from vodops.targets import TargetChoice

EXIT_INTERRUPTED = 130


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
@only_option("Apply just this resource and what it needs.")
@click.option(
    "--allow-delete", multiple=True, metavar="KIND/NAME", help="Allow this deletion past the safety limits."
)
@click.option(
    "--force", is_flag=True, help="Apply even if the plan deletes more than the safety limits allow."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A live progress bar (default: on a terminal, and not in CI).",
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
    progress: bool | None,
) -> int:
    """Make the target match the manifests (or apply a saved plan)."""
    from vodops.apply.run import Consent
    from vodops.cli.project import show_notes
    from vodops.session import open_saved_plan, open_session
    from vodops.targets import TargetChoice

    consent = Consent(adopt, frozenset(allow_delete), force)
    run_with = functools.partial(_apply, consent=consent, yes=yes, bar=bar_wanted(progress))
    if plan_file is not None:
        if only:
            raise click.UsageError("--only cannot be combined with --plan: a saved plan is applied as it is")
        saved_target = None if choice == TargetChoice() else choice
        with open_saved_plan(directory, plan_file, saved_target) as (made, run):
            return run_with(made, run)
    with open_session(directory, choice) as session:
        show_notes(session.notes)
        made = session.plan(only=frozenset(only))
        return run_with(made, functools.partial(session.apply, made))


def _apply(made: Plan, run: Callable[..., Outcome], *, consent: Consent, yes: bool, bar: bool) -> int:
    from vodops.apply.run import check_consent
    from vodops.plan.changes import steps
    from vodops.render.text import headline, render_plan

    click.echo(render_plan(made))
    if made.empty:
        return 0
    check_consent(made, consent)  # before asking: a refused plan needs no confirmation
    _confirm(made, yes)
    report = ProgressReport(len(steps(made.changes)), bar, headline)
    with Interrupts(report) as interrupts:
        click.echo(
            f"\nApplying {report.total} changes to {made.target} (Ctrl-C stops after the calls in flight)."
        )
        outcome = run(consent=consent, progress=report, stop=interrupts.stop)
    report.close()
    if outcome.ok:
        click.echo(click.style(f"Apply complete: {_counts(outcome.done)}.", bold=True))
        return 0
    _summary(outcome)
    return EXIT_INTERRUPTED if outcome.interrupted and not outcome.failed else 1


def _confirm(made: Plan, yes: bool) -> None:
    from vodops.errors import VodopsError

    if yes:
        return
    if not sys.stdin.isatty():
        raise VodopsError("refusing to apply without --yes: standard input is not a terminal")
    count = len(made.changes)
    if not click.confirm(f"\nApply these {count} changes to {made.target}?", default=False):
        raise VodopsError("apply cancelled; nothing was changed")


def _counts(changes: list[Change]) -> str:
    counts = Counter(change.action.value for change in changes)
    return (
        ", ".join(f"{n} {action}d" if action != "adopt" else f"{n} adopted" for action, n in counts.items())
        or "nothing to do"
    )


def _summary(outcome: Outcome) -> None:
    """Done, failed and not attempted, one line per object, on standard error."""
    why = "interrupted" if outcome.interrupted and not outcome.failed else "stopped"
    title = (
        f"\nApply {why}: {len(outcome.done)} done, {len(outcome.failed)} failed, "
        f"{len(outcome.not_attempted)} not attempted."
    )
    lines = [click.style(title, fg="red", bold=True)]
    lines += _section("done", [change.address for change in outcome.done])
    lines += _section("failed", [f"{change.address}: {_one_line(error)}" for change, error in outcome.failed])
    lines += _section("not attempted", [change.address for change in outcome.not_attempted])
    lines.append("Run `vodops plan` to see where the account stands; `vodops apply` again finishes the rest.")
    click.echo("\n".join(lines), err=True)


def _section(title: str, items: list[str]) -> list[str]:
    return [f"  {title} ({len(items)}):", *(f"    {item}" for item in items)] if items else []


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
