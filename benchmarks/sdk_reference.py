"""The references `vodops plan` is measured against (benchmarks/plan_latency.py), made with
Tencent's official SDK against a served emulator:

- `ideal`: the same list calls vodops makes (Limit 100), each kind's pages after the first
  fetched concurrently (10 at a time);
- `refresh`: a Terraform-style refresh, one Describe per resource (the calls read from a JSON
  file, `[[action, params], ...]`), 10 in parallel.

Run as a script, each is one fresh process, start-up and the SDK's import included, as a user's
own script or a `terraform plan` is; plan_latency.py times it that way beside `vodops plan` (also
a fresh process), and also calls the functions in its own process.

    python benchmarks/sdk_reference.py ideal URL
    python benchmarks/sdk_reference.py refresh URL CALLS.json
"""

from __future__ import annotations

import argparse
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

PARALLEL = 10
LISTS = (  # action, list key, paged
    ("DescribeAllClass", "ClassInfoSet", False),
    ("DescribeWatermarkTemplates", "WatermarkTemplateSet", True),
    ("DescribeTranscodeTemplates", "TranscodeTemplateSet", True),
    ("DescribeProcedureTemplates", "ProcedureTemplateSet", True),
)
Calls = list[tuple[str, dict[str, Any]]]
Sdk = Callable[..., dict[str, Any]]


def sdk_pool(url: str, secret_id: str, secret_key: str) -> Sdk:
    """A thread-safe caller, `call(action, **params)`: one official SDK client per thread."""
    mine = threading.local()

    def call(action: str, **params: Any) -> dict[str, Any]:
        if not hasattr(mine, "client"):
            http = HttpProfile(protocol="http", endpoint=url.removeprefix("http://"))
            secret = credential.Credential(secret_id, secret_key)
            mine.client = CommonClient("vod", "2018-07-17", secret, "", ClientProfile(httpProfile=http))
        response: dict[str, Any] = mine.client.call_json(action, params)["Response"]
        return response

    return call


def ideal(sdk: Sdk) -> int:
    """List every kind, pages after the first concurrently; answers how many objects were read."""
    found = 0
    with ThreadPoolExecutor(PARALLEL) as pool:
        for action, key, paged in LISTS:
            first = sdk(action, **({"Offset": 0, "Limit": 100} if paged else {}))
            found += len(first[key])
            rest = range(100, int(first.get("TotalCount", 0)), 100) if paged else range(0)
            pages = pool.map(lambda offset, a=action: sdk(a, Offset=offset, Limit=100), rest)
            found += sum(len(page[key]) for page in pages)
    return found


def refresh(sdk: Sdk, calls: Calls) -> None:
    """Make `calls`, PARALLEL at a time."""
    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(lambda call: sdk(call[0], **call[1]), calls))


def main() -> None:
    """The key pair is the environment's (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("ideal", "refresh"))
    parser.add_argument("url")
    parser.add_argument("calls", nargs="?", type=Path, help="refresh: the JSON file of its calls")
    args = parser.parse_args()
    sdk = sdk_pool(args.url, os.environ["TENCENTCLOUD_SECRET_ID"], os.environ["TENCENTCLOUD_SECRET_KEY"])
    if args.mode == "ideal":
        ideal(sdk)
    else:
        refresh(sdk, [(action, params) for action, params in json.loads(args.calls.read_text())])


if __name__ == "__main__":
    main()
