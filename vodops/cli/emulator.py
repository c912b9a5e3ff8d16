"""`vodops emulator serve`: the bundled VOD API emulator as an HTTP server."""

from __future__ import annotations

import json
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
from vodops.emulator.server import is_loopback


@click.group()
def emulator() -> None:
    """Run the bundled VOD and live API emulator (a LocalStack for VOD)."""


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
@click.option(
    "--sub-app-id",
    "sub_apps",
    multiple=True,
    type=click.IntRange(1, 2**64 - 1),
    help="An application (SubAppId) the account has besides the default app 0; repeatable.",
)
@click.option(
    "--quota-scale",
    default=1,
    type=click.IntRange(min=1),
    help="Allow this many times the documented template, procedure and live task quotas and the "
    "applications CreateSubAppId makes (for benchmarks).",
)
def serve(
    host: str,
    port: int,
    db: Path | None,
    secret_id: str | None,
    secret_key: str | None,
    sub_apps: tuple[int, ...],
    **knobs: Any,
) -> None:
    """Serve the emulator over HTTP until interrupted."""
    knobs["faults"] = tuple(f.strip() for f in knobs["faults"].split(",") if f.strip())
    knobs["fault_actions"] = tuple(a.strip() for a in knobs["fault_actions"].split(",") if a.strip())
    credentials = _emulator_credentials(secret_id, secret_key)
    emulator = Emulator(db_path=db, credentials=credentials, knobs=Knobs(**knobs), sub_apps=sub_apps)

    def announce(url: str) -> None:
        click.echo(_banner(url, db, credentials, emulator))
        if not is_loopback(host):
            click.echo(f"Warning: {_EXPOSED.format(host=host)}", err=True)

    try:
        serve_until_interrupted(emulator, host, port, announce)
    finally:
        emulator.close()
    click.echo("Emulator stopped.")


_EXPOSED = (
    "--host {host} is not a loopback address: anyone who can reach this machine can call the "
    "emulator and, through its admin endpoint (no signature), reset or rewrite it"
)


def _emulator_credentials(secret_id: str | None, secret_key: str | None) -> dict[str, str]:
    if (secret_id is None) != (secret_key is None):
        raise click.UsageError("--secret-id and --secret-key go together")
    return {secret_id: secret_key} if secret_id and secret_key else {DEFAULT_SECRET_ID: DEFAULT_SECRET_KEY}


def _banner(url: str, db: Path | None, credentials: dict[str, str], emulator: Emulator) -> str:
    [secret_id] = credentials
    key = "the documented default pair" if secret_id == DEFAULT_SECRET_ID else "the key you gave"
    lines = [
        f"vodops VOD emulator (API 2018-07-17, and the legacy API at /v2/index.php) listening on {url}",
        f"  state:  {db.resolve() if db else 'in memory (lost when it stops)'}",
        f"  key:    SecretId {secret_id} with {key}",
        f"  apps:   SubAppId {', '.join(map(str, [0, *emulator.sub_apps]))} (others are refused)",
        f"  knobs:  {json.dumps(emulator.knobs.to_json())}",
        f"  admin:  {url}/_emulator",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)
