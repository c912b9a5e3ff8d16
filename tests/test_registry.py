"""The kind registry: one declaration per kind, the dependency order derived from references, and
a pipeline that names no kind."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pytest

from tests.template_accounts import TEMPLATE_KINDS
from vodops.registered import REGISTERED as MODULES
from vodops.resources import DEPENDENCY_ORDER, KINDS, REFERRED, REFERRERS, Registry, derived
from vodops.resources.base import RefTo, Spec
from vodops.resources.facts import GENERATED, derive, render
from vodops.resources.kind import Kind, Wire, dependency_order

PACKAGE = Path(__file__).parent.parent / "vodops"
_WIRE = Wire("DescribeX", "XSet", True, "CreateX", "ModifyX", "DeleteX", "Definition", "Definition")


class _Plain(Spec):
    comment: str | None = None


class _UsesA(Spec):
    definition: Annotated[int | str, RefTo("A")] = 0


class _UsesB(Spec):
    definition: Annotated[int | str, RefTo("B")] = 0


def _kind(name: str, spec: type[Spec] | str) -> Kind:
    models = spec if isinstance(spec, str) else f"{__name__}:{spec.__name__}"
    return Kind(name, models, _WIRE, lambda _: None, folder=name.lower())


def test_the_order_follows_references_and_keeps_registration_order_otherwise() -> None:
    b, c, a = _kind("B", _UsesA), _kind("C", _Plain), _kind("A", _Plain)
    assert [k.name for k in dependency_order((b, c, a))] == ["C", "A", "B"]


def test_a_reference_to_an_unregistered_kind_or_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^B refers to unregistered kinds \['A'\]$"):
        dependency_order((_kind("B", _UsesA),))
    with pytest.raises(ValueError, match=r"form a cycle"):
        dependency_order((_kind("A", _UsesB), _kind("B", _UsesA)))


@pytest.mark.parametrize("models", [f"{__name__}:_WIRE", f"{__name__}:Missing", "vodops.resources.base:Path"])
def test_a_declaration_whose_models_name_no_spec_model_is_refused(models: str) -> None:
    with pytest.raises(TypeError, match=rf"^A: {models} is not a spec model$"):
        _ = _kind("A", models).spec


def test_a_declaration_imports_its_spec_model_at_first_use() -> None:
    declared = _kind("A", _UsesB)
    assert "spec" not in vars(declared)
    assert declared.spec is _UsesB and declared.refers_to() == {"B"}


def test_the_registry_is_the_registered_modules_in_dependency_order() -> None:
    assert set(KINDS) == set(MODULES)
    for position, name in enumerate(DEPENDENCY_ORDER):
        assert KINDS[name].refers_to() <= set(DEPENDENCY_ORDER[:position]), name
    assert REFERRERS == ("Procedure", "SuperPlayerConfig", "Media")
    assert {"TranscodeTemplate", "WatermarkTemplate", "MediaClass", "Procedure", *TEMPLATE_KINDS} == REFERRED


def test_the_registry_facts_are_those_the_declarations_give() -> None:
    """vodops.resources answers the orders, quotas and references from a generated module, so
    that they import no spec model: it must say what the declarations say."""
    facts = derive()
    assert {name: getattr(derived, name) for name in facts} == facts
    assert GENERATED.read_text() == render(), "stale: run python -m vodops.resources.facts"
    assert tuple(kind.name for kind in dependency_order(KINDS.values())) == tuple(KINDS)


def test_a_module_that_does_not_declare_its_kind_is_refused() -> None:
    registry = Registry({"MediaClass": "vodops.kinds.watermark"}, ("MediaClass",))
    assert "MediaClass" in registry and "Foo" not in registry
    refused = r"^vodops.kinds.watermark must declare KIND, the Kind named 'MediaClass'"
    with pytest.raises(TypeError, match=refused):
        registry["MediaClass"]
    with pytest.raises(KeyError):
        registry["Foo"]


_KIND_CONSTANT = re.compile(r"\b(TRANSCODE|WATERMARK|MEDIA_CLASS|PROCEDURE)\b")
# Per-kind tables that belong to something other than the pipeline: the legacy dialect's own
# tables (a kind it lacks is absent there) and the apply lock, whose tickets are watermarks.
_ALLOWED = {"cloud/legacy_vod.py", "manifest/dialect.py", "apply/lock.py"}


def test_the_pipeline_names_no_kind() -> None:
    """Kinds are declared in vodops/kinds/ (their models in vodops/resources/) and read from the
    registry; no pipeline module names one (the emulator registers its backends on its own)."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in ("kinds", "resources", "emulator")
        and str(path.relative_to(PACKAGE)) not in _ALLOWED
        and _KIND_CONSTANT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
