"""The command line: thin verbs that parse, call the library, and map errors to exit codes.

Exit codes: 0 success (or no changes), 1 error, 2 changes present (plan --detailed-exitcode).
Usage errors exit 1 too, so that 2 always means "changes". Ctrl-C exits 130.
"""

from __future__ import annotations

import sys

import click

from vodops.cli.emulator import emulator
from vodops.cli.project import apply, export_command, plan, schema, validate
from vodops.errors import ProblemsError, VodopsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vodops")
def cli() -> None:
    """vodops: declarative configuration for Tencent Cloud VOD."""


for command in (validate, plan, apply, export_command, schema, emulator):
    cli.add_command(command)


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
