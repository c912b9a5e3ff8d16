"""No manifest text, however mangled, makes validate crash: it passes or reports located problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from vodops.errors import ManifestError
from vodops.manifest import load_manifests

SOURCES = sorted((EXAMPLES / "quickstart").glob("*.yaml"))
_CHARACTERS = list(":-[]{},'\"#&*!|>%@` \n\t0123456789abcXYZ~.?/")
NOISE = st.sampled_from([*_CHARACTERS, "---", "\x00", "é", "ON", "null"])


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, str]:
    source = draw(st.sampled_from(SOURCES))
    text = source.read_text()
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        text = text[:at] + "".join(draw(st.lists(NOISE, max_size=4))) + text[at + cut :]
    return source.name, text


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_validate_never_crashes(case: tuple[str, str]) -> None:
    name, text = case
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        shutil.copy(EXAMPLES / "quickstart" / "logo.png", directory / "logo.png")
        (directory / name).write_text(text)
        try:
            load_manifests(directory, "default")
        except ManifestError as error:
            assert error.problems
            located = [p.location for p in error.problems]
            assert all(where is not None and str(where).startswith(str(directory)) for where in located)
