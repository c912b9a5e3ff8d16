"""Options several commands share: the manifest directory, the target and its overrides, logging."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from vodops import logs
from vodops.targets import TargetChoice

F = TypeVar("F", bound=Callable[..., Any])

directory_argument = click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)

_TARGET_OPTIONS = (
    click.option(
        "--target", metavar="NAME", help="A target from vodops.yaml (default: its defaultTarget, else local)."
    ),
    click.option(
        "--endpoint", metavar="URL", help="Override the target's endpoint (http://host:port for an emulator)."
    ),
    click.option(
        "--sub-app-id", type=click.IntRange(min=1), metavar="N", help="Override the target's subAppId."
    ),
    click.option("--region", metavar="R", help="Override the target's region."),
    click.option(
        "--profile",
        metavar="NAME",
        help="tccli profile for credentials (default: $TCCLI_PROFILE or default).",
    ),
    click.option(
        "--parallelism", type=click.IntRange(1, 64), metavar="N", help="API calls in flight at once."
    ),
    click.option(
        "--verbose", "-v", is_flag=True, help="Log every API call (action, latency, RequestId, retries)."
    ),
    click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True),
)


def target_options(command: F) -> F:
    """Adds the target options; the command receives them as one `choice: TargetChoice`."""

    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        logs.configure(kwargs.pop("verbose"), kwargs.pop("log_format"))
        names = ("target", "endpoint", "sub_app_id", "region", "parallelism", "profile")
        values = {name: kwargs.pop(name) for name in names}
        return command(*args, choice=TargetChoice(name=values.pop("target"), **values), **kwargs)

    for option in reversed(_TARGET_OPTIONS):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[return-value]
