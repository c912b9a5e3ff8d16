"""Applications (sub-applications): the requests of CreateSubAppId, DescribeSubAppIds,
ModifySubAppIdInfo and ModifySubAppIdStatus (api.json 2018-07-17). Create and Describe take no
SubAppId; the two Modify actions require one."""

from __future__ import annotations

from ..checks import between, length, one_of
from ..schema import Struct, array, string, uint64
from .common import OFFSET

_CODE = "InvalidParameterValue."
# CreateSubAppId's own error codes name only Name and Description (tencentcloud-sdk-go's list for
# the action): a Type or Mode outside its choices gets the common code.
_VALUE = "InvalidParameterValue"
TYPES = ("AllInOne", "Professional")  # CreateSubAppId Type; AllInOne when left out
MODES = ("fileid", "fileid+path")  # CreateSubAppId Mode; fileid when left out
TAG = Struct("ResourceTag", (string("TagKey", required=True), string("TagValue", required=True)))
NAME = string("Name", length(1, 40), code=_CODE + "Name")
DESCRIPTION = string("Description", length(0, 300), code=_CODE + "Description")
CREATE = Struct(
    "CreateSubAppIdRequest",
    (
        string("Name", length(1, 40), required=True, code=_CODE + "Name"),
        DESCRIPTION,
        string("Type", one_of(*TYPES), code=_VALUE),
        string("Mode", one_of(*MODES), code=_VALUE),
        string("StorageRegion"),
        array("Tags", TAG),
    ),
)
DESCRIBE = Struct(
    "DescribeSubAppIdsRequest",
    (string("Name"), array("Tags", TAG), OFFSET, uint64("Limit", between(0, 200), code=_CODE + "Limit")),
)
_SUB_APP_ID = uint64("SubAppId", required=True, code=_CODE + "SubAppId", type_code=_CODE + "SubAppId")
MODIFY_INFO = Struct("ModifySubAppIdInfoRequest", (_SUB_APP_ID, NAME, DESCRIPTION))
STATUSES = ("On", "Off", "Destroyed")
MODIFY_STATUS = Struct(
    "ModifySubAppIdStatusRequest",
    (_SUB_APP_ID, string("Status", one_of(*STATUSES), required=True, code="InvalidParameterValue")),
)
