"""The command line: thin verbs that parse, call the library, and map errors to exit codes.

Exit codes: 0 success (or no changes), 1 error, 2 changes present (plan --detailed-exitcode) or
drift found (drift).
Usage errors exit 1 too, so that 2 always means "changes". Ctrl-C exits 130.

Start-up is kept short (`--help` and every TAB completion start a process): a verb's module is
imported only when that verb runs, and the verbs import the pipeline inside their bodies.
"""

from __future__ import annotations

import gc
import importlib
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

import click
from click.shell_completion import CompletionItem

from vodops import __version__
from vodops.cli.options import colour_option, resolve_colour
from vodops.errors import ProblemsError, VodopsError
from vodops.signals import install
from vodops.visible import printable

# name -> (module, attribute, the one-line help `vodops --help` lists without importing the module)
_PROJECT = "vodops.cli.project"
COMMANDS = {
    "validate": (_PROJECT, "validate", "Check the manifests in DIRECTORY without calling the API."),
    "plan": (_PROJECT, "plan", "Show what apply would change in the target."),
    "show": (_PROJECT, "show", "Render a saved plan (plan --out) without reading the account."),
    "apply": ("vodops.cli.apply", "apply", "Make the target match the manifests (or apply a saved plan)."),
    "drift": (
        "vodops.cli.drift",
        "drift",
        "Report what changed in the target outside vodops.",
    ),
    "watch": (
        "vodops.cli.drift",
        "watch",
        "Plan every interval, report drift, and heal it with --heal.",
    ),
    "unlock": (
        "vodops.cli.apply",
        "unlock",
        "Break the target's apply lock (when the apply holding it died).",
    ),
    "export": (_PROJECT, "export_command", "Write the live account's configuration as manifests."),
    "schema": (_PROJECT, "schema", "Print (or write) the JSON Schema of manifests and vodops.yaml."),
    "emulator": (
        "vodops.cli.emulator",
        "emulator",
        "Run the bundled VOD and live API emulator (a LocalStack for VOD).",
    ),
}


class LazyGroup(click.Group):
    """A group whose verbs are imported when used, not when listed or completed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """click's list_commands: the verbs, in COMMANDS order, without importing them."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """click's get_command: the verb's command, its module imported now; None for an unknown
        verb."""
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's format_commands: the verbs with their short help from COMMANDS, importing
        none."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, _, short) in COMMANDS.items()])

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """click's shell_complete: the verbs starting with `incomplete`, then the group's own
        options."""
        verbs = [CompletionItem(n, help=h) for n, (_, _, h) in COMMANDS.items() if n.startswith(incomplete)]
        return verbs + click.Command.shell_complete(self, ctx, incomplete)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vodops", message="%(prog)s %(version)s")
@colour_option
def cli() -> None:
    """vodops: declarative configuration for Tencent Cloud VOD.

    Every option can also come from the environment: VODOPS_TARGET, VODOPS_ENDPOINT,
    VODOPS_PARALLELISM, ... (shown in each verb's --help), and any other option as
    VODOPS_<VERB>_<OPTION> (VODOPS_APPLY_ADOPT=1). Colour follows NO_COLOR and FORCE_COLOR.
    Shell completion: eval "$(_VODOPS_COMPLETE=bash_source vodops)" (zsh_source, fish_source).
    """


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn what happened into an exit code (130 for Ctrl-C, also
    when it arrives while an error is being reported)."""
    args = sys.argv[1:] if argv is None else argv
    # vodops uses no pydantic plugin: without this, pydantic reads the entry points of every
    # installed distribution when it builds the first model. vodops starts no child process, so
    # the variable reaches no other program; one the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        return _run(args, resolve_colour(no_color_flag="--no-color" in args, environ=os.environ))
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130


def run() -> NoReturn:
    """The `vodops` program: main() on the command line's arguments, then exit with its code.
    Whatever is still alive is frozen out of the garbage collector first: the interpreter's
    last collections would walk every object a plan made (about 0.15 s of a 1,460-resource
    plan, benchmarks/plan_latency.py) to free memory the exit gives back anyway. Files and
    connections are closed as before; only the search for unreachable cycles is skipped.
    SIGTERM is taken as Ctrl-C (see _as_ctrl_c), unless the process was started with it ignored."""
    install(signal.SIGTERM, _as_ctrl_c)
    code = main()
    gc.freeze()
    sys.exit(code)


def _as_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a cancelled CI job, `timeout`, `docker stop`) is handled as Ctrl-C, by whatever
    handles SIGINT at that moment (apply's first Ctrl-C: nothing new starts, the report is printed,
    the lock freed), else as KeyboardInterrupt: it killed the process outright, mid-apply, with no
    report and the target's lock left held."""
    handler = signal.getsignal(signal.SIGINT)
    if not callable(handler):  # SIGINT ignored (a background job) or default: still stop
        raise KeyboardInterrupt
    handler(signal.SIGINT, frame)


def _run(args: list[str], colour: bool | None) -> int:
    try:
        result = cli.main(
            args=args, prog_name="vodops", standalone_mode=False, auto_envvar_prefix="VODOPS", color=colour
        )
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except ProblemsError as error:
        click.echo(printable(str(error)), err=True)  # compiler style: `file:line:column: message`
        return 1
    except (VodopsError, OSError) as error:
        click.echo(
            click.style("Error: ", fg="red", bold=True) + printable(str(error)), err=True, color=colour
        )
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    run()
