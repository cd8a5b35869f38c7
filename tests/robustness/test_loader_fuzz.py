"""Garbage in, problems out: the loader never raises and never hits its internal-error net.

`check_dataset` turns any exception into an "internal error" problem so that users never
see a traceback; these tests make sure that net is never needed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uneventtui.loader import SPECS, check_dataset, load_timeline

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

FIELD_NAMES = sorted({f for spec in SPECS.values() for f in spec.fields} | {"entity", "quote"})
TABLE_NAMES = [*SPECS, "events", "x"]


def toml_value(value) -> str:
    """A value written as TOML (inline), enough for what the strategies below make."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1995", "2025-07", "1995-03-06", "2025-02-30", "seed", "place", "doha"]),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
entries = st.dictionaries(keys, values, max_size=8)
documents = st.dictionaries(
    st.sampled_from(TABLE_NAMES),
    st.one_of(st.lists(entries, max_size=3), entries, scalars),
    max_size=4,
)


def assert_clean_report(data: Path) -> None:
    problems = check_dataset(data)
    for problem in problems:
        line = str(problem)
        assert "internal error" not in line, line
        assert "\n" not in line and "\x1b" not in line
    if not problems:
        load_timeline(data)  # a clean dataset must load


@FUZZ
@given(document=documents)
def test_random_documents_give_problems_not_tracebacks(tmp_path_factory, document):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MINI, root / "mini")
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in document.items()]
    (root / "mini" / "data" / "fuzz.toml").write_text("\n".join(lines), encoding="utf-8")
    assert_clean_report(root / "mini" / "data")


@FUZZ
@given(junk=st.binary(max_size=200))
def test_random_bytes_give_problems_not_tracebacks(tmp_path_factory, junk):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "junk.toml").write_bytes(junk)
    assert_clean_report(root)


@FUZZ
@given(
    file=st.sampled_from(["events.toml", "entities.toml", "sources.toml", "vocabulary.toml"]),
    cut=st.integers(0, 10_000),
    length=st.integers(0, 40),
    insert=st.text(max_size=6),
)
def test_mangled_fixture_gives_problems_not_tracebacks(tmp_path_factory, file, cut, length, insert):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MINI, root / "mini")
    path = root / "mini" / "data" / file
    text = path.read_text(encoding="utf-8")
    cut %= len(text) + 1
    path.write_text(text[:cut] + insert + text[cut + length :], encoding="utf-8")
    assert_clean_report(root / "mini" / "data")


def test_deeply_nested_toml(tmp_path):
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    assert_clean_report(tmp_path)
