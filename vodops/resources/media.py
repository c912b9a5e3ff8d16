"""Media: a media file in VOD, from a local file (ApplyUpload -> COS -> CommitUpload) or a URL
(PullUpload): its spec model. The kind's declaration is vodops.kinds.media.

Its identity is a marker in SourceContext (vodops/media/marker.py), not a Comment: the kind reads
its listing itself (`read`), finds it by search (`list_all`), makes it by upload or pull (`make`)
and changes it with ModifyMediaInfo (`modify`). What the API can change in place (name,
description, class, expiry, cover, tags) is an update; the content, the storage region and the
procedure (which runs once, at upload) are replaced: upload the new, then delete the old. Media
are never deleted unless the project lists Media in `safety.deleteKinds`, and then each delete
must be named with --allow-delete (or --force).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field

from vodops.resources import MEDIA_CLASS, PROCEDURE
from vodops.resources.base import Path, RefTo, Spec, listed_twice
from vodops.utctime import unreal_times

MEDIA_TYPE = r"^[A-Za-z0-9]{1,10}$"  # ApplyUpload's and PullUpload's MediaType: a file extension
Tag = Annotated[str, Field(min_length=1, max_length=32)]


class MediaSource(Spec):
    """Where a media's content comes from: exactly one of a local file (uploaded) or a URL (PullUpload)."""

    file: str | None = Field(
        default=None, description="a file relative to the manifest, inside the manifest directory"
    )
    url: str | None = Field(
        default=None,
        pattern=r"^https?://\S*[^\s!]$",
        description="an http or https URL that VOD pulls (PullUpload)",
    )

    def problems(self) -> Iterator[tuple[Path, str]]:
        """((), message) unless exactly one of file and url is written."""
        if (self.file is None) == (self.url is None):
            yield (), "write exactly one of file and url"

    def media_type(self) -> tuple[str, str]:
        """(the member written, the extension of its file name: '' when it has none)."""
        if self.file is not None:
            return "file", extension(PurePosixPath(self.file).name)
        return "url", extension(urlsplit(self.url or "").path.rsplit("/", 1)[-1])


def extension(name: str) -> str:
    """What follows the last dot of a file name, lowered ('' when there is none)."""
    return name.rpartition(".")[2].lower() if "." in name.strip(".") else ""


class MediaCover(Spec):
    """A media's cover image (ModifyMediaInfo's CoverData), from a local file."""

    file: str = Field(description="a PNG, JPEG or GIF file relative to the manifest (at most 7 MB)")


class MediaSpec(Spec):
    """A media file in VOD: its source, and what ModifyMediaInfo can change (class, cover, description, tags,
    expiry); procedure, storageRegion and mediaType are told at upload."""

    source: MediaSource
    cover: MediaCover | None = None
    media_class: Annotated[str | None, RefTo(MEDIA_CLASS)] = Field(
        default=None, description="a declared MediaClass, by path (default: the system class)"
    )
    procedure: Annotated[str | None, RefTo(PROCEDURE)] = Field(
        default=None, description="a declared Procedure, by name; it runs once, when the media is made"
    )
    description: str | None = Field(default=None, max_length=128)
    tags: Annotated[list[Tag], Field(max_length=16)] | None = None
    storage_region: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,4}-[a-z]+(-\d+)?$",
        description="where VOD stores it (default: the account's)",
    )
    expire_time: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
        description="ISO 8601; VOD deletes the media then (default: never)",
    )

    media_type: str | None = Field(
        default=None,
        pattern=MEDIA_TYPE,
        description="the file's type, as an extension (mp4, m3u8, mp3, ...), told to VOD at upload "
        "(default: the extension of source.file or of source.url's path)",
    )

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: the
        source's, a media type its extension cannot tell, an expireTime that is no real time, tags listed
        twice."""
        source = list(self.source.problems())
        for path, message in source:
            yield ("source", *path), message
        member, found = self.source.media_type()
        if not source and self.media_type is None and not re.fullmatch(MEDIA_TYPE, found):
            told = f"its extension {found!r} does not tell" if found else "it has no extension to tell"
            yield ("source", member), f"{told} the media type (letters and digits, ≤ 10): write mediaType"
        yield from unreal_times({"expireTime": self.expire_time})
        yield from listed_twice(("tags",), self.tags or [])  # VOD keeps a media's tags as a set
