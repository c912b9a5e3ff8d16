"""DefaultDistributionConfig: the domain and scheme an application's media URLs use, one per
application (Describe/ModifyDefaultDistributionConfig; api.json 2018-07-17). The `PlayKey` is a
secret (it signs player URLs) and the `DomainName` a deprecated alias: neither is managed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec


class DefaultDistributionConfigSpec(Spec):
    """ModifyDefaultDistributionConfig's fields, but the play key."""

    domain: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="a domain of the application's VOD domain list"
    )
    scheme: Literal["HTTP", "HTTPS"] | None = Field(default=None, description="HTTP or HTTPS")
