"""The parts of media answers vodops relies on, checked where they enter (as cloud/answers.py
does for templates): a MediaInfo's BasicInfo, and the strings an upload or a pull answers with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.errors import AnswerError


def basic_info(media: Mapping[str, Any]) -> dict[str, Any]:
    """A MediaInfo's BasicInfo, with a SourceInfo object (absent: empty)."""
    basic = media.get("BasicInfo")
    if not isinstance(basic, dict):
        raise AnswerError("SearchMedia", f"a MediaInfo has no BasicInfo object: {_shown(media)}")
    if not isinstance(basic.get("SourceInfo") or {}, dict):
        raise AnswerError("SearchMedia", f"a BasicInfo's SourceInfo is not an object: {_shown(basic)}")
    return {**basic, "SourceInfo": basic.get("SourceInfo") or {}}


def text(action: str, reply: Mapping[str, Any], key: str) -> str:
    """A non-empty string the answer must carry (a FileId, a TaskId, a session key)."""
    value = reply.get(key)
    if not isinstance(value, str) or not value:
        raise AnswerError(action, f"the answer's {key} is not a non-empty string: {_shown(value)}")
    return value


def record(action: str, reply: Mapping[str, Any], key: str) -> dict[str, Any]:
    """An object the answer must carry (TempCertificate, PullUploadTask)."""
    value = reply.get(key)
    if not isinstance(value, dict):
        raise AnswerError(action, f"the answer's {key} is not an object: {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."
