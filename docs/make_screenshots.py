"""Draw the explorer on the shipped data, headless, and save the screen as SVG.

    python docs/make_screenshots.py        # writes docs/screenshot-en.svg, -ar.svg

The pictures in README.md come from this script, so they show what the app draws (the
Arabic shaped and ordered by our text layer), not a mock-up. Run it after a change to
what the first screen shows. It writes nothing outside docs/: the dataset is read
without the cache, and HOME and the XDG directories point at a temporary directory.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SIZE = (120, 32)
LANGS = ("en", "ar")


async def screenshot(lang: str) -> str:
    """The first screen of the explorer in `lang`, once the data is shown, as SVG."""
    import uneventtui
    from uneventtui.app.app import UneventApp
    from uneventtui.app.display import Display

    app = UneventApp(uneventtui.load, display=Display(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause()
            if _loaded(app):
                break
        else:
            raise SystemExit(f"make_screenshots: the data never showed ({lang})")
        for _ in range(5):  # the detail pane and the bars follow the data
            await pilot.pause()
        return app.export_screenshot(title=f"uneventtui --lang {lang}")


def _loaded(app) -> bool:
    from uneventtui.app.widgets.timeline import TimelineView

    views = app.screen.query(TimelineView)
    return bool(views) and views.first().model is not None


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[var] = str(Path(home) / var.lower())
        os.environ["UNEVENTTUI_NO_CACHE"] = "1"
        for lang in LANGS:
            path = DOCS / f"screenshot-{lang}.svg"
            path.write_text(asyncio.run(screenshot(lang)), encoding="utf-8")
            print(path.relative_to(DOCS.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
