"""The link-cursor views (detail pane, entity view, source reader) on their shared base:
link navigation, lazy drawing of a huge entity view, and the reader's sources."""

from __future__ import annotations

import pickle

import pytest
from test_tui_app import current, focus_detail, make_app, started
from test_tui_reader import open_reader

from uneventtui import cache, load, synthetic
from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.screens.main import MainScreen
from uneventtui.app.screens.reader import ReaderScreen
from uneventtui.app.widgets.article import ArticleView
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.text import visual


def screen_lines(view) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


# -- the reader: every source of an event -------------------------------------------

DOHA = "2025-11-wssd2-doha"  # 4 external sources, then seed-002 and seed-000 quotes
ASTANA = "2024-07-22-un-oic-16th-meeting-astana"  # three quotes of seed-004, one external


@pytest.fixture(scope="module")
def shipped():
    return load()


async def open_sources(pilot, event_id: str) -> ReaderScreen:
    await open_reader(pilot, event_id)
    return pilot.app.screen


def highlighted(article: ArticleView) -> str:
    """The quote-highlighted (bold) characters on screen, spaces and bars removed."""
    out = []
    for y in range(article.scrollable_content_region.height):
        for segment in article.render_line(y):
            if segment.style and segment.style.bold and segment.text.strip("┃ "):
                out.append(segment.text)
    return "".join(out).replace(" ", "").replace("┃", "")


def on_screen(article: ArticleView, quote: str) -> bool:
    """Is (the beginning of) the quote's highlighted text on screen?"""
    words = quote.split()[:3]
    return visual(" ".join(words)).replace(" ", "") in highlighted(article) or any(
        visual(word).replace(" ", "") in highlighted(article) for word in words[:1]
    )


async def test_reader_steps_through_every_source_of_an_event(shipped):
    event = shipped.event(DOHA)
    refs = list(event.sources)
    app = UneventApp(lambda: shipped, display=Display())
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_sources(pilot, DOHA)
        article = reader.query_one(ArticleView)
        first_seed = next(i for i, r in enumerate(refs) if r.source.startswith("seed"))
        assert reader.index == first_seed  # opens on the first seed quote
        text = "\n".join(screen_lines(article))
        assert f"Source {first_seed + 1} of {len(refs)}" in "\n".join(
            line.text.plain for line in article.all_lines()[:4]
        )
        assert f"({first_seed + 1}/{len(refs)})" in reader.where
        assert on_screen(article, refs[first_seed].quote)
        seen = {reader.ref.source}
        for step in range(1, len(refs) + 1):  # ] goes round every source, back to the first
            await pilot.press("right_square_bracket")
            index = (first_seed + step) % len(refs)
            ref = refs[index]
            assert reader.index == index and reader.ref is ref
            assert f"({index + 1}/{len(refs)})" in reader.where
            header = "\n".join(line.text.plain for line in article.all_lines()[:6])
            assert f"Source {index + 1} of {len(refs)}" in header
            source = shipped.sources[ref.source]
            if source.kind == "seed":
                assert on_screen(article, ref.quote), ref.source
            else:  # external: its URL or document symbol
                assert (ref.url or source.reference) in "\n".join(screen_lines(article))
            seen.add(ref.source)
        assert seen == {r.source for r in refs}
        assert reader.index == first_seed
        await pilot.press("left_square_bracket")
        assert reader.index == first_seed - 1
        text = "\n".join(screen_lines(article))
        assert "External source" in text


async def test_reader_moves_between_quotes_of_the_same_article(shipped):
    event = shipped.event(ASTANA)
    quotes = [r.quote for r in event.sources if r.source == "seed-004"]
    assert len(quotes) == 3
    app = UneventApp(lambda: shipped, display=Display())
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await open_sources(pilot, ASTANA)
        article = reader.query_one(ArticleView)
        lines = []
        for quote in quotes:
            assert reader.ref.quote == quote and reader.quote_found
            assert on_screen(article, quote)
            assert article.scroll_y <= article.quote_line < article.scroll_y + 28
            lines.append(article.quote_line)
            await pilot.press("right_square_bracket")
        assert len(set(lines)) == 3  # each quote highlighted where it is
        assert not article.link_entities  # the external source: no article, no names
        # round to the article again: Tab still follows its names
        await pilot.press("right_square_bracket", "home", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(DetailPane).target[0] == "entity"


async def test_enter_on_a_source_in_the_detail_opens_the_reader_on_it(shipped):
    refs = list(shipped.event(DOHA).sources)
    app = UneventApp(lambda: shipped, display=Display())
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await focus_detail(pilot, DOHA)
        sources = [i for i, t in enumerate(detail.targets) if t[0] == "source"]
        assert [detail.targets[i] for i in sources] == [("source", str(k)) for k in range(6)]
        detail.select_link(sources[5])  # seed-000's quote, the last source
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.index == 5
        article = reader.query_one(ArticleView)
        assert on_screen(article, refs[5].quote)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).selected_target == ("source", "5")
        detail.select_link(sources[1])  # an external one: its URL or symbol
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.index == 1
        source = shipped.sources[refs[1].source]
        text = "\n".join(screen_lines(app.screen.query_one(ArticleView)))
        assert (refs[1].url or source.reference) in text


async def test_one_source_only_rings_the_bell():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        bells = []
        app.bell = lambda: bells.append(1)
        reader = await open_sources(pilot, "2024-res-78-261")
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert reader.index == 0 and len(bells) == 2
        assert "A/RES/78/261" in "\n".join(screen_lines(reader.query_one(ArticleView)))


async def test_source_keys_are_in_the_footer_and_the_palette():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        reader = await open_sources(pilot, "2024-geneva-visit")
        active = {b.binding.id: b.binding for b in reader.active_bindings.values()}
        assert active["reader.next_source"].show
        assert "reader.prev_source" in active
        commands = {c.help for c in app.get_system_commands(reader)}
        assert any("reader.next_source" in help for help in commands)


# -- link navigation on the shared base -----------------------------------------------


async def test_reader_tab_wraps_round_and_starts_from_the_screen():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        article = await open_reader(pilot, "2024-geneva-visit")
        count = len(article.link_entities)
        assert count >= 3
        await pilot.press("home", "shift+tab")  # from nothing selected: the last on screen
        last = article.link
        assert article.is_visible(last)
        await pilot.press("tab")
        assert article.link == (last + 1) % count
        article.select_link(count - 1)
        await pilot.press("tab")  # past the last name: the first
        assert article.link == 0
        await pilot.press("shift+tab")
        assert article.link == count - 1
        # scrolled away from the selection, Tab starts from what is on screen
        await pilot.press("home")
        await pilot.press("tab")
        assert article.is_visible(article.link)


async def test_detail_links_survive_scrolling_and_clicks():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await focus_detail(pilot, "2024-geneva-visit")
        targets = list(detail.targets)
        assert targets[:2] == [("entity", "geneva"), ("entity", "omar-hilale")]
        assert detail.selected_target == targets[0]
        # the summary between the place and the people is read on the way down
        presses = 0
        while detail.link != 1 and presses < 10:
            await pilot.press("down")
            presses += 1
            assert detail.link in (0, 1) or not detail.is_visible(0)
        assert detail.selected_target == targets[1] and detail.is_visible(1)
        assert 1 < presses < 10 and detail.scroll_y > 0
        await pilot.press("down", "up")
        assert detail.selected_target == targets[1]
        await pilot.press("pagedown")  # the selection stays on screen
        assert detail.is_visible(detail.link)
        await pilot.press("G", "pageup")
        assert detail.is_visible(detail.link)
        # a click on a link line selects it; a double click follows it
        link = detail.visible_link()
        assert link >= 0
        detail.select_link(-1)
        first, _last = detail.stack.link_lines(link)
        row = first - int(detail.scroll_y) + 1  # + the border
        await pilot.click(DetailPane, offset=(6, row))
        assert detail.link == link
        await pilot.click(DetailPane, offset=(6, row), times=2)
        await pilot.pause()
        assert detail.target == targets[link]


async def test_strips_follow_the_theme_and_the_width():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        detail = app.screen.query_one(DetailPane)
        before = detail.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        after = detail.render_line(0)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]
        # the links are drawn in the new theme's link style (looked up once per layout)
        link_line = detail.stack.line(detail.stack.link_lines(0)[0]).text
        link_style = detail.get_component_rich_style("document--link")
        assert link_style in {span.style for span in link_line.spans}
        await pilot.resize_terminal(100, 45)
        await pilot.pause()
        width = detail.scrollable_content_region.width
        assert all(line.text.cell_len <= width for line in detail.all_lines())


async def test_moving_focus_between_panes_does_not_lay_the_document_out_again():
    """Tab and Enter only change the focus border: the detail's lines stay as laid out
    (redrawing them costs a frame on every press), while its selected link shows the
    focus in its own style."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        detail = app.screen.query_one(DetailPane)
        laid_out = detail.stack
        await pilot.press("enter")
        assert app.focused is detail
        assert detail.stack is laid_out
        focused = detail.render_line(detail.stack.link_lines(detail.link)[0] - detail.window[0])
        await pilot.press("tab")
        assert app.focused is not detail
        assert detail.stack is laid_out
        unfocused = detail.render_line(detail.stack.link_lines(detail.link)[0] - detail.window[0])
        assert focused.text == unfocused.text
        assert [s.style for s in focused] != [s.style for s in unfocused]
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert detail.stack is not laid_out  # the colours are baked into the lines


# -- a huge entity view ---------------------------------------------------------------


@pytest.fixture(scope="module")
def big():
    """20,000 synthetic events read back packed, as from the cache: an event is
    unpickled (a block at a time) only when something reads it."""
    timeline = synthetic.generate_timeline(20_000, 3_000, seed=3)
    return pickle.loads(pickle.dumps(cache.pack(timeline)))


async def test_entity_with_thousands_of_events(big):
    by_entity = {e: big.event_count(e) for e in ("person-0", "person-1", "person-2")}
    busiest = max(by_entity, key=by_entity.get)
    positions = big.event_positions_of(busiest)
    assert len(positions) > 1500
    first, last = big.events[positions[0]], big.events[positions[-1]]
    app = UneventApp(lambda: big, display=Display())
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        loaded = big.events.loaded_blocks()
        app.screen.navigate(("entity", busiest))
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert app.focused is detail and detail.target == ("entity", busiest)
        # opening read only the events on screen (a block each at most), not the
        # thousands below (spread over nearly all of the 1,250 blocks)
        screen_rows = 40
        assert big.events.loaded_blocks() - loaded <= screen_rows
        text = "\n".join(screen_lines(detail))
        assert f"Events ({len(positions):,})" in text  # 2,697: thousands marked
        assert first.title_en[:20] in text
        assert detail.selected_target == ("event", first.id)  # the first link on screen
        # while the user reads, the next screenful is drawn, so PgDn only copies lines
        await pilot.pause(0.3)
        top, bottom = detail.window
        cached = detail._drawn.keys()  # (line, width, selected, focused)
        drawn = {key[0] for key in cached}
        assert set(range(bottom, 2 * bottom - top)) <= drawn
        await pilot.press("down")
        assert detail.selected_target == ("event", big.event_column("id")[positions[1]])
        await pilot.press("end")
        assert detail.selected_target == ("event", last.id)
        assert detail.scroll_y == detail.max_scroll_y
        assert last.title_en[:20] in "\n".join(screen_lines(detail))
        await pilot.press("pageup")
        assert detail.is_visible(detail.link) and detail.link < len(detail.targets) - 1
        await pilot.press("end", "enter")
        assert current(app) == last.id
        assert app.focused is app.screen.query_one(TimelineView)
        # the first and last screenfuls, each with the one drawn ahead of it, and PgUp
        assert big.events.loaded_blocks() - loaded <= 5 * screen_rows


# -- the views' scrollbar --------------------------------------------------------------


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "uneventtui-mono", "nocolor"])
async def test_the_views_scrollbars_draw_what_textual_would(theme, monkeypatch):
    """The timeline's and the detail pane's scrollbar skip Textual's generic styling pass
    (a fifth of opening an entity view): top, middle and end, hovered and not, and under
    NO_COLOR, they draw exactly the strips Textual's own path gives the same bar."""
    from textual.geometry import Region
    from textual.widget import Widget

    from uneventtui.app.speed.scrollbar import FastScrollBar

    if theme == "nocolor":
        monkeypatch.setenv("NO_COLOR", "1")
    app = UneventApp(lambda: load(), display=Display(), theme=None if theme == "nocolor" else theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        for view in (app.screen.query_one(TimelineView), app.screen.query_one(DetailPane)):
            bar = view.vertical_scrollbar
            assert isinstance(bar, FastScrollBar) and bar is view.vertical_scrollbar
            for y in (0, 7, 10_000):
                view.scroll_to(y=y, animate=False)
                await pilot.pause()
                for hover in (False, True):
                    bar.mouse_over = hover
                    whole = Region(0, 0, *bar.size)
                    ours = bar.render_lines(whole)
                    assert len(ours) == bar.size.height > 10
                    assert ours == Widget.render_lines(bar, whole), (type(view).__name__, y)
                    part = Region(0, 3, bar.size.width, 5)
                    assert bar.render_lines(part) == ours[3:8]


# -- the views' lines framed the short way -------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "uneventtui-mono", "nocolor"])
async def test_the_views_frame_their_lines_as_textual_would(theme, lang, monkeypatch):
    """The timeline and the detail pane put their lines in their border and padding
    themselves (a page or an entity's view opening is 4-5 ms faster): focused or not,
    scrolled, cut to a part of the pane, the title's row included, after a change of
    theme, and under NO_COLOR, they draw exactly the strips Textual's own way gives."""
    from textual.geometry import Region
    from textual.widget import Widget

    from uneventtui.app.speed.framer import LineFramer

    if theme == "nocolor":
        monkeypatch.setenv("NO_COLOR", "1")
    app = UneventApp(
        lambda: load(), display=Display(lang=lang), theme=None if theme == "nocolor" else theme
    )

    def same_both_ways(view, where: str) -> None:
        width, height = view.outer_size  # with the border and the padding
        for crop in (
            Region(0, 0, width, height),  # the whole pane
            Region(0, 3, width, 6),  # content rows only
            Region(0, 0, width, 2),  # the title's row and the first line
            Region(0, height - 2, width, 2),  # the last line and the bottom border
            Region(3, 2, width // 2, 5),  # a part of some lines
        ):
            ours = view.render_lines(crop)
            assert len(ours) == crop.height
            assert ours == Widget.render_lines(view, crop), (type(view).__name__, where, crop)

    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        timeline, detail = app.screen.query_one(TimelineView), app.screen.query_one(DetailPane)
        for view in (timeline, detail):
            assert LineFramer._frame(view) is not None  # the short way is the one taken
        for step in ("start", "focus the detail", "scroll", "theme"):
            if step == "focus the detail":
                await pilot.press("enter")
                assert app.focused is detail
            elif step == "scroll":
                await pilot.press("tab", "pagedown", "pagedown")
            elif step == "theme" and theme != "nocolor":
                app.theme = "textual-light" if theme != "textual-light" else "textual-dark"
            await pilot.pause()
            for view in (timeline, detail):
                same_both_ways(view, step)
        # a style the short way does not draw (a tint) goes Textual's way
        detail.styles.tint = "red 30%"
        await pilot.pause()
        assert LineFramer._frame(detail) is None
        same_both_ways(detail, "tinted")


# -- a focus change restyles the pane alone -------------------------------------------

FOCUS_STATES = {"focus", "blur"}


async def test_no_rule_makes_a_panes_focus_change_more_than_its_border():
    """Moving the focus restyles a pane alone, and its drawn lines are kept (3-4 ms less
    when a link moves the focus): right only while no rule selects a pane by its focus
    for anything but its border, nor anything inside a pane (a component, a scrollbar)
    by the pane's focus. Textual's own rules and app.tcss are both checked."""
    from uneventtui.app.widgets.line_view import LineView

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await open_reader(pilot, DOHA)  # the source reader's ArticleView, mounted too
        panes = [n for s in app.screen_stack for n in s.walk_children() if isinstance(n, LineView)]
        assert {type(p).__name__ for p in panes} >= {"TimelineView", "DetailPane", "ArticleView"}
        focus_rules = 0
        for rule in app.stylesheet.rules:
            for selector_set in rule.selector_set:
                chain = selector_set.selectors
                for i, selector in enumerate(chain):
                    if not selector.pseudo_classes & FOCUS_STATES:
                        continue
                    if not any(selector._check(pane) for pane in panes):
                        continue  # another widget's focus (an Input's, a Button's)
                    where = f"{rule.selector_names} in {rule.styles.get_rules().keys()}"
                    assert i == len(chain) - 1, f"selects inside a pane by its focus: {where}"
                    properties = rule.styles.get_rules().keys()
                    assert all(p.startswith("border_") for p in properties), where
                    focus_rules += 1
        assert focus_rules >= 2  # app.tcss's own: the round border, the heavy one


async def test_after_focus_changes_the_panes_draw_what_a_full_restyle_gives():
    """The panes restyled the short way on Enter and Tab draw exactly what Textual's full
    restyle of them draws, the border included; a theme chosen while a pane was not
    focused shows when it is focused next (the monochrome theme's heavy border)."""
    from textual.geometry import Region

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        timeline, detail = app.screen.query_one(TimelineView), app.screen.query_one(DetailPane)

        async def same_as_restyled(step: str) -> None:
            for view in (timeline, detail):
                whole = Region(0, 0, *view.outer_size)
                ours = view.render_lines(whole)
                components = dict(view._component_styles)
                app.update_styles(view)  # Textual's own way: the pane and all it holds
                await pilot.pause()
                assert view.render_lines(whole) == ours, (type(view).__name__, step)
                assert view._component_styles == components, (type(view).__name__, step)

        await same_as_restyled("start")
        for step in ("enter", "tab", "enter", "tab"):
            await pilot.press(step)
            await pilot.pause()
            assert (app.focused is detail) == (step == "enter")
            await same_as_restyled(step)
        assert app.focused is timeline
        app.theme = "uneventtui-mono"
        await pilot.pause()
        assert detail.render_lines(Region(0, 0, 1, 1))[0].text == "╭"  # not focused
        await pilot.press("enter")
        await pilot.pause()
        assert detail.render_lines(Region(0, 0, 1, 1))[0].text == "┏"  # focused, heavy
        assert timeline.render_lines(Region(0, 0, 1, 1))[0].text == "╭"
        await same_as_restyled("enter, in the monochrome theme")


# -- a partial update draws only the pane that changed ---------------------------------


async def test_a_change_in_one_pane_does_not_draw_the_other(monkeypatch):
    """Each pane has a box of its own, so Textual's compositor leaves the other pane
    undrawn when one pane changes: opening an entity, stepping and paging in it draw
    the detail pane alone; the timeline's titles in the other language, the timeline
    alone."""
    app = make_app()
    drawn: list[type] = []
    for pane in (TimelineView, DetailPane):

        def render_lines(self, crop, draw=pane.render_lines):
            drawn.append(type(self))
            return draw(self, crop)

        monkeypatch.setattr(pane, "render_lines", render_lines)

    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("enter")  # the focus moves to the detail pane
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        entity = next(t for t in detail.targets if t[0] == "entity")
        detail.select_link(list(detail.targets).index(entity))
        await pilot.pause()
        for keys, changed in (
            (("enter",), DetailPane),  # the entity's view, in the detail pane
            (("down", "pagedown"), DetailPane),
            (("tab",), None),  # the focus: both borders change
            (("a",), TimelineView),  # the titles in the other language
        ):
            await pilot.pause()
            drawn.clear()
            await pilot.press(*keys)
            await pilot.pause()
            if changed is not None:
                assert changed in drawn and set(drawn) == {changed}, (keys, drawn)
        assert detail.target is not None
