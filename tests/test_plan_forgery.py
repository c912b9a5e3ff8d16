"""A saved plan is a proposal: every forged field is refused, named, and nothing reaches the API.

Each case edits a real saved plan the way a pull request's author could edit its artifact, then
runs `apply --plan` on it. The run must exit 1 with a message naming what differs, and leave the
account exactly as it was; the target's credentials never go anywhere the plan names.
"""

from __future__ import annotations

import base64
import copy
import json
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SECRET, SECRET_ID, Vodops
from tests.emulator.conftest import Api
from tests.helpers import custom, live_api
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.ownership import content_digest

Doc = dict[str, Any]
Forgery = Callable[[Doc], None]
MISMATCH = "the saved plan is not what the manifests and the live account produce; nothing was changed"


@pytest.fixture
def project(tmp_path: Path, endpoint: str, cloud_keys: None, vodops: Vodops) -> Path:
    """The quickstart, applied to a served emulator (the `emu` target)."""
    directory = Path(
        shutil.copytree(EXAMPLES / "quickstart", tmp_path / "qs", ignore=shutil.ignore_patterns(".vodops"))
    )
    settings = f"defaultTarget: emu\ntargets:\n  emu: {{endpoint: '{endpoint}'}}\nsafety: {{maxDeletes: 2}}\n"
    (directory / "vodops.yaml").write_text(settings)
    assert vodops("apply", directory, "--yes", "--parallelism", "1").code == 0
    return directory


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _saved(vodops: Vodops, project: Path, tmp_path: Path) -> Doc:
    out = tmp_path / "plan.json"
    assert vodops("plan", project, "--out", out).code == 0
    document: Doc = json.loads(out.read_text())
    return document


@pytest.fixture
def updating(vodops: Vodops, project: Path, tmp_path: Path) -> Doc:
    """A plan that updates hls-720p and creates hls-360p."""
    transcode = project / "transcode.yaml"
    _edit(transcode, "bitrate: 1800", "bitrate: 2400")
    new = "\n---\napiVersion: vodops/v1\nkind: TranscodeTemplate\nmetadata: {name: hls-360p}\nspec:\n"
    new += "  container: hls\n  videoTemplate: {codec: libx264, fps: 25, bitrate: 600, height: 360}\n"
    new += "  audioTemplate: {codec: libfdk_aac, bitrate: 64, sampleRate: 44100}\n"
    transcode.write_text(transcode.read_text() + new)
    return _saved(vodops, project, tmp_path)


@pytest.fixture
def deleting(vodops: Vodops, project: Path, tmp_path: Path) -> Doc:
    """A plan that deletes the procedure and both watermarks: over maxDeletes 2, so unsafe."""
    (project / "procedures.yaml").unlink()
    (project / "watermarks.yaml").unlink()
    document = _saved(vodops, project, tmp_path)
    assert document["brakes"] is not None and document["summary"]["delete"] == 3
    return document


def _change(document: Doc, action: str, name: str) -> Doc:
    found: Doc = next(c for c in document["changes"] if c["action"] == action and c["name"] == name)
    return found


def _sdk(endpoint: str) -> Api:
    return Api(endpoint.removeprefix("http://"), DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)


def _other_template(document: Doc) -> Doc:
    found: Doc = next(r for r in document["reads"] if r["name"] == "hls-480p")
    return found


def _retarget(document: Doc) -> None:
    _change(document, "update", "hls-720p")["id"] = _other_template(document)["id"]


def _retarget_with_its_fingerprint(document: Doc) -> None:
    change = _change(document, "update", "hls-720p")
    other = _other_template(document)
    change["id"] = other["id"]
    change["live"]["fingerprint"] = other["fingerprint"]


def _smuggle_sub_app_into_create(document: Doc) -> None:
    _change(document, "create", "hls-360p")["desired"]["spec"]["SubAppId"] = 1500009


def _smuggle_sub_app_into_update(document: Doc) -> None:
    _change(document, "update", "hls-720p")["desired"]["spec"]["subAppId"] = 1500009


def _smuggle_into_fields(document: Doc) -> None:
    _change(document, "update", "hls-720p")["fields"].append(
        {"path": ["SubAppId"], "before": None, "after": 7}
    )


def _change_what_is_sent(document: Doc) -> None:
    _change(document, "update", "hls-720p")["desired"]["spec"]["videoTemplate"]["bitrate"] = 9000


def _remark_as_another_stack(document: Doc) -> None:
    document["stack"] = "someone-else"


def _remark_in_comment(document: Doc) -> None:
    _change(document, "create", "hls-360p")["desired"]["spec"]["comment"] = "x [vodops:someone-else]"


def _inject_a_delete(document: Doc) -> None:
    other = _other_template(document)
    injected = {"action": "delete", "kind": "TranscodeTemplate", "name": "hls-480p", "id": other["id"]}
    injected.update(
        fields=[], desired=None, live={"name": "hls-480p", "fingerprint": other["fingerprint"], "spec": {}}
    )
    document["changes"].append(injected)
    document["summary"]["delete"] += 1


def _drop_a_change(document: Doc) -> None:
    document["changes"] = [c for c in document["changes"] if c["name"] != "hls-360p"]
    document["summary"]["create"] -= 1


def _turn_update_into_adopt(document: Doc) -> None:
    _change(document, "update", "hls-720p")["action"] = "adopt"
    document["summary"].update(update=0, adopt=1)


def _duplicate_a_create(document: Doc) -> None:
    document["changes"].append(copy.deepcopy(_change(document, "create", "hls-360p")))
    document["summary"]["create"] += 1


def _narrow_the_scope(document: Doc) -> None:
    document["scope"] = ["TranscodeTemplate/hls-720p"]


def _forge_the_summary(document: Doc) -> None:
    document["summary"]["create"] = 0


def _forge_a_binding(document: Doc) -> None:
    document["bindings"].append({**_other_template(document), "name": "hls-720p", "spec": {}})


def _forge_quotas(document: Doc) -> None:
    document["quotas"] = []


def _add_a_note(document: Doc) -> None:
    document["notes"].append("nothing to see here")


def _null_the_brakes(document: Doc) -> None:
    document.update(brakes=None, safe=True)


def _empty_the_reasons(document: Doc) -> None:
    document["brakes"]["reasons"] = []


def _shorten_the_deletes(document: Doc) -> None:
    document["brakes"]["deletes"] = document["brakes"]["deletes"][:1]


def _say_safe_keep_reasons(document: Doc) -> None:
    document["safe"] = True


def _drop_a_delete_to_pass_the_brakes(document: Doc) -> None:
    document["changes"] = [c for c in document["changes"] if c["kind"] != "Procedure"]
    document["summary"]["delete"] -= 1
    document.update(brakes=None, safe=True)


UPDATING: dict[str, tuple[Forgery, str]] = {
    "retargeted id": (_retarget, "update TranscodeTemplate/hls-720p: id is"),
    "retargeted id and fingerprint": (
        _retarget_with_its_fingerprint,
        "update TranscodeTemplate/hls-720p: id is",
    ),
    "SubAppId in a create": (_smuggle_sub_app_into_create, "desired.spec.SubAppId is 1500009 in the plan"),
    "SubAppId in an update": (_smuggle_sub_app_into_update, "desired.spec.subAppId is 1500009 in the plan"),
    "SubAppId in the fields": (_smuggle_into_fields, "fields[1].path[0] is 'SubAppId' in the plan"),
    "what an update sends": (_change_what_is_sent, "desired.spec.videoTemplate.bitrate is 9000 in the plan"),
    "another stack": (_remark_as_another_stack, "stack: the value is 'someone-else' in the plan"),
    "another stack's marker": (_remark_in_comment, "desired.spec.comment is 'x [vodops:someone-else]'"),
    "an injected delete": (_inject_a_delete, "delete TranscodeTemplate/hls-480p: the manifests and the live"),
    "a dropped change": (
        _drop_a_change,
        "create TranscodeTemplate/hls-360p: the manifests and the live account",
    ),
    "update turned adopt": (
        _turn_update_into_adopt,
        "adopt TranscodeTemplate/hls-720p: the manifests and the live account give update",
    ),
    "a duplicated change": (
        _duplicate_a_create,
        "create TranscodeTemplate/hls-360p: the plan lists it twice",
    ),
    "a narrowed scope": (
        _narrow_the_scope,
        "notes: [0] is (absent) in the plan, '--only left out 1 change(s)",
    ),
    "a forged summary": (_forge_the_summary, "summary: the counts do not match"),
    "a forged binding": (_forge_a_binding, "TranscodeTemplate 'hls-720p' (id"),
    "forged quotas": (_forge_quotas, "quotas: "),
    "an added note": (_add_a_note, "notes: "),
}
DELETING: dict[str, tuple[Forgery, str]] = {
    "brakes nulled": (_null_the_brakes, "brakes: the plan says safe (no brake tripped)"),
    "reasons emptied": (_empty_the_reasons, "brakes: the plan says unsafe without a reason"),
    "deletes shortened": (_shorten_the_deletes, "brakes: the plan says the plan deletes 3 objects"),
    "safe with reasons": (_say_safe_keep_reasons, "brakes: the plan says the plan deletes 3 objects"),
    "a delete dropped": (_drop_a_delete_to_pass_the_brakes, "delete Procedure/ingest-hls: the manifests"),
}


def _refused(vodops: Vodops, project: Path, document: Doc, emulator: Emulator, *flags: str) -> str:
    forged = project.parent / "forged.json"
    forged.write_text(json.dumps(document))
    before = emulator.snapshot()
    run = vodops("apply", project, "--plan", forged, "--yes", *flags)
    assert run.code == 1, run.text
    assert emulator.snapshot() == before
    assert "Traceback" not in run.text
    return run.err


@pytest.mark.parametrize("case", UPDATING, ids=str)
def test_a_forged_plan_is_refused(
    vodops: Vodops, project: Path, updating: Doc, emulator: Emulator, case: str
) -> None:
    forge, message = UPDATING[case]
    forge(updating)
    err = _refused(vodops, project, updating, emulator)
    assert message in err, err


@pytest.mark.parametrize("case", DELETING, ids=str)
def test_forged_brakes_are_refused(
    vodops: Vodops, project: Path, deleting: Doc, emulator: Emulator, case: str
) -> None:
    forge, message = DELETING[case]
    forge(deleting)
    err = _refused(vodops, project, deleting, emulator)
    assert message in err, err
    assert "the plan deletes 3 objects; maxDeletes is 2" in err  # what the derivation gives


def test_the_untouched_plans_apply(vodops: Vodops, project: Path, updating: Doc) -> None:
    saved = project.parent / "plan.json"
    saved.write_text(json.dumps(updating))
    assert vodops("apply", project, "--plan", saved, "--yes").code == 0
    assert vodops("plan", project, "--detailed-exitcode").code == 0


def test_unsafe_plans_still_need_force(vodops: Vodops, project: Path, deleting: Doc) -> None:
    saved = project.parent / "plan.json"
    saved.write_text(json.dumps(deleting))
    refused = vodops("apply", project, "--plan", saved, "--yes")
    assert refused.code == 1 and "refusing to apply an unsafe plan" in refused.err
    assert vodops("apply", project, "--plan", saved, "--yes", "--force").code == 0


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    """A port that records whether anything connects to it (the forger's host)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _nobody_came(sock: socket.socket) -> bool:
    try:
        sock.accept()[0].close()
    except BlockingIOError:
        return True
    return False


@pytest.mark.parametrize("fields", [("endpoint",), ("endpoint", "name"), ("subAppId",), ("region",)], ids=str)
def test_a_plan_cannot_send_requests_elsewhere(
    vodops: Vodops,
    project: Path,
    updating: Doc,
    emulator: Emulator,
    listener: tuple[socket.socket, str],
    fields: tuple[str, ...],
) -> None:
    sock, evil = listener
    forged = {"endpoint": evil, "name": "127.0.0.1", "subAppId": 1500009, "region": "ap-evil"}
    updating["target"].update({field: forged[field] for field in fields})
    err = _refused(vodops, project, updating, emulator)
    assert (
        "A plan applies only to the target it was made for (choose it with --target or the target "
        "options it was made with); nothing was sent."
    ) in err
    assert "this run's target is 'emu' (http://127.0.0.1:" in err
    assert _nobody_came(sock)
    assert SECRET not in err and SECRET_ID not in err


def test_a_plan_for_another_host_is_refused_even_without_settings(
    vodops: Vodops, project: Path, updating: Doc, emulator: Emulator, listener: tuple[socket.socket, str]
) -> None:
    """With no vodops.yaml the target is `local`, whatever the plan says: nothing leaves the machine."""
    sock, evil = listener
    (project / "vodops.yaml").unlink()
    updating["target"] = {"name": "evil", "endpoint": evil, "subAppId": None, "region": None}
    err = _refused(vodops, project, updating, emulator)
    assert "this run's target is 'local' (the embedded emulator)" in err
    assert _nobody_came(sock)


def test_a_swapped_image_is_refused(vodops: Vodops, quickstart: Path, tmp_path: Path) -> None:
    """The plan carries the image it uploads; another image (with its own digest) is refused."""
    saved = tmp_path / "plan.json"
    assert vodops("plan", quickstart, "--out", saved).code == 0
    document = json.loads(saved.read_text())
    image = _change(document, "create", "logo")["desired"]["image"]
    other = (EXAMPLES / "quickstart" / "logo.png").read_bytes() + b"\x00evil"
    image.update(base64=base64.b64encode(other).decode("ascii"), sha256=content_digest(other))
    saved.write_text(json.dumps(document))
    refused = vodops("apply", quickstart, "--plan", saved, "--yes")
    assert refused.code == 1
    assert "create WatermarkTemplate/logo: desired.image.base64 is" in refused.err
    with live_api(quickstart) as api:
        assert custom(api, "WatermarkTemplate") == []


@pytest.mark.parametrize("where", ["target", "spec"])
def test_a_plan_cannot_write_to_the_terminal(
    vodops: Vodops, project: Path, updating: Doc, emulator: Emulator, where: str
) -> None:
    if where == "target":
        updating["target"]["endpoint"] = "http://x\x1b]0;owned\x07"
    else:
        _change(updating, "update", "hls-720p")["desired"]["spec"]["\x1b[2J\x1b[Hall good"] = "\x1b[31m"
    err = _refused(vodops, project, updating, emulator)
    assert "\x1b" not in err and "\x07" not in err
    escaped = "http://x\\x1b]0;owned\\x07" if where == "target" else "desired.spec.\\x1b[2J\\x1b[Hall good is"
    assert escaped in err, err
