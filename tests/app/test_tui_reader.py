"""The source reader: the seed article, the quote highlighted, names followable."""

from __future__ import annotations

from pilot_helpers import current, detail_text, make_app, open_reader, view_rows

from uneventtui.app.screens.main import MainScreen
from uneventtui.app.widgets.article import mark_paragraphs
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.text import visual

QUOTE = "من 22 إلى 24 أبريل الجاري"


async def test_reader_opens_on_the_quote_highlighted():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        article = await open_reader(pilot, "2024-geneva-visit")
        lines = view_rows(article)
        quoted = [line for line in lines if line.endswith("┃")]  # RTL: bar on the right
        assert len(quoted) == 1 and visual(QUOTE) in quoted[0]
        # the quote's cells carry the quote style, and only those
        row = lines.index(quoted[0])
        strip = article.render_line(row)
        styled = "".join(
            seg.text for seg in strip if seg.style and seg.style.bold and seg.text.strip()
        )
        assert visual(QUOTE).replace(" ", "") in styled.replace(" ", "").replace("┃", "")


async def test_article_is_wrapped_to_the_window_and_right_aligned():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        article = await open_reader(pilot, "2024-geneva-visit")
        width = article.scrollable_content_region.width
        body = [line for line in article.all_lines() if line.text.plain.strip()][2:]
        assert body and all(line.text.cell_len <= width for line in body)
        # RTL paragraphs end flush right (one cell of margin, the quote's bar there)
        assert all(line.text.plain[-1] in " ┃" for line in body)
        assert all(line.text.plain[-2] != " " for line in body if line.rtl)


async def test_tab_enter_follows_a_name_to_its_entity_view():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        article = await open_reader(pilot, "2024-geneva-visit")
        assert {"omar-hilale", "geneva", "philippe-kridelka"} <= set(article.link_entities)
        await pilot.press("home", "tab")
        first = article.selected_entity
        assert first == article.link_entities[0]
        await pilot.press("tab", "shift+tab")
        assert article.selected_entity == first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        detail = app.screen.query_one(DetailPane)
        assert detail.target == ("entity", first)
        await pilot.press("escape")
        assert detail.target == ("event", "2024-geneva-visit")


async def test_reader_keys_scroll_and_close():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        article = await open_reader(pilot, "2024-geneva-visit")
        await pilot.press("g")
        assert article.scroll_y == 0
        await pilot.press("j")
        assert article.scroll_y == 1
        await pilot.press("k", "pagedown")
        assert article.scroll_y > 1
        await pilot.press("pageup", "G")
        assert article.scroll_y == article.max_scroll_y
        await pilot.press("n")  # back to the quote
        assert article.scroll_y <= article.quote_line < article.scroll_y + 20
        for key in ("escape", "backspace", "q"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert current(app) == "2024-geneva-visit"
            if key != "q":
                await pilot.press("s")
                await pilot.pause()


async def test_external_source_shows_its_url_or_symbol():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        article = await open_reader(pilot, "2024-res-78-261")
        text = "\n".join(view_rows(article))
        assert "A/RES/78/261" in text


def test_names_are_marked_in_logical_text():
    from tui_fixture import make_timeline

    timeline = make_timeline()
    text = timeline.seed_text("seed-000")
    paragraphs = mark_paragraphs(text, timeline, QUOTE)
    first = paragraphs[0]
    marked = {first.text[m.start : m.end] for m in first.marks if m.entity}
    assert {"عمر هلال", "جنيف", "فيليب كريديلكا"} <= marked
    quotes = [first.text[m.start : m.end] for m in first.marks if m.entity is None]
    assert quotes == [QUOTE]


async def test_follow_from_reader_keeps_history_consistent():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot, "2024-geneva-visit")
        await pilot.press("escape")
        await pilot.pause()
        assert "Geneva" in detail_text(app)
