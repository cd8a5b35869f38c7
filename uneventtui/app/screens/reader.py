"""The source reader: the sources behind an event, one at a time, full screen.

Opens on the event's first seed article with a quote, scrolled to that quote,
highlighted. `]` and `[` go to the event's next and previous source, in the order the
detail pane lists them ("source 2 of 4" in the header): another quote of the same
article, another article, or an external source, which shows its URL or UN document
symbol. Names of known entities are marked; Tab/Enter follows one to its entity view
(the screen dismisses with the target and the main screen navigates there).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen

from uneventtui.app.display import Display
from uneventtui.app.i18n import tr
from uneventtui.app.widgets.article import ArticleView, Paragraph, mark_paragraphs
from uneventtui.app.widgets.bars import KeyBar, TitleBar
from uneventtui.model import Event, SourceRef, Timeline


def pick_source(event: Event, timeline: Timeline) -> SourceRef | None:
    """The event's first seed source with a quote, else its first seed, else its first."""
    refs = list(event.sources)
    seeds = [r for r in refs if (s := timeline.sources.get(r.source)) and s.kind == "seed"]
    quoted = [r for r in seeds if r.quote]
    return (quoted or seeds or refs or [None])[0]


class ReaderScreen(Screen):
    """Dismisses with ("entity", id) when the user follows a name, else None."""

    def __init__(
        self, timeline: Timeline, event: Event, display: Display, index: int | None = None
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.event = event
        self.ui = display
        self.refs = list(event.sources)
        if index is None:
            first = pick_source(event, timeline)
            index = next((i for i, ref in enumerate(self.refs) if ref is first), 0)
        self.index = index if 0 <= index < len(self.refs) else 0
        self.quote_found = True

    @property
    def where(self) -> str:
        """Where the user is, as the title bar says it."""
        return self.query_one(TitleBar).where

    @property
    def ref(self) -> SourceRef | None:
        return self.refs[self.index] if self.refs else None

    def compose(self) -> ComposeResult:
        yield TitleBar(self.ui)
        yield ArticleView(self.ui, *self._content(), id="article")
        yield KeyBar(self.ui)

    def _content(self) -> tuple[list[str], list[Paragraph]]:
        """The header lines and the marked paragraphs of the current source."""
        lang = self.ui.lang
        ref, timeline = self.ref, self.timeline
        source = timeline.sources.get(ref.source) if ref else None
        title = self.event.title_ar if lang == "ar" else self.event.title_en
        header = [title or self.event.title_ar]
        paragraphs: list[Paragraph] = []
        self.quote_found = True
        if ref is None or source is None:
            header.append(tr("no_source", lang))
            return header, paragraphs
        described = [p for p in (source.title, source.outlet) if p]
        if source.published:
            described.append(source.published.format(lang))
        where = tr("source_of", lang).format(n=self.index + 1, total=len(self.refs))
        if len(self.refs) > 1 and tr("source_keys", lang):
            where += f" ({tr('source_keys', lang)})"
        header += [where, " — ".join(described) or source.id]
        if source.kind == "seed":
            text = timeline.seed_text(source.id)
            if text is None:
                header.append(f"{tr('missing_seed', lang)} ({source.file})")
            else:
                paragraphs = mark_paragraphs(text, timeline, ref.quote)
                self.quote_found = not ref.quote or any(
                    m.entity is None for p in paragraphs for m in p.marks
                )
        else:
            header.append(f"{tr('external', lang)}: {ref.url or source.reference}")
            if source.note:
                header.append(source.note)
        if not self.quote_found:
            header.append(tr("quote_not_found", lang))
        return header, paragraphs

    def on_mount(self) -> None:
        article = self.query_one(ArticleView)
        article.border_title = self.ui.label("reader")
        self._update_title()
        article.focus()
        self.call_after_refresh(article.scroll_to_quote)

    def _update_title(self) -> None:
        where = self.ui.line(self.ref.source if self.ref else "—")
        if len(self.refs) > 1:
            where += f" ({self.index + 1}/{len(self.refs)})"
        self.query_one(TitleBar).show_where(self.ui.breadcrumb([self.ui.label("reader"), where]))

    def show_source(self, index: int) -> None:
        """Show the event's source number `index` (0-based), at its quote."""
        self.index = index % len(self.refs)
        article = self.query_one(ArticleView)
        article.set_article(*self._content())
        article.scroll_to(y=0, animate=False, immediate=True)
        article.scroll_to_quote()
        self._update_title()

    def action_next_source(self) -> None:
        if len(self.refs) < 2:
            self.app.bell()
            return
        self.show_source(self.index + 1)

    def action_prev_source(self) -> None:
        if len(self.refs) < 2:
            self.app.bell()
            return
        self.show_source(self.index - 1)

    def on_article_view_followed(self, message: ArticleView.Followed) -> None:
        self.dismiss(("entity", message.entity_id))
