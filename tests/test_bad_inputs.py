"""Every bad input outside the manifests gets one clear line, never a traceback, and changes nothing:
vodops.yaml, the environment, tccli's credential files and the command line's target options.

(Malformed manifests are the corpus in tests/manifests/invalid/, hostile imageFile values are in
test_image_files.py, API answers in test_bad_answers.py, requests to the emulator in
tests/emulator/test_hostile_http.py.) `{file}` in a message stands for the file at fault.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, Vodops
from vodops.emulator import Emulator
from vodops.resources import DEPENDENCY_ORDER

INVALID = "1 problem: the manifests are invalid; nothing was sent to the API"
_KINDS = ", ".join(repr(kind) for kind in DEPENDENCY_ORDER)  # the kinds inside an application

SETTINGS: dict[str, tuple[bytes, str]] = {
    "not-utf8": (b"stack: caf\xe9\n", "{file}: this file is not UTF-8 text (byte 0xe9 on line 1); save it as UTF-8"),
    "utf-16": ("stack: a\n".encode("utf-16"), "{file}: this file is UTF-16 text; save it as UTF-8"),
    "second-document": (b"stack: a\n---\nstack: b\n", "{file}:3:1: vodops.yaml holds one document; this is document 2 (remove it or the '---' before it)"),
    "nested-1000": (b"stack: " + b"[" * 1000 + b"]" * 1000 + b"\n", "{file}:1:71: the YAML nests more than 64 levels deep"),
    "control-character": (b"stack: a\x1b[0m\n", '{file}:1:9: YAML syntax error: the character U+001B is not allowed in YAML; write it as the escape "\\u001b" inside double quotes if it is meant'),
    "integer-too-long": (b"safety: {maxDeletes: " + b"9" * 4301 + b"}\n", "{file}:1:22: this integer is longer than the 4300 digits vodops reads"),
    "lone-surrogate": (b'stack: "a\\ud800"\n', "{file}:1:8: '\\ud800' is half of a UTF-16 pair (a lone surrogate), not a character; write the character itself"),
    "yaml-syntax": (b"stack: [a\n", "{file}:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"),
    "a-list": (b"- a\n", "{file}:1:1: vodops.yaml: must be a mapping (got ['a'])"),
    "unknown-field": (b"formatVersion: true\n", "{file}:1:1: formatVersion: unknown field 'formatVersion'; known fields: stack, defaultTarget, targets, prune, safety, drift, quotas"),
    "stack-list": (b"stack: [1]\n", "{file}:1:1: stack: must be a string (got [1])"),
    "stack-with-space": (b"stack: bad stack\n", "{file}:1:1: stack: must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit, like media-platform (got 'bad stack')"),
    "targets-number": (b"targets: 5\n", "{file}:1:1: targets: must be a mapping (got 5)"),
    "targets-list": (b"targets: [a]\n", "{file}:1:1: targets: must be a mapping (got ['a'])"),
    "prune-word": (b'prune: "yes"\n', "{file}:1:1: prune: must be true or false (got 'yes')"),
    "default-target-number": (b"defaultTarget: 7\n", "{file}:1:1: defaultTarget: must be a string (got 7)"),
    "default-target-unknown": (b"defaultTarget: prod\n", "{file}:1:1: defaultTarget: no target named 'prod' (known: local)"),
    "default-target-unknown-later": (b"stack: a\ntargets:\n  x: {}\ndefaultTarget: prod\n", "{file}:4:1: defaultTarget: no target named 'prod' (known: local, x)"),
    "parallelism-word": (b"targets: {x: {parallelism: ten}}\n", "{file}:1:15: targets.x.parallelism: must be an integer (got 'ten')"),
    "parallelism-huge": (b"targets: {x: {parallelism: 1000}}\n", "{file}:1:15: targets.x.parallelism: must be 1\u201364 calls in flight (got 1000)"),
    "sub-app-id-bool": (b"targets: {x: {subAppId: true}}\n", "{file}:1:15: targets.x.subAppId: must be an integer (got True)"),
    "sub-app-id-past-uint64": (b"targets: {x: {subAppId: 18446744073709551616}}\n", "{file}:1:15: targets.x.subAppId: must be 1\u201318446744073709551615 (got 18446744073709551616)"),
    "parallelism-past-a-float": (b"targets: {x: {parallelism: 1" + b"0" * 400 + b"}}\n", "{file}:1:15: targets.x.parallelism: must be 1\u201364 calls in flight (got 1000000000000000... (401 digits))"),
    "rate-limit-infinite": (b"targets: {x: {rateLimit: 1e400}}\n", "{file}:1:15: targets.x.rateLimit: must be 0.1\u201310000 calls per second (got inf)"),
    "rate-limit-tagged-infinite": (b"targets: {x: {rateLimit: !!float .inf}}\n", "{file}:1:15: targets.x.rateLimit: must be 0.1\u201310000 calls per second (got inf)"),
    "prune-tagged-bool-yes": (b"prune: !!bool yes\n", "{file}:1:8: the tag !!bool is for true or false, not 'yes'"),
    "targets-tagged-str": (b"targets: !!str {x: {}}\n", "{file}:1:10: the tag !!str is for a string, not a mapping"),
    "bare-document-after-end": (b"stack: a\n...\nstack: b\n", "{file}:3:1: vodops.yaml holds one document; this is document 2 (remove it or the '---' before it)"),
    "endpoint-number": (b"targets: {x: {endpoint: 5}}\n", "{file}:1:15: targets.x.endpoint: must be a string (got 5)"),
    "endpoint-scheme": (b"targets: {x: {endpoint: ftp://x}}\n", "{file}:1:15: targets.x.endpoint: endpoint 'ftp://x' is not a host name or an http(s) URL"),
    "endpoint-port": (b"targets: {x: {endpoint: 'http://h:99999'}}\n", "{file}:1:15: targets.x.endpoint: endpoint 'http://h:99999' is not a valid URL: Port out of range 0-65535"),
    "endpoint-port-0": (b"targets: {x: {live: {endpoint: 'h:0'}}}\n", "{file}:1:22: targets.x.live.endpoint: endpoint 'h:0' is not a valid URL: Port out of range 1-65535"),
    "endpoint-password": (b"targets: {x: {endpoint: 'http://me:hunter2@h'}}\n", "{file}:1:15: targets.x.endpoint: an endpoint must not carry a user name or password; write the host only"),
    "endpoint-braces": (b"targets: {x: {endpoint: 'http://h/{0}'}}\n", "{file}:1:15: targets.x.endpoint: endpoint 'http://h/{0}' must not have a path, query or fragment"),
    "live-endpoint-path": (b"targets: {x: {live: {endpoint: 'http://h/live'}}}\n", "{file}:1:22: targets.x.live.endpoint: endpoint 'http://h/live' must not have a path, query or fragment"),
    "profile-path": (b"targets: {x: {profile: ../../etc/passwd}}\n", "{file}:1:15: targets.x.profile: must be a tccli profile name (letters, digits, '_', '-', '.'), not a path (got '../../etc/passwd')"),
    "region-escape": (b'targets: {x: {region: "ap\\e"}}\n', "{file}:1:15: targets.x.region: must be a region id like ap-guangzhou (got 'ap\\x1b')"),
    "max-deletes-negative": (b"safety: {maxDeletes: -1}\n", "{file}:1:10: safety.maxDeletes: must be at least 0 (got -1)"),
    "unknown-kind-limit": (b"safety: {kinds: {Foo: {}}}\n", "{file}:1:18: safety.kinds.Foo.[key]: must be one of " + _KINDS + " (got 'Foo')"),
    "sub-app-id-and-name": (b"targets:\n  x: {region: ap-guangzhou}\n  y:\n    subAppId: 5\n    subApp: media\n", "{file}:3:3: targets.y: give subAppId or subApp, not both (one application per target)"),
    "local-redefined": (b"targets: {local: {}}\n", "{file}:1:11: targets.local: 'local' is the built-in emulator target; choose another name"),
}  # fmt: skip


@pytest.mark.parametrize("case", SETTINGS, ids=list(SETTINGS))
def test_bad_settings_are_one_line_each(vodops: Vodops, tmp_path: Path, case: str) -> None:
    content, message = SETTINGS[case]
    settings = tmp_path / "vodops.yaml"
    settings.write_bytes(content)
    for command in ("validate", "plan", "apply"):
        result = vodops(command, tmp_path, *(["--yes"] if command == "apply" else []))
        assert result.code == 1
        assert result.err.splitlines() == [message.replace("{file}", str(settings)), INVALID], result.err
    assert not (tmp_path / ".vodops").exists()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_fifo, "is a FIFO (named pipe), not a regular file"),
        (_directory, "is a directory, not a regular file"),
    ],
    ids=["fifo", "directory"],
)
def test_a_settings_file_that_is_not_a_file(
    vodops: Vodops, tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    make(tmp_path / "vodops.yaml")
    result = vodops("plan", tmp_path)
    assert result.err.splitlines() == [f"{tmp_path / 'vodops.yaml'}: this file {reason}", INVALID]


NOT_SENDABLE = (
    "contains a space, a control or a non-ASCII character, which cannot be sent; check how it was set"
)
ENVIRONMENT: dict[str, tuple[dict[str, str], str]] = {
    "key-with-newline": ({"TENCENTCLOUD_SECRET_KEY": "Tests-Secret\nKey"}, f"$TENCENTCLOUD_SECRET_KEY {NOT_SENDABLE}"),
    "id-not-ascii": ({"TENCENTCLOUD_SECRET_ID": "AKIDtésts"}, f"$TENCENTCLOUD_SECRET_ID {NOT_SENDABLE}"),
    "token-header-injection": ({"TENCENTCLOUD_SESSION_TOKEN": "t\r\nX-Evil: 1"}, f"$TENCENTCLOUD_SESSION_TOKEN {NOT_SENDABLE}"),
    "key-without-id": ({"TENCENTCLOUD_SECRET_ID": ""}, "$TENCENTCLOUD_SECRET_KEY is set but $TENCENTCLOUD_SECRET_ID is not; set both"),
    "profile-is-a-path": ({"TENCENTCLOUD_SECRET_ID": "", "TENCENTCLOUD_SECRET_KEY": "", "TCCLI_PROFILE": "../../x"}, "$TCCLI_PROFILE '../../x' is not a profile name (letters, digits, '_', '-' and '.'; not a path)"),
}  # fmt: skip


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize("case", ENVIRONMENT, ids=list(ENVIRONMENT))
def test_bad_environment_is_one_line(
    vodops: Vodops,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    emulator: Emulator,
    endpoint: str,
    case: str,
) -> None:
    variables, message = ENVIRONMENT[case]
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    _refused(vodops("plan", tmp_path, "--endpoint", endpoint), message, emulator)


def _refused(result: Run, message: str, emulator: Emulator) -> None:
    """`result` is the one line `Error: message`, and the emulator was never called."""
    assert (result.code, result.err.splitlines()) == (1, [f"Error: {message}"])
    assert emulator.calls == []
    assert "Tests-Secret" not in result.text


CANNOT = "cannot read credentials from {file}: it "
CREDENTIAL_FILES: dict[str, tuple[bytes, str]] = {
    "not-json": (b"secretId = x", CANNOT + "is not JSON"),
    "nested-json": (b"[" * 5000, CANNOT + "is not JSON"),
    "an-array": (b"[1]", CANNOT + "is not a JSON object"),
    "not-utf8": (b'{"secretId": "\xff"}', CANNOT + "is not UTF-8 text (byte 0xff on line 1); save it as UTF-8"),
    "too-large": (b'{"secretId": "' + b"a" * 70_000 + b'"}', CANNOT + "is 70016 bytes; vodops reads at most 65536"),
    "id-a-number": (b'{"secretId": 5, "secretKey": "k"}', "{file}: secretId must be a string, not a number"),
    "key-an-object": (b'{"secretId": "AKIDx", "secretKey": {}}', "{file}: secretKey must be a string, not an object"),
    "id-with-space": (b'{"secretId": "AKID x", "secretKey": "k"}', f"secretId in {{file}} {NOT_SENDABLE}"),
    "token-with-newline": (b'{"secretId": "AKIDx", "secretKey": "k", "token": "a\\nb"}', f"token in {{file}} {NOT_SENDABLE}"),
    "no-key": (b'{"secretId": "AKIDx"}', "{file} has no secretId and secretKey; run `tccli configure` to set them"),
}  # fmt: skip


@pytest.mark.parametrize("case", CREDENTIAL_FILES, ids=list(CREDENTIAL_FILES))
def test_bad_credential_files_are_one_line(
    vodops: Vodops, tccli_home: Path, emulator: Emulator, endpoint: str, case: str
) -> None:
    file = tccli_home / ".tccli" / "default.credential"
    content, message = CREDENTIAL_FILES[case]
    file.write_bytes(content)
    result = vodops("plan", tccli_home, "--endpoint", endpoint)
    _refused(result, message.replace("{file}", str(file)), emulator)


def test_a_credential_file_that_is_a_fifo_does_not_hang(
    vodops: Vodops, tccli_home: Path, endpoint: str
) -> None:
    file = tccli_home / ".tccli" / "default.credential"
    os.mkfifo(file)
    result = vodops("plan", tccli_home, "--endpoint", endpoint)
    assert result.err.splitlines() == [
        f"Error: {CANNOT.format(file=file)}is a FIFO (named pipe), not a regular file"
    ]


OPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "endpoint-broken-ipv6": (("--endpoint", "http://[::1"), "endpoint 'http://[::1' is not a valid URL: Invalid IPv6 URL"),
    "endpoint-port-out-of-range": (("--endpoint", "http://h:99999"), "endpoint 'http://h:99999' is not a valid URL: Port out of range 0-65535"),
    "endpoint-port-0": (("--endpoint", "http://127.0.0.1:0"), "endpoint 'http://127.0.0.1:0' is not a valid URL: Port out of range 1-65535"),
    "endpoint-scheme": (("--endpoint", "ftp://x"), "endpoint 'ftp://x' is not a host name or an http(s) URL"),
    "endpoint-path": (("--endpoint", "http://h/path"), "endpoint 'http://h/path' must not have a path, query or fragment"),
    "endpoint-query": (("--endpoint", "h?x=1"), "endpoint 'h?x=1' must not have a path, query or fragment"),
    "endpoint-fragment": (("--endpoint", "http://h#f"), "endpoint 'http://h#f' must not have a path, query or fragment"),
    "endpoint-space": (("--endpoint", "a b"), "endpoint 'a b' contains white space or a control character"),
    "endpoint-newline": (("--endpoint", "h\r\nX: 1"), "endpoint 'h\\r\\nX: 1' contains white space or a control character"),
    "endpoint-password": (("--endpoint", "http://me:hunter2@h"), "an endpoint must not carry a user name or password; write the host only"),
    "region-underscore": (("--endpoint", "h", "--region", "ap_gz"), "region 'ap_gz' is not a region name such as ap-guangzhou"),
    "region-newline": (("--endpoint", "h", "--region", "ap\nX: 1"), "region 'ap\\nX: 1' is not a region name such as ap-guangzhou"),
    "profile-is-a-path": (("--endpoint", "h", "--profile", "a/b"), "the profile 'a/b' is not a profile name (letters, digits, '_', '-' and '.'; not a path)"),
}  # fmt: skip


@pytest.mark.parametrize("case", OPTIONS, ids=list(OPTIONS))
@pytest.mark.usefixtures("tccli_home")
def test_bad_target_options_are_one_line(vodops: Vodops, tmp_path: Path, case: str) -> None:
    options, message = OPTIONS[case]
    result = vodops("plan", tmp_path, *options)
    assert (result.code, result.err.splitlines()) == (1, [f"Error: {message}"])
    assert "hunter2" not in result.text


TARGET_ENVIRONMENT: dict[str, tuple[dict[str, str], str]] = {
    "endpoint": ({"VODOPS_ENDPOINT": "ftp://x"}, "$VODOPS_ENDPOINT: endpoint 'ftp://x' is not a host name or an http(s) URL"),
    "region": ({"VODOPS_ENDPOINT": "h", "VODOPS_REGION": "ap_gz"}, "$VODOPS_REGION: region 'ap_gz' is not a region name such as ap-guangzhou"),
}  # fmt: skip


@pytest.mark.parametrize("case", TARGET_ENVIRONMENT, ids=list(TARGET_ENVIRONMENT))
@pytest.mark.usefixtures("tccli_home")
def test_a_bad_target_option_from_the_environment_names_its_variable(
    vodops: Vodops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """The same value typed as an option is told without a name (test_bad_target_options_are_one_line)."""
    variables, message = TARGET_ENVIRONMENT[case]
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    result = vodops("plan", tmp_path)
    assert (result.code, result.err.splitlines()) == (1, [f"Error: {message}"])
    assert not (tmp_path / ".vodops").exists()


@pytest.mark.usefixtures("tccli_home")
def test_a_sub_app_id_past_uint64_is_a_usage_error(vodops: Vodops, tmp_path: Path) -> None:
    """SubAppId is a uint64 (api.json): a larger --sub-app-id is refused before any call, not
    sent for the API to refuse with InvalidParameterValue.SubAppId."""
    result = vodops("plan", tmp_path, "--sub-app-id", "18446744073709551616")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        "Error: Invalid value for '--sub-app-id' (env var: 'VODOPS_SUB_APP_ID'): "
        "18446744073709551616 is not in the range 1<=x<=18446744073709551615."
    )
    assert not (tmp_path / ".vodops").exists()


DASH_OUT = {
    "plan": "--format json prints the plan's JSON",
    "export": "export writes manifest files; give a directory",
    "schema": "without --out the schema is printed",
}


@pytest.mark.parametrize("verb", DASH_OUT)
def test_out_dash_is_not_taken_for_a_file_named_dash(
    vodops: Vodops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, verb: str
) -> None:
    """`--out -` is standard output to other tools: it is refused with what to do instead, and
    nothing named '-' is written (export's '-' directory was read as manifests by the next plan)."""
    monkeypatch.chdir(tmp_path)
    result = vodops(verb, *([] if verb == "schema" else [tmp_path]), "--out", "-")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        f"Error: Invalid value for '--out': '-' is not standard output here: {DASH_OUT[verb]}"
    )
    assert list(tmp_path.iterdir()) == []


def _sparse(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(17 * 1024 * 1024)


MANIFEST_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "this file is a FIFO (named pipe), not a regular file"),
    "dev-zero": (lambda path: path.symlink_to("/dev/zero"), "this file is a character device, not a regular file"),
    "17-mb": (_sparse, "this file is 17825792 bytes; vodops reads at most 16777216"),
    "not-utf8": (lambda path: path.write_bytes(b"kind: MediaClass\nmetadata: {name: caf\xe9}\n"), "this file is not UTF-8 text (byte 0xe9 on line 2); save it as UTF-8"),
}  # fmt: skip


@pytest.mark.parametrize("case", MANIFEST_FILES, ids=list(MANIFEST_FILES))
def test_a_manifest_file_that_cannot_be_read_is_one_line(vodops: Vodops, tmp_path: Path, case: str) -> None:
    make, message = MANIFEST_FILES[case]
    make(tmp_path / "classes.yaml")
    result = vodops("validate", tmp_path)
    assert (result.code, result.err.splitlines()) == (1, [f"{tmp_path / 'classes.yaml'}: {message}", INVALID])
