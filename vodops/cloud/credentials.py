"""Credentials from where users already keep them, in order:

1. TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys)
2. tccli's profile file ~/.tccli/<profile>.credential (profile: --profile, else $TCCLI_PROFILE, else
   "default"), the JSON file `tccli configure` writes: {"secretId": ..., "secretKey": ..., "token": ...}

Errors say where vodops looked, never what it found. A profile is a plain name (letters, digits,
`_`, `-`, `.`; not a path), the profile file must be a small regular JSON file, and every value
must be printable ASCII without white space, as it goes into HTTP headers.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vodops.cloud.names import PROFILE_PATTERN
from vodops.cloud.tc3 import Credentials
from vodops.errors import NoCredentialsError, SettingsError
from vodops.localfiles import LocalFileError, read_text

ID_VAR, KEY_VAR, TOKEN_VAR = "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN"
PROFILE_VAR = "TCCLI_PROFILE"
_HEADER_SAFE = re.compile(r"[!-~]+")  # printable ASCII, no space
_MAX_PROFILE_BYTES = 64 * 1024
# The emulator's documented key pair (vodops/emulator/ answers to it): not a secret, and good for
# nothing but the emulator. Kept here so that a cloud target's client never loads the emulator.
EMULATOR_SECRET_ID = "AKIDvodopsEmulatorDefaultKey0000"
EMULATOR_SECRET_KEY = "vodops-emulator-secret-key"
_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}


def find_credentials(
    profile: str | None = None, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Credentials:
    """The key pair vodops signs with: from the environment ($TENCENTCLOUD_SECRET_ID and _KEY, with
    an optional session token) if set there, else from tccli's ~/.tccli/<profile>.credential
    (`profile`, else $TCCLI_PROFILE, else default). Raises SettingsError for half a pair, a bad
    profile name or an unreadable file, NoCredentialsError when neither has any."""
    environ = os.environ if environ is None else environ
    from_environment = _environment(environ)
    if from_environment is not None:
        return from_environment
    chosen = profile or environ.get(PROFILE_VAR) or "default"
    if not PROFILE_PATTERN.fullmatch(chosen):
        said = f"${PROFILE_VAR}" if not profile else "the profile"
        raise SettingsError(
            f"{said} {chosen!r} is not a profile name (letters, digits, '_', '-' and '.'; not a path)"
        )
    file = (home or Path.home()) / ".tccli" / f"{chosen}.credential"
    found = _profile_file(file)
    if found is not None:
        return found
    raise NoCredentialsError(
        "no credentials for a cloud target; vodops looked in "
        f"${ID_VAR} and ${KEY_VAR} (not set) and in {file} (no such file). "
        f"Set the variables, or run `tccli configure` (--profile or ${PROFILE_VAR} picks the profile)."
    )


def _environment(environ: Mapping[str, str]) -> Credentials | None:
    secret_id, secret_key = environ.get(ID_VAR, "").strip(), environ.get(KEY_VAR, "").strip()
    if not secret_id and not secret_key:
        return None
    if not secret_id or not secret_key:
        present, missing = (ID_VAR, KEY_VAR) if secret_id else (KEY_VAR, ID_VAR)
        raise SettingsError(f"${present} is set but ${missing} is not; set both")
    token = environ.get(TOKEN_VAR, "").strip() or None
    for name, value in ((ID_VAR, secret_id), (KEY_VAR, secret_key), (TOKEN_VAR, token)):
        _check_header_safe(f"${name}", value)
    return Credentials(secret_id, secret_key, token)


def _profile_file(file: Path) -> Credentials | None:
    if not file.exists() and not file.is_symlink():
        return None
    try:
        data = json.loads(read_text(file, _MAX_PROFILE_BYTES))
    except LocalFileError as error:
        raise SettingsError(f"cannot read credentials from {file}: it {error}") from None
    except (ValueError, RecursionError):
        raise SettingsError(f"cannot read credentials from {file}: it is not JSON") from None
    if not isinstance(data, dict):
        raise SettingsError(f"cannot read credentials from {file}: it is not a JSON object")
    secret_id, secret_key = _text(data, "secretId", file), _text(data, "secretKey", file)
    if not secret_id or not secret_key:
        raise SettingsError(f"{file} has no secretId and secretKey; run `tccli configure` to set them")
    return Credentials(secret_id, secret_key, _text(data, "token", file) or None)


def _text(data: dict[str, Any], key: str, file: Path) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SettingsError(f"{file}: {key} must be a string, not {_JSON_TYPES.get(type(value), 'that')}")
    value = value.strip()
    _check_header_safe(f"{key} in {file}", value)
    return value


def _check_header_safe(where: str, value: str | None) -> None:
    """Credentials go into HTTP headers: printable ASCII without spaces. The value is never shown."""
    if value and not _HEADER_SAFE.fullmatch(value):
        raise SettingsError(
            f"{where} contains a space, a control or a non-ASCII character, which cannot be sent; "
            "check how it was set"
        )
