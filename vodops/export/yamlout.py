"""Manifest documents to YAML text that every reader takes the same way.

vodops reads YAML 1.2 scalars, but editors, linters and CI tools often read YAML 1.1, where `ON`,
`OFF`, `yes` and `y` are booleans and `0xFFFFFF` is a number. Any string one of the two would
take for something else is written double-quoted, so every tool sees the string the API holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

_STR_TAG = "tag:yaml.org,2002:str"
# PyYAML leaves its resolver untyped; this is the one method used.
_resolve_11: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve
_YAML12 = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9A-Fa-f]+"  # integers
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"  # decimals
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|"
)
_YAML11_SHORT_BOOLEANS = frozenset({"y", "Y", "n", "N"})  # in the 1.1 spec; PyYAML leaves them out
_WIDTH = 1 << 16  # never fold a long value over lines: one value, one line in a diff


def misread(text: str) -> bool:
    """Whether a YAML 1.1 or 1.2 reader would take `text`, written plain, for a non-string."""
    as_11 = _resolve_11(yaml.ScalarNode, text, (True, False))
    return as_11 != _STR_TAG or _YAML12.fullmatch(text) is not None or text in _YAML11_SHORT_BOOLEANS


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as Kubernetes-style manifests are usually written.
        super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR_TAG, text, style='"' if misread(text) else None)


_Dumper.add_representer(str, _string)


def dump_documents(documents: Iterable[dict[str, Any]]) -> str:
    """Each document after its own `---`, keys in the order given."""
    text: str = yaml.dump_all(
        documents,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        explicit_start=True,
        width=_WIDTH,
    )
    return text
