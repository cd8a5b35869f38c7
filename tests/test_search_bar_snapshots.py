"""SVG snapshots of the search bar with Arabic typed (pytest-textual-snapshot).

On the tui's small fixture timeline (stable, unlike the curated data): the query drawn
joined and right to left with the cursor on its left, the results grouped with both names.
Update with `pytest --snapshot-update` only after looking at the report.
"""

from __future__ import annotations

import pytest
from test_search_bar import settle  # the one way to wait for results
from tui_fixture import make_timeline

from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.search_session import SearchSession
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.history import History


def make_app(tmp_path, **display) -> UneventApp:
    app = UneventApp(make_timeline, display=Display(**display))
    app.search_session = SearchSession(History.load(tmp_path / "history.json"))
    return app


async def loaded_then_typed(pilot, query: str) -> None:
    for _ in range(100):
        await pilot.pause()
        if pilot.app.screen.query_one(TimelineView).model is not None:
            break
    await pilot.press("slash")
    for char in query:
        await pilot.press("space" if char == " " else char)
    await settle(pilot)


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
    app = make_app(tmp_path, **display)

    async def run_before(pilot) -> None:
        await loaded_then_typed(pilot, query)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
