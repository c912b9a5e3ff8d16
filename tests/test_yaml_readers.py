"""Manifests are read from libyaml's events (vodops/manifest/yamlevents.py) unless a document has
what only the node reader handles (vodops/manifest/yamlpos.py): both must give every value, every
position and every problem alike, or a file's errors would depend on which reader took it."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Vodops
from vodops.manifest import yamlpos
from vodops.manifest.yamlbom import BOM, without_document_marks
from vodops.manifest.yamlevents import UnusualDocumentError, read_events

WORDS = [
    "a",
    "name",
    "12",
    "-3.5e2",
    ".5",
    "+7",
    "true",
    "False",
    "null",
    "~",
    "0x1F",
    "ON",
    "é",
    "e\u0301",
    "x y",
]
KEYS = [
    "k",
    "v",
    "k",
    "é",
    "e\u0301",
    '"k"',
    "k",
    "v",
    "[x]",
    "{y: 1}",
    "&a k",
    "*a",
    "<<",
    '"<<"',
]  # mostly plain: duplicates
QUOTED = [
    '"q"',
    "'s'",
    '"a\\ud800"',
    '"\\udfff"',
    '""',
    "!!str 5",
    "! 7",
    "!!int 3",
    '"e\\u0301"',
    '"\\ud83d\\ude00"',
    "!!bool true",
    "!!null",
    "!!float 2",
    '!!int "0x1F"',
    "!!int x",
]


def _flow(draw: Any, depth: int) -> str:
    choice = draw(st.integers(0, 4 if depth < 3 else 1))
    if choice == 0:
        return str(draw(st.sampled_from(WORDS)))
    if choice == 1:
        return str(draw(st.sampled_from(QUOTED)))
    if choice == 2:
        return "[" + ", ".join(_flow(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
    if choice == 3 and draw(st.booleans()):
        return f"&{draw(st.sampled_from('ab'))} " + _flow(draw, depth + 1)
    if choice == 3:
        return "*" + str(draw(st.sampled_from("ab")))
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=4))
    return "{" + ", ".join(f"{key}: {_flow(draw, depth + 1)}" for key in keys) + "}"


@st.composite
def documents(draw: Any) -> str:
    """A stream of flow documents (duplicate keys, anchors, aliases, tags, odd scalars) and block
    documents (yaml.dump's layout of generated values, for positions across lines)."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            parts.append("--- " + _flow(draw, 0) + "\n")
        else:
            value = draw(
                st.recursive(st.sampled_from([*WORDS, 1, 2.5, None, True]), _containers, max_leaves=8)
            )
            parts.append("---\n" + yaml.safe_dump(value, allow_unicode=draw(st.booleans())))
    return "".join(parts)


def _containers(children: Any) -> Any:
    return st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["k", "é", "12", "n o"]), children, max_size=3
    )


def _node_reader(text: str) -> tuple[list[Any], list[str]]:
    try:
        read = yamlpos._load(text, "f.yaml", yamlpos._FastLoader, reraise=True)
    except yaml.YAMLError:
        read = yamlpos._load(text, "f.yaml", yamlpos._Loader, reraise=False)
    return _comparable(read)


def _comparable(read: tuple[list[yamlpos.Document], list[Any]]) -> tuple[list[Any], list[str]]:
    documents, problems = read
    return [(repr(d.value), sorted(d.positions.items(), key=repr)) for d in documents], [
        str(p) for p in problems
    ]


@given(documents())
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the pure-Python reader: slow
def test_the_event_reader_reads_as_the_node_reader(text: str) -> None:
    try:
        events = _comparable(read_events(text, "f.yaml"))
    except (UnusualDocumentError, yaml.YAMLError):
        events = None  # the node reader (or, on a syntax error, the pure-Python one) reads it
    read = _comparable(yamlpos.load_documents(text, "f.yaml"))
    assert read == _node_reader(text)
    assert events is None or events == read


def test_the_event_reader_finds_a_duplicate_key_and_composes_accents() -> None:
    text = 'apiVersion: v\nspec:\n  a: 1\n  b: "e\\u0301"\n  a: {c: [x]}\n'
    documents, problems = read_events(text, "f.yaml")
    assert [str(p) for p in problems] == ["f.yaml:5:3: duplicate key 'a' (first written at line 3)"]
    assert documents[0].value == {"apiVersion": "v", "spec": {"a": 1, "b": "\u00e9"}}
    assert str(documents[0].locate(("spec", "b"))) == "f.yaml:4:3"
    assert str(documents[0].locate(("spec", "a", "c"))) == "f.yaml:3:3"


def _nested(levels: int) -> str:
    """A document of `levels` collections, each inside the one before (a mapping, then lists)."""
    return "spec: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"


@pytest.mark.parametrize(("levels", "column"), [(64, None), (65, 70), (66, 70), (1500, 70)])
def test_both_readers_refuse_the_65th_nested_collection_where_it_starts(
    levels: int, column: int | None
) -> None:
    """Past libyaml's own limit (1,000 levels) the file ends at the problem; before it, the next
    document is still read."""
    text = _nested(levels) + "---\nnext: 1\n"
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    expected = [] if column is None else [f"f.yaml:1:{column}: the YAML nests more than 64 levels deep"]
    assert [str(p) for p in problems] == expected
    assert [d.value for d in documents][-1:] == ([] if levels > 1000 else [{"next": 1}])
    assert _comparable((documents, problems)) == _node_reader(text)


def test_an_alias_inside_its_own_anchor_is_said_to_contain_itself() -> None:
    documents, problems = yamlpos.load_documents("a: &x {b: [*x]}\nc: 1\n", "f.yaml")
    expected = (
        "f.yaml:1:11: this value contains itself (an alias inside it names its anchor), so it never ends"
    )
    assert (documents, [str(p) for p in problems]) == ([], [expected])


def test_a_surrogate_pair_escape_is_the_character_it_encodes_as_in_json() -> None:
    text = 'a: "\\ud83c\\udfac \\U0001F3AC"\nb: "x\\ud83cy"\n'
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    assert documents[0].value == {"a": "\U0001f3ac \U0001f3ac", "b": "x\ud83cy"}
    message = (
        "'\\ud83c' is half of a UTF-16 pair (a lone surrogate), not a character; write the character itself"
    )
    assert [str(p) for p in problems] == [f"f.yaml:2:4: {message}"]


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("a: 1\r\nb: \x01\n", "2:4", "0001"),
        ("a: 1\rb: 2\r# \x7f\n", "3:3", "007F"),
        ("a: \ufffe\n", "1:4", "FFFE"),
    ],
    ids=["crlf-control", "cr-delete", "non-character"],
)
def test_a_character_yaml_refuses_is_located(text: str, where: str, code: str) -> None:
    problems = [str(p) for p in yamlpos.load_documents(text, "f.yaml")[1]]
    hint = f'write it as the escape "\\u{code.lower()}" inside double quotes if it is meant'
    assert problems == [
        f"f.yaml:{where}: YAML syntax error: the character U+{code} is not allowed in YAML; {hint}"
    ]


def test_core_tags_type_what_fits_them_in_both_readers(vodops: Vodops, tmp_path: Path) -> None:
    """`!!bool true` was the string 'true', refused as 'must be true or false (got 'true')';
    `!!float .inf` was the string '.inf' (YAML 1.2, 10.3.2: !!float's infinities and NaN)."""
    text = (
        "a: !!int '30'\nb: !!int 0x1F\nc: !!float 1\nd: !!bool TRUE\ne: !!null\n"
        "f: !!str 5\ni: !custom 7\nj: !!float .inf\nk: !!float -.Inf\nl: !!float +.INF\nm: !!float .NaN\n"
    )
    expected = {"a": 30, "b": 31, "c": 1.0, "d": True, "e": None, "f": "5", "i": "7"}
    expected |= {"j": math.inf, "k": -math.inf, "l": math.inf}
    for reader in (lambda: yamlpos.load_documents(text, "f.yaml"), lambda: read_events(text, "f.yaml")):
        documents, problems = reader()
        value = documents[0].value
        assert (math.isnan(value.pop("m")), value, problems) == (True, expected, [])
    assert _comparable(yamlpos.load_documents(text + "z: &x 1\n", "f.yaml")) == _node_reader(
        text + "z: &x 1\n"
    )
    manifest = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"
    manifest += "spec: {authoritative: !!bool true}\n"
    (tmp_path / "classes.yaml").write_text(manifest)
    assert vodops("validate", tmp_path).out == f"OK: 1 resource (1 MediaClass) in {tmp_path}\n"


UNFIT_TAGS = (
    "a: !!int x\nb: !!bool yes\nc: !!null x\nd: !!float 1.5.2\ne: !!float\nf: !!map x\n"
    "g: !!int [1]\nh: !!str {i: 1}\nj: !!seq {k: 1}\nl: !!map [1]\nm: !<tag:yaml.org,2002:bool> on\n"
    "n: !!int " + "9" * 50 + ".5\n"
)
A_NUMBER = "a number (like 1.5, -2, 6.02e23, .inf, -.inf or .nan)"
UNFIT_PROBLEMS = [
    "f.yaml:1:4: the tag !!int is for an integer (decimal, 0o octal or 0x hexadecimal), not 'x'",
    "f.yaml:2:4: the tag !!bool is for true or false, not 'yes'",
    "f.yaml:3:4: the tag !!null is for null (null, ~ or nothing), not 'x'",
    f"f.yaml:4:4: the tag !!float is for {A_NUMBER}, not '1.5.2'",
    f"f.yaml:5:4: the tag !!float is for {A_NUMBER}, not an empty value",
    "f.yaml:6:4: the tag !!map is for a mapping, not 'x'",
    "f.yaml:7:4: the tag !!int is for an integer (decimal, 0o octal or 0x hexadecimal), not a list",
    "f.yaml:8:4: the tag !!str is for a string, not a mapping",
    "f.yaml:9:4: the tag !!seq is for a list, not a mapping",
    "f.yaml:10:4: the tag !!map is for a mapping, not a list",
    "f.yaml:11:4: the tag !!bool is for true or false, not 'on'",
    "f.yaml:12:4: the tag !!int is for an integer (decimal, 0o octal or 0x hexadecimal), not "
    + repr("9" * 40)
    + "...",
]


@pytest.mark.parametrize("anchored", [False, True], ids=["event-reader", "node-reader"])
def test_a_core_tag_its_value_does_not_fit_is_a_located_problem(anchored: bool) -> None:
    """YAML 1.2, 3.3.4: a node whose content its tag does not allow is invalid; `!!int x` was the
    string 'x' and `!!str {i: 1}` a mapping, the tag silently dropped. An alias to one is said once."""
    text = UNFIT_TAGS + ("o: &x !!int y\np: *x\n" if anchored else "")
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    aliased = ["f.yaml:13:4: the tag !!int is for an integer (decimal, 0o octal or 0x hexadecimal), not 'y'"]
    assert [str(p) for p in problems] == UNFIT_PROBLEMS + (aliased if anchored else [])
    if not anchored:
        assert _comparable(read_events(text, "f.yaml")) == _comparable((documents, problems))


def test_a_core_tag_its_value_does_not_fit_is_refused_by_the_cli(vodops: Vodops, tmp_path: Path) -> None:
    """The problem is said where the value is, and nothing is planned nor applied."""
    manifest = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: !!int Movies}\n"
    (tmp_path / "classes.yaml").write_text(manifest)
    for command in ("validate", "plan", "apply"):
        result = vodops(command, tmp_path, *(["--yes"] if command == "apply" else []))
        assert (result.code, result.err.splitlines()) == (1, [
            f"{tmp_path / 'classes.yaml'}:3:18: the tag !!int is for an integer (decimal, 0o octal or 0x "
            "hexadecimal), not 'Movies'",
            "1 problem: the manifests are invalid; nothing was sent to the API",
        ])  # fmt: skip
    assert not (tmp_path / ".vodops").exists()


BARE_AFTER_END = {
    "after-a-document": "a: 1\n...\nb: 2\n",
    "after-two-ends": "a: 1\n...\n# c\n...\n\nb: 2\n",
    "at-the-start": "...\nb: 2\n",
    "then-a-directive": "a: 1\n...\n%YAML 1.2\n---\nb: 2\n",
}


@pytest.mark.parametrize("text", BARE_AFTER_END.values(), ids=list(BARE_AFTER_END))
def test_a_bare_document_may_follow_a_document_end(text: str) -> None:
    """YAML 1.2, 9.2: after `...` a document needs no `---`; it was a syntax error
    (expected '<document start>'). Read as the same documents with `---` in its place."""
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    expected = [{"b": 2}] if text.startswith("...") else [{"a": 1}, {"b": 2}]
    assert ([d.value for d in documents], problems) == (expected, [])
    assert documents[-1].locate(("b",)).line == text.count("\n")


def test_a_bare_manifest_after_a_document_end_is_read(vodops: Vodops, tmp_path: Path) -> None:
    manifest = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"
    (tmp_path / "classes.yaml").write_text(manifest + "...\n" + manifest.replace("Movies", "Shows"))
    assert vodops("validate", tmp_path).out == f"OK: 2 resources (2 MediaClass) in {tmp_path}\n"
    assert vodops("plan", tmp_path).out.splitlines()[1] == "Plan: 2 to create."


NON_SPECIFIC = (
    "a: ! 5\nb: ! true\nc: ! null\nd: ! '7'\ne: ! {f: 5, g: ! 6}\nh: ! [5, ! 6]\n"
    "i: !<tag:yaml.org,2002:int> 5\nj: !<tag:yaml.org,2002:str> 5\nk: !<!custom> 5\n"
)


@pytest.mark.parametrize("anchored", [False, True], ids=["event-reader", "node-reader"])
def test_the_non_specific_tag_makes_a_scalar_a_string_in_both_readers(anchored: bool) -> None:
    """YAML 1.2, 6.9.1: `!` makes a scalar a string (a collection stays a mapping or a list of
    what its items are); `! 5` was the number 5 in both readers. A verbatim core tag types what
    fits it, as `!!int` does; any other tag gives a string."""
    text = NON_SPECIFIC + ("l: &x ! 8\nm: *x\n" if anchored else "")
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    expected = {
        "a": "5",
        "b": "true",
        "c": "null",
        "d": "7",
        "e": {"f": 5, "g": "6"},
        "h": [5, "6"],
        "i": 5,
        "j": "5",
        "k": "5",
    }
    assert (documents[0].value, problems) == ({**expected, **({"l": "8", "m": "8"} if anchored else {})}, [])
    assert _comparable((documents, problems)) == _node_reader(text)


def test_a_tag_directive_names_core_tags_in_both_readers() -> None:
    text = "%TAG !core! tag:yaml.org,2002:\n---\na: !core!int 5\nb: !core!str 6\nc: ! 7\n"
    expected = {"a": 5, "b": "6", "c": "7"}
    assert [d.value for d in read_events(text, "f.yaml")[0]] == [expected]
    assert _comparable(yamlpos.load_documents(text, "f.yaml")) == _node_reader(text)
    assert [d.value for d in _node_reader_documents(text + "d: &x 1\n")] == [{**expected, "d": 1}]


def _node_reader_documents(text: str) -> list[yamlpos.Document]:
    return yamlpos._load(text, "f.yaml", yamlpos._FastLoader, reraise=True)[0]


def test_a_number_tagged_non_specific_is_refused_where_a_number_is_wanted(
    vodops: Vodops, tmp_path: Path
) -> None:
    manifest = (
        "apiVersion: vodops/v1\nkind: TranscodeTemplate\nmetadata: {name: mp4}\nspec:\n  container: mp4\n"
        "  videoTemplate: {codec: libx264, fps: 25, bitrate: ! 1500, width: 1280, height: 720}\n"
        "  audioTemplate: {codec: libfdk_aac, bitrate: 128, sampleRate: 44100}\n"
    )
    (tmp_path / "transcode.yaml").write_text(manifest)
    _refused(
        vodops,
        tmp_path / "transcode.yaml",
        "6:44: spec.videoTemplate.bitrate: must be an integer (got '1500')",
    )


def _refused(vodops: Vodops, file: Path, problem: str) -> None:
    """`vodops plan` refuses the manifests in `file` with one `problem` (`line:column: message`),
    having sent nothing to the API and written nothing."""
    run = vodops("plan", file.parent)
    assert (run.code, run.out) == (1, "")
    assert run.err == f"{file}:{problem}\n1 problem: the manifests are invalid; nothing was sent to the API\n"
    assert sorted(p.name for p in file.parent.iterdir()) == [file.name], "nothing was written"


@pytest.mark.parametrize(
    "text",
    [
        "---\na: 1\n...\n\ufeff---\nb: 2\n",
        "\ufeffa: 1\n...\n# after the end\n\ufeff# the next prefix\n---\nb: 2\n",
        "a: 1\n\ufeff--- # a document after one with no end\nb: 2\n",
        "\ufeff---\na: 1\n--- &x\n\ufeff---\nb: 2\n",
    ],
    ids=["after-end", "among-comments", "before-start", "with-anchor"],
)
def test_a_byte_order_mark_may_start_each_document_in_both_readers(text: str) -> None:
    """YAML 1.2 (9.1.1): a document prefix may carry a byte-order mark, not only the stream's
    first; a later one was a syntax error at the line after it."""
    documents, problems = yamlpos.load_documents(text, "f.yaml")
    assert ([d.value for d in documents if d.value is not None], problems) == ([{"a": 1}, {"b": 2}], [])
    stripped, misplaced = without_document_marks(text, "f.yaml")
    assert (BOM in stripped, misplaced) == (False, None)
    assert _comparable(yamlpos.load_documents(text, "f.yaml")) == _node_reader(stripped)
    if "&" not in text:
        assert _comparable(read_events(stripped, "f.yaml")) == _node_reader(stripped)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: 1\nb: \ufeff2\n", "2:4"),
        ("a: 1\n\ufeffb: 2\n", "2:1"),
        ("a: 1  # note\ufeff\n", "1:13"),
        ("a: |\n  x\ufeffy\n", "2:4"),
        ("a: 1\n...\n%YAML 1.2\n\ufeff---\nb: 2\n", "4:1"),
        ("a: &x 1\nb: [*x, \ufeffc]\n", "2:9"),
    ],
    ids=["plain-value", "key", "comment", "block-scalar", "after-directive", "with-alias"],
)
def test_a_byte_order_mark_inside_a_document_is_a_located_error(text: str, where: str) -> None:
    """Elsewhere than a document's prefix, a byte-order mark is content only inside quotes
    (for JSON); a plain one was read as part of a value, or a syntax error in one reader and a
    key '\\ufeffb' in the other."""
    assert [str(p) for p in yamlpos.load_documents(text, "f.yaml")[1]] == [f"f.yaml:{where}: {MISPLACED}"]
    quoted = "a: \"x\ufeffy\"\nb: ['p\ufeffq', 1]\n"
    assert yamlpos.load_documents(quoted, "f.yaml")[0][0].value == {"a": "x\ufeffy", "b": ["p\ufeffq", 1]}


def test_a_misplaced_byte_order_mark_is_refused_by_the_cli_with_nothing_written(
    vodops: Vodops, tmp_path: Path
) -> None:
    manifest = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"
    (tmp_path / "classes.yaml").write_text(
        f"\ufeff{manifest}...\n\ufeff---\n{manifest.replace('Movies', 'Series')}"
    )
    assert vodops("validate", tmp_path).out == f"OK: 2 resources (2 MediaClass) in {tmp_path}\n"
    (tmp_path / "classes.yaml").write_text(manifest.replace("{name: Movies}", "{name: \ufeffMovies}"))
    _refused(vodops, tmp_path / "classes.yaml", f"3:18: {MISPLACED}")


MISPLACED = (
    "a byte-order mark (U+FEFF) may only start a document, or stand inside a quoted string; "
    'delete it (or write it as the escape "\\ufeff" inside double quotes if it is meant)'
)


@pytest.mark.parametrize(
    "value",
    ["9" * 4301, "-" + "9" * 4301, "!!int " + "9" * 4301, "!!int 0x" + "f" * 3600, "!!int 0o" + "7" * 4800],
    ids=["plain", "negative", "tagged", "hexadecimal", "octal"],
)
def test_an_integer_python_would_not_convert_is_one_problem_in_both_readers(value: str) -> None:
    """It was a ValueError traceback (Python converts at most 4300 digits, and writes no more)."""
    text = f"a: [x, {{b: {value}}}]\n---\nnext: 1\n"
    expected = ([{"next": 1}], ["f.yaml:1:12: this integer is longer than the 4300 digits vodops reads"])
    for reader in (lambda: yamlpos.load_documents(text, "f.yaml"), lambda: read_events(text, "f.yaml")):
        documents, problems = reader()
        assert ([d.value for d in documents], [str(p) for p in problems]) == expected
    assert _comparable(yamlpos.load_documents(text, "f.yaml")) == _node_reader(text)


def test_core_tag_integers_take_ascii_digits_only() -> None:
    """int() reads other scripts' digits: '!!int 0x' and two Arabic-Indic digits was 18."""
    arabic, wide = "0x\u0661\u0662", "\uff10x1"
    text = f"a: !!int {arabic}\nb: !!int 0o17\nc: !!int 0o8\nd: !!int 0xfF\ne: !!int {wide}\n"
    expected = {"a": arabic, "b": 15, "c": "0o8", "d": 255, "e": wide}
    unfit = "the tag !!int is for an integer (decimal, 0o octal or 0x hexadecimal), not"
    said = [f"f.yaml:1:4: {unfit} {arabic!r}", f"f.yaml:3:4: {unfit} '0o8'", f"f.yaml:5:4: {unfit} {wide!r}"]
    for reader in (lambda: yamlpos.load_documents(text, "f.yaml"), lambda: read_events(text, "f.yaml")):
        documents, problems = reader()
        assert (documents[0].value, [str(p) for p in problems]) == (expected, said)


def test_keys_are_read_as_string_values_are(vodops: Vodops, tmp_path: Path) -> None:
    """A key's surrogate pair is its character and a key typed in two Unicode forms is one key,
    in both readers; a lone surrogate in a key is said once, where it stands (pydantic refused
    the whole spec, at the spec's line, beside it)."""
    pair, accents = '"\\ud83c\\udfac": 1\n', 'e\u0301: 1\n"\\u00e9": 2\n'
    assert yamlpos.load_documents(pair, "f.yaml")[0][0].value == {"\U0001f3ac": 1}
    duplicate = ["f.yaml:2:1: duplicate key 'é' (first written at line 1)"]
    for reader in (lambda: yamlpos.load_documents(accents, "f.yaml"), lambda: read_events(accents, "f.yaml")):
        documents, problems = reader()
        assert ([d.value for d in documents], [str(p) for p in problems]) == ([{"\u00e9": 1}], duplicate)
    manifest = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"
    (tmp_path / "classes.yaml").write_text(manifest + 'spec: {"\\ud800": 1, authoritative: true}\n')
    result = vodops("validate", tmp_path)
    lone = "'\\ud800' is half of a UTF-16 pair (a lone surrogate), not a character"
    invalid = "1 problem: the manifests are invalid; nothing was sent to the API"
    expected = f"{tmp_path / 'classes.yaml'}:4:8: {lone}; write the character itself\n{invalid}\n"
    assert (result.code, result.out, result.err) == (1, "", expected)
