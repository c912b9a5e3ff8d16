"""Applications: which SubAppIds the account has, with their name, description and status.

The account's default application (SubAppId 0, or none given) always exists; DescribeSubAppIds
lists the others. They exist once created: by CreateSubAppId, by `Emulator(sub_apps=...)` /
`serve --sub-app-id`, or by the admin call `POST /_emulator/apps`. They are kept in the store, so
they survive re-opening and snapshots. Applications are never deleted: ModifySubAppIdStatus turns
one Off (still served: the cloud blocks its domains and console, not its API) or Destroyed (a
destroyed application can be turned On again, so it still counts). CreateSubAppId refuses one past
MAX_APPS with LimitExceeded, counting every application; the other two ways are never refused (a
test sets up the account it needs).
"""

from __future__ import annotations

from ..faults import ApiFault
from ..schema import Params
from ..shapes import apps as shapes
from ..shapes.storage import REGIONS
from ..store import Tx
from . import storage
from .base import Action, Context, Reply, utc_time

KIND = "app"
DEFAULT_APP = 0
FIRST_ID = 1_500_000_001  # the shape of the ids the console shows
_DESCRIBE_LIMIT = 200  # DescribeSubAppIds: Limit defaults to 200, its maximum
# The most applications an account has besides the default one (times the quotaScale knob).
# CreateSubAppId documents LimitExceeded (the SDKs' list of its error codes) but no number: the
# emulator's choice is the most one DescribeSubAppIds page lists, so the whole account fits one.
MAX_APPS = _DESCRIBE_LIMIT


def exists(tx: Tx, sub_app_id: int) -> bool:
    """Whether the account has the application `sub_app_id` (the default one, 0, always)."""
    return sub_app_id == DEFAULT_APP or tx.get(KIND, DEFAULT_APP, str(sub_app_id)) is not None


def require(ctx: Context) -> None:
    """Refuse a request for an application the account does not have, as the cloud does."""
    if not exists(ctx.tx, ctx.app):
        raise ApiFault(
            "FailedOperation.InvalidVodUser",
            f"SubAppId {ctx.app} is not an application of this account (or VOD is not enabled for it).",
        )


def add(tx: Tx, sub_app_id: int, name: str = "", created: float = 0.0) -> None:
    """Make `sub_app_id` exist, On; adding one that exists changes nothing."""
    if not exists(tx, sub_app_id):
        doc = {"SubAppId": sub_app_id, "Name": name, "Description": "", "Status": "On", "Created": created}
        tx.put(KIND, DEFAULT_APP, str(sub_app_id), doc)


def listed(tx: Tx) -> list[int]:
    """Every application besides the default one, in the order they were added."""
    return [int(doc["SubAppId"]) for doc in tx.scan(KIND, DEFAULT_APP)]


def create(ctx: Context, params: Params) -> Reply:
    """CreateSubAppId: a new application, On (and its first storage region when StorageRegion is
    given); answers {SubAppId}. Raises ApiFault MissingParameter (Mode fileid+path without
    StorageRegion), InvalidParameterValue (an unknown StorageRegion), LimitExceeded (MAX_APPS
    besides the default, times quotaScale)."""
    mode, region = params.get("Mode", "fileid"), params.get("StorageRegion")
    if mode == "fileid+path" and not region:
        raise ApiFault("MissingParameter", "StorageRegion is required when Mode is fileid+path.")
    if region is not None and region not in REGIONS:
        raise ApiFault("InvalidParameterValue", f"StorageRegion {region!r} is not a storage region of VOD.")
    held, limit = len(listed(ctx.tx)), ctx.quota(MAX_APPS)
    if held >= limit:
        raise ApiFault(
            "LimitExceeded",
            f"The account has {held} applications besides the default one; the limit is {limit}.",
        )
    sub_app_id = ctx.tx.next_id(KIND, FIRST_ID)
    add(ctx.tx, sub_app_id, params["Name"], ctx.now)
    doc = _app(ctx.tx, sub_app_id)
    doc.update(Description=params.get("Description", ""), Mode=mode, Tags=params.get("Tags", []))
    ctx.tx.put(KIND, DEFAULT_APP, str(sub_app_id), doc)
    if region:
        storage.open_first(ctx.tx, sub_app_id, region)
    return {"SubAppId": sub_app_id}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeSubAppIds: the applications besides the default one, in the order they were added,
    filtered by Name and every one of Tags; answers {SubAppIdInfoSet, TotalCount} (Limit 0 or
    absent: 200)."""
    docs = ctx.tx.scan(KIND, DEFAULT_APP)
    if "Name" in params:
        docs = [doc for doc in docs if doc["Name"] == params["Name"]]
    for tag in params.get("Tags", []):
        docs = [doc for doc in docs if tag in doc.get("Tags", [])]
    offset, limit = params.get("Offset", 0), params.get("Limit") or _DESCRIBE_LIMIT
    shown = [_show(ctx.tx, doc) for doc in docs[offset : offset + limit]]
    return {"SubAppIdInfoSet": shown, "TotalCount": len(docs)}


def modify_info(ctx: Context, params: Params) -> Reply:
    """ModifySubAppIdInfo: the addressed application's Name and Description, those given; answers
    {}. Raises ApiFault InvalidParameterValue.SubAppId for the default application."""
    doc = _modifiable(ctx)
    doc.update({key: params[key] for key in ("Name", "Description") if key in params})
    ctx.tx.put(KIND, DEFAULT_APP, str(ctx.app), doc)
    return {}


def modify_status(ctx: Context, params: Params) -> Reply:
    """ModifySubAppIdStatus: the addressed application's Status (On, Off, Destroyed); answers {}.
    Raises ApiFault InvalidParameterValue.SubAppId for the default application."""
    doc = _modifiable(ctx)
    doc["Status"] = params["Status"]
    ctx.tx.put(KIND, DEFAULT_APP, str(ctx.app), doc)
    return {}


def _modifiable(ctx: Context) -> Params:
    """The stored application a Modify names: the default application cannot be modified."""
    if ctx.app == DEFAULT_APP:
        raise ApiFault("InvalidParameterValue.SubAppId", "The default application cannot be modified.")
    return _app(ctx.tx, ctx.app)


def _app(tx: Tx, sub_app_id: int) -> Params:
    doc = tx.get(KIND, DEFAULT_APP, str(sub_app_id))
    assert doc is not None, "require() admitted the request"
    return doc


def _show(tx: Tx, doc: Params) -> Reply:
    return {
        "SubAppId": doc["SubAppId"],
        "SubAppIdName": doc["Name"],
        "Name": doc["Name"],
        "Description": doc.get("Description", ""),
        "CreateTime": utc_time(doc.get("Created", 0.0)),
        "Status": doc.get("Status", "On"),
        "Mode": doc.get("Mode", "fileid"),
        "StorageRegions": storage.opened(tx, int(doc["SubAppId"])),
        "Tags": doc.get("Tags", []),
    }


ACTIONS = {
    "CreateSubAppId": Action(shapes.CREATE, create),
    "DescribeSubAppIds": Action(shapes.DESCRIBE, describe),
    "ModifySubAppIdInfo": Action(shapes.MODIFY_INFO, modify_info),
    "ModifySubAppIdStatus": Action(shapes.MODIFY_STATUS, modify_status),
}
