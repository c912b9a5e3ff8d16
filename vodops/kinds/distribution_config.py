"""DefaultDistributionConfig: one setting per application, read with its Describe action and set with its
Modify action. Its spec model is vodops.resources.distribution_config."""

from __future__ import annotations

from vodops.resources.application import setting_name
from vodops.resources.kind import Kind, Shape, Wire

DISTRIBUTION_CONFIG = "DefaultDistributionConfig"


KIND = Kind(
    DISTRIBUTION_CONFIG,
    "vodops.resources.distribution_config:DefaultDistributionConfigSpec",
    Wire.setting("DescribeDefaultDistributionConfig", "ModifyDefaultDistributionConfig"),
    setting_name,
    folder="default-distribution-configs",
    shape=Shape.SINGLETON,
)
