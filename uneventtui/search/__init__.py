"""Name search: Arabic-aware, across scripts, ranked, as fast as typing.

Pure Python (no Textual). `normalize` is the one normaliser for the index and
the query; `SearchIndex.build(timeline)` indexes every name, alias and title;
`SearchIndex.search(query, limit=20, kind=None)` returns ranked `Hit`s.
"""

from __future__ import annotations

from uneventtui.search.index import KINDS, Hit, SearchIndex, skeleton
from uneventtui.search.normalize import normalize, normalize_with_map, strip_clitic

__all__ = [
    "KINDS",
    "Hit",
    "SearchIndex",
    "normalize",
    "normalize_with_map",
    "skeleton",
    "strip_clitic",
]
