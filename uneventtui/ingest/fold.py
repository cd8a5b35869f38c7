"""A folded copy of an article that remembers where each character came from.

The date and name rules match the folded copy (hamza seats, alef maqsura and taa
marbuta folded, harakat and tatweel dropped, both kinds of Arabic digits made
Western) and report spans in the original text, so the JSON's offsets and the
draft's quotes always point at what the article really says.

Unlike `uneventtui.search.normalize` this keeps punctuation: "22-24", "4–6",
"تشرين الثاني/نوفمبر" and "2025/01/27" are dates only with their dashes and
slashes.
"""

from __future__ import annotations

from typing import NamedTuple

_LETTERS = {
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى
    "\u0629": "\u0647",  # ة
    "\u06cc": "\u064a",  # ی
    "\u06a9": "\u0643",  # ک
    "\u066b": ".",  # Arabic decimal separator
    "\u00a0": " ",
    "\u202f": " ",
}
_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LETTERS.items()}
_TABLE.update({0x0660 + i: str(i) for i in range(10)})  # Arabic-Indic ٠–٩
_TABLE.update({0x06F0 + i: str(i) for i in range(10)})  # Extended (Persian) ۰–۹
# Dropped: harakat, superscript alef, tatweel, and the invisible format marks that
# copy-paste leaves between letters.
_DROPPED = (*range(0x064B, 0x0653), 0x0670, 0x0640, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C)
_TABLE.update({code: None for code in _DROPPED})


class Folded(NamedTuple):
    """`text` folded; `origin[i]` is the index in the original of `text[i]`, and
    `origin[len(text)]` the original's length."""

    text: str
    origin: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if start >= end:
            at = self.origin[start]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """The folded copy of `text` with its map back to `text`."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.translate(_TABLE)
        for piece in folded:
            out.append(piece)
            origin.append(index)
    origin.append(len(text))
    return Folded("".join(out), origin)
