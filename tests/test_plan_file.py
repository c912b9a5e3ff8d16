"""Malformed plan files: one line naming what is wrong, never a traceback, nothing changed.

The property test mangles a real saved plan (any node replaced, removed or added, or the text
cut and spliced) and runs what `apply --plan` runs on it: reading the file, then re-deriving the
plan and comparing. Each mangled plan is refused with a VodopsError or agrees with the
derivation; nothing else may escape.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, Vodops
from tests.helpers import live_api
from vodops.errors import VodopsError
from vodops.plan.planfile import read_plan_file
from vodops.session import open_session


@pytest.fixture
def saved(vodops: Vodops, quickstart: Path, tmp_path: Path) -> Path:
    out = tmp_path / "plan.json"
    assert vodops("plan", quickstart, "--out", out).code == 0
    return out


def _with(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copy: Any = json.loads(json.dumps(document))
    node = copy
    for step in path[:-1]:
        node = node[step]
    if value is _REMOVE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    result: dict[str, Any] = copy
    return result


_REMOVE = object()
CASES: list[tuple[str, tuple[Any, ...], Any, str]] = [
    ("no changes list", ("changes",), _REMOVE, "changes: Field required"),
    ("changes not a list", ("changes",), {"a": 1}, "changes: Input should be a valid list"),
    ("unknown action", ("changes", 0, "action"), "explode", "changes[0].action: Input should be 'create'"),
    ("unknown kind", ("changes", 0, "kind"), "Bucket", "changes[0].kind: Input should be 'MediaClass'"),
    ("id a boolean", ("changes", 0, "id"), True, "changes[0].id.int: Input should be a valid integer"),
    ("name a number", ("changes", 0, "name"), 7, "changes[0].name: Input should be a valid string"),
    ("fields null", ("changes", 0, "fields"), None, "changes[0].fields: Input should be a valid list"),
    ("path of objects", ("changes", -1, "fields", 0, "path"), [{}], "changes[11].fields[0].path[0].int"),
    (
        "added false",
        ("changes", -1, "fields", 0, "added"),
        False,
        "changes[11].fields[0].added: Input should be True",
    ),
    (
        "spec a string",
        ("changes", 0, "desired", "spec"),
        "x",
        "changes[0].desired.spec: Input should be a valid dict",
    ),
    ("target a string", ("target",), "prod", "target: Input should be a valid dictionary"),
    ("endpoint a number", ("target", "endpoint"), 80, "target.endpoint: Input should be a valid string"),
    ("stack missing", ("stack",), _REMOVE, "stack: Field required"),
    ("safe a string", ("safe",), "yes", "safe: Input should be a valid boolean"),
    ("brakes a list", ("brakes",), [], "brakes: Input should be a valid dictionary"),
    ("summary count a float", ("summary", "create"), 1.5, "summary.create: Input should be a valid integer"),
    ("an unknown field", ("extra",), 1, "extra: Extra inputs are not permitted"),
    (
        "a bad fingerprint",
        ("reads", 0, "fingerprint"),
        "zz",
        "reads[0].fingerprint: String should match pattern",
    ),
    ("scope not a list", ("scope",), "all", "scope: Input should be a valid list"),
    ("createdAt missing", ("createdAt",), _REMOVE, "createdAt: Field required"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_a_malformed_field_is_one_line(
    vodops: Vodops, quickstart: Path, saved: Path, case: tuple[str, tuple[Any, ...], Any, str]
) -> None:
    _, path, value, message = case
    saved.write_text(json.dumps(_with(json.loads(saved.read_text()), path, value)))
    refused = vodops("apply", quickstart, "--plan", saved, "--yes")
    assert refused.code == 1
    assert refused.err.count("\n") == 1, refused.err
    assert f"Error: {saved} is not a valid vodops plan: {message}" in refused.err
    with live_api(quickstart) as api:
        assert [t for t in api.list("TranscodeTemplate") if t.get("Type") != "Preset"] == []


TEXTS: list[tuple[str, bytes, str]] = [
    ("empty", b"", "is not a vodops plan: it is not JSON"),
    ("not json", b"{not json", "is not a vodops plan: it is not JSON"),
    ("NaN", b'{"formatVersion": NaN}', "is not a vodops plan: it is not JSON"),
    ("deep", b"[" * 100_000 + b"]" * 100_000, "is not a vodops plan: it is not JSON"),
    ("latin-1", '{"stack": "caf\u00e9"}'.encode("latin-1"), "is not a vodops plan: it is not UTF-8 text"),
    ("a list", b"[1, 2]", "is not a vodops plan: it has no formatVersion"),
    ("version 2", b'{"formatVersion": 2}', "has plan formatVersion 2; this vodops reads 1"),
    ("version true", b'{"formatVersion": true}', "has plan formatVersion true; this vodops reads 1"),
    (
        "version 1 only",
        b'{"formatVersion": 1}',
        "is not a valid vodops plan: vodopsVersion: Field required (and",
    ),
]


@pytest.mark.parametrize("case", TEXTS, ids=lambda case: case[0])
def test_what_is_not_a_plan_is_one_line(
    vodops: Vodops, quickstart: Path, tmp_path: Path, case: tuple[str, bytes, str]
) -> None:
    _, content, message = case
    garbage = tmp_path / "plan.json"
    garbage.write_bytes(content)
    refused = vodops("apply", quickstart, "--plan", garbage, "--yes")
    assert refused.code == 1 and refused.err.count("\n") == 1, refused.err
    assert f"Error: {garbage} {message}" in refused.err


def test_a_missing_plan_file_is_one_line(vodops: Vodops, quickstart: Path, tmp_path: Path) -> None:
    refused = vodops("apply", quickstart, "--plan", tmp_path / "nope.json", "--yes")
    assert refused.err == f"Error: cannot read the plan {tmp_path / 'nope.json'}: No such file or directory\n"


@functools.lru_cache(maxsize=1)
def _bed() -> tuple[Path, str]:
    """A quickstart copy and the plan of its first apply (made once)."""
    directory = Path(tempfile.mkdtemp(prefix="vodops-plan-fuzz-"))
    shutil.copytree(EXAMPLES / "quickstart", directory, dirs_exist_ok=True)
    with open_session(directory) as session:
        text = json.dumps(session.document(session.plan()))
    return directory, text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        return found + [p for key, child in value.items() for p in _nodes(child, (*path, key))]
    if isinstance(value, list):
        return found + [p for index, child in enumerate(value) for p in _nodes(child, (*path, index))]
    return found


@st.composite
def mangled_documents(draw: st.DrawFn) -> str:
    _, text = _bed()
    document = json.loads(text)
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(document)
        path = draw(st.sampled_from(nodes))
        value = draw(st.one_of(st.just(_REMOVE), JSON_VALUES))
        document = _with(document, path, value)
    return json.dumps(document)


@st.composite
def spliced_texts(draw: st.DrawFn) -> str:
    _, text = _bed()
    at = draw(st.integers(0, len(text)))
    return (
        text[:at]
        + draw(st.sampled_from(["", "{", "]", '"', ",", "null", "\\u0000"]))
        + text[at + draw(st.integers(0, 20)) :]
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mangled_documents(), spliced_texts()))
def test_a_mangled_plan_is_refused_or_agrees(text: str) -> None:
    directory, _ = _bed()
    path = directory / "mangled.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        document = read_plan_file(path)
        with open_session(directory) as session:
            done = session.verify(document, session.plan(only=frozenset(document["scope"])))
    except VodopsError as error:
        assert str(error).strip(), "a refusal says why"
        return
    assert done == ()  # it agrees: whatever was mangled was left as the derivation has it
