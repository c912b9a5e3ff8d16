"""What --verbose shows: one log line per API call attempt, as text or JSON, on standard error.

Records carry the action, target, attempt, latency, RequestId and outcome, never parameters or
headers, so no secret (and no image content) can reach a log.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import Any

from vodops.cloud.retry import CallRecord, Observer
from vodops.visible import printable

LOGGER = logging.getLogger("vodops")
_API = logging.getLogger("vodops.api")


def api_observer(target: str) -> Observer:
    """Reports each API call of `target` to the `vodops.api` logger."""

    def observe(record: CallRecord) -> None:
        fields: dict[str, Any] = {"target": target, "action": record.action, "attempt": record.attempt}
        if record.retrying_in is not None:
            fields["retryingInMs"] = round(record.retrying_in * 1000)
            _API.info("retry %s in %dms", record.action, fields["retryingInMs"], extra={"vodops": fields})
            return
        fields |= {
            "ms": round(record.seconds * 1000, 1),
            "requestId": record.request_id,
            "outcome": record.outcome,
        }
        _API.info(
            "%s target=%s attempt=%d %.1fms RequestId=%s %s",
            record.action, target, record.attempt, fields["ms"], record.request_id or "-", record.outcome,
            extra={"vodops": fields},
        )  # fmt: skip

    return observe


def tee(*observers: Observer) -> Observer:
    """One observer that tells each of `observers`, in order."""

    def observe(record: CallRecord) -> None:
        for observer in observers:
            observer(record)

    return observe


class JsonFormatter(logging.Formatter):
    """Log records as one JSON object a line: time (UTC, ms), level, logger, message and the
    record's `vodops` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        data = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "vodops", {}),
        }
        return json.dumps(data, ensure_ascii=False)


class _TextFormatter(logging.Formatter):
    """One line per record, with what came from the API (error messages) printed escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


class _StandardError(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each record to the standard error of the moment it is logged (as logging's last
    resort does), not the one configure() saw: a caller that swapped sys.stderr and closed its
    replacement (a test's capture, an embedding program) leaves no handler writing to a closed
    stream, which logging reports as "--- Logging error ---" on whatever stderr is left."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _: Any) -> None:
        """StreamHandler's constructor sets a stream; the one used is always sys.stderr's."""


def configure(verbose: bool, log_format: str) -> None:
    """Send vodops's logs to standard error: API calls at INFO with --verbose, warnings always."""
    handler = _StandardError()
    handler.setFormatter(JsonFormatter() if log_format == "json" else _TextFormatter("%(message)s"))
    LOGGER.handlers[:] = [handler]
    LOGGER.setLevel(logging.INFO if verbose else logging.WARNING)
    LOGGER.propagate = False
