"""Uploading into the emulator with the official COS SDK (cos-python-sdk-v5), as ApplyUpload's
answer tells: its bucket, region and temporary credential; the connection goes to the emulator
(CosConfig IP/Port) while the Host stays the bucket's COS host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from qcloud_cos import CosConfig, CosS3Client

from tests.helpers import serving


def cos_client(endpoint: str, applied: dict[str, Any]) -> CosS3Client:
    """A COS client for the upload session ApplyUpload answered (`applied`)."""
    host, port = endpoint.split(":")
    cert = applied["TempCertificate"]
    config = CosConfig(
        Region=applied["StorageRegion"], SecretId=cert["SecretId"], SecretKey=cert["SecretKey"],
        Token=cert["Token"], Scheme="http", IP=host, Port=int(port),
    )  # fmt: skip
    return CosS3Client(config, retry=0)


def upload(api: Any, path: Path, **params: Any) -> dict[str, Any]:
    """ApplyUpload, the file (and a cover, `cover=`) into COS, CommitUpload: the commit's reply."""
    cover: Path | None = params.pop("cover", None)
    extension = path.suffix.lstrip(".")
    if cover is not None:
        params["CoverType"] = cover.suffix.lstrip(".")
    applied = api("ApplyUpload", MediaType=extension, **params)
    client = cos_client(api.endpoint, applied)
    client.upload_file(Bucket=applied["StorageBucket"], Key=applied["MediaStoragePath"][1:],
                       LocalFilePath=str(path), PartSize=1)  # fmt: skip
    if cover is not None:
        client.upload_file(Bucket=applied["StorageBucket"], Key=applied["CoverStoragePath"][1:],
                           LocalFilePath=str(cover))  # fmt: skip
    app = {"SubAppId": params["SubAppId"]} if "SubAppId" in params else {}
    reply: dict[str, Any] = api("CommitUpload", VodSessionKey=applied["VodSessionKey"], **app)
    return reply


@contextmanager
def files_served(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1; yield its base URL."""
    handler = partial(_Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with serving(server):
        yield f"http://127.0.0.1:{server.server_port}"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Not logged."""
