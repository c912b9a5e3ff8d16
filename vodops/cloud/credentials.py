"""Credentials from where users already keep them, in order:

1. TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys)
2. tccli's profile file ~/.tccli/<profile>.credential (profile: --profile, else $TCCLI_PROFILE, else
   "default"), the JSON file `tccli configure` writes: {"secretId": ..., "secretKey": ..., "token": ...}

Errors say where vodops looked, never what it found.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from vodops.cloud.tc3 import Credentials
from vodops.errors import NoCredentialsError, SettingsError

ID_VAR, KEY_VAR, TOKEN_VAR = "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN"
PROFILE_VAR = "TCCLI_PROFILE"


def find_credentials(
    profile: str | None = None, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Credentials:
    environ = os.environ if environ is None else environ
    from_environment = _environment(environ)
    if from_environment is not None:
        return from_environment
    chosen = profile or environ.get(PROFILE_VAR) or "default"
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
    return Credentials(secret_id, secret_key, environ.get(TOKEN_VAR, "").strip() or None)


def _profile_file(file: Path) -> Credentials | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not JSON"
        raise SettingsError(f"cannot read credentials from {file}: {reason}") from None
    secret_id = str(data.get("secretId") or "").strip() if isinstance(data, dict) else ""
    secret_key = str(data.get("secretKey") or "").strip() if isinstance(data, dict) else ""
    if not secret_id or not secret_key:
        raise SettingsError(f"{file} has no secretId and secretKey; run `tccli configure` to set them")
    token = str(data.get("token") or "").strip() or None
    return Credentials(secret_id, secret_key, token)
