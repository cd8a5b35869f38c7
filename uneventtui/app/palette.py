"""Command palette provider: ctrl+p finds people, organisations, places and events.

It asks the same index as the search bar (`uneventtui.app.search_session.search`), shows
each hit with its English name and its Arabic name shaped and in visual order (the
matched letters highlighted through the text layer's map, as in the search bar), and
choosing one navigates the calling screen there (`screen.navigate(target)`).
With an empty palette it offers the entities that appear in the most events.
"""

from __future__ import annotations

import asyncio
from functools import partial

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from uneventtui.app.i18n import tr
from uneventtui.app.search_session import search, target_of
from uneventtui.app.widgets.search_results import Cells, highlight_cells, name_cells

PALETTE_LIMIT = 20
DISCOVER_LIMIT = 10


def _text(cells: Cells, match: Style) -> Text:
    out = Text(no_wrap=True, end="")
    for cell, highlighted in cells:
        out.append(cell, match if highlighted else None)
    return out


class SearchProvider(Provider):
    """Entities and events by name, through the app's search index."""

    @property
    def _dataset(self):
        return getattr(self.screen, "dataset", None)

    @property
    def _timeline(self):
        return getattr(self.screen, "timeline", None)

    @property
    def _mode(self) -> str:
        return getattr(getattr(self.screen, "ui", None), "mode", "shaped")

    def _go(self, target: tuple[str, str]) -> None:
        navigate = getattr(self.screen, "navigate", None)
        if navigate is not None:
            navigate(target)

    def _display(self, kind: str, ar_cells: Cells, en_cells: Cells) -> Text:
        # The palette's own match style (a Textual Style), as the Rich style Text wants.
        match = self.match_style.rich_style if self.match_style else Style(bold=True)
        line = Text(f"{tr(kind, 'en')}: ", style="dim", no_wrap=True, end="")
        line.append_text(_text(en_cells, match))
        line.append("  ·  ")
        line.append_text(_text(ar_cells, match))
        return line

    async def search(self, query: str) -> Hits:
        dataset = self._dataset
        if dataset is None or not query.strip():
            return
        # Off the event loop: the palette stays responsive on a large index.
        hits = await asyncio.to_thread(search, dataset, query, PALETTE_LIMIT)
        count = len(hits)
        for rank, hit in enumerate(hits):
            yield Hit(
                # The index's order, kept: the palette sorts by score.
                score=1.0 - rank / (count + 1),
                match_display=self._display(hit.kind, *name_cells(hit, self._mode)),
                command=partial(self._go, target_of(hit)),
                text=f"{hit.name_en} {hit.name_ar}",
                # No `help`: the palette reads it as markup, and the alias that matched
                # is already in the display.
            )

    async def discover(self) -> Hits:
        timeline = self._timeline
        if timeline is None:
            return
        busiest = sorted(
            timeline.entities.values(),
            key=lambda e: (-timeline.event_count(e.id), e.name_en),
        )[:DISCOVER_LIMIT]
        for entity in busiest:
            kind = tr(f"group_{entity.kind}", "en")
            yield DiscoveryHit(
                display=self._display(
                    entity.kind,
                    highlight_cells(entity.name_ar, (), self._mode),
                    highlight_cells(entity.name_en, (), self._mode),
                ),
                command=partial(self._go, ("entity", entity.id)),
                text=f"{entity.name_en} {entity.name_ar}",
                help=f"{timeline.event_count(entity.id)} events · {kind}",
            )
