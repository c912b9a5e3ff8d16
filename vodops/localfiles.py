"""Reading files vodops did not write (manifests, vodops.yaml, tccli credentials, images) safely:
regular files only, opened without blocking, read up to a bound, and text decoded as UTF-8; and
telling, before writing, why a place cannot be written (`unwritable`).

A FIFO would block a reader forever and a device (/dev/zero) would feed it without end; both are
refused from the file's type before a byte is read, and the open itself cannot block. Errors are
LocalFileError with a one-line reason that starts with a verb and does not name the file, so
each caller says which file it is: `logo.png` + " is a FIFO (named pipe), not a regular file".
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from vodops.errors import VodopsError
from vodops.visible import printable

_WIDE = (  # codec, its byte-order mark, and its first bytes (0 or not) for an ASCII character
    ("utf-32-be", codecs.BOM_UTF32_BE, "000x"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "x000"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "0x"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "x0"),
)
MAX_TEXT_BYTES = 16 * 1024 * 1024  # a manifest of a full sub-application is about 1 MB
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class LocalFileError(VodopsError):
    """A local file vodops cannot use: not a regular file, too large, unreadable or not UTF-8.
    `size` is the file's size in bytes when it was refused for being too large."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.size = size


class SpecFilesError(VodopsError):
    """A declaration's local files that cannot be used, each as (its spec path, such as
    ("cover", "file"), and why), so that every one is reported at its own line."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the regular file `path`; raises LocalFileError if it is larger,
    is not a regular file (following symbolic links) or cannot be read."""
    try:
        found = path.stat()
    except OSError as error:
        raise LocalFileError(f"cannot be read: {error.strerror}") from None
    _check_regular(found.st_mode)
    if found.st_size > limit:
        raise LocalFileError(_too_large(found.st_size, limit), found.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise LocalFileError(f"cannot be read: {error.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        _check_regular(os.fstat(file.fileno()).st_mode)  # it may have been swapped since stat
        data = file.read(limit + 1)
    if len(data) > limit:
        raise LocalFileError(_too_large(len(data), limit), len(data))
    return data


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The regular file `path` as UTF-8 text (a leading byte-order mark is dropped); raises
    LocalFileError as read_bytes does, or when the text is not UTF-8."""
    data = read_bytes(path, limit)
    wide = utf16_or_32(data)
    if wide:  # Windows editors and PowerShell's `>` write UTF-16
        raise LocalFileError(f"is {wide[:6].upper()} text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LocalFileError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); save it as UTF-8"
        ) from None


def utf16_or_32(data: bytes) -> str | None:
    """The codec ("utf-32-be", "utf-16-le"...) `data` is in when its first bytes say UTF-16 or
    UTF-32 (a byte-order mark, or the zero bytes of an ASCII first character), as the YAML 1.2
    spec detects encodings (section 5.2); None otherwise."""
    shape = "".join("x" if byte else "0" for byte in data[:4])
    return next(
        (codec for codec, mark, first in _WIDE if data.startswith(mark) or shape.startswith(first)), None
    )


def _too_large(size: int, limit: int) -> str:
    return f"is {size} bytes; vodops reads at most {limit}"


def _check_regular(mode: int) -> None:
    for test, noun in _NOT_REGULAR:
        if test(mode):
            raise LocalFileError(f"is {noun}, not a regular file")


def unwritable(path: Path, directory: bool) -> str | None:
    """Why `path` cannot be written, or None when it can: a file is written into its existing
    parent directory (plan --out creates no directory), a `directory` is created with its missing
    parents (export, schema). Whether a file can be created is tried (a nameless temporary file
    where the system has them), not read from permission bits, which do not bind root nor say
    that a file system refuses files (/proc). Raises OSError for a directory on the way that
    cannot be searched."""
    if not directory and path.exists():  # a directory here was refused by click.Path
        return None if os.access(path, os.W_OK) else "permission denied"
    folder = path if directory else path.parent
    found = next(p for p in (folder, *folder.parents) if p.exists() or p == p.parent)
    if not found.is_dir():
        return f"'{printable(str(found))}' is not a directory"
    if found != folder and not directory:
        return f"the directory '{printable(str(folder))}' does not exist"
    return _cannot_create_in(found)


def _cannot_create_in(folder: Path) -> str | None:
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as error:
        return f"no file can be created in '{printable(str(folder))}' ({error.strerror})"
