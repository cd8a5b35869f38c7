"""Shared test settings.

Hypothesis: on CI (CI=true) every property test runs the same derandomised
examples with no example database, so a run's verdict depends on the code, not
on luck; locally it explores at random and remembers what it found. Long
exploration belongs to fuzz/, run by hand.
"""

import gc
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    """An app under test tunes the process's garbage collector for its own run (see
    `uneventtui.app.settle_heap`); each test gets it back as Python sets it."""
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*threshold)
    if enabled:
        gc.enable()
    else:
        gc.disable()


def pytest_collection_modifyitems(config, items):
    """Mark the explorer's tests `app` (their module imports `uneventtui.app`), and the
    SVG snapshot tests `snapshot` too: CI runs `-m "app and not snapshot"` against the
    lowest Textual pyproject allows (a snapshot is of one Textual's drawing)."""
    sources: dict[str, str] = {}
    for item in items:
        path = str(item.path)
        if path not in sources:
            sources[path] = item.path.read_text(encoding="utf-8")
        if "uneventtui.app" in sources[path]:
            item.add_marker(pytest.mark.app)
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
