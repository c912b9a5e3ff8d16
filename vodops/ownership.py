"""The ownership marker vodops writes at the end of a resource's Comment.

`[vodops:<stack>]`, or `[vodops:<stack>#<digest>]` when the resource has write-only inputs (a
watermark's image) whose content the API never returns: the digest is how a later plan knows
whether the image changed. The marker is stripped before diffing, so users see their own comment.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

COMMENT_LIMIT = 256
STACK_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_MARKER = re.compile(
    r"(?:^|\s)\[vodops:(?P<stack>[A-Za-z0-9][A-Za-z0-9_.-]{0,31})(?:#(?P<digest>[0-9a-f]{12}))?\]$"
)
DIGEST_LENGTH = 12


@dataclass(frozen=True)
class Owner:
    stack: str
    digest: str | None = None


def content_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:DIGEST_LENGTH]


def marker(owner: Owner) -> str:
    digest = f"#{owner.digest}" if owner.digest else ""
    return f"[vodops:{owner.stack}{digest}]"


def with_marker(comment: str, owner: Owner) -> str:
    return f"{comment} {marker(owner)}" if comment else marker(owner)


def split_comment(comment: str) -> tuple[str, Owner | None]:
    """The user's comment and the owner recorded in it, if any."""
    found = _MARKER.search(comment)
    if not found:
        return comment, None
    # The match starts at the one space with_marker put before the marker: what precedes it is
    # the user's comment exactly, trailing white space included.
    return comment[: found.start()], Owner(found["stack"], found["digest"])


def comment_room(stack: str, with_digest: bool) -> int:
    """How many characters of the user's own comment fit beside the marker."""
    digest = "0" * DIGEST_LENGTH if with_digest else None
    return COMMENT_LIMIT - len(marker(Owner(stack, digest))) - 1
