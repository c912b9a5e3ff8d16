"""JSON Schema for manifests and vodops.yaml, generated from the models so editors can validate."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from vodops.manifest import API_VERSION
from vodops.resources import KINDS
from vodops.schema_docs import describe_kind
from vodops.settings import Settings

MANIFEST_SCHEMA = "vodops-v1.json"
SETTINGS_SCHEMA = "vodops-settings.json"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def manifest_schema() -> dict[str, Any]:
    """One schema for any manifest document; the `kind` value selects that kind's schema (if/then),
    so an editor reports the errors of the kind written, not of every kind."""
    models: list[tuple[type[BaseModel], Literal["validation"]]] = [
        (k.spec, "validation") for k in KINDS.values()
    ]
    refs, top = models_json_schema(models, by_alias=True, ref_template="#/$defs/{model}")
    defs = top.get("$defs", {})
    described: set[int] = set()
    for name, kind in KINDS.items():
        describe_kind(name, refs[(kind.spec, "validation")], defs, described)
    return {
        "$schema": _DIALECT,
        "title": "vodops manifest",
        "description": "One document of a vodops manifest file (apiVersion vodops/v1).",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata"],
        "properties": {
            "apiVersion": {"const": API_VERSION, "description": "always vodops/v1"},
            "kind": {"enum": list(KINDS), "description": "what the document declares"},
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": _document(name, refs[(kind.spec, "validation")]["$ref"], kind.spec_required),
            }
            for name, kind in KINDS.items()
        ],
        "$defs": defs,
    }


def _document(kind: str, spec_ref: str, spec_required: bool) -> dict[str, Any]:
    required = ["apiVersion", "kind", "metadata"] + (["spec"] if spec_required else [])
    metadata: dict[str, Any] = {
        "name": {"type": "string", "minLength": 1, "description": f"the {kind}'s name: its identity"},
        "previousNames": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "uniqueItems": True,
            "description": "names this object had: the live object found under one is renamed in "
            "place, keeping its id (a procedure, keyed by name, is replaced)",
        },
    }
    if KINDS[kind].adoptable_by_id:
        metadata["adoptId"] = {
            "type": "integer",
            "minimum": 0,
            "description": "the live template this declaration adopts when its live name cannot "
            "identify it (export writes it; apply renames the template)",
        }
    return {
        "title": kind,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {
            "apiVersion": {"const": API_VERSION},
            "kind": {"const": kind},
            "metadata": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": metadata,
            },
            "spec": {"$ref": spec_ref},
        },
    }


def settings_schema() -> dict[str, Any]:
    """The JSON Schema of vodops.yaml, from the Settings model (aliases, 2020-12 dialect)."""
    schema = Settings.model_json_schema(by_alias=True)
    return {"$schema": _DIALECT, "title": "vodops.yaml", **schema}


def schema_files() -> dict[str, str]:
    """File name -> content, exactly as `vodops schema --out` writes them."""
    return {
        MANIFEST_SCHEMA: json.dumps(manifest_schema(), indent=2, ensure_ascii=False) + "\n",
        SETTINGS_SCHEMA: json.dumps(settings_schema(), indent=2, ensure_ascii=False) + "\n",
    }
