"""What the watcher exposes to Prometheus, in its text exposition format (version 0.0.4), on an
optional port: `GET /metrics`. Counters count since the watcher started; gauges hold the last plan's
values. No secret, name or comment reaches a metric: labels are kinds and outcomes only."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from vodops.cloud.retry import CallRecord
from vodops.drift.report import DriftReport
from vodops.errors import SettingsError
from vodops.resources import KINDS

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
HEAL_OUTCOMES = ("done", "failed", "interrupted", "refused")


class Metrics:
    """Thread-safe: API calls are observed from apply's worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_plan = 0.0
        self._drift = dict.fromkeys(KINDS, 0)  # every registered kind, 0 until it drifts
        self._heals = dict.fromkeys(HEAL_OUTCOMES, 0)
        self._failures = 0
        self._calls = 0
        self._throttles = 0

    def planned(self, report: DriftReport) -> None:
        """A plan finished now; `report` is its drift (kinds not in it drop to 0)."""
        with self._lock:
            self._last_plan = time.time()
            self._drift = dict.fromkeys(self._drift, 0) | dict(report.per_kind())

    def healed(self, outcome: str) -> None:
        """A heal ended with `outcome`, one of HEAL_OUTCOMES."""
        with self._lock:
            self._heals[outcome] += 1

    def failed(self) -> None:
        """A watch cycle failed."""
        with self._lock:
            self._failures += 1

    def observe(self, record: CallRecord) -> None:
        """An API call attempt ended (retry notices are not calls); throttled ones are counted apart."""
        if record.retrying_in is not None:
            return
        with self._lock:
            self._calls += 1
            self._throttles += record.outcome.startswith("RequestLimitExceeded")

    def render(self) -> str:
        """Every metric in the Prometheus text format, one sample a line."""
        with self._lock:
            lines = [
                *_metric("vodops_last_plan_timestamp_seconds", "gauge", "Unix time the last plan finished",
                         [("", self._last_plan)]),
                *_metric("vodops_drift_objects", "gauge", "Objects drifted in the last plan, per kind",
                         [(f'kind="{kind}"', n) for kind, n in sorted(self._drift.items())]),
                *_metric("vodops_heals_total", "counter", "Heals, by outcome",
                         [(f'outcome="{name}"', n) for name, n in self._heals.items()]),
                *_metric("vodops_failures_total", "counter", "Watch cycles that failed",
                         [("", self._failures)]),
                *_metric("vodops_api_calls_total", "counter", "API call attempts", [("", self._calls)]),
                *_metric("vodops_api_throttles_total", "counter", "API calls answered RequestLimitExceeded",
                         [("", self._throttles)]),
            ]  # fmt: skip
        return "\n".join(lines) + "\n"


def _metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    return lines + [f"{name}{{{labels}}} {_number(value)}" if labels else f"{name} {_number(value)}"
                     for labels, value in samples]  # fmt: skip


def _number(value: float) -> str:
    """Whole values as integers, others with every digit (a Unix time needs them)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@contextmanager
def serve_metrics(metrics: Metrics, host: str, port: int) -> Iterator[str]:
    """Serve `metrics` at http://host:port/metrics in a background thread (port 0: any free
    port); yields the URL; stops the server on exit. Raises SettingsError when the address cannot
    be listened on."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path.split("?")[0] == "/metrics"
            body = (metrics.render() if found else "not found: try /metrics\n").encode("utf-8")
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", CONTENT_TYPE)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Scrapes are not logged: every 15 s they would drown the watcher's events."""

    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as error:  # the port is taken, the host is not this machine's, ...
        reason = error.strerror or str(error)
        why = reason[:1].lower() + reason[1:]
        raise SettingsError(f"cannot serve metrics at {host}:{port}: {why}") from None
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="vodops-metrics", daemon=True)
    thread.start()
    try:
        bound_host, bound_port = server.server_address[:2]
        yield f"http://{bound_host!s}:{bound_port}/metrics"
    finally:
        server.shutdown()
        server.server_close()
