"""The `speed` patches (Textual's private names, `uneventtui.app.speed`) change how fast
the explorer draws, never what it draws: the same screens with them on and off, and
the switch and the start-up check that turn them off."""

from __future__ import annotations

import pytest
from test_tui_app import make_app, started

from uneventtui.app import speed
from uneventtui.app.speed.framer import LineFramer
from uneventtui.app.speed.scrollbar import FastScrollBar
from uneventtui.app.widgets.timeline import TimelineView

# A walk through the explorer that repaints each pane in each way a patch touches:
# cursor steps and pages (partial updates of one pane), a focus change (Enter), a link
# followed to an entity view and back, the source reader, the search bar and help.
WALK = [
    "j",
    "pagedown",
    "right_square_bracket",
    "enter",
    "down",
    "down",
    "enter",
    "pagedown",
    "escape",
    "tab",
    "G",
    "s",
    "tab",
    "escape",
    "slash",
    "h",
    "i",
    "escape",
    "question_mark",
    "escape",
    "d",
]


@pytest.fixture(autouse=True)
def _patches_as_configured():
    yield
    speed.configure()


async def screens(patched: bool, lang: str, size: tuple[int, int]) -> list[str]:
    """The screen (as an SVG: every cell's text and style) after each key of WALK."""
    speed.use(speed.PATCHES if patched else ())
    app = make_app(lang)
    speed.use(speed.PATCHES if patched else ())  # (the app's start-up reads the switch)
    shots = []
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        timeline = app.screen.query_one(TimelineView)
        framed = LineFramer._frame(timeline) is not None
        assert framed == patched  # the way under test is the way taken
        assert isinstance(timeline.vertical_scrollbar, FastScrollBar) == patched
        await pilot.pause()
        shots.append(app.export_screenshot())
        for key in WALK:
            await pilot.press(key)
            await pilot.pause()
            shots.append(app.export_screenshot())
    return shots


@pytest.mark.parametrize(("lang", "size"), [("en", (120, 40)), ("ar", (80, 24))])
async def test_the_screens_are_the_same_with_the_patches_on_and_off(lang, size):
    patched = await screens(True, lang, size)
    plain = await screens(False, lang, size)
    assert len(patched) == len(plain) == len(WALK) + 1
    for step, (ours, textuals) in enumerate(zip(patched, plain, strict=True)):
        key = WALK[step - 1] if step else "start"
        assert ours == textuals, f"the screens differ after {key!r}"


def test_the_switch_turns_all_the_patches_or_the_named_ones_off():
    assert speed.configure({speed.SWITCH: ""}) == dict.fromkeys(speed.PATCHES, True)
    assert speed.configure({speed.SWITCH: "0"}) == dict.fromkeys(speed.PATCHES, True)
    assert speed.configure({speed.SWITCH: "1"}) == dict.fromkeys(speed.PATCHES, False)
    some = speed.configure({speed.SWITCH: "framer, focus"})
    assert [name for name, on in some.items() if not on] == ["framer", "focus"]


def test_a_patch_whose_private_names_are_gone_is_off(monkeypatch):
    """A Textual without a name a patch needs: that patch is off, Textual's own path
    taken, the others stay on."""
    monkeypatch.setitem(speed.NEEDS, "framer", ("textual._border:no_such_name",))
    monkeypatch.setattr(speed, "_checked", False)
    monkeypatch.setattr(speed, "MISSING", {})
    on = speed.configure({})
    assert speed.MISSING == {"framer": ("textual._border:no_such_name",)}
    assert not on["framer"] and all(on[name] for name in speed.PATCHES if name != "framer")
    monkeypatch.undo()
    speed.MISSING.clear()
    speed._checked = False


def test_this_textual_has_every_name_the_patches_need():
    """On the Textual versions pyproject allows, the patches are all available (CI runs
    this on the lowest and the newest): were one missing, the app would be slower."""
    speed._checked = False
    speed.MISSING.clear()
    speed.configure({})
    assert speed.MISSING == {}
