"""apply without --yes asks before it changes anything, at a terminal (a pseudo-terminal here, with
the real `vodops` process), and its question counts the changes in plain English."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, document, write
from vodops.resources import WATERMARK


def _answer_prompt(directory: Path, answer: bytes) -> str:
    """Run `vodops apply directory` at a terminal, answer its question; all it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "vodops", "apply", str(directory)],
        stdin=follower, stdout=follower, stderr=follower, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in output and time.monotonic() < deadline:
        output += os.read(leader, 4096)
    os.write(leader, answer)
    process.wait(timeout=60)
    try:
        while chunk := os.read(leader, 4096):
            output += chunk
    except OSError:  # the terminal ends with the process
        pass
    os.close(leader)
    return output.decode().replace("\r\n", "\n")


def test_the_question_counts_one_change_as_one(vodops: Vodops, tmp_path: Path) -> None:
    """It asked 'Apply these 1 changes to local?'."""
    write(tmp_path, "w.yaml", document(WATERMARK, "w0", TEXT_WATERMARK))
    assert "Apply this change to local? [y/N]: n" in _answer_prompt(tmp_path, b"n\n")
    assert "1 to create" in vodops("plan", tmp_path).out  # nothing was changed
    write(tmp_path, "w.yaml", *(document(WATERMARK, f"w{n}", TEXT_WATERMARK) for n in range(2)))
    assert "Apply these 2 changes to local? [y/N]: y" in _answer_prompt(tmp_path, b"y\n")
    assert "No changes" in vodops("plan", tmp_path).out
