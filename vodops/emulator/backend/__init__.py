"""The cloud's actions, one module per kind; `ACTIONS` maps each VOD action name to its request
shape and the function that performs it, `LIVE_ACTIONS` each live API 2018-08-01 action;
`RENDERERS` render the stored documents whose Describe pages the store keeps rendered."""

from __future__ import annotations

from ..database import Renderers
from . import (
    apps,
    classes,
    live,
    media,
    players,
    procedures,
    processing,
    settings,
    storage,
    transcode,
    uploads,
    watermark,
)
from .base import Action, Context

ACTIONS: dict[str, Action] = {
    **transcode.ACTIONS,
    **watermark.ACTIONS,
    **classes.ACTIONS,
    **procedures.ACTIONS,
    **apps.ACTIONS,
    **processing.ACTIONS,
    **settings.ACTIONS,
    **storage.ACTIONS,
    **players.ACTIONS,
    **media.ACTIONS,
    **uploads.ACTIONS,
}

LIVE_ACTIONS: dict[str, Action] = live.ACTIONS

RENDERERS: Renderers = {
    **transcode.RENDERERS,
    **watermark.RENDERERS,
    **processing.RENDERERS,
    **procedures.RENDERERS,
    **players.RENDERERS,
}

__all__ = ["ACTIONS", "LIVE_ACTIONS", "RENDERERS", "Action", "Context", "apps"]
