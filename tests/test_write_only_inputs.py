"""Write-only inputs: the API never returns a watermark's image (tccli's api.json: every other
input of the four kinds comes back in Describe). A new image uploaded in the console shows up in
the next plan and apply puts the manifest's back, while an unchanged account downloads nothing."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import custom, live_api
from tests.live_accounts import PNG, official_sdk
from vodops.ownership import content_digest, split_comment
from vodops.resources import WATERMARK

OTHER_PNG = PNG + b"uploaded in the console"


def _logo(directory: Path) -> dict[str, object]:
    with live_api(directory) as api:
        return next(w for w in custom(api, WATERMARK) if w["Name"] == "logo")


def _downloads(vodops: Vodops, directory: Path, *, changes: bool) -> tuple[str, int]:
    plan = vodops("plan", directory, "--verbose", "--detailed-exitcode")
    assert plan.code == (2 if changes else 0), plan.text
    return plan.out, sum(1 for line in plan.err.splitlines() if line.startswith("Download "))


def _console_upload(directory: Path, content: bytes, **more: object) -> None:
    logo = _logo(directory)
    with official_sdk(directory) as sdk:
        image = {"ImageContent": base64.b64encode(content).decode("ascii")}
        sdk("ModifyWatermarkTemplate", Definition=logo["Definition"], ImageTemplate=image, **more)


def test_an_image_replaced_in_the_console_shows_up_and_is_put_back(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    assert _downloads(vodops, quickstart, changes=False)[1] == 0, "an unchanged account downloads nothing"
    _console_upload(quickstart, OTHER_PNG)
    out, downloads = _downloads(vodops, quickstart, changes=True)
    assert downloads == 1, "only the image whose URL moved is read"
    assert "Plan: 1 to update." in out
    assert (
        f"imageTemplate.imageFile: sha256:{content_digest(OTHER_PNG)} -> sha256:{content_digest(PNG)}" in out
    )
    applied = vodops("apply", quickstart, "--yes")
    assert applied.code == 0, applied.text
    with live_api(quickstart) as api:
        url = _logo(quickstart)["ImageTemplate"]["ImageUrl"]  # type: ignore[index]
        assert api.fetch(str(url)) == PNG
    assert _downloads(vodops, quickstart, changes=False)[1] == 0


def test_the_same_image_uploaded_again_is_no_change(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    _console_upload(quickstart, PNG)
    assert _downloads(vodops, quickstart, changes=False)[1] == 0


def test_a_marker_without_the_url_tag_is_checked_by_download(vodops: Vodops, quickstart: Path) -> None:
    """An older marker, or an apply killed between the upload and the marker's rewrite."""
    assert vodops("apply", quickstart, "--yes").code == 0
    text, owner = split_comment(str(_logo(quickstart)["Comment"]))
    assert owner is not None and owner.url_tag is not None
    _console_upload(quickstart, OTHER_PNG, Comment=f"{text} [vodops:default#{owner.digest}]")
    out, downloads = _downloads(vodops, quickstart, changes=True)
    assert downloads == 1 and f"sha256:{content_digest(OTHER_PNG)} -> sha256:{owner.digest}" in out
    assert vodops("apply", quickstart, "--yes").code == 0
    _, owner = split_comment(str(_logo(quickstart)["Comment"]))
    assert owner is not None and owner.url_tag is not None, "apply recorded the new ImageUrl"
    assert _downloads(vodops, quickstart, changes=False)[1] == 0


def test_a_saved_plan_puts_the_image_back(vodops: Vodops, quickstart: Path, tmp_path: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    _console_upload(quickstart, OTHER_PNG)
    saved = tmp_path / "plan.json"
    assert vodops("plan", quickstart, "--out", saved, "--detailed-exitcode").code == 2
    applied = vodops("apply", quickstart, "--plan", saved, "--yes")
    assert applied.code == 0, applied.text
    _, owner = split_comment(str(_logo(quickstart)["Comment"]))
    assert owner is not None and owner.digest == content_digest(PNG) and owner.url_tag is not None
    assert _downloads(vodops, quickstart, changes=False)[1] == 0
