"""The template kinds' spec models are generated from tccli's api.json, and the committed output
is what the generator writes today (as botocore's clients are built from service models)."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from pydantic.alias_generators import to_snake

from vodops.resources.base import manifest_key
from vodops.resources.generated import (
    adaptive_dynamic_streaming_template_tables,
    content_review_template_tables,
    image_sprite_template_tables,
)
from vodops.resources.walk import field_names
from vodops.specgen import GENERATED, api_definition, build, docs
from vodops.specgen.overrides import KINDS, NOT_SPEC


def test_generated_modules_are_current() -> None:
    assert build.stale() == [], "run `python -m vodops.specgen` and commit the result"


def test_an_edited_or_extra_module_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED, copy)
    (copy / "review_template.py").write_text("# edited by hand\n")
    (copy / "leftover.py").write_text("")
    monkeypatch.setattr(build, "GENERATED", copy)
    assert build.stale() == ["leftover.py", "review_template.py"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_member_of_the_create_request_is_a_spec_field(kind: str) -> None:
    api = api_definition()
    request = api["objects"][api["actions"][f"Create{kind}"]["input"]]["members"]
    module = importlib.import_module(f"vodops.resources.generated.{to_snake(kind)}")
    model = getattr(module, f"{kind}Fields")
    offered = [m for m in request if m["name"] not in NOT_SPEC and not m.get("disabled")]
    assert field_names(model) == [manifest_key(m["name"]) for m in offered]


# Full-width punctuation, as api.json's documents write it.
COLON, SEMI, COMMA = "\uff1a", "\uff1b", "\uff0c"


@pytest.mark.parametrize(
    ("document", "facts"),
    [
        (f"<li>ON{COLON}开启{SEMI}</li> <li>OFF{COLON}关闭。</li>", docs.Facts(choices=("ON", "OFF"))),
        ("取值为 jpg、png 和 webp。", docs.Facts(choices=("jpg", "png", "webp"))),
        (
            f"取值范围{COLON}0 和 [128, 4096]{COMMA}单位{COLON}px。",
            docs.Facts(low=128, high=4096, zero=True, unit="px"),
        ),
        (f"帧率{COMMA}取值范围{COLON}[1, 30]{COMMA}单位{COLON}Hz。", docs.Facts(low=1, high=30, unit="fps")),
        (f"取值范围{COLON}0~100。", docs.Facts(low=0, high=100)),
        (f"截帧间隔{COMMA}单位为秒。最小值为 0.5 秒。", docs.Facts(low=0.5, unit="s")),
        ("最多支持 5 个候选片头。", docs.Facts(max_items=5)),
        (f"长度限制{COLON}64 个字符。", docs.Facts(max_length=64)),
        ("模板描述信息。", docs.Facts()),
    ],
    ids=["li", "spoken", "zero-or-range", "range-unit", "span", "minimum", "items", "length", "none"],
)
def test_the_document_phrasings_read(document: str, facts: docs.Facts) -> None:
    assert docs.read(document) == facts


def test_defaults_are_the_documented_value_or_zero() -> None:
    # "不填默认为 90 分" (90 when left out), "默认截帧间隔为 1 秒", and "默认为否" (no number: 0)
    assert content_review_template_tables.DEFAULTS["pornConfigure.imgReviewInfo.blockConfidence"] == 90
    assert content_review_template_tables.DEFAULTS["screenshotInterval"] == 1.0
    assert adaptive_dynamic_streaming_template_tables.DEFAULTS["disableHigherVideoBitrate"] == 0
    assert image_sprite_template_tables.DEFAULTS == {
        "fillType": "black", "width": 0, "height": 0, "resolutionAdaptive": "open", "format": "jpg"
    }  # fmt: skip
    assert "pornConfigure.imgReviewInfo" in content_review_template_tables.SWITCHED
