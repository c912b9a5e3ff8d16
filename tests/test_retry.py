"""The retrying, rate-limited client against the emulator's faults: what is retried, and what is not."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Vodops
from vodops.cloud.client import HttpCaller
from vodops.cloud.endpoint import Endpoint
from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.live_api import RATES as LIVE_RATES
from vodops.cloud.ratelimit import RateLimiter
from vodops.cloud.retry import CallRecord, RetryingCaller, RetryPolicy
from vodops.cloud.tc3 import Credentials
from vodops.cloud.vod import VodApi
from vodops.emulator import (
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    EmulatorTransport,
    Knobs,
    serve_in_thread,
)
from vodops.errors import ApiError, TransportError
from vodops.resources import MEDIA_CLASS, TRANSCODE, WATERMARK

FAST = RetryPolicy(base_delay=0.001, max_delay=0.002)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator()
    yield emu
    emu.close()


def _caller(emulator: Emulator, records: list[CallRecord] | None = None) -> RetryingCaller:
    inner = HttpCaller(
        Endpoint.parse("http://vod.test"),
        Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),
        transport=EmulatorTransport(emulator),
    )
    return RetryingCaller(inner, policy=FAST, observer=(records.append if records is not None else None))


def _actions(emulator: Emulator) -> list[str]:
    return [call.action for call in emulator.calls]


def test_throttling_is_retried_until_it_passes(emulator: Emulator) -> None:
    emulator.set_knobs(Knobs(fault_rate=0.6, faults=("throttle",), seed=4))
    records: list[CallRecord] = []
    assert "ClassInfoSet" in _caller(emulator, records).call("DescribeAllClass", {})
    outcomes = [r.outcome for r in records if r.retrying_in is None]
    assert outcomes[-1] == "ok" and set(outcomes[:-1]) == {"RequestLimitExceeded"}


def test_throttling_gives_up_after_the_policy_s_attempts(emulator: Emulator) -> None:
    emulator.set_knobs(Knobs(fault_rate=1, faults=("throttle",)))
    with pytest.raises(ApiError) as raised:
        _caller(emulator).call("DescribeAllClass", {})
    assert raised.value.code == "RequestLimitExceeded"
    assert len(emulator.calls) == FAST.attempts


def test_internal_errors_are_retried_a_few_times(emulator: Emulator) -> None:
    emulator.set_knobs(Knobs(fault_rate=1, faults=("internal",)))
    with pytest.raises(ApiError, match="InternalError"):
        _caller(emulator).call("ModifyClass", {"ClassId": 1, "ClassName": "x"})
    assert len(emulator.calls) == FAST.internal_error_attempts


def test_validation_errors_fail_at_once(emulator: Emulator) -> None:
    with pytest.raises(ApiError) as raised:
        _caller(emulator).call("CreateClass", {"ParentId": -1, "ClassName": "x" * 65})
    assert raised.value.code == "InvalidParameterValue.ClassName"
    assert len(emulator.calls) == 1


def test_a_create_whose_answer_was_lost_is_not_resent(emulator: Emulator) -> None:
    emulator.set_knobs(Knobs(fault_rate=1, faults=("drop-after",)))
    with pytest.raises(TransportError) as raised:
        _caller(emulator).call("CreateClass", {"ParentId": -1, "ClassName": "Movies"})
    assert raised.value.maybe_sent
    assert _actions(emulator) == ["CreateClass"], "the caller leaves the lookup to apply"


def test_a_dropped_modify_is_resent(emulator: Emulator) -> None:
    api = VodApi(_caller(emulator), None)
    class_id = api.create(MEDIA_CLASS, {"ParentId": -1, "ClassName": "Movies"})
    emulator.set_knobs(Knobs(fault_rate=0.5, faults=("drop-after",), seed=1, fault_actions=("ModifyClass",)))
    api.update(MEDIA_CLASS, class_id, {"ClassName": "Films"})
    assert _actions(emulator).count("ModifyClass") >= 2
    assert [c["Name"] for c in api.list(MEDIA_CLASS)] == ["SystemDefault", "Films"]


def _fake_time() -> tuple[list[float], list[float], Callable[[float], None]]:
    """A clock that only moves when someone sleeps: (now, what was slept, sleep)."""
    now, slept = [0.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    return now, slept, sleep


def test_the_rate_limiter_spaces_calls_per_action() -> None:
    now, slept, sleep = _fake_time()
    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    for _ in range(15):
        limiter.acquire("CreateClass")
    limiter.acquire("DeleteClass")
    assert slept and sum(slept) == pytest.approx(0.5, abs=0.01), "10 at once, then one every 0.1 s"
    assert now[0] == pytest.approx(0.5, abs=0.01), "another action has its own bucket"


def test_an_action_with_a_lower_documented_limit_has_its_own_rate() -> None:
    """The live API's Modify takes 20 calls a second: the 21st waits 0.05 s, under a target's 100."""
    now, slept, sleep = _fake_time()
    limiter = RateLimiter(100, rates=LIVE_RATES, clock=lambda: now[0], sleep=sleep)
    for _ in range(21):
        limiter.acquire("ModifyLivePullStreamTask")
    for _ in range(50):
        limiter.acquire("CreateLivePullStreamTask")  # 50 a second: its own bucket, no wait
    assert slept == [pytest.approx(0.05)]


def test_a_per_minute_bucket_refills_over_a_minute() -> None:
    """The legacy API's limit is 100 calls a minute per action: the 101st waits 0.6 s."""
    now, slept, sleep = _fake_time()
    limiter = RateLimiter(100, per=60.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(101):
        limiter.acquire("QueryTranscodeTemplateList")
    limiter.acquire("CreateClass")  # another action has its own bucket
    assert slept == [pytest.approx(0.6)]


def test_once_a_kind_fails_no_more_of_the_listing_s_pages_are_asked_for(emulator: Emulator) -> None:
    caller = _caller(emulator)
    text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
    for n in range(600):  # a first page and 5 later ones
        caller.call("CreateWatermarkTemplate", {"Type": "text", "Name": f"m{n}", "TextTemplate": text})
    failing = ("DescribeTranscodeTemplates",)
    emulator.set_knobs(Knobs(fault_rate=1, faults=("internal",), fault_actions=failing))
    before = len(emulator.calls)
    with pytest.raises(ApiError, match="InternalError"):
        VodApi(caller, None, parallelism=1).list_kinds((WATERMARK, TRANSCODE))
    listed = _actions(emulator)[before:]
    assert listed.count("DescribeTranscodeTemplates") == FAST.internal_error_attempts
    # the watermarks' later pages were queued as their first page answered, behind the transcode
    # templates' first page: none is asked for after it failed, however late the caller wakes
    assert listed.count("DescribeWatermarkTemplates") == 1, listed


def _answering(status: int, seen: list[str]) -> httpx.MockTransport:
    """A server that is not the API (a proxy, a web server at a wrong endpoint): `status`, no JSON."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["X-TC-Action"])
        return httpx.Response(status, text="<html>no such page</html>")

    return httpx.MockTransport(answer)


def _call_answered(status: int) -> tuple[str, list[str]]:
    seen: list[str] = []
    caller = HttpCaller(
        Endpoint.parse("http://vod.test"),
        Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),
        transport=_answering(status, seen),
    )
    with pytest.raises(TransportError) as raised:
        RetryingCaller(caller, policy=FAST).call("DescribeAllClass", {})
    return str(raised.value), seen


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 501])
def test_an_http_status_that_asking_again_cannot_change_is_not_retried(status: int) -> None:
    """A wrong endpoint answering 404 (say) was asked 8 times over about 20 s per action."""
    said, seen = _call_answered(status)
    assert said == f"DescribeAllClass failed: HTTP {status} from the API: <html>no such page</html>"
    assert seen == ["DescribeAllClass"]


def test_an_http_status_without_a_body_says_so() -> None:
    """A 204 (or any status) with nothing in it ended its error in a bare colon."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["X-TC-Action"])
        return httpx.Response(204)

    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = HttpCaller(Endpoint.parse("http://vod.test"), credentials, transport=httpx.MockTransport(answer))
    with pytest.raises(TransportError) as raised:
        RetryingCaller(caller, policy=FAST).call("DescribeAllClass", {})
    said = "DescribeAllClass failed: HTTP 204 from the API, with no body"
    assert (str(raised.value), seen) == (said, ["DescribeAllClass"])


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_a_busy_or_failing_gateway_is_retried(status: int) -> None:
    said, seen = _call_answered(status)
    assert said.startswith(f"DescribeAllClass failed: HTTP {status} from the API")
    assert seen == ["DescribeAllClass"] * FAST.attempts


@pytest.mark.parametrize(("status", "body"), [(200, "<html>a captive portal</html>"), (404, "no such page")])
def test_the_legacy_wire_does_not_retry_what_would_answer_the_same(status: int, body: str) -> None:
    """A legacy (2017) endpoint answering 200 with something that is not its JSON object was
    asked 8 times, though the 2018 wire never retries an unreadable reply; a 404 too."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(status, text=body)

    credentials = Credentials(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    caller = LegacyCaller(
        Endpoint.parse("http://vod.test"), credentials, transport=httpx.MockTransport(answer)
    )
    with pytest.raises(TransportError) as raised:
        RetryingCaller(caller, policy=FAST).call("DescribeAllClass", {})
    said = f"unreadable reply: {body!r}" if status == 200 else f"HTTP {status} from the API: {body}"
    assert (str(raised.value), seen) == (f"DescribeAllClass failed: {said}", ["/v2/index.php"])


@pytest.mark.parametrize("failing", ["DescribeTranscodeTemplates", "SearchMedia"])
def test_once_a_listing_call_fails_no_other_call_starts(
    vodops: Vodops, tmp_path: Path, default_keys: None, failing: str
) -> None:
    """With one call at a time, every kind's first page waits behind the ones before it, and
    the media search behind them all; after the transcode templates' first page failed (three
    InternalErrors), the ones still queued were sent anyway, as every later page was after the
    media search failed. The admin call log shows what reached the emulator."""
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=("internal",), fault_actions=(failing,)))
    try:
        with serve_in_thread(emulator) as url:
            planned = vodops("plan", tmp_path, "--endpoint", url, "--parallelism", "1")
            actions = [call["action"] for call in httpx.get(f"{url}/_emulator/calls").json()]
    finally:
        emulator.close()
    said = f"Error: {failing} failed: InternalError: An internal error has occurred (injected by the "
    said += "emulator). (RequestId {})"
    request_id = re.fullmatch(r".*\(RequestId ([0-9a-f-]{36})\)", planned.err.strip())
    assert request_id, planned.err
    assert (planned.code, planned.err.splitlines()) == (1, [said.format(request_id[1])])
    assert actions[actions.index(failing) :] == [failing] * RetryPolicy().internal_error_attempts, actions
    assert not (tmp_path / ".vodops").exists()


@pytest.mark.parametrize("parallelism", ["1", "16"])
def test_a_fault_every_listing_call_meets_is_told_by_the_first_call_asked_for(
    vodops: Vodops, tmp_path: Path, default_keys: None, parallelism: str
) -> None:
    """A failed call stops only the calls asked for after it: the first asked for (the media
    classes' listing) is always made, so a fault every call meets (credentials, TLS) names the
    same action however the threads ran. The media search, which fails as fast, used to stop it
    now and then, and the error named SearchMedia instead."""
    emulator = Emulator(knobs=Knobs(fault_rate=1, faults=("internal",)))
    try:
        with serve_in_thread(emulator) as url:
            planned = vodops("plan", tmp_path, "--endpoint", url, "--parallelism", parallelism)
            actions = [call["action"] for call in httpx.get(f"{url}/_emulator/calls").json()]
    finally:
        emulator.close()
    assert planned.code == 1
    assert planned.err.startswith("Error: DescribeAllClass failed: InternalError: "), planned.err
    assert actions.count("DescribeAllClass") == RetryPolicy().internal_error_attempts, actions
