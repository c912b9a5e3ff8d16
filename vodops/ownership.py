"""The ownership marker vodops writes at the end of a resource's Comment.

`[vodops:<stack>=<applied>]`, `[vodops:<stack>/<name>=<applied>]` for a kind whose objects have no
name field of their own (a live pull-stream task: the marker is where its manifest name lives), or
`[vodops:<stack>#<digest>@<where>=<applied>]` when the resource has a write-only input (a relay's
members the API never returns have a digest too, vodops/plan/writeonly.py). `applied` (8 hex
digits) is a digest of the spec vodops last wrote, in the normalized form a diff compares
(vodops/drift/record.py): what vodops last made the object travels with it, so a live object
whose digest differs was changed outside vodops, and manifests whose digest differs were changed
in git. Markers written before it existed (`[vodops:<stack>]`, `[vodops:<stack>#<digest>@<where>]`)
still read, with no record of what was applied.

The write-only input is a watermark's image, the one input of the four kinds that Describe never
returns (checked against tccli's api.json: every other Create* request member comes back in
Describe*). `digest`
is the image content's sha256 (12 hex digits), so a changed local file shows up in a plan; `where`
is a tag of the ImageUrl the API gave that content (8 hex digits), so a change made outside vodops
(a new image uploaded in the console gets a new ImageUrl) shows up too, without downloading any
image whose URL has not moved. The marker is stripped before diffing: users see their own comment.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

COMMENT_LIMIT = 256
STACK_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
DIGEST_LENGTH = 12
URL_TAG_LENGTH = 8
APPLIED_LENGTH = 8
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # a name a marker can carry
_MARKER = re.compile(
    r"(?:^|\s)\[vodops:(?P<stack>[A-Za-z0-9][A-Za-z0-9_.-]{0,31})"
    r"(?:/(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]{0,63}))?"
    r"(?:#(?P<digest>[0-9a-f]{12})(?:@(?P<url>[0-9a-f]{8}))?)?(?:=(?P<applied>[0-9a-f]{8}))?\]$"
)


@dataclass(frozen=True)
class Owner:
    """What the ownership marker vodops writes into an object's comment field says: the stack
    that owns it and the digests that tell whether it moved since vodops wrote it."""

    stack: str
    digest: str | None = None  # of the write-only content (a watermark image), when there is one
    url_tag: str | None = None  # of the ImageUrl the API gave that content, once vodops has read it
    applied: str | None = None  # digest of the spec vodops last wrote; None from older vodops
    name: str | None = None  # the manifest name, for kinds whose objects have no name field


def content_digest(content: bytes) -> str:
    """The first 12 hex digits of `content`'s sha256."""
    return hashlib.sha256(content).hexdigest()[:DIGEST_LENGTH]


def values_digest(values: Mapping[str, Any]) -> str | None:
    """A digest of request values the API never returns (a relay's toUrl, extraCmd, ...), as
    sorted JSON; None when there are none."""
    if not values:
        return None
    return content_digest(json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def url_tag(url: str) -> str:
    """A short tag of a URL the API returned (a watermark's ImageUrl), to tell when it moved."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:URL_TAG_LENGTH]


def marker(owner: Owner) -> str:
    """The marker text for `owner`: `[vodops:<stack>/<name>#<digest>@<url_tag>=<applied>]`, each
    optional part only when set (the url tag only with a digest)."""
    digest = f"#{owner.digest}" if owner.digest else ""
    where = f"@{owner.url_tag}" if owner.digest and owner.url_tag else ""
    applied = f"={owner.applied}" if owner.applied else ""
    name = f"/{owner.name}" if owner.name else ""
    return f"[vodops:{owner.stack}{name}{digest}{where}{applied}]"


def with_marker(comment: str, owner: Owner) -> str:
    """`comment` followed by one space and `owner`'s marker (the marker alone when `comment` is
    empty)."""
    return f"{comment} {marker(owner)}" if comment else marker(owner)


def split_comment(comment: str) -> tuple[str, Owner | None]:
    """The user's comment and the owner recorded in it, if any."""
    found = _MARKER.search(comment)
    if not found:
        return comment, None
    # The match starts at the one space with_marker put before the marker: what precedes it is
    # the user's comment exactly, trailing white space included.
    owner = Owner(found["stack"], found["digest"], found["url"], found["applied"], found["name"])
    return comment[: found.start()], owner


@functools.cache  # asked once per declared object
def comment_room(stack: str, with_digest: bool) -> int:
    """How many characters of the user's own comment fit beside the marker."""
    return COMMENT_LIMIT - len(marker(widest_owner(stack, with_digest))) - 1


def widest_named_owner(stack: str, name: str) -> Owner:
    """The longest marker vodops writes for an object whose name is in its marker (a relay):
    the name, the digest of its write-only members and the applied digest."""
    return Owner(stack, "0" * DIGEST_LENGTH, applied="0" * APPLIED_LENGTH, name=name)


def fit_bytes(comment: str, owner: Owner, limit: int) -> str:
    """The longest start of `comment` that fits in `limit` UTF-8 bytes with `owner`'s marker
    (never cutting a character in two)."""
    room = max(limit - len(with_marker("", owner).encode("utf-8")) - 1, 0)
    return comment.encode("utf-8")[:room].decode("utf-8", "ignore")


def widest_owner(stack: str, with_digest: bool) -> Owner:
    """The longest marker vodops writes for `stack`: every digest present."""
    applied = "0" * APPLIED_LENGTH
    if with_digest:
        return Owner(stack, "0" * DIGEST_LENGTH, "0" * URL_TAG_LENGTH, applied)
    return Owner(stack, applied=applied)
