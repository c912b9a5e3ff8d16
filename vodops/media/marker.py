"""The identity vodops gives the media it makes, in the media's SourceContext.

`[vodops:<stack>] sha256=<64 hex> region=<storage region> procedure=<procedure> name=<name>` for
a file; `url-sha256=<64 hex>` (of the URL) for a pull. Region and procedure are the ones asked for
at creation ("" for none): the API never shows which procedure ran, and shows the storage region
the account chose when none was asked for; both can only change by uploading again.
SourceContext is set at creation by ApplyUpload and PullUpload (≤ 250 characters), returned in
every MediaBasicInfo.SourceInfo, and no API call can change it afterwards
(reference media-upload.md §6), so it survives renames in the console and needs no state file.
The content digest tells a changed file (a replace) from the same one (nothing to do).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_CONTEXT_LIMIT = 250  # characters (api.json, ApplyUpload and PullUpload)
_PATTERN = re.compile(
    r"^\[vodops:(?P<stack>[A-Za-z0-9][A-Za-z0-9_.-]{0,31})\] "
    r"(?P<source>sha256|url-sha256)=(?P<digest>[0-9a-f]{64}) region=(?P<region>[a-z0-9-]*) "
    r"procedure=(?P<procedure>.*?) name=(?P<name>.+)$",
    re.DOTALL,
)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class MediaMarker:
    """Who made a media file (`stack`), as which Media (`name`), from what: `digest` is the
    SHA-256 of the file's content, or of the URL for a pull (`from_url`)."""

    stack: str
    name: str
    digest: str
    from_url: bool = False
    region: str = ""
    procedure: str = ""

    def text(self) -> str:
        """The marker as SourceContext holds it: `[vodops:<stack>] sha256=<digest> region=<r>
        procedure=<p> name=<name>` (url-sha256 for a pull)."""
        source = "url-sha256" if self.from_url else "sha256"
        where = f"region={self.region} procedure={self.procedure}"
        return f"[vodops:{self.stack}] {source}={self.digest} {where} name={self.name}"


def parse(source_context: str) -> MediaMarker | None:
    """The marker a SourceContext holds, or None when vodops did not write it."""
    found = _PATTERN.match(source_context)
    if found is None:
        return None
    from_url = found["source"] == "url-sha256"
    return MediaMarker(
        found["stack"], found["name"], found["digest"], from_url, found["region"], found["procedure"]
    )


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content (hex), read a MiB at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def url_digest(url: str) -> str:
    """SHA-256 of a pull's URL (hex), which stands for its content in the marker."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def room_for_name(stack: str, region: str, procedure: str) -> int:
    """How many characters a Media name may have so that its marker fits SourceContext."""
    longest = MediaMarker(stack, "", "0" * 64, True, region, procedure)
    return SOURCE_CONTEXT_LIMIT - len(longest.text())
