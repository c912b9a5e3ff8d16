"""Knobs for tests and benchmarks: latency, rate limits, seeded faults, reset and snapshots."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

from tests.emulator.conftest import Api, Clock, Serve
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.tc3 import Credentials
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, EmulatorTransport, Knobs
from vodops.errors import EmulatorError, TransportError

NETWORK_FAILURE = "ClientNetworkError"  # what the official SDK calls a connection that broke


def _custom(api: Api) -> list[dict[str, Any]]:
    return list(api("DescribeTranscodeTemplates", Type="Custom")["TranscodeTemplateSet"])


def test_latency_is_added_to_every_call(serve: Serve) -> None:
    with serve(Emulator(knobs=Knobs(latency_ms=80))) as api:
        started = time.perf_counter()
        api("DescribeAllClass")
        assert time.perf_counter() - started >= 0.08


def test_rate_limit_answers_request_limit_exceeded_per_action(serve: Serve) -> None:
    """The buckets refill by a clock that moves only when told: on the real clock, a machine slow
    enough to take a third of a second a call refilled the bucket between calls."""
    ticks = Clock()
    with serve(Emulator(knobs=Knobs(rate_limit=3), monotonic=ticks)) as api:
        codes = [_outcome(api, "DescribeAllClass") for _ in range(6)]
        assert codes == ["ok", "ok", "ok"] + ["RequestLimitExceeded"] * 3
        assert _outcome(api, "DescribeProcedureTemplates") == "ok", "each action has its own bucket"
        ticks.advance(0.3)
        assert _outcome(api, "DescribeAllClass") == "RequestLimitExceeded", "0.9 of a call refilled"
        ticks.advance(0.1)
        assert _outcome(api, "DescribeAllClass") == "ok", "the bucket refills at the rate"


def test_a_rate_limit_below_one_a_second_lets_a_call_through_every_so_often(serve: Serve) -> None:
    """A bucket held `rate` tokens, and at 0.5 a second never one whole: every call was throttled."""
    ticks = Clock()
    with serve(Emulator(knobs=Knobs(rate_limit=0.5), monotonic=ticks)) as api:
        assert [_outcome(api, "DescribeAllClass") for _ in range(2)] == ["ok", "RequestLimitExceeded"]
        ticks.advance(1.9)
        assert _outcome(api, "DescribeAllClass") == "RequestLimitExceeded", "0.95 of a call refilled"
        ticks.advance(0.1)
        assert _outcome(api, "DescribeAllClass") == "ok", "one call every 2 seconds"


def _outcome(api: Api, action: str, **params: Any) -> str:
    try:
        api(action, **params)
    except TencentCloudSDKException as error:
        return str(error.get_code())
    return "ok"


@pytest.mark.parametrize(
    ("fault", "code"), [("internal", "InternalError"), ("throttle", "RequestLimitExceeded")]
)
def test_answering_faults_change_nothing(
    serve: Serve, hls_720p: dict[str, Any], fault: str, code: str
) -> None:
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=(fault,)))
    with serve(emulator) as api:
        assert api.code("CreateTranscodeTemplate", **hls_720p) == code
        emulator.set_knobs(Knobs())
        assert _custom(api) == []


def test_drop_before_loses_the_request(serve: Serve, hls_720p: dict[str, Any]) -> None:
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=("drop-before",), fault_actions=("Create*",)))
    with serve(emulator) as api:
        assert api.code("CreateTranscodeTemplate", **hls_720p) == NETWORK_FAILURE
        assert _custom(api) == []
    first = emulator.calls[0]
    assert (first.action, first.fault) == ("CreateTranscodeTemplate", "drop-before")


def test_drop_after_commits_then_loses_the_answer(serve: Serve, hls_720p: dict[str, Any]) -> None:
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=("drop-after",), fault_actions=("Create*",)))
    with serve(emulator) as api:
        assert api.code("CreateTranscodeTemplate", **hls_720p) == NETWORK_FAILURE
        assert [t["Name"] for t in _custom(api)] == ["hls-720p"], "the change was committed"


def test_the_same_seed_gives_the_same_faults(serve: Serve) -> None:
    def outcomes() -> list[str]:
        knobs = Knobs(fault_rate=0.5, faults=("internal", "throttle"), seed=11)
        with serve(Emulator(knobs=knobs)) as api:
            return [_outcome(api, "DescribeAllClass") for _ in range(20)]

    first = outcomes()
    assert first == outcomes()
    assert {"ok", "InternalError", "RequestLimitExceeded"} <= set(first)


def test_fault_actions_limit_where_faults_land(serve: Serve) -> None:
    with serve(Emulator(knobs=Knobs(fault_rate=1, faults=("internal",), fault_actions=("Delete*",)))) as api:
        assert _outcome(api, "DescribeAllClass") == "ok"
        assert api.code("DeleteClass", ClassId=42) == "InternalError"


def test_knobs_are_validated() -> None:
    with pytest.raises(EmulatorError, match="faultRate must be a number between 0 and 1"):
        Knobs(fault_rate=1.5)
    with pytest.raises(
        EmulatorError, match="faults must be a list of some of internal, throttle, drop-before, drop-after"
    ):
        Knobs(faults=("meteor",))


def test_admin_endpoint_changes_knobs_at_run_time(serve: Serve, base_url: str) -> None:
    with serve(Emulator()) as api, httpx.Client(base_url=f"http://{api.endpoint}") as admin:
        assert admin.get("/_emulator/knobs").json()["faultRate"] == 0.0
        changed = admin.post("/_emulator/knobs", json={"faultRate": 1, "faults": ["internal"]})
        assert changed.status_code == 200 and changed.json()["faults"] == ["internal"]
        assert api.code("DescribeAllClass") == "InternalError"
        refused = admin.post("/_emulator/knobs", json={"latency": 5})
        assert refused.status_code == 400
        assert "unknown emulator knob(s): latency" in refused.json()["error"]
        assert admin.get("/_emulator/nothing").status_code == 404
        calls = admin.get("/_emulator/calls").json()
        assert calls[-1] == {
            "action": "DescribeAllClass",
            "subAppId": 0,
            "errorCode": "InternalError",
            "fault": "internal",
        }


def test_reset_and_snapshot(serve: Serve, hls_720p: dict[str, Any], png: str) -> None:
    with serve(Emulator()) as api, httpx.Client(base_url=f"http://{api.endpoint}") as admin:
        first = api("CreateTranscodeTemplate", **hls_720p)["Definition"]
        image = api("CreateWatermarkTemplate", Type="image", ImageTemplate={"ImageContent": png})["ImageUrl"]
        snapshot = admin.get("/_emulator/snapshot").json()
        assert admin.post("/_emulator/reset", json={}).status_code == 200
        assert _custom(api) == []
        assert api("CreateTranscodeTemplate", **hls_720p)["Definition"] == first, (
            "ids start over after a reset"
        )
        assert admin.post("/_emulator/snapshot", json=snapshot).status_code == 200
        assert [int(t["Definition"]) for t in _custom(api)] == [first]
        assert httpx.get(image).status_code == 200, "images are part of the snapshot"
        assert admin.post("/_emulator/snapshot", json={"formatVersion": 9}).status_code == 400


def test_a_hundred_concurrent_connections(serve: Serve) -> None:
    results: list[str] = []
    with serve(Emulator()) as api:
        gate = threading.Barrier(100)

        def one() -> None:
            gate.wait()
            results.append(_outcome(api, "DescribeTranscodeTemplates", Limit=100))

        threads = [threading.Thread(target=one) for _ in range(100)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == ["ok"] * 100


def test_in_process_drops_look_like_network_drops() -> None:
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=("drop-before",)))
    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = HttpCaller(
        Endpoint.parse("http://vod.local"), credentials, transport=EmulatorTransport(emulator)
    )
    with pytest.raises(
        TransportError, match="RemoteProtocolError: Server disconnected without sending a response"
    ):
        caller.call("DescribeAllClass", {})


def test_quota_scale_raises_the_quotas_for_benchmarks(serve: Serve) -> None:
    with serve(Emulator(knobs=Knobs(quota_scale=2))) as api:
        for n in range(100):
            api("CreateProcedureTemplate", Name=f"p{n}")
        assert api.code("CreateProcedureTemplate", Name="p100") == "LimitExceeded"
        assert "exceeds 100" in str(api.fails("CreateProcedureTemplate", Name="p100").get_message())
        assert api("DescribeProcedureTemplates", Type="Custom", Limit=1)["TotalCount"] == 100


def test_quota_scale_raises_the_accounts_limit_of_applications(serve: Serve) -> None:
    emulator = Emulator(knobs=Knobs(quota_scale=2), sub_apps=range(1, 400))
    with serve(emulator) as api:
        assert api("CreateSubAppId", Name="400th")["SubAppId"] == 1_500_000_001
        error = api.fails("CreateSubAppId", Name="401st")
        assert (error.get_code(), error.get_message()) == (
            "LimitExceeded",
            "The account has 400 applications besides the default one; the limit is 400.",
        )
    emulator.close()


def test_quota_scale_is_validated(serve: Serve, base_url: str) -> None:
    with pytest.raises(EmulatorError, match="quotaScale must be a whole number >= 1"):
        Knobs(quota_scale=0)
    with serve(Emulator()) as api, httpx.Client(base_url=f"http://{api.endpoint}") as admin:
        refused = admin.post("/_emulator/knobs", json={"quotaScale": 1.5})
        assert refused.status_code == 400
        assert "quotaScale must be a whole number >= 1" in refused.json()["error"]
        assert admin.get("/_emulator/knobs").json()["quotaScale"] == 1, "nothing changed"
