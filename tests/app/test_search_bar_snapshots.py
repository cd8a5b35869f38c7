"""SVG snapshots of the search bar with Arabic typed (pytest-textual-snapshot).

On the tui's small fixture timeline (stable, unlike the curated data): the query drawn
joined and right to left with the cursor on its left, the results grouped with both names.
Update with `pytest --snapshot-update` only after looking at the report.
"""

from __future__ import annotations

import pytest
from pilot_helpers import make_app, search_for, started


async def loaded_then_typed(pilot, query: str) -> None:
    await started(pilot)
    await search_for(pilot, query)


@pytest.mark.parametrize(
    ("display", "query", "size"),
    [
        ({}, "عمر هلال", (100, 30)),
        ({}, "Hilale", (80, 24)),
        ({"lang": "ar"}, "هلال", (100, 30)),
        ({"mode": "terminal"}, "عمر هلال", (100, 30)),
    ],
    ids=["arabic-query", "latin-query-80x24", "arabic-interface", "rtl-mode-terminal"],
)
def test_search_bar_snapshot(snap_compare, tmp_path, display, query, size):
    app = make_app(history=tmp_path / "history.json", display=display)

    async def run_before(pilot) -> None:
        await loaded_then_typed(pilot, query)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
