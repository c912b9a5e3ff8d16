"""Where requests go: a host name or an http(s) URL, checked the same way on the command line
(`--endpoint`) and in vodops.yaml (`endpoint`, `live.endpoint`), so that validate refuses what a
plan could not use. Light to import: validate reads it, and no network code."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from vodops.errors import SettingsError


@dataclass(frozen=True)
class Endpoint:
    """Where requests go: `vod.tencentcloudapi.com`, or a URL such as `http://127.0.0.1:9000`."""

    url: str
    host: str

    @classmethod
    def parse(cls, text: str) -> Endpoint:
        """Raises SettingsError, naming what is wrong, for anything but a host[:port] or an
        http(s) URL with no user, path, query or fragment."""
        if not text.isprintable() or any(char.isspace() for char in text):
            raise SettingsError(f"endpoint {text!r} contains white space or a control character")
        url = text if "://" in text else f"https://{text}"
        try:
            parts = urlsplit(url)
            if parts.port == 0:  # urlsplit takes 0, where nothing listens: no request can go there
                raise ValueError("Port out of range 1-65535")
        except ValueError as error:
            raise SettingsError(f"endpoint {text!r} is not a valid URL: {error}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SettingsError(f"endpoint {text!r} is not a host name or an http(s) URL")
        if parts.username is not None or parts.password is not None:
            raise SettingsError("an endpoint must not carry a user name or password; write the host only")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise SettingsError(f"endpoint {text!r} must not have a path, query or fragment")
        return cls(f"{parts.scheme}://{parts.netloc}/", parts.netloc)
