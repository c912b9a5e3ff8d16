"""Counts in what vodops tells people: "1 change", "2 changes", never "1 changes"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` and `noun` (a regular English noun in the singular), the noun plural unless the
    count is 1: counted(1, "file") is "1 file", counted(0, "file") is "0 files"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
