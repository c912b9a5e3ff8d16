"""The command line: thin verbs that parse, call the library, and map errors to exit codes.

Exit codes: 0 success (or no changes), 1 error, 2 changes present (plan --detailed-exitcode).
Usage errors exit 1 too, so that 2 always means "changes".
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from vodops.emulator import (
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    FAULTS,
    Emulator,
    Knobs,
    serve_until_interrupted,
)
from vodops.errors import ProblemsError, VodopsError
from vodops.export import export_account
from vodops.plan.changes import Action, Change, Plan
from vodops.render.text import headline, render_plan
from vodops.resources import KINDS
from vodops.schema import schema_files
from vodops.session import Project, open_session

EXIT_CHANGES = 2
_PAST = {
    Action.CREATE: "created",
    Action.UPDATE: "updated",
    Action.ADOPT: "adopted",
    Action.DELETE: "deleted",
}

directory_argument = click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
target_option = click.option(
    "--target", "target", metavar="NAME", help="A target from vodops.yaml (default: local)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vodops")
def cli() -> None:
    """vodops: declarative configuration for Tencent Cloud VOD."""


@cli.command()
@directory_argument
def validate(directory: Path) -> None:
    """Check the manifests in DIRECTORY without calling the API."""
    manifests = Project.open(directory).manifests()
    counts = Counter(item.kind for item in manifests)
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    click.echo(f"OK: {len(manifests.resources)} resources ({detail or 'none'}) in {directory}")


@cli.command()
@directory_argument
@target_option
@click.option("--detailed-exitcode", is_flag=True, help="Exit 2 when there are changes, 0 when none.")
def plan(directory: Path, target: str | None, detailed_exitcode: bool) -> int:
    """Show what apply would change in the target."""
    with open_session(directory, target) as session:
        made = session.plan()
    click.echo(render_plan(made))
    return EXIT_CHANGES if detailed_exitcode and not made.empty else 0


@cli.command()
@directory_argument
@target_option
@click.option("--yes", "-y", is_flag=True, help="Apply without asking for confirmation.")
@click.option("--adopt", is_flag=True, help="Take over existing objects the plan adopts.")
def apply(directory: Path, target: str | None, yes: bool, adopt: bool) -> int:
    """Make the target match the manifests."""
    with open_session(directory, target) as session:
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


@cli.command("export")
@directory_argument
@target_option
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
    directory: Path, target: str | None, out: Path | None, kinds: tuple[str, ...], split: bool
) -> None:
    """Write the live account's configuration as manifests."""
    report = export_account(directory, target, out or directory, kinds or tuple(KINDS), split)
    for kind, count in report.counts.items():
        click.echo(f"exported {count} {kind}")
    for kind, live_id, name in report.invented:
        click.echo(f"named {kind} {live_id} {name!r} (its live name was empty or shared)")
    for note in report.notes:
        click.echo(f"note: {note}")
    click.echo(f"wrote {len(report.files)} files under {out or directory}")


@cli.command()
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


@cli.group()
def emulator() -> None:
    """Run the bundled VOD API emulator (a LocalStack for Tencent VOD)."""


@emulator.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=9000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite file to keep state in (default: memory).",
)
@click.option("--secret-id", help="Accept this SecretId instead of the default pair.")
@click.option(
    "--secret-key",
    envvar="VODOPS_EMULATOR_SECRET_KEY",
    help="Its SecretKey (or $VODOPS_EMULATOR_SECRET_KEY).",
)
@click.option(
    "--latency", "latency_ms", default=0.0, type=float, help="Milliseconds added to every API call."
)
@click.option(
    "--jitter", "jitter_ms", default=0.0, type=float, help="Plus up to this many random milliseconds."
)
@click.option(
    "--rate-limit", type=float, help="Calls per second per action; more answer RequestLimitExceeded."
)
@click.option(
    "--fault-rate", default=0.0, type=float, help="Probability (0..1) that an API call meets a fault."
)
@click.option("--faults", default=",".join(FAULTS), show_default=True, help="Which faults to inject.")
@click.option(
    "--fault-actions", default="", help="Comma-separated action patterns faults hit (default: all)."
)
@click.option("--seed", type=int, help="Seed of the fault generator (same seed, same faults).")
def serve(
    host: str, port: int, db: Path | None, secret_id: str | None, secret_key: str | None, **knobs: Any
) -> None:
    """Serve the emulator over HTTP until interrupted."""
    knobs["faults"] = tuple(f.strip() for f in knobs["faults"].split(",") if f.strip())
    knobs["fault_actions"] = tuple(a.strip() for a in knobs["fault_actions"].split(",") if a.strip())
    credentials = _emulator_credentials(secret_id, secret_key)
    emulator = Emulator(db_path=db, credentials=credentials, knobs=Knobs(**knobs))
    try:
        serve_until_interrupted(
            emulator, host, port, lambda url: click.echo(_banner(url, db, credentials, emulator.knobs))
        )
    finally:
        emulator.close()
    click.echo("Emulator stopped.")


def _emulator_credentials(secret_id: str | None, secret_key: str | None) -> dict[str, str]:
    if (secret_id is None) != (secret_key is None):
        raise click.UsageError("--secret-id and --secret-key go together")
    return {secret_id: secret_key} if secret_id and secret_key else {DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY}


def _banner(url: str, db: Path | None, credentials: dict[str, str], knobs: Knobs) -> str:
    [secret_id] = credentials
    key = "the documented default pair" if secret_id == DEFAULT_SECRET_ID else "the key you gave"
    lines = [
        f"vodops VOD emulator (API 2018-07-17) listening on {url}",
        f"  state:  {db.resolve() if db else 'in memory (lost when it stops)'}",
        f"  key:    SecretId {secret_id} with {key}",
        f"  knobs:  {json.dumps(knobs.to_json())}",
        f"  admin:  {url}/_emulator",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _confirm(made: Plan, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise VodopsError("refusing to apply without --yes: standard input is not a terminal")
    count = len(made.changes)
    if not click.confirm(f"\nApply these {count} changes to {made.target}?", default=False):
        raise VodopsError("apply cancelled; nothing was changed")


def _progress(change: Change, status: str) -> None:
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


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn what happened into an exit code."""
    try:
        result = cli.main(args=argv, prog_name="vodops", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except ProblemsError as error:
        click.echo(str(error), err=True)  # compiler style: one `file:line:column: message` a line
        return 1
    except (VodopsError, OSError) as error:
        click.echo(click.style("Error: ", fg="red", bold=True) + str(error), err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
