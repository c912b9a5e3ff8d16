"""The JSON Schema in schemas/ is generated from the models, and editors can use it as is."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, Vodops
from vodops.schema import MANIFEST_SCHEMA, schema_files

INVALID = Path(__file__).parent / "manifests" / "invalid"


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


@pytest.mark.parametrize("manifest", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_examples_satisfy_the_schema(manifest: Path) -> None:
    validator = _validator()
    for document in yaml.load_all(manifest.read_text(), Loader=yaml.BaseLoader):
        if document:
            assert not list(validator.iter_errors(_typed(document))), manifest


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
