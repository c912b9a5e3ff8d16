"""MediaClass's spec: a node of the media class (category) tree, named by its path; its
declaration is vodops.kinds.media_class."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from pydantic import Field

from vodops.resources.base import Spec


class MediaClassSpec(Spec):
    """A class has no API fields besides its name and parent, which its path gives."""

    authoritative: bool = Field(
        default=False,
        description=(
            "vodops owns this class's subtree: live subclasses that no manifest declares are deleted"
        ),
    )
