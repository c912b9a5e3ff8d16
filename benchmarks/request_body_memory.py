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
from pathlib import Path
from urllib.parse import urlsplit

from emulator_throughput import _start  # this folder is on sys.path when a benchmark runs

from vodops.emulator.limits import MAX_BODY_BYTES

CHUNK = b" " * (1024 * 1024)


def _peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert found, "no VmHWM: this benchmark needs Linux"
    return int(found[1]) / 1024


def _send(url: str, size: int) -> str:
    """Stream a DescribeAllClass whose body is `size` bytes ({} then spaces); answer its error code.
    It carries no valid signature: the size is judged first, and a body under the limit is read
    (and hashed) before the signature is checked, which is what is measured."""
    parts = urlsplit(url)
    body_head = b"{}"
    headers = {"Host": parts.netloc, "Content-Type": "application/json", "X-TC-Action": "DescribeAllClass"}
    headers |= {"X-TC-Version": "2018-07-17", "X-TC-Timestamp": "0", "Content-Length": str(size)}
    headers |= {"Connection": "close"}  # the answer is read until the server closes
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
    process, url = _start(0)
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
