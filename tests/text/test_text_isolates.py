"""Left-to-right tokens beside Arabic stay whole: ids, URLs, UN symbols, e-mail
addresses, paths and numbers with their units are drawn as bidi isolates, so
their characters stay together and in order, whatever the paragraph's direction
(issue #25, item 3)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import uneventtui
from uneventtui.text import layout, visual, visual_with_map
from uneventtui.text.tokens import ltr_spans

EVENT_ID = "2024-03-cofacilitators-appointed"
TOKENS = [
    EVENT_ID,
    "https://www.un.org/ar/conferences/social/2025",
    "A/RES/78/261",
    "E/CN.5/2025/1",
    "info2025@un.org",
    "~/data/2025/events.toml",
    "000_229ba7b9f742da60.txt",
    "100 km",
    "3.5 GB",
]
# Lines where the plain bidi algorithm splits a token that follows Arabic.
SPLIT_BY_PLAIN_BIDI = [
    f"co-facilitator · منسق مشارك [{EVENT_ID}]",
    f"منسق مشارك {EVENT_ID}",
    "الملف 2025/events.toml هنا",
    "the symbol: وثيقة 78/261/A",
]


def _lines(token: str) -> list[str]:
    return [
        f"منسق مشارك {token}",  # right-to-left paragraph, token at the end
        f"{token} منسق مشارك",  # right-to-left... after the first strong letter
        f"role: منسق مشارك [{token}]",  # left-to-right paragraph, after Arabic
        f"قال ({token}) هنا، ثم {token} مرة أخرى",
        f"Permanent Representative · السفير {token} ومندوبه",
    ]


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("base", [None, "rtl", "ltr"])
def test_a_token_beside_arabic_is_drawn_whole(token, base):
    for line in _lines(token):
        drawn = visual(line, base=base)
        assert drawn.count(token) == line.count(token), (line, drawn)


@pytest.mark.parametrize("token", TOKENS)
def test_wrapped_lines_and_the_cursor_map_keep_tokens_whole(token):
    for line in _lines(token):
        assert token in visual_with_map(line)[0]
        texts = [row.text for row in layout(line, 60)]
        assert sum(text.count(token) for text in texts) == line.count(token), texts


def test_the_event_id_reads_as_written_after_arabic():
    # The bug: `show omar-hilale` printed 03-2024-cofacilitators-appointed.
    drawn = visual(f"co-facilitator · منسق مشارك [{EVENT_ID}]")
    assert drawn.endswith(f"[{EVENT_ID}]")
    assert "03-2024" not in drawn


def test_numbers_alone_keep_the_plain_algorithm():
    """A range or a date in Arabic text still reads right to left, as Arabic
    readers expect: digits alone are no token."""
    assert ltr_spans("للفترة 2025-2030 من قبل") == []
    assert visual("للفترة 2025-2030") == "2030-2025 ﺓﺮﺘﻔﻠﻟ"


def test_no_token_without_arabic_and_no_token_inside_a_word():
    assert ltr_spans(f"Latin only {EVENT_ID}") == []
    assert ltr_spans("الدوحة2024-03-ab") == []


def test_the_text_around_sees_a_token_as_a_latin_word():
    assert visual("Email: info@un.org (مكتب)", base="rtl") == "(ﺐﺘﻜﻣ) Email: info@un.org"


def _fribidi(lines: list[str]) -> list[str]:
    """GNU FriBidi's rendering of each line (what a terminal doing bidi shows)."""
    result = subprocess.run(
        ["fribidi", "--nopad", "--nobreak", "--width", "100000"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.replace("\ufeff", "") for line in result.stdout.split("\n")[: len(lines)]]


@pytest.mark.skipif(shutil.which("fribidi") is None, reason="needs fribidi (libfribidi-bin)")
def test_fribidi_splits_these_tokens_and_we_do_not():
    """The deliberate difference from FriBidi (the conformance tests have no line
    where isolating a token changes the result; these lines show one)."""
    theirs = _fribidi(SPLIT_BY_PLAIN_BIDI)
    for line, plain in zip(SPLIT_BY_PLAIN_BIDI, theirs, strict=True):
        start, end = ltr_spans(line)[-1]
        token = line[start:end]
        assert token not in plain, line
        assert token in visual(line), line


@pytest.mark.skipif(shutil.which("fribidi") is None, reason="needs fribidi (libfribidi-bin)")
def test_a_terminal_that_runs_bidi_itself_keeps_the_tokens_whole():
    """In --rtl-mode terminal the terminal orders the text: the tokens go to it
    between our own isolates, and a bidi terminal (FriBidi's algorithm here) then
    draws them whole."""
    sent = [visual(line, mode="terminal") for line in SPLIT_BY_PLAIN_BIDI]
    shown = _fribidi(sent)
    for line, on_screen in zip(SPLIT_BY_PLAIN_BIDI, shown, strict=True):
        start, end = ltr_spans(line)[-1]
        assert line[start:end] in on_screen, (line, on_screen)


def test_logical_mode_is_the_data_and_terminal_mode_adds_only_isolates():
    line = f"منسق مشارك [{EVENT_ID}]"
    assert visual(line, mode="logical") == line  # what a pipe gets
    assert visual(line, mode="terminal") == line.replace(
        EVENT_ID, f"\u200e\u2066{EVENT_ID}\u2069\u200e"
    )
    assert visual("Latin only 2024-03-id", mode="terminal") == "Latin only 2024-03-id"


def test_show_prints_every_event_id_whole(capsys):
    """The reported case: `uneventtui show omar-hilale` (the shipped data), shaped.
    (In terminal mode the terminal orders the line: see the FriBidi test above.)"""
    from uneventtui import cli

    assert cli.main(["show", "omar-hilale", "--rtl-mode", "shaped"]) == 0
    out = capsys.readouterr().out
    ids = [e.id for e in uneventtui.load().events_of("omar-hilale")]
    assert EVENT_ID in ids
    roles = out.split("\nroles")[1].split("\n\n")[0]
    for event_id in ids:
        assert f"[{event_id}]" in roles or event_id in out.split("events (")[1], event_id
    assert "03-2024-cofacilitators" not in out
