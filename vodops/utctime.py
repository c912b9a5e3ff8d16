"""UTC times as the live API writes them: `2019-01-08T10:00:00Z` (api.json: "使用 UTC 格式时间")."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

FORMAT = "%Y-%m-%dT%H:%M:%SZ"
PATTERN = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


def epoch(value: Any) -> float | None:
    """`value` as seconds since the epoch, or None when it is not such a UTC time."""
    if not isinstance(value, str) or not re.fullmatch(PATTERN, value):
        return None
    try:
        return datetime.strptime(value, FORMAT).replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def utc_text(seconds: float) -> str:
    """Seconds since the epoch as a UTC time the API takes."""
    return datetime.fromtimestamp(int(seconds), timezone.utc).strftime(FORMAT)
