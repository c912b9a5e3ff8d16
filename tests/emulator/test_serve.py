"""`vodops emulator serve` as users run it: a real process, the official SDK and tccli against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.emulator.conftest import Api
from tests.helpers import VODOPS, served
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY


def _sdk(url: str, secret_id: str = DEFAULT_SECRET_ID, secret_key: str = DEFAULT_SECRET_KEY) -> Api:
    return Api(url.removeprefix("http://"), secret_id, secret_key)


def test_the_sdk_works_against_the_served_emulator() -> None:
    with served() as url:
        api = _sdk(url)
        made = api("CreateClass", ParentId=-1, ClassName="Movies")
        names = [c["Name"] for c in api("DescribeAllClass")["ClassInfoSet"]]
        assert names == ["SystemDefault", "Movies"]
        assert made["ClassId"] == 1


def test_another_key_pair_is_refused() -> None:
    with served("--secret-id", "AKIDmine", "--secret-key", "my-secret") as url:
        assert _sdk(url, "AKIDmine", "my-secret")("DescribeAllClass")["ClassInfoSet"]
        assert _sdk(url).code("DescribeAllClass") == "AuthFailure.SecretIdNotFound"
        assert _sdk(url, "AKIDmine", "not-it").code("DescribeAllClass") == "AuthFailure.SignatureFailure"


def test_the_secret_key_is_never_printed() -> None:
    process = subprocess.run(
        [
            *VODOPS,
            "emulator",
            "serve",
            "--port",
            "99999",
            "--secret-id",
            "AKIDx",
            "--secret-key",
            "hush-hush",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1
    assert "hush-hush" not in process.stdout + process.stderr


def test_state_in_a_db_file_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "emulator.sqlite3"
    with served("--db", str(db)) as url:
        _sdk(url)("CreateProcedureTemplate", Name="ingest")
    with served("--db", str(db)) as url:
        names = [
            p["Name"] for p in _sdk(url)("DescribeProcedureTemplates", Type="Custom")["ProcedureTemplateSet"]
        ]
    assert names == ["ingest"]


def test_knobs_from_flags() -> None:
    with served("--fault-rate", "1", "--faults", "internal", "--seed", "1") as url:
        assert _sdk(url).code("DescribeAllClass") == "InternalError"


def test_bad_knobs_exit_1_with_the_reason() -> None:
    process = subprocess.run(
        [*VODOPS, "emulator", "serve", "--fault-rate", "3"], capture_output=True, text=True, check=False
    )
    assert process.returncode == 1
    assert "faultRate must be a number between 0 and 1" in process.stderr


def test_tccli_works_unchanged() -> None:
    tccli = Path(sys.executable).with_name("tccli")
    if not tccli.exists():
        pytest.fail("tccli is a test dependency: pip install -e '.[test]'")
    with served() as url:
        keys = ["--secretId", DEFAULT_SECRET_ID, "--secretKey", DEFAULT_SECRET_KEY]
        command = [
            str(tccli),
            "vod",
            "DescribeTranscodeTemplates",
            "--endpoint",
            url,
            "--region",
            "ap-guangzhou",
        ]
        command += [*keys, "--Type", "Preset", "--Limit", "3"]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert '"TotalCount": 27' in result.stdout


def _readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Use the emulator to test your own VOD code", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_snippet_works(tmp_path: Path) -> None:
    with served() as url:
        port = url.rsplit(":", 1)[1]
        code = _readme_snippet().replace("127.0.0.1:9000", f"127.0.0.1:{port}")
        script = tmp_path / "snippet.py"
        script.write_text(code)
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=60
        )
    assert result.returncode == 0, result.stdout + result.stderr
