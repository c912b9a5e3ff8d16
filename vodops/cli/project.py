"""The verbs that do not change the account: validate, plan, show, export, schema.

The pipeline is imported inside each verb, so that listing and completing verbs stays fast.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vodops.cli.options import directory_argument, only_option, out_option, target_options
from vodops.plural import counted
from vodops.registered import KIND_NAMES
from vodops.visible import printable

if TYPE_CHECKING:
    from vodops.targets import TargetChoice

EXIT_CHANGES = 2

format_option = click.option(
    "--format",
    "form",
    envvar="VODOPS_FORMAT",
    show_envvar=True,
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="How to render the plan.",
)


@click.command()
@directory_argument
def validate(directory: Path) -> None:
    """Check the manifests in DIRECTORY without calling the API.

    They are also checked against what the default target's API dialect can hold."""
    from vodops.project import check_dialect, load_project

    project, manifests = load_project(directory)
    check_dialect(project, manifests)
    show_notes(manifests.notes)
    counts = Counter(item.kind for item in manifests)
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    click.echo(f"OK: {counted(len(manifests.resources), 'resource')} ({detail or 'none'}) in {directory}")


def show_notes(notes: tuple[str, ...]) -> None:
    """What was left out of the manifests, on standard error (output stays a plan or a document)."""
    for note in notes:
        click.echo(f"note: {printable(note)}", err=True)


@click.command()
@directory_argument
@target_options
@click.option("--detailed-exitcode", is_flag=True, help="Exit 2 when there are changes, 0 when none.")
@format_option
@out_option(True, "Save the plan (JSON) for apply --plan.", "--format json prints the plan's JSON")
@only_option("Plan just this resource and what it needs (repeatable).")
def plan(
    directory: Path,
    choice: TargetChoice,
    detailed_exitcode: bool,
    form: str,
    out: Path | None,
    only: tuple[str, ...],
) -> int:
    """Show what apply would change in the target."""
    from vodops.session import open_session

    with open_session(directory, choice, notes=show_notes) as session:
        from vodops.render.markdown import render_markdown  # while the account is read (vodops/session.py)
        from vodops.render.text import render_plan

        made = session.plan(only=frozenset(only))
        saved = (
            json.dumps(session.document(made), indent=2, ensure_ascii=False) if out or form == "json" else ""
        )
    if out is not None:
        out.write_text(saved + "\n", encoding="utf-8")
    if form == "markdown":
        click.echo(render_markdown(made, saved_as=str(out) if out else None))
    else:
        click.echo(render_plan(made) if form == "text" else saved)
    return EXIT_CHANGES if detailed_exitcode and not made.empty else 0


@click.command()
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
@format_option
def show(plan_file: Path, form: str) -> None:
    """Render a saved plan (plan --out) without reading the account."""
    from vodops.plan.planfile import plan_from_document, read_plan_file
    from vodops.render.markdown import render_markdown
    from vodops.render.text import render_plan

    document = read_plan_file(plan_file)
    if form == "json":
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    saved = plan_from_document(document)
    made = f"Saved plan made {document['createdAt']} by vodops {document['vodopsVersion']}"
    if form == "text":
        click.echo(made + "\n" + render_plan(saved))
        return
    click.echo(made, err=True)  # the Markdown's first line stays its marker line (CI finds the comment by it)
    click.echo(render_markdown(saved, saved_as=str(plan_file)))


@click.command("export")
@directory_argument
@target_options
@out_option(False, "Where to write (default: DIRECTORY).", "export writes manifest files; give a directory")
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(KIND_NAMES), help="Only this kind (repeatable)."
)
@click.option("--split", is_flag=True, help="One file per resource instead of one per kind.")
def export_command(
    directory: Path, choice: TargetChoice, out: Path | None, kinds: tuple[str, ...], split: bool
) -> None:
    """Write the live account's configuration as manifests."""
    from vodops.export import export_account

    report = export_account(directory, choice, out or directory, kinds or KIND_NAMES, split)
    for kind, count in report.counts.items():
        click.echo(f"exported {count} {kind}")
    for kind, live_id, name in report.invented:
        click.echo(f"named {kind} {live_id} {name!r} (its live name could not identify it)")
    for note in report.notes:
        click.echo(f"note: {printable(note)}")
    click.echo(f"wrote {counted(len(report.files), 'file')} under {out or directory}")


@click.command()
@out_option(False, "Write the schema files into this directory.", "without --out the schema is printed")
def schema(out: Path | None) -> None:
    """Print (or write) the JSON Schema of manifests and vodops.yaml."""
    from vodops.schema import schema_files

    files = schema_files()
    if out is None:
        click.echo(next(iter(files.values())), nl=False)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
        click.echo(f"wrote {out / name}")
