"""MediaClass: a node of the media class (category) tree, named by its path."""

from __future__ import annotations

from pydantic import Field

from vodops.resources.base import Spec

MAX_DEPTH = 4


class MediaClassSpec(Spec):
    """A class has no API fields besides its name and parent, which its path gives."""

    authoritative: bool = Field(
        default=False,
        description=(
            "vodops owns this class's subtree: live subclasses that no manifest declares are deleted"
        ),
    )
