"""The text layer against independent references: GNU FriBidi's CLI on every
line and sentence of the seeds and on mixed-direction lines, and Unicode's
BidiCharacterTest.txt through our level resolver and python-bidi's order.

Skipped, with the reason, where Debian's libfribidi-bin or unicode-data is
missing; CI installs both."""

from __future__ import annotations

import importlib
import os
import random
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import needs
import pytest
from bidi import get_display
from rich.cells import cell_len

from uneventtui import cli
from uneventtui.text import _generate_tables as tables
from uneventtui.text import uba, visual
from uneventtui.text.shaping import is_haraka, shape, shape_text


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    """The user's config.toml (rtl_mode) must not change what these tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


pytestmark = pytest.mark.slow  # the FriBidi and Unicode conformance suites

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
UNICODE = needs.UNICODE_DATA
FRIBIDI = shutil.which("fribidi")

# Mixed-direction lines: brackets (nested, unbalanced), quotes, numbers and
# ranges, Latin in Arabic, Arabic in English, Arabic punctuation and digits.
MIXED = [
    "انعقدت القمة (2025) في الدوحة.",
    "القمة الاجتماعية العالمية الثانية (الدوحة، 4–6 نوفمبر 2025)",
    "من 4–6 نوفمبر، ومن 6 إلى 12 مارس 1995",
    "قال John (Smith) هنا",
    "قال [أ (ب) ج] و(د",
    "قال (ما [لم) يقل]",
    "He said (الأمم المتحدة) ok",
    "The summit (القمة الاجتماعية) met in Doha [2025].",
    "Copenhagen 1995 ثم الدوحة 2025",
    'قال "مرحبا" و«أهلاً» ثم "bye"',
    "العدد ١٢٣٤ و 12.5% و-3 و+4",
    "abc (def [الأمم) ghi]",
    "برنامج الأمم المتحدة الإنمائي (UNDP) ومنظمة العمل الدولية (ILO)",
    "هل حضرت القمة؟ نعم، حضرتها؛ وكانت ناجحة.",
    "الوثيقة A/CONF.166/9 والقرار 78/261",
    "www.un.org/ar ومكتب DESA",
    "((( متداخلة ))) و)) مقلوبة ((",
    "١٩٩٥–٢٠٢٥ ثلاثون عاماً",
    "2025 الأمم",
    "UN الأمم",
    "سعر 100$ أو 50€ (تقريبا)",
    "أيضًا شدَّد على دورِهِ",
    "Email: info@un.org (مكتب)",
    "<عنوان> و{قوس} و[مربع]",
]


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?؟])\s+", line) if s.strip()]


def seed_lines() -> list[str]:
    lines = []
    for path in SEEDS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line)
                lines.extend(s for s in _sentences(line) if s != line)
    return lines


def fribidi(lines: list[str], *options: str) -> list[str]:
    """FriBidi's rendering of each line (--nobreak, no padding, lam-alef fillers removed)."""
    result = subprocess.run(
        [FRIBIDI, "--nopad", "--nobreak", "--width", "100000", *options],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return [line.replace("\ufeff", "") for line in result.stdout.split("\n")[: len(lines)]]


def test_seed_corpus_is_substantial():
    lines = seed_lines()
    assert len(SEEDS) == 5
    assert len(lines) > 100
    assert sum("(" in line for line in lines) >= 5


@needs.fribidi
@pytest.mark.parametrize("corpus", ["seeds", "mixed"])
def test_visual_agrees_with_fribidi(corpus):
    lines = seed_lines() if corpus == "seeds" else MIXED
    expected = fribidi(lines)
    pairs = zip(lines, expected, strict=True)
    wrong = [(line, want, visual(line)) for line, want in pairs if visual(line) != want]
    assert not wrong, f"{len(wrong)} of {len(lines)} lines differ; first: {wrong[0]}"


def _our_order(line: str, level: int) -> str:
    """`line` in the order our resolver draws it (rules up to L2)."""
    para, levels = uba.resolve_levels(line, level)
    return "".join(line[i] for i in uba.visual_order(uba.line_levels(line, levels, para)))


def _visible(text: str) -> str:
    """`text` without the characters rule X9 removes: where those invisible
    characters go is left to implementations (UAX #9 section 5.2)."""
    return "".join(c for c in text if uba.bidi_class(c) not in uba.REMOVED_BY_X9)


@pytest.mark.parametrize("base", [None, "rtl", "ltr"])
def test_our_order_is_python_bidis_on_the_corpus(base):
    """The order we draw (our resolver, rules L1-L2) is python-bidi's, line by
    line, shaped as drawn. (The drawing path reorders once, with ours; this is
    the cross-check it used to make at run time.)"""
    for line in seed_lines() + MIXED:
        shaped = shape(line)[0]
        level = {"rtl": 1, "ltr": 0}.get(base, uba.paragraph_level(shaped))
        assert _our_order(shaped, level) == get_display(shaped, base_dir="R" if level else "L")


# Generated lines: every kind of character a line can hold after sanitising, the
# BN ones (ZWNJ, ZWJ, soft hyphen) and combining marks included.
_GENERATED_ALPHABET = (
    "abcXY 0123456789٠١٢٣لامبتعربيةאבג()[]{}<>«».,:;!?،؛؟-–%$+/#"
    "\u064e\u0651\u0300\u200c\u200d\u00ad\u00a0\u2007\t"
)


def generated_lines(count: int, seed: int = 20261123) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_GENERATED_ALPHABET) for _ in range(rng.randint(1, 24)))
        for _ in range(count)
    ]


def fribidi_levels_and_order(lines: list[str], base: str) -> list[tuple[list[int], list[int]]]:
    """FriBidi's embedding levels and visual-to-logical map (rules up to L3) per line."""
    result = subprocess.run(
        [FRIBIDI, "--nobreak", "--novisual", "--vtol", "--levels", f"--{base}"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    out = result.stdout.split("\n")
    return [
        ([int(i) for i in out[2 * k + 1].split()], [int(i) for i in out[2 * k].split()])
        for k in range(len(lines))
    ]


# The generated lines (seeded) where FriBidi 1.0.8 pairs brackets otherwise (rule N0).
# A newer FriBidi may agree on more of them; any other line that differs is a bug.
FRIBIDI_N0_LINES = {
    "rtl": {"؛،\u200d)َ[3م:c2%\xa0]3-،+#"},
    "ltr": {
        "؛،\u200d)َ[3م:c2%\xa0]3-،+#",
        "5 !bتب–>َ(א1»لعت̀:8אع})",
        "ع]̀([ب--בc+ )\u2007٠ّ,ג>2%ة",
        "ل١\xad6لa}?ل(;\u200cة)ّ;\u200d",
        "«̀(«YX٠ت؟),َّ؟#م9",
    },
}


@needs.fribidi
@pytest.mark.parametrize("base", ["rtl", "ltr"])
def test_levels_and_order_agree_with_fribidi_on_generated_text(base):
    """Our levels (after L1) and order (L2 with FriBidi's rule L3, marks after
    their base) are FriBidi's, character for character, invisible BN characters
    included. FriBidi 1.0.8 resolves a few bracket pairs (N0) differently; there
    python-bidi, which passes BidiCharacterTest, must draw what we draw."""
    lines = generated_lines(6000)
    level = 1 if base == "rtl" else 0
    bracket_cases = []
    for line, (levels, order) in zip(lines, fribidi_levels_and_order(lines, base), strict=True):
        para, ours = uba.resolve_levels(line, level)
        ours = uba.line_levels(line, ours, para)
        our_order = uba.visual_order(ours, uba.marks_after_base(line, ours))
        if (ours, our_order) != (levels, order):
            assert _visible(_our_order(line, level)) == _visible(
                get_display(line, base_dir="R" if level else "L")
            ), line
            assert any(c in "()[]{}" for c in line), line
            bracket_cases.append(line)
    assert set(bracket_cases) <= FRIBIDI_N0_LINES[base], bracket_cases


@pytest.mark.parametrize("level", [0, 1])
def test_resolving_runs_is_resolving_characters(level):
    """uba resolves a line through its runs of one class, shortened to two
    characters (brackets alone); on generated lines that gives, character for
    character, what the rules applied to every character give."""
    for line in generated_lines(4000, seed=11) + seed_lines() + MIXED:
        kinds = uba.classes(line)
        if not uba._EXPLICIT.isdisjoint(kinds):
            continue
        full = [level] * len(line)
        edge = "R" if level else "L"
        uba._resolve_sequence(
            line, list(kinds), list(kinds), full, list(range(len(line))), edge, edge
        )
        assert uba._resolve_runs(line, list(kinds), level) == full, line


@pytest.mark.parametrize("base", ["rtl", "ltr"])
def test_our_order_is_python_bidis_on_generated_text(base):
    level = 1 if base == "rtl" else 0
    for line in generated_lines(3000, seed=7):
        theirs = get_display(line, base_dir="R" if level else "L")
        assert _visible(_our_order(line, level)) == _visible(theirs), line


@needs.fribidi
@pytest.mark.parametrize(
    "line, level",
    [
        ("8\u200c", 1),
        ("b\u200c\u200c\u200c", 1),
        ("\u06600\u200c", 1),
        ("ab\u200c\u200dcd", 1),
        ("\u0644\u00ad", 0),
        ("\u0628\u200d\u0651", 1),
        ("\u064e\u0651\u0660", 1),
    ],
)
def test_bn_characters_go_where_fribidi_puts_them(line, level):
    """Hypothesis found python-bidi and us placing BN characters (ZWNJ, ZWJ, soft
    hyphen) differently, e.g. "8" ZWNJ at level 1. UAX #9 section 5.2 (retaining
    BNs) says: a BN takes the level of the character before it, and rule L1 resets
    BNs with the white space at the end of a line to the paragraph level; so a
    trailing ZWNJ in an RTL line goes to the far left, as FriBidi puts it. python-bidi
    leaves it beside the digit; BidiCharacterTest does not test where BNs go
    (level "x"). Visible characters are where all three put them."""
    ((levels, order),) = fribidi_levels_and_order([line], "rtl" if level else "ltr")
    para, ours = uba.resolve_levels(line, level)
    ours = uba.line_levels(line, ours, para)
    assert ours == levels
    assert uba.visual_order(ours, uba.marks_after_base(line, ours)) == order
    theirs = get_display(line, base_dir="R" if level else "L")
    assert _visible(_our_order(line, level)) == _visible(theirs)


@needs.fribidi
@pytest.mark.parametrize("base", ["rtl", "ltr"])
def test_forced_direction_agrees_with_fribidi(base):
    lines = MIXED + seed_lines()[:40]
    expected = fribidi(lines, f"--{base}")
    for line, want in zip(lines, expected, strict=True):
        assert visual(line, base=base) == want, line


@needs.fribidi
def test_render_command_agrees_with_fribidi_on_the_seeds(tmp_path, capsys):
    """The issue's "done when": `render --nopad --width 1000` = FriBidi, line by line.
    Every line fits in 1000 cells, so none is wrapped (wrapping: the next test)."""
    lines = seed_lines() + MIXED
    assert max(map(len, lines)) < 1000
    source = tmp_path / "corpus.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["render", "--nopad", "--width", "1000", str(source)]) == 0
    rendered = capsys.readouterr().out.split("\n")[:-1]
    assert rendered == fribidi(lines)


@needs.fribidi
def test_render_wraps_long_lines_into_the_width_losing_nothing(tmp_path, capsys):
    """At 80 cells a long seed line becomes several lines, none wider than 80, which
    together hold what FriBidi draws for the whole line (spaces at the breaks aside)."""
    long_lines = [line for line in seed_lines() if len(line) > 200]
    assert len(long_lines) >= 10
    for line in long_lines:
        source = tmp_path / "line.txt"
        source.write_text(line + "\n", encoding="utf-8")
        assert cli.main(["render", "--nopad", "--width", "80", str(source)]) == 0
        rendered = capsys.readouterr().out.split("\n")[:-1]
        assert len(rendered) >= 3 and max(cell_len(r) for r in rendered) <= 80, line
        (whole,) = fribidi([line])
        assert Counter("".join(rendered).replace(" ", "")) == Counter(whole.replace(" ", ""))


ZWJ_LINES = [
    "ل\u200dل\u200dالأمم المتحدة",
    "\u200dلأ لآ x",
    "ب\u200dلا",
    "\u200dب",
    "ب\u200d",
    "ل\u200dا",
    "ب\u200c\u200dب",
    "الأمم\u200d المتحدة",
    "قال\u200d: نعم",
    "بَ\u200dت",
    "ب\u200d\u064eلا",
    "ـ\u200dب",
    "\u200d\u200dلا",
]


@needs.fribidi
def test_zwj_joins_as_fribidi_joins():
    """ZWJ beside Arabic asks for joining; we shape it ourselves (arabic-reshaper
    misplaces ligatures around it) and consume it; FriBidi keeps it in its output."""
    expected = [line.replace("\u200d", "") for line in fribidi(ZWJ_LINES)]
    assert [visual(line) for line in ZWJ_LINES] == expected


@needs.fribidi
def test_harakat_between_lam_and_alef_keep_the_ligature():
    """A deliberate difference: FriBidi leaves لَا unjoined, we draw the lam-alef
    ligature with its fatha, as Arabic type does."""
    assert fribidi(["لَا"]) == ["\ufe8e\ufedf\u064e"]
    assert visual("لَا") == "\ufefb\u064e"


def _bidi_character_tests():
    path = UNICODE / "BidiCharacterTest.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes, direction, para, levels, order = line.split(";")
            text = "".join(chr(int(code, 16)) for code in codes.split())
            yield text, int(direction), int(para), levels.split(), [int(i) for i in order.split()]


@needs.unicode_data
def test_bidi_character_test_levels_and_order():
    """Every case: our resolved levels (after L1) and visual order (L2), and
    python-bidi's visual order, which we draw."""
    checked = 0
    failures = []
    for text, direction, para, levels, order in _bidi_character_tests():
        if any(unicodedata.category(c) == "Cn" for c in text):
            continue  # assigned after this Python's Unicode database
        base = None if direction == 2 else direction
        got_para, got = uba.resolve_levels(text, base)
        got = uba.line_levels(text, got, got_para)
        removed = [uba.bidi_class(c) in uba.REMOVED_BY_X9 for c in text]
        got_levels = ["x" if r else str(level) for r, level in zip(removed, got, strict=True)]
        got_order = [i for i in uba.visual_order(got) if not removed[i]]
        display = get_display(text, base_dir={0: "L", 1: "R"}.get(direction))
        expected_display = "".join(text[i] for i in order)
        if (
            got_para != para
            or got_levels != levels
            or got_order != order
            or "".join(c for c in display if uba.bidi_class(c) not in uba.REMOVED_BY_X9)
            != expected_display
        ):
            failures.append(text)
        checked += 1
    assert checked > 90_000
    assert not failures, f"{len(failures)} cases fail, first: {failures[0]!r}"


_BIDI_CLASS_NAMES = {
    "Left_To_Right": "L",
    "Right_To_Left": "R",
    "Arabic_Letter": "AL",
    "European_Terminator": "ET",
}


@needs.unicode_data
def test_unassigned_code_points_take_their_blocks_default_bidi_class():
    """A character newer than this Python's Unicode database gets the class UAX #9 gives
    its block (the @missing lines of DerivedBidiClass.txt): AL in the Arabic blocks, R in
    the Hebrew and other right-to-left ones, so a new Arabic letter is ordered as one."""
    path = UNICODE / "extracted" / "DerivedBidiClass.txt"
    missing = re.findall(
        r"^# @missing: ([0-9A-F]+)\.\.([0-9A-F]+); (\w+)$", path.read_text(), re.MULTILINE
    )
    blocks = [(int(low, 16), int(high, 16), _BIDI_CLASS_NAMES[name]) for low, high, name in missing]
    assert blocks[0] == (0, 0x10FFFF, "L")  # everything else; the blocks below override it
    checked = {}
    for low, high, expected in blocks[1:]:
        for code in range(low, high + 1):
            if not unicodedata.bidirectional(chr(code)):
                assert uba.bidi_class(chr(code)) == expected, f"U+{code:04X}"
                checked[expected] = checked.get(expected, 0) + 1
    assert checked.get("AL", 0) > 100 and checked.get("R", 0) > 100, checked


@needs.unicode_data
def test_shipped_unicode_tables_match_the_unicode_data():
    module = importlib.import_module("uneventtui.text._unicode_tables")
    assert tables.read_mirrors(UNICODE) == module.MIRRORS
    assert tables.read_brackets(UNICODE) == module.BRACKETS


def test_shipped_arabic_forms_match_arabic_reshaper():
    module = importlib.import_module("uneventtui.text._arabic_forms")
    forms, harakat = tables.read_arabic_forms()
    assert forms == module.FORMS
    assert harakat == module.HARAKAT


def _arabic_reshaper(harakat: bool):
    """arabic-reshaper configured as the text layer shapes: lam-alef ligatures only,
    harakat kept in place (or dropped), tatweel kept."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    lam_alef = {
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    }
    config = {name: name in lam_alef for name, _ in LIGATURES}
    config.update(
        support_ligatures=True,
        delete_harakat=not harakat,
        shift_harakat_position=False,
        delete_tatweel=False,
        support_zwj=True,
        use_unshaped_instead_of_isolated=False,
    )
    return ArabicReshaper(configuration=config)


_SHAPING_ALPHABET = (
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیـ  ab1٢.،(\u064b\u064e\u0651\u0652\u0670\u0300\u200c"
)


@pytest.mark.parametrize("harakat", [True, False])
def test_shaping_is_arabic_reshapers(harakat):
    """Our one-pass shaper gives exactly arabic-reshaper's forms and ligatures (ZWJ
    aside, see test_zwj_joins_as_fribidi_joins), on the seeds and generated text,
    and its index points each logical character at the character that shows it."""
    reshaper = _arabic_reshaper(harakat)
    rng = random.Random(5)
    lines = seed_lines() + MIXED
    lines += [
        "".join(rng.choice(_SHAPING_ALPHABET) for _ in range(rng.randint(1, 16)))
        for _ in range(5000)
    ]
    for line in lines:
        shaped, index = shape(line, harakat)
        assert shaped == reshaper.reshape(line).replace("\ufe80", "\u0621"), line
        assert shape_text(line, harakat) == shaped
        assert len(index) == len(line)
        for i, char in enumerate(line):
            if index[i] < 0:
                assert not harakat and is_haraka(char), line
            else:
                decomposed = unicodedata.normalize("NFKC", shaped[index[i]])
                assert char in decomposed or char == shaped[index[i]], (line, i)


def test_mirror_table_agrees_with_the_bidi_mirrored_property():
    module = importlib.import_module("uneventtui.text._unicode_tables")
    for code, image in module.MIRRORS.items():
        if unicodedata.category(chr(code)) != "Cn":
            assert unicodedata.mirrored(chr(code)) == 1, hex(code)
        assert module.MIRRORS.get(image, code) == code or image not in module.MIRRORS
    assert uba.mirror("(") == ")" and uba.mirror("«") == "»" and uba.mirror("a") == "a"


# One character of each Bidi_Class, to turn BidiTest.txt's class sequences into text.
_CLASS_SAMPLES = {
    "L": "a",
    "R": "\u05d0",
    "AL": "\u0627",
    "EN": "1",
    "ES": "+",
    "ET": "$",
    "AN": "\u0660",
    "CS": ",",
    "NSM": "\u0300",
    "BN": "\u00ad",
    "B": "\u2029",
    "S": "\t",
    "WS": " ",
    "ON": "!",
    "LRE": "\u202a",
    "LRO": "\u202d",
    "RLE": "\u202b",
    "RLO": "\u202e",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}


@needs.unicode_data
def test_bidi_test_levels_and_order():
    """BidiTest.txt through our resolver. Its 770,241 cases all pass (run them
    with UNEVENTTUI_FULL_CONFORMANCE=1, ~15 s); by default every 8th data line,
    about 100,000 cases, keeps the suite fast."""
    stride = 1 if os.environ.get("UNEVENTTUI_FULL_CONFORMANCE") else 8
    levels: list[str] = []
    order: list[int] = []
    checked = 0
    failures = []
    data_line = 0
    for line in (UNICODE / "BidiTest.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            levels = line.split(":")[1].split()
            continue
        if line.startswith("@Reorder:"):
            order = [int(i) for i in line.split(":")[1].split()]
            continue
        data_line += 1
        if data_line % stride:
            continue
        classes, directions = line.split(";")
        text = "".join(_CLASS_SAMPLES[c] for c in classes.split())
        removed = [uba.bidi_class(c) in uba.REMOVED_BY_X9 for c in text]
        for bit, base in ((1, None), (2, 0), (4, 1)):
            if int(directions) & bit:
                para, got = uba.resolve_levels(text, base)
                got = uba.line_levels(text, got, para)
                got_levels = ["x" if r else str(lv) for r, lv in zip(removed, got, strict=True)]
                got_order = [i for i in uba.visual_order(got) if not removed[i]]
                if got_levels != levels or got_order != order:
                    failures.append((classes, base))
                checked += 1
    assert checked > 90_000
    assert not failures, f"{len(failures)} cases fail, first: {failures[0]}"
