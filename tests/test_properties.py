"""Property tests across the layers, on arbitrary Unicode.

The text layer's own property tests (test_text_properties.py) compare its output with
its own shaper; here the invariant is independent of it: compatibility decomposition
(NFKD) turns Arabic presentation forms (and the lam-alef ligatures) back into the
letters they stand for, so once mirrored brackets are paired, the letters drawn are
exactly the letters of the sanitised input, whatever the input. Search and the loader
get the same treatment: any query, any name.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uneventtui.loader import check_dataset, load_timeline
from uneventtui.search import SearchIndex, normalize
from uneventtui.text import layout, sanitize, visual, visual_with_map
from uneventtui.text.cells import cell_len
from uneventtui.text.cells import char_cells as get_character_cell_size
from uneventtui.text.sanitize import BIDI_CONTROLS
from uneventtui.text.uba import mirror

ZWJ = "\u200d"
MINI = Path(__file__).parent / "fixtures" / "mini"
FORBIDDEN = {*range(0x20), *range(0x7F, 0xA0), *BIDI_CONTROLS}

# Any text without lone surrogates (which no UTF-8 file or keyboard can give), weighted
# towards what stresses a terminal: Arabic with harakat, wide CJK, emoji with ZWJ,
# combining marks, bidi and C0/C1 controls.
SPICE = st.sampled_from(
    [
        *"عمرهلالأإآىةـ",
        "لا",
        "لأ",
        "\u064e\u0651\u0670",  # fatha, shadda, dagger alef
        "漢字",
        "👩\u200d💻",
        "🇲🇦",
        "e\u0301",
        "\u0301",
        "\u200b\u200c\u200d\u2060",
        "\u202e\u2066\u2069\u200f",
        "\x1b]0;x\x07",
        "\x9b",
        "\t",
        "\r\n",
        "(",
        "]",
        "«",
        " ",
        "ﷺ",  # one presentation form, eighteen letters
    ]
)
ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.lists(st.one_of(SPICE, st.text(max_size=3)), max_size=25).map("".join),
)
FAST = settings(max_examples=150, deadline=None)


def letters(text: str) -> Counter:
    """The characters of `text` as a multiset, blind to shaping, ligatures and mirroring
    (NFKD maps presentation forms to letters; a bracket counts as its pair), spaces
    left out (wrapping breaks lines at them), and ZWJ too: the shaper consumes it
    (it asks for joining, which the presentation forms then show)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return Counter(min(c, mirror(c)) for c in decomposed if not c.isspace() and c != ZWJ)


@FAST
@given(ANY_TEXT, st.integers(1, 40), st.sampled_from([None, "rtl", "ltr"]))
def test_layout_draws_exactly_the_sanitised_letters_within_the_width(text, width, base):
    lines = layout(text, width, base=base)
    drawn = "".join(line.text for line in lines)
    assert letters(drawn) == letters(sanitize(text))
    for line in lines:
        assert not FORBIDDEN.intersection(map(ord, line.text))
        # Only a character wider than the whole line (with its marks) may overflow it.
        visible = [c for c in line.text if get_character_cell_size(c) > 0]
        assert line.cells <= width or (len(visible) == 1 and width < 2)


@FAST
@given(ANY_TEXT, st.integers(1, 40))
def test_terminal_mode_draws_the_same_letters_unshaped(text, width):
    drawn = "".join(line.text for line in layout(text, width, mode="terminal"))
    assert letters(drawn) == letters(sanitize(text))


@FAST
@given(ANY_TEXT, st.sampled_from([None, "rtl", "ltr"]), st.sampled_from(["shaped", "terminal"]))
def test_visual_never_raises_and_keeps_every_letter(text, base, mode):
    drawn = visual(text, base=base, mode=mode)
    assert not FORBIDDEN.intersection(map(ord, drawn))
    # One line: paragraph breaks are drawn as spaces or dropped, never as newlines.
    assert letters(drawn) == letters(sanitize(text))
    mapped, cells = visual_with_map(text, base=base, mode=mode)
    assert mapped == drawn and len(cells) == len(text) + 1
    if ZWJ not in drawn:
        # (Rich measures "X ZWJ Y" as one grapheme even where a terminal draws two
        # cells: terminal mode keeps ZWJ, so its width is Rich's guess. README notes it.)
        assert all(-1 <= c <= cell_len(drawn) for c in cells)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(load_timeline())


@FAST
@given(query=st.one_of(ANY_TEXT, st.text(min_size=200, max_size=2000)), limit=st.integers(0, 50))
def test_search_never_raises_on_any_query(index, query, limit):
    for kind in (None, "person", "event"):
        hits = index.search(query, limit=limit, kind=kind)
        assert len(hits) <= max(limit, 0)
        for hit in hits:
            assert kind is None or hit.kind == kind
            start, end = hit.span
            assert 0 <= start <= end <= len(hit.matched_text)


@FAST
@given(ANY_TEXT)
def test_normalised_query_is_stable_and_clean(text):
    once = normalize(text)
    assert normalize(once) == once
    assert not any(c.isspace() and c != " " for c in once)
    assert not FORBIDDEN.intersection(map(ord, once))


# --- the loader: any string in a name loads verbatim, or is named as a problem -----


NAME = 'name_en = "Geneva"'


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_any_name_loads_verbatim_or_is_reported(tmp_path_factory, name):
    root = tmp_path_factory.mktemp("prop") / "mini"
    shutil.copytree(MINI, root)
    path = root / "data" / "entities.toml"
    text = path.read_text(encoding="utf-8")
    value = json.dumps(name, ensure_ascii=False).replace("\x7f", "\\u007f")  # valid TOML
    path.write_text(text.replace(NAME, f"name_en = {value}"), encoding="utf-8")
    problems = check_dataset(root / "data")
    if problems:
        # Only a control character or an empty name may be refused, and it is named.
        assert [(p.entry, p.field) for p in problems] == [("geneva", "name_en")]
        assert "control character" in problems[0].message or not name.strip()
    else:
        assert load_timeline(root / "data").entities["geneva"].name_en == name
