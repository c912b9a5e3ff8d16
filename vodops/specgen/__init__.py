"""Spec models generated from Tencent's own definition of the VOD API, as botocore builds clients.

`python -m vodops.specgen` reads tccli's api.json (vod 2018-07-17, shipped with the
`tccli` package of the test extra) and writes one module per template kind into
vodops/resources/generated/: a pydantic model per api.json object the kind's Create request
uses, with its members' types, which are required, and the choices and ranges their documents
state (docs.py), plus the fields Modify cannot change. What the definition does not carry is
hand-written: overrides.py (choices phrased otherwise, models vodops already has) and each kind's
own module (rules across fields, references). `--check` exits 1 when the committed output is stale.

The generator imports nothing from vodops.resources: the kinds there import what it writes, so it
must run when that output is missing or broken.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

GENERATED = Path(__file__).parent.parent / "resources" / "generated"


def manifest_key(api_name: str) -> str:
    """`StreamInfos` -> `streamInfos`, `TEHDConfig` -> `tehdConfig`: the manifest spelling of an
    api.json member, a leading acronym lowered whole (as vodops.resources.base spells them)."""
    leading = re.match(r"[A-Z]+(?=[A-Z][a-z]|$)|[A-Z]", api_name)
    return api_name if leading is None else leading.group().lower() + api_name[leading.end() :]


def api_definition() -> dict[str, Any]:
    """tccli's api.json for vod 2018-07-17, parsed; raises FileNotFoundError without tccli."""
    spec = importlib.util.find_spec("tccli")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("tccli is not installed: pip install -e '.[test]'")
    path = Path(spec.origin).parent / "services" / "vod" / "v20180717" / "api.json"
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded
