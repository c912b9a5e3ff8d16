"""Applications: which SubAppIds the account has. A request naming any other is refused.

The account's default application (SubAppId 0, or none given) always exists. Others exist once
created: by CreateSubAppId, by `Emulator(sub_apps=...)` / `serve --sub-app-id`, or by the admin
call `POST /_emulator/apps`. They are kept in the store, so they survive re-opening and snapshots.
"""

from __future__ import annotations

from ..faults import ApiFault
from ..schema import Params
from ..shapes import apps as shapes
from ..store import Tx
from .base import Action, Context, Reply

KIND = "app"
DEFAULT_APP = 0
FIRST_ID = 1_500_000_001  # the shape of the ids the console shows


def exists(tx: Tx, sub_app_id: int) -> bool:
    return sub_app_id == DEFAULT_APP or tx.get(KIND, DEFAULT_APP, str(sub_app_id)) is not None


def require(ctx: Context) -> None:
    """Refuse a request for an application the account does not have, as the cloud does."""
    if not exists(ctx.tx, ctx.app):
        raise ApiFault(
            "FailedOperation.InvalidVodUser",
            f"SubAppId {ctx.app} is not an application of this account (or VOD is not enabled for it).",
        )


def add(tx: Tx, sub_app_id: int, name: str = "") -> None:
    """Make `sub_app_id` exist; adding one that exists changes nothing."""
    if not exists(tx, sub_app_id):
        tx.put(KIND, DEFAULT_APP, str(sub_app_id), {"SubAppId": sub_app_id, "Name": name})


def listed(tx: Tx) -> list[int]:
    """Every application besides the default one, in the order they were added."""
    return [int(doc["SubAppId"]) for doc in tx.scan(KIND, DEFAULT_APP)]


def create(ctx: Context, params: Params) -> Reply:
    if params.get("Mode") == "fileid+path" and not params.get("StorageRegion"):
        raise ApiFault("MissingParameter", "StorageRegion is required when Mode is fileid+path.")
    sub_app_id = ctx.tx.next_id(KIND, FIRST_ID)
    add(ctx.tx, sub_app_id, params["Name"])
    return {"SubAppId": sub_app_id}


ACTIONS = {"CreateSubAppId": Action(shapes.CREATE, create)}
