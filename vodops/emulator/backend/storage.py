"""Storage regions of an application: which are opened and which is the default.

A new application has storage opened in Chongqing, its default, unless CreateSubAppId named
another StorageRegion. Regions are opened by CreateStorageRegion (opening one that is open
changes nothing) and never closed; ModifyDefaultStorageRegion picks among the opened ones.
"""

from __future__ import annotations

from ..faults import ApiFault
from ..schema import Params
from ..shapes import storage as shapes
from ..store import Tx
from .base import Action, Context, Reply

KIND = "storage"
_KEY = "regions"


def opened(tx: Tx, app: int) -> list[str]:
    """The regions `app` has opened, in the order they were opened."""
    return list(_regions(tx, app)["Opened"])


def open_first(tx: Tx, app: int, region: str) -> None:
    """Set up a new application's storage in `region`, its default."""
    tx.put(KIND, app, _KEY, {"Opened": [region], "Default": region})


def create(ctx: Context, params: Params) -> Reply:
    """CreateStorageRegion: opens storage in StorageRegion (an open one stays as it is); answers {}.
    Raises ApiFault InvalidParameterValue.StorageRegion for a region VOD does not have."""
    region = _known(params["StorageRegion"])
    doc = _regions(ctx.tx, ctx.app)
    if region not in doc["Opened"]:
        doc["Opened"].append(region)
        ctx.tx.put(KIND, ctx.app, _KEY, doc)
    return {}


def modify_default(ctx: Context, params: Params) -> Reply:
    """ModifyDefaultStorageRegion: makes the opened StorageRegion the default; answers {}. Raises
    ApiFault InvalidParameterValue.StorageRegion (unknown), ResourceNotFound (not opened)."""
    region = _known(params["StorageRegion"])
    doc = _regions(ctx.tx, ctx.app)
    if region not in doc["Opened"]:
        raise ApiFault(
            "ResourceNotFound", f"Storage is not opened in {region}; open it with CreateStorageRegion first."
        )
    doc["Default"] = region
    ctx.tx.put(KIND, ctx.app, _KEY, doc)
    return {}


def describe(ctx: Context, _: Params) -> Reply:
    """DescribeStorageRegions: every VOD storage region, opened or unopened, with which is the
    default; answers {StorageRegionInfos}."""
    doc = _regions(ctx.tx, ctx.app)
    return {"StorageRegionInfos": [_show(region, doc) for region in shapes.REGIONS]}


def _known(region: str) -> str:
    if region not in shapes.REGIONS:
        raise ApiFault(
            "InvalidParameterValue.StorageRegion", f"StorageRegion {region!r} is not a storage region of VOD."
        )
    return region


def _regions(tx: Tx, app: int) -> Params:
    doc = tx.get(KIND, app, _KEY)
    return doc if doc is not None else {"Opened": [shapes.FIRST_REGION], "Default": shapes.FIRST_REGION}


def _show(region: str, doc: Params) -> Reply:
    description, area = shapes.REGIONS[region]
    return {
        "Region": region,
        "Description": description,
        "Status": "opened" if region in doc["Opened"] else "unopened",
        "IsDefault": region == doc["Default"],
        "Area": area,
    }


ACTIONS = {
    "DescribeStorageRegions": Action(shapes.DESCRIBE, describe),
    "CreateStorageRegion": Action(shapes.CREATE, create),
    "ModifyDefaultStorageRegion": Action(shapes.MODIFY_DEFAULT, modify_default),
}
