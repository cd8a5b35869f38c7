"""Shared test settings.

The user's files: every test process runs with HOME and the XDG config, data, cache and
state directories in a temporary directory of its own, set when pytest configures (before
collection, which already loads data) and inherited by every subprocess and tmux server a
test starts. The real values are kept in REAL_USER_DIRS so a test can prove they stay
untouched.

Hypothesis: on CI (CI=true) every property test runs the same derandomised
examples with no example database, so a run's verdict depends on the code, not
on luck; locally it explores at random and remembers what it found. Long
exploration belongs to fuzz/, run by hand.
"""

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from tui_fixture import shipped_timeline

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def shipped():
    """The curated dataset (data/), as the app loads it."""
    return shipped_timeline()


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


# Each variable and where it points inside the temporary home.
USER_DIRS = {
    "HOME": "",
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}
# An xdist worker inherits its controller's (already redirected) environment: the real
# directories are those the first pytest process saw, passed down in _UNEVENTTUI_REAL_*.
REAL_USER_DIRS: dict[str, str] = {
    var: os.environ.setdefault(f"_UNEVENTTUI_REAL_{var}", os.environ.get(var, ""))
    for var in USER_DIRS
}
_fake_home: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Point HOME and the XDG directories at a fresh temporary directory, per process."""
    global _fake_home
    _fake_home = Path(tempfile.mkdtemp(prefix="uneventtui-tests-home-"))
    for var, sub in USER_DIRS.items():
        (_fake_home / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(_fake_home / sub)
    if hasattr(config, "workerinput"):
        # pytest-xdist gives its workers COLUMNS=80 LINES=24; an app started in a tmux
        # pane or a pty would take them for its terminal's size.
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _fake_home is not None:
        shutil.rmtree(_fake_home, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def user_home() -> Path:
    """The temporary HOME of this test process; fails the session if a test left the
    environment pointing anywhere else (a leak would reach later tests' subprocesses)."""
    assert _fake_home is not None
    yield _fake_home
    for var in USER_DIRS:
        assert Path(os.environ[var]).is_relative_to(_fake_home), f"{var} escaped the test home"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked with tests/needs.py's marks skips where its tool is missing, and
    fails on CI: a green CI run has run every reference test."""
    for mark in item.iter_markers("needs"):
        if not mark.kwargs["present"]:
            reason = f"{mark.kwargs['what']} is missing ({mark.kwargs['install']})"
            if os.environ.get("CI"):
                pytest.fail(f"CI must run this test, but {reason}", pytrace=False)
            pytest.skip(reason)


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
