"""What every action's request shares: SubAppId, and the paging of the Describe actions."""

from __future__ import annotations

from ..checks import between, length
from ..schema import Field, Rule, Struct, array, int64, string, uint64

SUB_APP_ID = uint64(
    "SubAppId", code="InvalidParameterValue.SubAppId", type_code="InvalidParameterValue.SubAppId"
)
OFFSET = uint64("Offset")
LIMIT = uint64("Limit", between(0, 100), code="InvalidParameterValue.Limit")
DEFINITIONS = array("Definitions", "int", max_items=100, code="InvalidParameterValue.Definitions")
NAME = string("Name", length(0, 64), code="InvalidParameterValue.Name")
COMMENT = string("Comment", length(0, 256), code="InvalidParameterValue.Comment")


def request(action: str, *fields: Field, rules: tuple[Rule, ...] = ()) -> Struct:
    """The request struct of `action`: its own fields, then the SubAppId every action takes."""
    return Struct(f"{action}Request", (*fields, SUB_APP_ID), rules)


def definition(required: bool = True) -> Field:
    """The Definition member (int64) of a template's Modify, Delete or Describe request."""
    return int64("Definition", required=required, code="InvalidParameterValue.Definition")
