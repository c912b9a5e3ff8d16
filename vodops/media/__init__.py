"""Getting media into VOD and finding it again: the machinery under the Media kind.

`marker` writes and reads the identity vodops keeps in a media file's SourceContext; `search`
finds the stack's media by it; `upload` puts a local file in (ApplyUpload -> COS -> CommitUpload,
resumable); `pull` has VOD pull a URL (PullUpload, then DescribeTaskDetail to the FileId).
Each takes a `Call`: one API call with the target's SubAppId (VodApi.call_app).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Call = Callable[[str, Mapping[str, Any]], dict[str, Any]]
