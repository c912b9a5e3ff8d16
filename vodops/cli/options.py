"""Options several commands share: the manifest directory, the target and its overrides, logging,
colour. Each also reads an environment variable (`VODOPS_TARGET`, `VODOPS_PARALLELISM`, ...)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from vodops.cli.complete import complete_addresses, complete_targets
from vodops.cloud.names import SUB_APP_ID_MAX, check_region
from vodops.errors import SettingsError
from vodops.localfiles import unwritable
from vodops.visible import printable

F = TypeVar("F", bound=Callable[..., Any])

directory_argument = click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)


def resolve_colour(no_color_flag: bool, environ: Mapping[str, str]) -> bool | None:
    """Whether to colour output: --no-color, then NO_COLOR (no-color.org), then FORCE_COLOR;
    None lets click decide (colour on a terminal only)."""
    if no_color_flag or environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0", "false"):
        return True
    return None


def _no_colour(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value:
        ctx.color = False


colour_option = click.option(
    "--no-color",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_no_colour,
    help="No colours (also NO_COLOR=1); FORCE_COLOR=1 keeps colours when output is not a terminal.",
)


def _option(*decls: str, envvar: str, **kwargs: Any) -> Callable[[F], F]:
    return click.option(*decls, envvar=envvar, show_envvar=True, **kwargs)


def _application_name(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """An application's name as CreateSubAppId takes it: 1 to 40 characters."""
    if value is not None and not 1 <= len(value) <= 40:
        raise click.BadParameter(f"an application's name has 1 to 40 characters (got {len(value)})")
    return value


def _endpoint(value: str) -> None:
    from vodops.cloud.endpoint import Endpoint

    Endpoint.parse(value)


Callback = Callable[[click.Context, click.Parameter, str | None], str | None]


def _checked(check: Callable[[str], None]) -> Callback:
    """An option's callback running `check` on its value, whose SettingsError names the
    environment variable the value came from when it came from one: the message alone read as
    if the value had been typed on the command line."""

    def callback(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
        if value is None or context.resilient_parsing:  # TAB completion: nothing to refuse
            return value
        try:
            check(value)
        except SettingsError as error:
            if context.get_parameter_source(parameter.name or "") is ParameterSource.ENVIRONMENT:
                raise SettingsError(f"${parameter.envvar}: {error}") from None
            raise
        return value

    return callback


_TARGET_OPTIONS = (
    _option(
        "--target",
        envvar="VODOPS_TARGET",
        metavar="NAME",
        shell_complete=complete_targets,
        help="A target from vodops.yaml (default: its defaultTarget, else local).",
    ),
    _option(
        "--endpoint",
        envvar="VODOPS_ENDPOINT",
        metavar="URL",
        callback=_checked(_endpoint),
        help="Override the target's endpoint (http://host:port for an emulator).",
    ),
    _option(
        "--sub-app-id",
        envvar="VODOPS_SUB_APP_ID",
        type=click.IntRange(min=1, max=SUB_APP_ID_MAX),
        metavar="N",
        help="Override the target's subAppId.",
    ),
    _option(
        "--sub-app",
        envvar="VODOPS_SUB_APP",
        metavar="NAME",
        callback=_application_name,
        help="Override the target's application by its name (found with DescribeSubAppIds).",
    ),
    _option(
        "--region",
        envvar="VODOPS_REGION",
        metavar="R",
        callback=_checked(check_region),
        help="Override the target's region.",
    ),
    _option(
        "--profile",
        envvar="VODOPS_PROFILE",
        metavar="NAME",
        help="tccli profile for credentials (default: $TCCLI_PROFILE or default).",
    ),
    _option(
        "--parallelism",
        envvar="VODOPS_PARALLELISM",
        type=click.IntRange(1, 64),
        metavar="N",
        help="API calls in flight at once.",
    ),
    _option(
        "--verbose",
        "-v",
        envvar="VODOPS_VERBOSE",
        is_flag=True,
        help="Log every API call (action, latency, RequestId, retries).",
    ),
    _option(
        "--log-format",
        envvar="VODOPS_LOG_FORMAT",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
    ),
    colour_option,
)


def target_options(command: F) -> F:
    """Adds the target options; the command receives them as one `choice: TargetChoice`."""

    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        from vodops import logs
        from vodops.targets import TargetChoice

        logs.configure(kwargs.pop("verbose"), kwargs.pop("log_format"))
        names = ("target", "endpoint", "sub_app_id", "sub_app", "region", "parallelism", "profile")
        values = {name: kwargs.pop(name) for name in names}
        return command(*args, choice=TargetChoice(name=values.pop("target"), **values), **kwargs)

    for option in reversed(_TARGET_OPTIONS):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[return-value]


def out_option(file_okay: bool, help_text: str, instead: str) -> Callable[[F], F]:
    """--out: a file (`file_okay`) or a directory to write. `-`, which other tools read as
    standard output, is refused saying what to do `instead`: it would be a file or directory
    named '-' in the working directory (export's was then read as manifests by the next plan).
    A place that cannot be written is refused here too, before the verb reads the account (it
    failed after the whole plan or export was made, in the operating system's words)."""

    def checked(context: click.Context, parameter: click.Parameter, value: Path | None) -> Path | None:
        if value is None or context.resilient_parsing:  # TAB completion: no probing
            return value
        if str(value) == "-":
            raise click.BadParameter(f"'-' is not standard output here: {instead}", context, parameter)
        try:
            reason = unwritable(value, directory=not file_okay)
        except OSError as error:  # a directory on the way that may not be searched
            reason = error.strerror
        if reason:
            shown = printable(str(value))
            raise click.BadParameter(f"'{shown}' cannot be written: {reason}", context, parameter)
        return value

    kind = click.Path(file_okay=file_okay, dir_okay=not file_okay, path_type=Path)
    return click.option("--out", "out", type=kind, callback=checked, help=help_text)


def only_option(help_text: str) -> Callable[[F], F]:
    """`--only KIND/NAME` (repeatable), completing the names the manifests declare."""
    return _option(
        "--only",
        envvar="VODOPS_ONLY",
        multiple=True,
        metavar="KIND/NAME",
        shell_complete=complete_addresses,
        help=help_text,
    )
