"""`vodops apply` (show the plan, ask, run it with progress, say what happened) and `vodops unlock`.

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
from vodops.visible import printable

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
    help="Apply this saved plan, if the manifests and the account still produce it.",
)
@only_option("Apply just this resource and what it needs.")
@click.option(
    "--allow-delete", multiple=True, metavar="KIND/NAME", help="Allow this deletion past the safety limits."
)
@click.option(
    "--force", is_flag=True, help="Apply even if the plan deletes more than the safety limits allow."
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another apply to the target to finish (0: refuse at once).",
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
    lock_timeout: float,
    progress: bool | None,
) -> int:
    """Make the target match the manifests (or apply a saved plan)."""
    from vodops.apply.run import Consent
    from vodops.cli.project import show_notes
    from vodops.session import LockWait, open_saved_plan, open_session

    consent = Consent(adopt, frozenset(allow_delete), force)
    run_with = functools.partial(_apply, consent=consent, yes=yes, bar=bar_wanted(progress))
    lock = LockWait(lock_timeout, _notice)
    if plan_file is not None:
        if only:
            raise click.UsageError("--only cannot be combined with --plan: a saved plan is applied as it is")
        with open_saved_plan(directory, plan_file, choice, lock, show_notes) as saved:
            for done in saved.done:
                click.echo(f"already done (an earlier apply of this plan): {done}")
            return run_with(saved.plan, saved.run)
    with (
        open_session(directory, choice, read_ahead=False, notes=show_notes) as session,  # reads once locked
        session.locked(lock.seconds, lock.notify),
    ):
        made = session.plan(only=frozenset(only))
        return run_with(made, functools.partial(session.apply, made))


@click.command()
@directory_argument
@target_options
def unlock(directory: Path, choice: TargetChoice) -> None:
    """Break the target's apply lock (when the apply holding it died)."""
    from vodops.apply.lock import CREATION_LOCK_NAME
    from vodops.apply.lock import unlock as break_lock
    from vodops.project import Project
    from vodops.session import open_target

    with open_target(Project.open(directory), choice) as (target, api, _):
        broken = break_lock(api)
        if target.sub_app is not None:  # an application found by name: also the lock of creating it
            broken += break_lock(api.in_application(None), CREATION_LOCK_NAME)
    for ticket in broken:
        click.echo(f"removed the apply lock of {ticket.holder}, held since {ticket.since} (id {ticket.id})")
    if not broken:
        click.echo(f"no apply lock is held on target {target.name!r}")


def _notice(message: str) -> None:
    click.echo(message, err=True)


def _apply(made: Plan, run: Callable[..., Outcome], *, consent: Consent, yes: bool, bar: bool) -> int:
    from vodops.apply.run import check_consent, unused_allowances
    from vodops.plan.changes import steps
    from vodops.render.text import headline, render_plan

    click.echo(render_plan(made))
    for name in unused_allowances(made, consent):
        click.echo(f"note: --allow-delete {name} allows nothing: this plan deletes no {name}", err=True)
    if made.empty:
        return 0
    check_consent(made, consent)  # before asking: a refused plan needs no confirmation
    _confirm(made, yes)
    report = ProgressReport(len(steps(made.changes)), bar, headline)
    with Interrupts(report) as interrupts:
        click.echo(
            f"\nApplying {report.total} change{'' if report.total == 1 else 's'} to {made.target}"
            " (Ctrl-C stops after the calls in flight)."
        )
        outcome = run(consent=consent, progress=report, stop=interrupts.stop, transfer=report)
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
    from vodops.plural import counted

    changes = "this change" if len(made.changes) == 1 else f"these {counted(len(made.changes), 'change')}"
    if not click.confirm(f"\nApply {changes} to {made.target}?", default=False):
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
    return [f"  {title} ({len(items)}):", *(f"    {printable(item)}" for item in items)] if items else []


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
