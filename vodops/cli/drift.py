"""`vodops drift` (what changed in the account outside vodops) and `vodops watch` (plan every
interval, report drift as it appears, heal with --heal, metrics for Prometheus).

Exit codes: drift 0 no drift, 2 drift, 1 error; watch 0 when stopped by SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import functools
import json
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vodops.cli.options import directory_argument, target_options
from vodops.cli.project import EXIT_CHANGES, format_option, show_notes
from vodops.signals import handling
from vodops.visible import printable

if TYPE_CHECKING:
    from vodops.targets import TargetChoice

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


class Duration(click.ParamType):  # type: ignore[type-arg]
    """`90`, `2s`, `1.5m`, `5m`, `1h` as seconds (at least 0.1)."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        """click's convert: `value` in seconds (a bare number is seconds); fails the parameter below
        0.1 s or when unreadable."""
        if isinstance(value, float):
            return value
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", str(value))
        seconds = float(found[1]) * _UNITS[found[2] or "s"] if found else 0.0
        if seconds < 0.1:
            self.fail(f"{value!r} is not a duration of at least 0.1 s (write 90, 30s, 5m or 1h)", param, ctx)
        return seconds


@click.command()
@directory_argument
@target_options
@format_option
def drift(directory: Path, choice: TargetChoice, form: str) -> int:
    """Report what changed in the target outside vodops."""
    from vodops.plan.document import now_utc
    from vodops.render.drift import drift_document, render_markdown, render_text
    from vodops.session import open_session

    with open_session(directory, choice, notes=show_notes) as session:
        report = session.drift()
    if form == "json":
        click.echo(json.dumps(drift_document(report, now_utc()), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(report) if form == "text" else render_markdown(report))
    return 0 if report.clean else EXIT_CHANGES


@click.command()
@directory_argument
@target_options
@click.option(
    "--interval",
    type=Duration(),
    default="5m",
    show_default=True,
    help="Time between plans (90, 30s, 5m, 1h).",
)
@click.option(
    "--heal", is_flag=True, help="Apply the plan when the account drifts (under the lock and brakes)."
)
@click.option(
    "--events", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Events on standard output as log lines, or one JSON object a line.",
)  # fmt: skip
@click.option(
    "--metrics-port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    help="Serve Prometheus metrics (0: any free port).",
)
@click.option(
    "--metrics-host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDR",
    help="Address the metrics listen on.",
)
def watch(
    directory: Path,
    choice: TargetChoice,
    interval: float,
    heal: bool,
    events: str,
    metrics_port: int | None,
    metrics_host: str,
) -> None:
    """Plan every interval, report drift, and heal it with --heal."""
    from vodops.drift.metrics import Metrics, serve_metrics
    from vodops.drift.watch import Watcher
    from vodops.project import load_project
    from vodops.session import open_session
    from vodops.targets import resolve_target

    project = load_project(directory)[0]  # a broken project or an unknown target is refused at once
    resolve_target(project.settings, choice)
    metrics = Metrics()
    emit = functools.partial(_emit, as_json=events == "json")
    opener = functools.partial(open_session, directory, choice, metrics.observe)
    watcher = Watcher(opener, interval, heal, emit, metrics)
    with (
        _metrics(serve_metrics, metrics, metrics_host, metrics_port) as url,
        _stopped_by_signals(watcher.stop),
    ):
        emit(
            {
                "event": "started",
                "directory": str(directory),
                "intervalSeconds": interval,
                "heal": heal,
                "metrics": url,
            }
        )
        watcher.run()


@contextmanager
def _metrics(serve: Any, metrics: Any, host: str, port: int | None) -> Iterator[str | None]:
    if port is None:
        yield None
        return
    with serve(metrics, host, port) as url:
        yield url


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set `stop` while the block runs (the watcher ends its wait at once);
    one the process was started with ignored stays ignored."""
    with handling((signal.SIGTERM, signal.SIGINT), lambda *_: stop.set()):
        yield


def _emit(event: dict[str, Any], *, as_json: bool) -> None:
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    if as_json:
        click.echo(json.dumps({"time": stamp, **event}, ensure_ascii=False))
        return
    shown = {key: value for key, value in event.items() if key != "event" and value not in (None, [], {})}
    details = " ".join(f"{key}={_value(value)}" for key, value in shown.items())
    click.echo(printable(f"{stamp} {event['event']} {details}".rstrip()))


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + "; ".join(str(item) for item in value) + "]"
    if isinstance(value, dict):
        return ",".join(f"{key}:{item}" for key, item in value.items())
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) and " " in value else str(value)
