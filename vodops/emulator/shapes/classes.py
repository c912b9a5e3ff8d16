"""Media classes: the CreateClass/DescribeAllClass/ModifyClass/DeleteClass requests."""

from __future__ import annotations

from ..checks import between, length
from ..schema import int64, string, uint64
from .common import request

_CLASS_ID = "InvalidParameterValue.ClassId"
CLASS_NAME = string("ClassName", length(1, 64), required=True, code="InvalidParameterValue.ClassName")

CREATE = request(
    "CreateClass",
    int64("ParentId", between(-1, 2**63 - 1), required=True, code="InvalidParameterValue.ParentId"),
    CLASS_NAME,
)
DESCRIBE = request("DescribeAllClass")
# The spec types ClassId uint64 for Modify and int64 for Delete; both are kept as they are.
MODIFY = request("ModifyClass", uint64("ClassId", required=True, code=_CLASS_ID), CLASS_NAME)
DELETE = request("DeleteClass", int64("ClassId", required=True, code=_CLASS_ID))
