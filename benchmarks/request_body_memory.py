"""Peak memory of `vodops emulator serve` when a client sends a 100 MB request body.

Starts the emulator as its own process, as users run it, and reads its peak resident memory
(VmHWM in /proc, Linux) at three points: after ordinary calls (the reference), after a body just
under the API's 10 MB limit (read, hashed and parsed), and after streaming a 100 MB body (refused
from its Content-Length, never read into memory). Prints MB and ratios; asserts nothing.

    python benchmarks/request_body_memory.py [--megabytes 100]
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tests.emulator.conftest import signed_headers
from vodops.emulator.limits import MAX_BODY_BYTES

CHUNK = b" " * (1024 * 1024)


def _start() -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "vodops", "emulator", "serve", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    assert found, "the emulator did not start"
    return process, found[1]


def _peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert found, "no VmHWM: this benchmark needs Linux"
    return int(found[1]) / 1024


def _send(url: str, size: int) -> str:
    """Stream a signed DescribeAllClass whose body is `size` bytes of JSON whitespace around {};
    answer the error code (or "ok")."""
    parts = urlsplit(url)
    body_head = b"{}"
    headers = signed_headers("DescribeAllClass", b"", parts.netloc)  # signature irrelevant: size first
    headers["Content-Length"] = str(size)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection((parts.hostname or "", parts.port or 80)) as conn:
        conn.sendall(f"POST / HTTP/1.1\r\n{head}\r\n".encode("latin-1") + body_head)
        sent = len(body_head)
        try:
            while sent < size:
                piece = CHUNK[: min(len(CHUNK), size - sent)]
                conn.sendall(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may stop reading once it has answered
        reply = b""
        while data := conn.recv(65536):
            reply += data
    answer = json.loads(reply.partition(b"\r\n\r\n")[2])["Response"]
    return str(answer.get("Error", {}).get("Code", "ok"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    process, url = _start()
    try:
        for _ in range(20):
            _send(url, 2)
        reference = _peak_mb(process.pid)
        over = _send(url, args.megabytes * 1024 * 1024)
        huge = _peak_mb(process.pid)
        under = _send(url, MAX_BODY_BYTES - 1024)
        near_limit = _peak_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    print(f"reference, ordinary calls: peak {reference:6.1f} MB")
    print(f"then a {args.megabytes} MB body ({over}): peak {huge:6.1f} MB, {huge / reference:.2f}x")
    print(f"then a body just under 10 MB ({under}): peak {near_limit:6.1f} MB, {near_limit / reference:.2f}x")


if __name__ == "__main__":
    main()
