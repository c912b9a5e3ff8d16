"""The JSON Schema in schemas/ is generated from the models, and editors can use it as is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, ROOT, Vodops
from tests.helpers import TEXT_WATERMARK
from vodops.schema import MANIFEST_SCHEMA, SETTINGS_SCHEMA, schema_files

INVALID = Path(__file__).parent / "manifests" / "invalid"
DASH = "\u2013"  # ranges are written with an en dash


def test_committed_schemas_are_current(vodops: Vodops, tmp_path: Path) -> None:
    result = vodops("schema", "--out", tmp_path)
    assert result.code == 0
    for name in schema_files():
        committed = (ROOT / "schemas" / name).read_text()
        assert (tmp_path / name).read_text() == committed, (
            f"schemas/{name} is stale: run `vodops schema --out schemas`"
        )


def test_schema_without_out_prints_the_manifest_schema(vodops: Vodops) -> None:
    result = vodops("schema")
    assert json.loads(result.out)["title"] == "vodops manifest"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / MANIFEST_SCHEMA).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


MANIFESTS = sorted(p for p in EXAMPLES.rglob("*.yaml") if p.name != "vodops.yaml")


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_examples_satisfy_the_schema(manifest: Path) -> None:
    validator = _validator()
    for document in yaml.load_all(manifest.read_text(), Loader=yaml.BaseLoader):
        if document:
            assert not list(validator.iter_errors(_typed(document))), manifest


@pytest.mark.parametrize("settings", sorted(EXAMPLES.rglob("vodops.yaml")), ids=lambda p: p.parent.name)
def test_example_settings_satisfy_the_settings_schema(settings: Path) -> None:
    schema = json.loads((ROOT / "schemas" / SETTINGS_SCHEMA).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(settings.read_text()))), settings


@pytest.mark.parametrize("stem", ["unknown-field", "bad-enum", "unknown-kind", "missing-required"])
def test_the_schema_rejects_what_validate_rejects(stem: str) -> None:
    [document] = [d for d in yaml.safe_load_all((INVALID / f"{stem}.yaml").read_text()) if d]
    assert list(_validator().iter_errors(document))


def _typed(value: object) -> object:
    """BaseLoader keeps every scalar a string (like vodops keeps ON and 0xFFFFFF); type the numbers."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, str):
        for convert in (int, float):
            try:
                return convert(value)
            except ValueError:
                pass
        return {"true": True, "false": False}.get(value, value)
    return value


def _all(node: object) -> list[dict[str, object]]:
    """Every schema object inside a schema."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _all(value))]
    if isinstance(node, list):
        return [found for value in node for found in _all(value)]
    return []


def test_every_manifest_field_is_described_with_its_api_name_unit_and_default() -> None:
    schema = json.loads((ROOT / "schemas" / MANIFEST_SCHEMA).read_text())
    properties = [p for node in _all(schema["$defs"]) for p in node.get("properties", {}).values()]
    assert properties and all(p.get("description") for p in properties)
    video = schema["$defs"]["VideoStream"]["properties"]
    assert video["bitrate"]["description"] == f"VideoTemplate.Bitrate: 0 or 128{DASH}100000 kbps; required"
    assert (
        video["width"]["description"]
        == f"VideoTemplate.Width: 0 or 128{DASH}8192 px; default 0 when left out"
    )


def test_the_kind_selects_one_schema() -> None:
    """An editor reports the errors of the kind written, not every kind's."""
    document = {
        "apiVersion": "vodops/v1",
        "kind": "WatermarkTemplate",
        "metadata": {"name": "logo"},
        "spec": {**TEXT_WATERMARK, "bogus": 1},
    }
    errors = list(_validator().iter_errors(document))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('bogus' was unexpected)"]


def test_adopt_id_is_allowed_where_vodops_allows_it(vodops: Vodops, tmp_path: Path) -> None:
    spec = {
        "container": "mp4",
        "removeVideo": 1,
        "audioTemplate": {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100},
    }
    adopting = {
        "apiVersion": "vodops/v1",
        "kind": "TranscodeTemplate",
        "metadata": {"name": "a", "adoptId": 1000001},
        "spec": spec,
    }
    a_class = {"apiVersion": "vodops/v1", "kind": "MediaClass", "metadata": {"name": "A", "adoptId": 1}}
    assert not list(_validator().iter_errors(adopting))
    assert list(_validator().iter_errors(a_class))
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(adopting))
    assert vodops("validate", tmp_path).code == 0


def test_removeaudio_true_is_refused_by_vodops_and_the_schema(vodops: Vodops, tmp_path: Path) -> None:
    spec = {
        "container": "mp4",
        "removeAudio": True,
        "videoTemplate": {"codec": "libx264", "fps": 25, "bitrate": 0},
    }
    document = {
        "apiVersion": "vodops/v1",
        "kind": "TranscodeTemplate",
        "metadata": {"name": "t"},
        "spec": spec,
    }
    assert list(_validator().iter_errors(document))
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    result = vodops("validate", tmp_path)
    assert result.code == 1
    assert "spec.removeAudio: must be one of 0, 1, a number, not true (got True)" in result.err


BAD_EDGES = (" ", "!", "\t")
PATTERNS = sorted(
    {str(n["pattern"]) for text in schema_files().values() for n in _all(json.loads(text)) if "pattern" in n}
)


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_every_pattern_is_anchored_and_refuses_a_bad_first_or_last_character(
    pattern: str, data: st.DataObject
) -> None:
    """An unanchored pattern lets `stack: media platform` through (`platform` matches)."""
    assert pattern.startswith("^") and pattern.endswith("$"), pattern
    good = data.draw(st.from_regex(pattern, fullmatch=True))
    assert re.search(pattern, good)
    for bad in BAD_EDGES:
        assert not re.search(pattern, bad + good), (pattern, bad + good)
        assert not re.search(pattern, good + bad), (pattern, good + bad)


def test_settings_and_manifests_have_patterns() -> None:
    assert len(PATTERNS) >= 5, PATTERNS
