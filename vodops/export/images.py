"""Watermark images: the API never returns their content, only an ImageUrl to download it from."""

from __future__ import annotations

from vodops.cloud.vod import VodApi
from vodops.errors import VodopsError
from vodops.live import LiveResource

# Judged by magic bytes, as the manifest rules judge imageFile: a server's Content-Type can lie.
_EXTENSIONS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


class ImageUnavailableError(VodopsError):
    """A watermark's image could not be downloaded, or is not a PNG, JPEG or GIF."""


def download(api: VodApi, watermark: LiveResource) -> tuple[bytes, str]:
    """The image of an image watermark and the file extension its content calls for."""
    image = watermark.raw.get("ImageTemplate")
    url = image.get("ImageUrl") if isinstance(image, dict) else None
    if not isinstance(url, str) or not url:
        raise ImageUnavailableError("the API gave no ImageUrl for its image")
    try:
        content = api.fetch(url)
    except VodopsError as error:
        raise ImageUnavailableError(f"its image could not be downloaded ({error})") from None
    extension = next((ext for magic, ext in _EXTENSIONS if content.startswith(magic)), None)
    if extension is None:
        raise ImageUnavailableError(f"its image at {url} is not a PNG, JPEG or GIF")
    return content, extension
