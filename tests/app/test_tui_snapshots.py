"""SVG snapshots of the explorer on the fixed fixture dataset (tests/tui_fixture.py),
at 80x24 and 140x45, in English and in Arabic (mirrored). Update them only after
looking at the report: `pytest tests/app/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

import pytest
from tui_fixture import make_timeline

from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.widgets.timeline import TimelineView


async def loaded(pilot) -> None:
    for _ in range(100):
        await pilot.pause()
        if pilot.app.screen.query_one(TimelineView).model is not None:
            break
    await pilot.press("end", "k")  # the Geneva visit: every field of the detail pane
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("size", [(80, 24), (140, 45)])
def test_explorer(snap_compare, lang, size):
    app = UneventApp(make_timeline, display=Display(lang=lang))
    assert snap_compare(app, terminal_size=size, run_before=loaded)
