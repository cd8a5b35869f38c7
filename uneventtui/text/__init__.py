"""The Arabic text layer: logical text in, the lines a terminal should draw out.

Pure Python (no Textual). The public API:

- `visual(text, base=None, mode="shaped")`: one line, sanitised, shaped, in
  visual order, not wrapped.
- `layout(text, width, base=None, mode="shaped", harakat=True) -> list[Line]`:
  paragraphs wrapped to `width` cells, each line shaped and reordered with its
  paragraph's direction; `Line.text`, `Line.rtl` (right-align), `Line.cells`.
- `visual_with_map(text, ...)`: the visual line plus the cell column of a
  cursor at each logical position (for a search input).
- `is_rtl(text)`: does the first strong character read right to left?
- `sanitize(text)`: the control-character policy (see `sanitize` module):
  bidi controls dropped so text cannot lie about its content (Trojan Source),
  C0/C1 controls and ESC shown as visible placeholders, tabs expanded.

Left-to-right tokens beside Arabic (ids, URLs, UN symbols, e-mail addresses,
paths, numbers with units: `tokens`) are drawn as bidi isolates, whole and in
order; a URL is never broken when wrapping (`layout(..., long_urls=...)`).
Right-to-left runs are reordered by grapheme cluster, so emoji sequences stay
whole. Cells are measured as Rich measures them, without Rich (`cells`).

`mode="terminal"` gives logical order, sanitised but unshaped, for terminals
that run the bidi algorithm themselves, with each token between our own
isolate controls so that such a terminal keeps it whole; `mode="logical"` is
the sanitised text alone (for pipes and files). `terminal` has the escape
sequences that switch a terminal's own bidi off and on.
"""

from __future__ import annotations

from uneventtui.text.layout import Line, is_rtl, layout, visual, visual_with_map
from uneventtui.text.sanitize import sanitize

__all__ = ["Line", "is_rtl", "layout", "sanitize", "visual", "visual_with_map"]
