"""EnhanceConfig of transcode templates: audio and video enhancement, with documented defaults."""

from __future__ import annotations

from typing import Any

from ..checks import ON_OFF, between, one_of
from ..faults import ApiFault
from ..schema import NO_DEFAULT, Field, Params, Rule, Struct, array, int64, number, obj, string

SCENARIOS = (
    "common",
    "AIGC",
    "short_play",
    "short_video",
    "game",
    "HD_movie_series",
    "LQ_material",
    "lecture",
    "",
)


def _switched(name: str, *fields: Field, rules: tuple[Rule, ...] = ()) -> Struct:
    """An enhancement: a required ON/OFF Switch and its settings."""
    switch = string("Switch", ON_OFF, required=True)
    return Struct(name, (switch, *fields), rules, zero_fill=True)


def _type(*allowed: str, default: Any = NO_DEFAULT) -> Field:
    return string("Type", one_of(*allowed), default=default)


def _on(params: Params, *names: str) -> list[str]:
    return [n for n in names if isinstance(params.get(n), dict) and params[n].get("Switch") == "ON"]


def _frame_rate_below_100(params: Params, path: str) -> None:
    if params.get("FpsNum", 0) >= 100 * params.get("FpsDen", 1):
        raise ApiFault("InvalidParameterValue", f"`{path}`: FpsNum / FpsDen must be below 100.")


def _exclusive_enhancements(params: Params, path: str) -> None:
    rivals = _on(params, "DiffusionEnhance", "ImageQualityEnhance", "ArtifactRepair")
    if len(rivals) > 1:
        raise ApiFault("InvalidParameterValue", f"`{path}`: at most one of {', '.join(rivals)} may be ON.")
    if rivals == ["DiffusionEnhance"] and _on(params, "SuperResolution", "Denoise"):
        raise ApiFault(
            "InvalidParameterValue",
            f"`{path}`: DiffusionEnhance cannot be ON together with SuperResolution or Denoise.",
        )


STRENGTHS = ("weak", "normal", "strong")

VIDEO_ENHANCE = Struct(
    "VideoEnhanceConfig",
    (
        string("EnhanceScenarioType", one_of(*SCENARIOS), code="InvalidParameterValue.ScenarioType"),
        obj(
            "SuperResolution",
            _switched(
                "SuperResolutionInfo",
                _type("lq", "hq", default="lq"),
                int64("Size", one_of(2), default=2),
            ),
        ),
        obj("Hdr", _switched("HDRInfo", _type("hdr10", "hlg"))),
        obj("Denoise", _switched("VideoDenoiseInfo", _type("weak", "strong", default="weak"))),
        obj(
            "ImageQualityEnhance",
            _switched(
                "ImageQualityEnhanceInfo",
                _type(*STRENGTHS, default="weak"),
            ),
        ),
        obj("ColorEnhance", _switched("ColorEnhanceInfo", _type(*STRENGTHS, default="weak"))),
        obj("LowLightEnhance", _switched("LowLightEnhanceInfo", _type("normal", default="normal"))),
        obj(
            "ScratchRepair",
            _switched(
                "ScratchRepairInfo",
                number("Intensity", between(0, 1), default=0.0),
                _type("normal", default="normal"),
            ),
        ),
        obj("ArtifactRepair", _switched("ArtifactRepairInfo", _type("weak", "strong", default="weak"))),
        obj("DiffusionEnhance", _switched("DiffusionEnhanceInfo", _type(*STRENGTHS, default="normal"))),
        obj(
            "FrameRateWithDen",
            _switched(
                "FrameRateWithDenInfo",
                int64("FpsNum", between(0, 2**63), default=0),
                int64("FpsDen", between(1, 2**63), default=1),
                rules=(_frame_rate_below_100,),
            ),
        ),
    ),
    (_exclusive_enhancements,),
    zero_fill=True,
)

AUDIO_ENHANCE = Struct(
    "AudioEnhanceConfig",
    (
        obj("Denoise", _switched("AudioDenoiseInfo", _type("normal", default="normal"))),
        obj(
            "Separate",
            _switched(
                "AudioSeparateInfo",
                _type("normal", "music", default="normal"),
                string("Track", one_of("vocal", "background"), default="vocal"),
            ),
        ),
        obj(
            "VolumeBalance",
            _switched(
                "AudioVolumeBalanceInfo",
                _type("loudNorm", "gainControl", default="loudNorm"),
            ),
        ),
        obj(
            "Beautify",
            _switched(
                "AudioBeautifyInfo",
                array("Types", "str", one_of("declick", "deesser"), default=["declick"]),
            ),
        ),
    ),
    zero_fill=True,
)

ENHANCE = Struct(
    "EnhanceConfig",
    (obj("VideoEnhance", VIDEO_ENHANCE), obj("AudioEnhance", AUDIO_ENHANCE)),
    zero_fill=True,
)
ENHANCE_FOR_UPDATE = Struct("EnhanceConfigForUpdate", ENHANCE.fields)
