"""Application-wide settings, one of each per application, that exist from the start and are only
ever modified: the event notification config and the default distribution config.

Defaults (before any Modify): events are pushed (`PUSH`) to no address, every event switch OFF;
distribution is over HTTP on the application's own domain, `<AppId or SubAppId>.vod2.myqcloud.com`
(its only domain: the emulator has no domain management), with a play key derived from the id.
A Modify changes what it names and keeps the rest; `NotificationUrl: ""` clears the address, and
an empty `Domain` keeps the domain (api.json). The event `SignKey` is accepted and kept, and never
shown: Describe does not return it.
"""

from __future__ import annotations

import hashlib

from ..faults import ApiFault
from ..schema import Params
from ..shapes import settings as shapes
from .base import Action, Context, Reply

EVENTS = "event_config"
DISTRIBUTION = "distribution_config"
_KEY = "config"
_ACCOUNT_APP_ID = 1_250_000_000  # the AppId the default application's domain is named after


def describe_events(ctx: Context, _: Params) -> Reply:
    """DescribeEventConfig: the app's event notification config (Mode, NotificationUrl and the event
    switches; never SignKey)."""
    doc = _events(ctx)
    return {name: doc[name] for name in shapes.EVENT_FIELDS}


def modify_events(ctx: Context, params: Params) -> Reply:
    """ModifyEventConfig: the given members of the app's event config (SignKey kept, not shown);
    answers {}."""
    doc = _events(ctx)
    doc.update({name: params[name] for name in (*shapes.EVENT_FIELDS, "SignKey") if name in params})
    ctx.tx.put(EVENTS, ctx.app, _KEY, doc)
    return {}


def describe_distribution(ctx: Context, _: Params) -> Reply:
    """DescribeDefaultDistributionConfig: the app's domain (as DomainName and Domain), Scheme and
    PlayKey."""
    doc = _distribution(ctx)
    return {
        "DomainName": doc["Domain"],
        "Domain": doc["Domain"],
        "Scheme": doc["Scheme"],
        "PlayKey": doc["PlayKey"],
    }


def modify_distribution(ctx: Context, params: Params) -> Reply:
    """ModifyDefaultDistributionConfig: the app's Scheme and PlayKey, those given; answers {}.
    Raises ApiFault InvalidParameterValue.DomainName when Domain is not the app's own domain."""
    doc = _distribution(ctx)
    domain, own = params.get("Domain", ""), default_domain(ctx.app)
    if domain and domain != own:
        raise ApiFault(
            "InvalidParameterValue.DomainName",
            f"Domain {domain!r} is not a domain of this application (its domain is {own}).",
        )
    doc.update({name: params[name] for name in ("Scheme", "PlayKey") if name in params})
    ctx.tx.put(DISTRIBUTION, ctx.app, _KEY, doc)
    return {}


def default_domain(app: int) -> str:
    """The domain an application is served on from the start."""
    return f"{app or _ACCOUNT_APP_ID}.vod2.myqcloud.com"


def _events(ctx: Context) -> Params:
    doc = ctx.tx.get(EVENTS, ctx.app, _KEY)
    if doc is not None:
        return doc
    switches = dict.fromkeys(shapes.EVENT_FIELDS[2:], "OFF")
    return {"Mode": "PUSH", "NotificationUrl": "", **switches}


def _distribution(ctx: Context) -> Params:
    doc = ctx.tx.get(DISTRIBUTION, ctx.app, _KEY)
    if doc is not None:
        return doc
    play_key = hashlib.sha256(f"play-key-{ctx.app}".encode()).hexdigest()[:16]
    return {"Domain": default_domain(ctx.app), "Scheme": "HTTP", "PlayKey": play_key}


ACTIONS = {
    "DescribeEventConfig": Action(shapes.DESCRIBE_EVENTS, describe_events),
    "ModifyEventConfig": Action(shapes.MODIFY_EVENTS, modify_events),
    "DescribeDefaultDistributionConfig": Action(shapes.DESCRIBE_DISTRIBUTION, describe_distribution),
    "ModifyDefaultDistributionConfig": Action(shapes.MODIFY_DISTRIBUTION, modify_distribution),
}
