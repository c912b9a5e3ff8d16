"""Writing manifests and reading the embedded emulator through the real client, for tests."""

from __future__ import annotations

import re
import signal
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from vodops.cloud.vod import VodApi
from vodops.targets import Target, connect

LOCAL = Target("local", None)
VODOPS = [sys.executable, "-m", "vodops"]  # the CLI as a real process


def document(kind: str, name: str, spec: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"apiVersion": "vodops/v1", "kind": kind, "metadata": {"name": name}}
    if spec is not None:
        doc["spec"] = spec
    return doc


def write(directory: Path, filename: str, *documents: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / filename
    path.write_text(yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True))
    return path


@contextmanager
def live_api(directory: Path) -> Iterator[VodApi]:
    """The embedded emulator of `directory`, as vodops's own client sees it."""
    with connect(LOCAL, directory) as api:
        yield api


def custom(api: VodApi, kind: str) -> list[dict[str, Any]]:
    return [item for item in api.list(kind) if item.get("Type") != "Preset"]


def hls(bitrate: int = 1800, **video: Any) -> dict[str, Any]:
    """A valid HLS transcode spec, varied by keyword."""
    return {
        "container": "hls",
        "videoTemplate": {"codec": "libx264", "fps": 30, "bitrate": bitrate, **video},
        "audioTemplate": {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100},
    }


TEXT_WATERMARK = {
    "type": "text",
    "textTemplate": {"fontType": "arial.ttf", "fontSize": "20px", "fontColor": "0xFFFFFF", "fontAlpha": 1},
}


def read_until(process: subprocess.Popen[str], pattern: str) -> str:
    """The output of `process` up to the first line matching `pattern` (a regex, multiline)."""
    assert process.stdout is not None
    seen = ""
    while not re.search(pattern, seen, re.MULTILINE):
        line = process.stdout.readline()
        assert line, f"the process ended before {pattern!r}:\n{seen}"
        seen += line
    return seen


@contextmanager
def served(*flags: str) -> Iterator[str]:
    """Run `vodops emulator serve --port 0 FLAGS`; yield its base URL; stop it with SIGTERM."""
    process = subprocess.Popen(
        [*VODOPS, "emulator", "serve", "--port", "0", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    banner = process.stdout.readline()
    found = re.search(r"listening on (http://\S+)", banner)
    try:
        assert found, banner + process.stdout.read()
        yield found[1]
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=10)
    assert process.returncode == 0, rest
    assert "Emulator stopped." in rest


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[None]:
    """Run `server` on a background thread for the length of the block, then close it."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
