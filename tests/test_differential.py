"""Differential test of validate against the emulator (issue: "what validate accepts, the API
accepts; what apply writes, plan reads back the same").

Specs whose fields are drawn independently (tests/loose_strategies.py, and for the ten
processing-template kinds tests/spec_strategies.py's `loose_spec_of`) are judged twice: by
vodops's validation, and by the emulator, which gets the request apply would send, through the
official SDK. Whatever the emulator refuses, validate must refuse first; whatever validate
accepts is applied, and the next plan must be empty.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.conftest import EXAMPLES
from tests.helpers import document, write
from tests.loose_strategies import loose_procedure, loose_transcode, loose_watermark
from tests.spec_strategies import loose_spec_of
from tests.strategies import transcode
from tests.template_accounts import TEMPLATE_KINDS
from tests.test_normalization import _apply_and_replan
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread
from vodops.errors import ManifestError
from vodops.manifest import load_manifests
from vodops.resources import KINDS, PROCEDURE, TRANSCODE, WATERMARK
from vodops.resources.base import api_key, rekey

LOGO = EXAMPLES / "quickstart" / "logo.png"
CASES = st.one_of(
    st.tuples(st.just(TRANSCODE), loose_transcode()),
    st.tuples(st.just(TRANSCODE), transcode()),  # valid by construction: apply and plan again
    st.tuples(st.just(WATERMARK), loose_watermark()),
    st.tuples(st.just(PROCEDURE), loose_procedure()),
)
TEMPLATE_CASES = st.sampled_from(TEMPLATE_KINDS).flatmap(
    lambda kind: st.tuples(st.just(kind), loose_spec_of(KINDS[kind].spec))
)


@dataclass(frozen=True)
class Probe:
    """The official SDK, pointed at an emulator of its own that each probe starts afresh."""

    sdk: CommonClient
    emulator: Emulator


@pytest.fixture(scope="module")
def probe() -> Iterator[Probe]:
    emulator = Emulator()
    with serve_in_thread(emulator) as url:
        endpoint = url.removeprefix("http://")
        profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
        cred = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
        yield Probe(CommonClient("vod", "2018-07-17", cred, "", profile), emulator)
    emulator.close()


PROPERTY = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(CASES)
def test_validate_refuses_first_whatever_the_emulator_refuses(
    probe: Probe, case: tuple[str, dict[str, Any]]
) -> None:
    _judged(probe, *case)


@PROPERTY
@given(TEMPLATE_CASES)
def test_validate_refuses_first_for_the_processing_template_kinds(
    probe: Probe, case: tuple[str, dict[str, Any]]
) -> None:
    _judged(probe, *case)


def _judged(probe: Probe, kind: str, spec: dict[str, Any]) -> None:
    """Validate and the emulator judge `spec`; validate must refuse what the emulator refuses,
    and what validate accepts must apply and plan empty."""
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        shutil.copy(LOGO, directory / "logo.png")
        write(directory, "spec.yaml", document(kind, "probe", spec))
        problems = _validation_problems(directory)
        probe.emulator.reset()
        refusal = _emulator_refusal(probe.sdk, kind, spec)
        event(f"{kind}: validate {'refuses' if problems else 'accepts'}, emulator {refusal or 'accepts'}")
        if refusal is not None:
            assert problems, f"the emulator refused {spec} with {refusal}; validate accepted it"
        if not problems:
            _apply_and_replan(directory)


def _validation_problems(directory: Path) -> list[str]:
    try:
        load_manifests(directory, "default")
    except ManifestError as error:
        return [str(problem) for problem in error.problems]
    return []


def _emulator_refusal(sdk: CommonClient, kind: str, spec: dict[str, Any]) -> str | None:
    """The error code the emulator answers the create request with, or None if it accepts it."""
    body = rekey(spec, api_key)
    image = body.get("ImageTemplate")
    if isinstance(image, dict):
        image["ImageContent"] = base64.b64encode(LOGO.read_bytes()).decode("ascii")
        image.pop("ImageFile", None)
    body["Name"] = "probe"
    try:
        sdk.call_json(KINDS[kind].wire.create_action, body)
    except TencentCloudSDKException as error:
        return str(error.get_code())
    return None
