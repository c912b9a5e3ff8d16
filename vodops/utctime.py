"""UTC times as the live API writes them: `2019-01-08T10:00:00Z` (api.json: "使用 UTC 格式时间")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

FORMAT = "%Y-%m-%dT%H:%M:%SZ"
PATTERN = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
# ISO 8601 with a zone, as VOD takes it (a Media's ExpireTime: "2026-12-01T08:00:00+08:00").
_ZONED = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(?:Z|([+-])(\d\d):(\d\d))")


def epoch(value: Any) -> float | None:
    """`value` (a UTC time, or any ISO 8601 time with a zone) as seconds since the epoch, or None
    when it is not such a time: not in that form, or no real moment (a 30 February, a 25th hour,
    an offset of a day or more)."""
    found = _ZONED.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    whole, fraction, sign, hours, minutes = found.groups()
    try:
        moment = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    if int(hours or 0) > 23 or int(minutes or 0) > 59:
        return None  # no zone is a day or more from UTC
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return (moment - (offset if sign == "+" else -offset)).timestamp() + float(fraction or 0)


def utc_text(seconds: float) -> str:
    """Seconds since the epoch as a UTC time the API takes."""
    return datetime.fromtimestamp(int(seconds), timezone.utc).strftime(FORMAT)


def unreal_times(times: dict[str, str | None]) -> Iterator[tuple[tuple[str], str]]:
    """(field, why) for each time written in its pattern that is no real moment (`epoch` says
    None), by field name; None values are not written."""
    for name, value in times.items():
        if value is not None and epoch(value) is None:
            yield (
                (name,),
                f"{value!r} is not a real time (the date, the hour or the zone offset is out of range)",
            )
