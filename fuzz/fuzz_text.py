"""Fuzz the Arabic text layer and search: `python fuzz/fuzz_text.py --minutes 10`.

Each input is text (UTF-8; undecodable bytes become lone surrogates, as in a file
name read with surrogateescape); its first byte picks the width, direction and mode.
The seeds are the lines of the five seed articles and strings that stress a terminal.
The target checks the same invariants as tests/robustness/test_properties.py, at length:
`layout`, `visual` and `visual_with_map` never raise, draw exactly the sanitised
input's letters, fit the width and never emit a control character; `normalize` is
idempotent; search never raises and keeps its spans inside the matched text.
"""

from __future__ import annotations

import sys

from engine import fuzz, repo_root

ROOT = repo_root()
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

from rich.cells import get_character_cell_size  # noqa: E402
from test_properties import FORBIDDEN, letters  # noqa: E402

from uneventtui.loader import load_timeline  # noqa: E402
from uneventtui.search import SearchIndex, normalize  # noqa: E402
from uneventtui.text import layout, sanitize, visual, visual_with_map  # noqa: E402

INDEX = SearchIndex.build(load_timeline())
BASES = (None, "rtl", "ltr")
MODES = ("shaped", "terminal")


def target(data: bytes) -> None:
    if not data:
        return
    control, text = data[0], data[1:].decode("utf-8", errors="surrogateescape")
    width = control % 60 + 1
    base = BASES[control % 3]
    mode = MODES[(control >> 2) % 2]
    clean = sanitize(text)
    assert sanitize(clean) == clean
    lines = layout(text, width, base=base, mode=mode)
    assert letters("".join(line.text for line in lines)) == letters(clean)
    for line in lines:
        assert not FORBIDDEN.intersection(map(ord, line.text)), repr(line.text)
        visible = [c for c in line.text if get_character_cell_size(c) > 0]
        assert line.cells <= width or (len(visible) == 1 and width < 2), (line, width)
    drawn = visual(text, base=base, mode=mode)
    assert not FORBIDDEN.intersection(map(ord, drawn))
    assert letters(drawn) == letters(clean)
    mapped, cells = visual_with_map(text, base=base, mode=mode)
    assert mapped == drawn and len(cells) == len(text) + 1
    once = normalize(text)
    assert normalize(once) == once
    for hit in INDEX.search(text[:200], limit=control % 30):
        start, end = hit.span
        assert 0 <= start <= end <= len(hit.matched_text)


SPECIMENS = [
    "\x1b]0;pwned\x07",
    "\x1b[31mred\x1b[0m",
    "\x9b31m",
    "[@click=app.quit]quit[/]",
    "\u202eevil.exe\u202c txt",
    "\u2067عمر\u2069 \u2066abc\u2069",
    "👩\u200d💻 🇲🇦 e\u0301 漢字",
    "مُحَمَّد (2025) «الدوحة» 4–6",
    "\u200dلا لأ لآ ﷺ",
    "a\tb\r\nc\u2028d\u0085e",
]
TOKENS = [
    t.encode()
    for t in [
        *SPECIMENS,
        "\u200d",
        "\u200c",
        "\u064e",
        "\u0651",
        "\u0670",
        "ـ",
        "لا",
        "(",
        ")",
        "[",
        "]",
        "\u202e",
        "\u2066",
        "\u2069",
        "\u061c",
        "\ufeff",
        "\x00",
        "\t",
        "\n",
        " ",
        "漢",
        "\u0301",
        "١٢٣",
        "،؛؟",
    ]
] + [b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"]

if __name__ == "__main__":
    seeds = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                seeds.append(bytes([number % 256]) + line.encode())
    seeds += [bytes([i * 37 % 256]) + s.encode() for i, s in enumerate(SPECIMENS)]
    raise SystemExit(fuzz("text", target, seeds[:400], TOKENS))
