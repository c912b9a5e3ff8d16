"""Applications (sub-applications): the CreateSubAppId request. It takes no SubAppId itself."""

from __future__ import annotations

from ..checks import length, one_of
from ..schema import Struct, array, string

_CODE = "InvalidParameterValue."
TAG = Struct("ResourceTag", (string("TagKey", required=True), string("TagValue", required=True)))
CREATE = Struct(
    "CreateSubAppIdRequest",
    (
        string("Name", length(1, 40), required=True, code=_CODE + "Name"),
        string("Description", length(0, 300), code=_CODE + "Description"),
        string("Type", one_of("AllInOne", "Professional"), code=_CODE + "Type"),
        string("Mode", one_of("fileid", "fileid+path"), code=_CODE + "Mode"),
        string("StorageRegion"),
        array("Tags", TAG),
    ),
)
