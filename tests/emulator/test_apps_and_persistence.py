"""Applications: only the account's own SubAppIds are served, each isolated; state that survives
re-opening a file database."""

from __future__ import annotations

import httpx
import pytest

from vodops.emulator import Emulator
from vodops.errors import EmulatorError


def test_sub_apps_are_isolated(api, emulator, hls_720p):
    emulator.add_sub_apps([101, 102])
    definition = api("CreateTranscodeTemplate", **hls_720p, SubAppId=101)["Definition"]
    api("CreateWatermarkTemplate", Type="svg", SvgTemplate={}, SubAppId=101)
    api("CreateClass", ParentId=-1, ClassName="only-in-101", SubAppId=101)
    api("CreateProcedureTemplate", Name="only-in-101", SubAppId=101)

    for other in ({}, {"SubAppId": 0}, {"SubAppId": 102}):
        assert api("DescribeTranscodeTemplates", Type="Custom", **other)["TotalCount"] == 0
        assert api("DescribeWatermarkTemplates", **other)["TotalCount"] == 0
        assert [c["ClassId"] for c in api("DescribeAllClass", **other)["ClassInfoSet"]] == [0]
        assert api("DescribeProcedureTemplates", Type="Custom", **other)["TotalCount"] == 0
        assert api.code("DeleteTranscodeTemplate", Definition=definition, **other) == (
            "ResourceNotFound.TemplateNotExist"
        )

    assert api("DescribeTranscodeTemplates", Type="Custom", SubAppId=101)["TotalCount"] == 1
    # Presets are in every app; class ids and procedure names are per app.
    assert api("DescribeTranscodeTemplates", Type="Preset", SubAppId=102)["TotalCount"] > 0
    assert api("CreateClass", ParentId=-1, ClassName="only-in-101", SubAppId=102)["ClassId"] == 1
    api("CreateProcedureTemplate", Name="only-in-101", SubAppId=102)


@pytest.mark.parametrize(
    "action, params",
    [
        ("DescribeTranscodeTemplates", {}),
        (
            "CreateTranscodeTemplate",
            {
                "Container": "mp3",
                "AudioTemplate": {"Codec": "libmp3lame", "Bitrate": 128, "SampleRate": 44100},
            },
        ),
        ("CreateClass", {"ParentId": -1, "ClassName": "x"}),
        ("DeleteProcedureTemplate", {"Name": "x"}),
        ("DescribeWatermarkTemplates", {}),
    ],
)
def test_an_application_the_account_does_not_have_is_refused_by_id(api, emulator, action, params):
    before = emulator.snapshot()
    error = api.fails(action, SubAppId=1500009999, **params)
    assert error.get_code() == "FailedOperation.InvalidVodUser"
    assert "SubAppId 1500009999 is not an application of this account" in error.get_message()
    assert emulator.snapshot() == before


def test_applications_come_from_create_sub_app_id_the_constructor_and_the_admin_call(api, clock, base_url):
    created = api("CreateSubAppId", Name="staging", Type="Professional")["SubAppId"]
    assert created == 1500000001
    assert api("DescribeAllClass", SubAppId=created)["ClassInfoSet"][0]["ClassId"] == 0
    assert api.code("CreateSubAppId", Name="x", Mode="fileid+path") == "MissingParameter"
    assert api.code("CreateSubAppId", Name="n" * 41) == "InvalidParameterValue.Name"

    added = httpx.post(f"{base_url}/_emulator/apps", json={"subAppIds": [42, 43]}).json()
    assert added == {"subAppIds": [0, created, 42, 43]}
    api("DescribeAllClass", SubAppId=43)
    refused = httpx.post(f"{base_url}/_emulator/apps", json={"subAppIds": [-1]})
    assert refused.status_code == 400 and "subAppIds" in refused.json()["error"]

    seeded = Emulator(clock=clock, sub_apps=[7])
    seeded.reset()
    assert seeded.sub_apps == [7]
    seeded.close()


@pytest.mark.parametrize("app", [2**63 - 1, 2**63, 2**64 - 1])
def test_every_uint64_application_id_is_served(api, emulator, clock, hls_720p, app):
    """SubAppId is a uint64 (api.json): an application past SQLite's signed 64 bits is stored,
    isolated from the others and kept in snapshots (it was an InternalError: the id overflowed)."""
    emulator.add_sub_apps([app])
    definition = api("CreateTranscodeTemplate", **hls_720p, SubAppId=app)["Definition"]
    api("CreateClass", ParentId=-1, ClassName="far", SubAppId=app)
    [shown] = api("DescribeTranscodeTemplates", Type="Custom", SubAppId=app)["TranscodeTemplateSet"]
    assert shown["Definition"] == str(definition)
    assert [c["ClassName"] for c in api("DescribeAllClass", SubAppId=app)["ClassInfoSet"]][1:] == ["far"]
    assert api("DescribeTranscodeTemplates", Type="Custom")["TotalCount"] == 0
    assert [a["SubAppId"] for a in api("DescribeSubAppIds")["SubAppIdInfoSet"]] == [app]
    snapshot = emulator.snapshot()
    assert {r["app"] for r in snapshot["resources"]} == {0, app}
    again = Emulator(clock=clock)
    again.restore(snapshot)
    assert again.snapshot() == snapshot
    again.close()
    api("DeleteTranscodeTemplate", Definition=definition, SubAppId=app)
    assert api("DescribeTranscodeTemplates", Type="Custom", SubAppId=app)["TotalCount"] == 0


def test_sub_app_0_is_the_default_app(api):
    api("CreateClass", ParentId=-1, ClassName="shared")
    assert [c["Name"] for c in api("DescribeAllClass", SubAppId=0)["ClassInfoSet"]] == [
        "SystemDefault",
        "shared",
    ]


def test_state_survives_reopening_a_file_database(db_file, clock, serve, png):
    first = Emulator(db_file, clock=clock, sub_apps=[3])  # the app is kept in the file too
    with serve(first) as api:
        api(
            "CreateTranscodeTemplate",
            Container="mp3",
            AudioTemplate={"Codec": "libmp3lame", "Bitrate": 128, "SampleRate": 44100},
        )
        image_url = api("CreateWatermarkTemplate", Type="image", ImageTemplate={"ImageContent": png})[
            "ImageUrl"
        ]
        api("CreateClass", ParentId=-1, ClassName="kept", SubAppId=3)
        api("CreateProcedureTemplate", Name="kept")
    first.close()
    assert db_file.exists()

    second = Emulator(db_file, clock=clock)
    with serve(second) as api:
        assert api("DescribeTranscodeTemplates", Type="Custom")["TotalCount"] == 1
        (mark,) = api("DescribeWatermarkTemplates")["WatermarkTemplateSet"]
        assert mark["ImageTemplate"]["ImageUrl"].rsplit("/", 1)[1] == image_url.rsplit("/", 1)[1]
        assert [c["Name"] for c in api("DescribeAllClass", SubAppId=3)["ClassInfoSet"]][1:] == ["kept"]
        assert api("DescribeProcedureTemplates", Names=["kept"])["TotalCount"] == 1
        # Counters persist too: ids are never reused across restarts.
        assert (
            api(
                "CreateTranscodeTemplate",
                Container="mp3",
                AudioTemplate={"Codec": "libmp3lame", "Bitrate": 128, "SampleRate": 44100},
            )["Definition"]
            == 1_000_002
        )
    second.close()


def test_a_file_that_is_not_a_database_is_an_emulator_error(tmp_path):
    garbage = tmp_path / "emulator.sqlite3"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(EmulatorError, match="not a usable emulator database"):
        Emulator(garbage)


def test_a_database_that_cannot_be_created_is_an_emulator_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    database = blocker / "deeper" / "emulator.sqlite3"
    with pytest.raises(EmulatorError) as refused:
        Emulator(database)
    said = f"cannot open the emulator database {database}: '{blocker}' is not a directory"
    assert str(refused.value) == said
