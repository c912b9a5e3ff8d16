"""Live API answers vodops cannot use are one line each, never a traceback or a hang.

A proxy in front of the emulator rewrites DescribeTranscodeTemplates' answer: not JSON, nested
without end, too large, of the wrong shape, with a runaway TotalCount, or a broken Error. What
the account holds is read leniently (an object where a string belongs is not a crash); the frame
of the answer is checked where it enters.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import EXAMPLES, Vodops
from vodops.cli import main
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, serve_in_thread

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

Rewrite = Callable[[bytes], bytes]
ACTION = "DescribeTranscodeTemplates"


def _response(change: Callable[[dict[str, Any]], None]) -> Rewrite:
    def rewrite(body: bytes) -> bytes:
        envelope = json.loads(body)
        change(envelope["Response"])
        return json.dumps(envelope).encode()

    return rewrite


def _custom(field: str, value: Any) -> Rewrite:
    def change(response: dict[str, Any]) -> None:
        for item in response["TranscodeTemplateSet"]:
            if item["Type"] == "Custom":
                item[field] = value

    return _response(change)


class Proxy:
    """Serves the emulator, with `rewrite` applied to the answers of ACTION."""

    def __init__(self, emulator: Emulator, rewrite: Rewrite) -> None:
        self.emulator, self.rewrite = emulator, rewrite

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        body = b"".join(self.emulator(environ, lambda status, headers, exc_info=None: lambda data: None))
        if environ.get("HTTP_X_TC_ACTION") == ACTION:
            body = self.rewrite(body)
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


F = f"Error: {ACTION} failed: "
FRAME: dict[str, tuple[Rewrite, str]] = {
    "html": (lambda body: b"<html>oops</html>", F + "unreadable reply: '<html>oops</html>'"),
    "nested-100000": (lambda body: b"[" * 100_000, F + "unreadable reply: '" + "[" * 200 + "'"),
    "not-utf8": (lambda body: b'{"Response": {"X": "\xff"}}', F + "unreadable reply: '{\"Response\": {\"X\": \"\ufffd\"}}'"),
    "response-a-list": (lambda body: b'{"Response": []}', F + "unreadable reply: '{\"Response\": []}'"),
    "no-response": (lambda body: b'{"Answer": {}}', F + "unreadable reply: '{\"Answer\": {}}'"),
    "response-empty": (lambda body: b'{"Response": {}}', F + "unreadable reply: '{\"Response\": {}}'"),
    "set-missing": (_response(lambda r: r.pop("TranscodeTemplateSet")), F + "the answer has no TranscodeTemplateSet"),
    "40-mb": (lambda body: b'{"Response": {"X": "' + b"a" * (40 * 1024 * 1024) + b'"}}', F + "the answer is larger than 33554432 bytes"),
    "set-a-string": (_response(lambda r: r.update(TranscodeTemplateSet="abc")), F + "the answer's TranscodeTemplateSet is not a list of objects: 'abc'"),
    "set-of-numbers": (_response(lambda r: r.update(TranscodeTemplateSet=[1, 2])), F + "the answer's TranscodeTemplateSet is not a list of objects: [1, 2]"),
    "total-a-word": (_response(lambda r: r.update(TotalCount="many")), F + "the answer's TotalCount is not a count up to 20000: 'many'"),
    "total-runaway": (_response(lambda r: r.update(TotalCount=10**12)), F + "the answer's TotalCount is not a count up to 20000: 1000000000000"),
    "total-negative": (_response(lambda r: r.update(TotalCount=-1)), F + "the answer's TotalCount is not a count up to 20000: -1"),
    "total-boolean": (_response(lambda r: r.update(TotalCount=True)), F + "the answer's TotalCount is not a count up to 20000: True"),
    "error-a-string": (_response(lambda r: r.update(Error="boom")), F + "the answer's Error is not an object with a Code: 'boom'"),
    "error-code-an-object": (_response(lambda r: r.update(Error={"Code": {"x": 1}})), F + "the answer's Error is not an object with a Code: {'Code': {'x': 1}}"),
    "error-message-escapes": (_response(lambda r: r.update(Error={"Code": "InvalidParameter", "Message": "\x1b[2Jok"}, RequestId=5)), F + "InvalidParameter: \\x1b[2Jok"),
}  # fmt: skip

LENIENT: dict[str, Rewrite] = {
    "container-an-object": _custom("Container", {"a": 1}),
    "container-a-list": _custom("Container", [1]),
    "video-a-string": _custom("VideoTemplate", "oops"),
    "video-fields-of-wrong-types": _custom("VideoTemplate", {"Codec": 5, "Fps": "fast", "Bitrate": [1]}),
    "audio-null": _custom("AudioTemplate", None),
    "name-a-number": _custom("Name", 123),
    "comment-a-list": _custom("Comment", ["x"]),
    "definition-missing": _custom("Definition", None),
    "definition-a-word": _custom("Definition", "abc"),
}  # fmt: skip


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Emulator, Path]]:
    """The quickstart applied to one emulator, shared: plans only read it."""
    directory = tmp_path_factory.mktemp("answers") / "quickstart"
    shutil.copytree(EXAMPLES / "quickstart", directory, ignore=shutil.ignore_patterns(".vodops"))
    emulator = Emulator()
    with pytest.MonkeyPatch.context() as env, serve_in_thread(emulator) as url:
        env.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
        env.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
        assert main(["apply", str(directory), "--endpoint", url, "--yes"]) == 0
    yield emulator, directory
    emulator.close()


def _plan(
    vodops: Vodops, applied: tuple[Emulator, Path], rewrite: Rewrite, monkeypatch: pytest.MonkeyPatch
) -> Any:
    emulator, directory = applied
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", DEFAULT_SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", DEFAULT_SECRET_KEY)
    with serve_in_thread(Proxy(emulator, rewrite)) as url:
        return vodops("plan", directory, "--endpoint", url)


@pytest.mark.parametrize("case", FRAME, ids=list(FRAME))
def test_an_answer_of_the_wrong_frame_is_one_line(
    vodops: Vodops, applied: tuple[Emulator, Path], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    rewrite, message = FRAME[case]
    result = _plan(vodops, applied, rewrite, monkeypatch)
    assert (result.code, result.err.splitlines()) == (1, [message])
    assert result.out == ""


@pytest.mark.parametrize("case", LENIENT, ids=list(LENIENT))
def test_odd_values_inside_an_object_are_read_leniently(
    vodops: Vodops, applied: tuple[Emulator, Path], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    result = _plan(vodops, applied, LENIENT[case], monkeypatch)
    assert result.code in (0, 1), result.text
    assert "Traceback" not in result.text
    assert result.code == 0 or len(result.err.splitlines()) <= 2, result.err
