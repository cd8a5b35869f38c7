"""The source reader: the seed article behind an event, full screen.

Opens scrolled to the quote that supports the event, highlighted. Names of known
entities are marked; Tab/Enter follows one to its entity view (the screen dismisses
with the target and the main screen navigates there). An external source shows its
URL or UN document symbol instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from uneventtui.app.display import Display
from uneventtui.app.i18n import tr
from uneventtui.app.widgets.article import ArticleView, mark_paragraphs
from uneventtui.model import Event, SourceRef, Timeline


def pick_source(event: Event, timeline: Timeline) -> SourceRef | None:
    """The event's first seed source with a quote, else its first seed, else its first."""
    refs = list(event.sources)
    seeds = [r for r in refs if (s := timeline.sources.get(r.source)) and s.kind == "seed"]
    quoted = [r for r in seeds if r.quote]
    return (quoted or seeds or refs or [None])[0]


class ReaderScreen(Screen):
    """Dismisses with ("entity", id) when the user follows a name, else None."""

    def __init__(self, timeline: Timeline, event: Event, display: Display) -> None:
        super().__init__()
        self.timeline = timeline
        self.event = event
        self.ui = display
        self.ref = pick_source(event, timeline)
        self.quote_found = True

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield self._article()
        yield Footer()

    def _article(self) -> ArticleView:
        lang = self.ui.lang
        ref, timeline = self.ref, self.timeline
        source = timeline.sources.get(ref.source) if ref else None
        title = self.event.title_ar if lang == "ar" else self.event.title_en
        header = [title or self.event.title_ar]
        paragraphs = []
        if ref is None or source is None:
            header.append(tr("no_source", lang))
        else:
            described = [p for p in (source.title, source.outlet) if p]
            if source.published:
                described.append(source.published.format(lang))
            header.append(" — ".join(described) or source.id)
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
        return ArticleView(self.ui, header, paragraphs, id="article")

    def on_mount(self) -> None:
        article = self.query_one(ArticleView)
        article.border_title = self.ui.label("reader")
        self.sub_title = " › ".join(
            [self.ui.label("reader"), self.ui.line(self.ref.source if self.ref else "—")]
        )
        article.focus()
        self.call_after_refresh(article.scroll_to_quote)

    def on_article_view_followed(self, message: ArticleView.Followed) -> None:
        self.dismiss(("entity", message.entity_id))
