"""Watermark templates: image, text and SVG round trips, stored images, defaults, quota."""

from __future__ import annotations

import base64

import httpx


def describe(api, **params):
    return api("DescribeWatermarkTemplates", **params)


def one(api, definition):
    (template,) = describe(api, Definitions=[definition])["WatermarkTemplateSet"]
    return template


TEXT = {"FontType": "arial.ttf", "FontSize": "16px", "FontColor": "0xFF0000", "FontAlpha": 0.5}


def test_image_round_trip(api, png, base_url):
    created = api.typed(
        "CreateWatermarkTemplate",
        Type="image",
        Name="logo",
        CoordinateOrigin="BottomRight",
        XPos="10%",
        YPos="5px",
        ImageTemplate={"ImageContent": png, "Width": "64px"},
    )
    assert created["Definition"] == 1_000_001
    assert created["ImageUrl"].startswith(base_url + "/_emulator/images/")
    assert created["ImageUrl"].endswith(".png")

    shown = one(api, created["Definition"])
    assert shown["Definition"] == created["Definition"]  # an integer here, unlike transcode
    assert shown["CoordinateOrigin"] == "bottomRight"
    assert (shown["XPos"], shown["YPos"]) == ("10%", "5px")
    assert shown["ImageTemplate"] == {
        "ImageUrl": created["ImageUrl"],
        "Width": "64px",
        "Height": "0px",
        "RepeatType": "repeat",
        "Transparency": 0,
    }
    assert shown["TextTemplate"] is None
    assert shown["SvgTemplate"] is None

    modified = api(
        "ModifyWatermarkTemplate",
        Definition=created["Definition"],
        Name="logo-2",
        ImageTemplate={"Transparency": 30},
    )
    assert modified["ImageUrl"] == ""
    shown = one(api, created["Definition"])
    assert (shown["Name"], shown["ImageTemplate"]["Transparency"]) == ("logo-2", 30)
    assert shown["ImageTemplate"]["Width"] == "64px"

    api("DeleteWatermarkTemplate", Definition=created["Definition"])
    assert describe(api)["TotalCount"] == 0


def test_the_image_is_served_back_at_its_url(api, png):
    url = api("CreateWatermarkTemplate", Type="image", ImageTemplate={"ImageContent": png})["ImageUrl"]
    reply = httpx.get(url)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "image/png"
    assert reply.content == base64.b64decode(png)
    assert httpx.get(url.replace(".png", "0.png")).status_code == 404


def test_a_new_image_gets_a_new_url(api, png):
    definition = api("CreateWatermarkTemplate", Type="image", ImageTemplate={"ImageContent": png})[
        "Definition"
    ]
    gif = base64.b64encode(b"GIF89a" + bytes(16)).decode()
    url = api("ModifyWatermarkTemplate", Definition=definition, ImageTemplate={"ImageContent": gif})[
        "ImageUrl"
    ]
    assert url.endswith(".gif")
    assert one(api, definition)["ImageTemplate"]["ImageUrl"] == url
    assert httpx.get(url).headers["Content-Type"] == "image/gif"


def test_text_template_and_defaults(api):
    created = api("CreateWatermarkTemplate", Type="text", TextTemplate=TEXT)
    assert created["ImageUrl"] == ""
    shown = one(api, created["Definition"])
    assert shown["TextTemplate"] == TEXT
    assert (shown["XPos"], shown["YPos"], shown["CoordinateOrigin"]) == ("0px", "0px", "topLeft")
    assert shown["ImageTemplate"] is None


def test_svg_defaults(api):
    definition = api("CreateWatermarkTemplate", Type="svg", SvgTemplate={})["Definition"]
    assert one(api, definition)["SvgTemplate"] == {"Width": "10W%", "Height": "0px"}


def test_describe_output_fits_the_sdk_models(api, png):
    api("CreateWatermarkTemplate", Type="image", ImageTemplate={"ImageContent": png})
    api("CreateWatermarkTemplate", Type="text", TextTemplate=TEXT)
    api("CreateWatermarkTemplate", Type="svg", SvgTemplate={"Width": "20px"})
    assert api.typed("DescribeWatermarkTemplates")["TotalCount"] == 3


def test_sub_templates_of_another_type_are_ignored(api, png):
    definition = api("CreateWatermarkTemplate", Type="text", TextTemplate=TEXT, SvgTemplate={"Width": "5px"})[
        "Definition"
    ]
    reply = api(
        "ModifyWatermarkTemplate",
        Definition=definition,
        ImageTemplate={"ImageContent": png},
        TextTemplate={"FontSize": "20px"},
    )
    assert reply["ImageUrl"] == ""
    shown = one(api, definition)
    assert shown["TextTemplate"]["FontSize"] == "20px"
    assert (shown["ImageTemplate"], shown["SvgTemplate"]) == (None, None)


def test_the_type_cannot_be_modified(api):
    definition = api("CreateWatermarkTemplate", Type="svg", SvgTemplate={})["Definition"]
    assert api.code("ModifyWatermarkTemplate", Definition=definition, Type="text") == "UnknownParameter"


def test_the_disabled_cycle_config_is_accepted_and_not_shown(api):
    definition = api("CreateWatermarkTemplate", Type="svg", SvgTemplate={})["Definition"]
    api(
        "ModifyWatermarkTemplate",
        Definition=definition,
        SvgTemplate={"Height": "10px", "CycleConfig": {"StartTime": 1}},
    )
    assert one(api, definition)["SvgTemplate"] == {"Width": "10W%", "Height": "10px"}


def test_describe_lists_custom_only_with_filters_and_paging(api):
    for kind in ("text", "svg", "text"):
        api("CreateWatermarkTemplate", Type=kind, TextTemplate=TEXT, SvgTemplate={})
    assert describe(api)["TotalCount"] == 3
    texts = describe(api, Type="text")
    assert [t["Definition"] for t in texts["WatermarkTemplateSet"]] == [1_000_001, 1_000_003]
    page = describe(api, Offset=1, Limit=1)
    assert (page["TotalCount"], [t["Definition"] for t in page["WatermarkTemplateSet"]]) == (3, [1_000_002])


def test_unknown_templates(api):
    assert api.code("ModifyWatermarkTemplate", Definition=5, Name="x") == (
        "ResourceNotFound.TemplateNotExist"
    )
    assert api.code("DeleteWatermarkTemplate", Definition=5) == "ResourceNotFound"


def test_the_quota_is_1000_templates_per_app(api):
    for _ in range(1000):
        api("CreateWatermarkTemplate", Type="svg", SvgTemplate={})
    assert api.code("CreateWatermarkTemplate", Type="svg", SvgTemplate={}) == (
        "LimitExceeded.TooMuchTemplate"
    )
