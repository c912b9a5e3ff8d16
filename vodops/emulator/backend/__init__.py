"""The cloud's actions, one module per kind; `ACTIONS` maps each action name to its request
shape and the function that performs it."""

from __future__ import annotations

from . import apps, classes, procedures, processing, transcode, watermark
from .base import Action, Context

ACTIONS: dict[str, Action] = {
    **transcode.ACTIONS,
    **watermark.ACTIONS,
    **classes.ACTIONS,
    **procedures.ACTIONS,
    **apps.ACTIONS,
    **processing.ACTIONS,
}

__all__ = ["ACTIONS", "Action", "Context", "apps"]
