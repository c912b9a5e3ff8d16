"""Manifests are read from libyaml's events (vodops/manifest/yamlevents.py) unless a document has
what only the node reader handles (vodops/manifest/yamlpos.py): both must give every value, every
position and every problem alike, or a file's errors would depend on which reader took it."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from vodops.manifest import yamlpos
from vodops.manifest.yamlevents import UnusualDocumentError, read_events

WORDS = [
    "a",
    "name",
    "12",
    "-3.5e2",
    ".5",
    "+7",
    "true",
    "False",
    "null",
    "~",
    "0x1F",
    "ON",
    "é",
    "e\u0301",
    "x y",
]
KEYS = [
    "k",
    "v",
    "k",
    "é",
    "e\u0301",
    '"k"',
    "k",
    "v",
    "[x]",
    "{y: 1}",
    "&a k",
    "*a",
]  # mostly plain: duplicates
QUOTED = ['"q"', "'s'", '"a\\ud800"', '"\\udfff"', '""', "!!str 5", "! 7", "!!int 3", '"e\\u0301"']


def _flow(draw: Any, depth: int) -> str:
    choice = draw(st.integers(0, 4 if depth < 3 else 1))
    if choice == 0:
        return str(draw(st.sampled_from(WORDS)))
    if choice == 1:
        return str(draw(st.sampled_from(QUOTED)))
    if choice == 2:
        return "[" + ", ".join(_flow(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
    if choice == 3 and draw(st.booleans()):
        return f"&{draw(st.sampled_from('ab'))} " + _flow(draw, depth + 1)
    if choice == 3:
        return "*" + str(draw(st.sampled_from("ab")))
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=4))
    return "{" + ", ".join(f"{key}: {_flow(draw, depth + 1)}" for key in keys) + "}"


@st.composite
def documents(draw: Any) -> str:
    """A stream of flow documents (duplicate keys, anchors, aliases, tags, odd scalars) and block
    documents (yaml.dump's layout of generated values, for positions across lines)."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            parts.append("--- " + _flow(draw, 0) + "\n")
        else:
            value = draw(
                st.recursive(st.sampled_from([*WORDS, 1, 2.5, None, True]), _containers, max_leaves=8)
            )
            parts.append("---\n" + yaml.safe_dump(value, allow_unicode=draw(st.booleans())))
    return "".join(parts)


def _containers(children: Any) -> Any:
    return st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["k", "é", "12", "n o"]), children, max_size=3
    )


def _node_reader(text: str) -> tuple[list[Any], list[str]]:
    try:
        read = yamlpos._load(text, "f.yaml", yamlpos._FastLoader, reraise=True)
    except yaml.YAMLError:
        read = yamlpos._load(text, "f.yaml", yamlpos._Loader, reraise=False)
    return _comparable(read)


def _comparable(read: tuple[list[yamlpos.Document], list[Any]]) -> tuple[list[Any], list[str]]:
    documents, problems = read
    return [(repr(d.value), sorted(d.positions.items(), key=repr)) for d in documents], [
        str(p) for p in problems
    ]


@given(documents())
def test_the_event_reader_reads_as_the_node_reader(text: str) -> None:
    try:
        events = _comparable(read_events(text, "f.yaml"))
    except (UnusualDocumentError, yaml.YAMLError):
        events = None  # the node reader (or, on a syntax error, the pure-Python one) reads it
    read = _comparable(yamlpos.load_documents(text, "f.yaml"))
    assert read == _node_reader(text)
    assert events is None or events == read


def test_the_event_reader_finds_a_duplicate_key_and_composes_accents() -> None:
    text = 'apiVersion: v\nspec:\n  a: 1\n  b: "e\\u0301"\n  a: {c: [x]}\n'
    documents, problems = read_events(text, "f.yaml")
    assert [str(p) for p in problems] == ["f.yaml:5:3: duplicate key 'a' (first written at line 3)"]
    assert documents[0].value == {"apiVersion": "v", "spec": {"a": 1, "b": "\u00e9"}}
    assert str(documents[0].locate(("spec", "b"))) == "f.yaml:4:3"
    assert str(documents[0].locate(("spec", "a", "c"))) == "f.yaml:3:3"
