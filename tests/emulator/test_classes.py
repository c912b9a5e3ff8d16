"""Media classes: the tree, its limits, and the system class 0."""

from __future__ import annotations


def classes(api, **params):
    return {c["ClassId"]: c for c in api("DescribeAllClass", **params)["ClassInfoSet"]}


def create(api, parent, name, **params):
    return api("CreateClass", ParentId=parent, ClassName=name, **params)["ClassId"]


def test_round_trip(api):
    movies = create(api, -1, "Movies")
    action = create(api, movies, "Action")
    assert (movies, action) == (1, 2)

    tree = classes(api)
    assert tree[movies] == {
        "ClassId": movies,
        "ParentId": -1,
        "Name": "Movies",
        "Level": 0,
        "SubClassIdSet": [action],
        "ClassName": "Movies",
    }
    assert (tree[action]["ParentId"], tree[action]["Level"]) == (movies, 1)

    api("ModifyClass", ClassId=action, ClassName="Thriller")
    assert classes(api)[action]["Name"] == classes(api)[action]["ClassName"] == "Thriller"

    api("DeleteClass", ClassId=action)
    api("DeleteClass", ClassId=movies)
    assert list(classes(api)) == [0]


def test_describe_output_fits_the_sdk_models(api):
    create(api, create(api, -1, "a"), "b")
    assert len(api.typed("DescribeAllClass")["ClassInfoSet"]) == 3


def test_class_0_is_always_there_and_fixed(api, emulator):
    emulator.add_sub_apps([55])
    assert classes(api, SubAppId=55)[0] == {
        "ClassId": 0,
        "ParentId": -1,
        "Name": "SystemDefault",
        "Level": 0,
        "SubClassIdSet": [],
        "ClassName": "其他",
    }
    assert api.code("ModifyClass", ClassId=0, ClassName="x") == "InvalidParameterValue.ClassId"
    assert api.code("DeleteClass", ClassId=0) == "InvalidParameterValue.ClassId"
    assert api.code("CreateClass", ParentId=0, ClassName="x") == "InvalidParameterValue.ParentId"


def test_at_most_four_levels(api):
    parent = -1
    for level in range(4):
        parent = create(api, parent, f"level-{level}")
    assert classes(api)[parent]["Level"] == 3
    assert api.code("CreateClass", ParentId=parent, ClassName="level-4") == (
        "FailedOperation.ClassLevelLimitExceeded"
    )


def test_an_unknown_parent(api):
    assert api.code("CreateClass", ParentId=42, ClassName="x") == "FailedOperation.ParentIdNoFound"


def test_sibling_names_are_unique(api):
    movies = create(api, -1, "Movies")
    create(api, movies, "Action")
    create(api, -1, "Action")  # a cousin may share the name
    assert api.code("CreateClass", ParentId=movies, ClassName="Action") == (
        "FailedOperation.ClassNameDuplicate"
    )
    assert api.code("CreateClass", ParentId=-1, ClassName="其他") == ("FailedOperation.ClassNameDuplicate")
    drama = create(api, movies, "Drama")
    assert api.code("ModifyClass", ClassId=drama, ClassName="Action") == (
        "FailedOperation.ClassNameDuplicate"
    )
    api("ModifyClass", ClassId=drama, ClassName="Drama")  # renaming to itself is fine


def test_a_class_with_children_cannot_be_deleted(api):
    movies = create(api, -1, "Movies")
    create(api, movies, "Action")
    assert api.code("DeleteClass", ClassId=movies) == "UnsupportedOperation.ClassNotEmpty"


def test_unknown_classes(api):
    assert api.code("ModifyClass", ClassId=9, ClassName="x") == "FailedOperation.ClassNoFound"
    assert api.code("DeleteClass", ClassId=9) == "InvalidParameterValue.ClassId"


def test_at_most_500_children(api):
    parent = create(api, -1, "Big")
    for i in range(500):
        create(api, parent, f"child-{i}")
    assert api.code("CreateClass", ParentId=parent, ClassName="one-too-many") == (
        "FailedOperation.SubclassLimitExceeded"
    )
    assert len(classes(api)[parent]["SubClassIdSet"]) == 500
