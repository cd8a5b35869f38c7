"""A loaded dataset: the timeline and its search index, side by side.

The model knows nothing of search, and search reads the model; this value holds the
two together, so the cache can hand over both (the index read from disk only when
first used) and the app and the verbs search through one object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from uneventtui.model import Timeline

if TYPE_CHECKING:  # pragma: no cover
    from uneventtui.search import Hit, SearchIndex


class Dataset:
    """A timeline and its search index. `index` may be given as a function that makes
    it (the cache reads it from disk that way); it is built from the timeline when not
    given. Either happens once, on first use, from whichever thread asks first."""

    def __init__(
        self,
        timeline: Timeline,
        index: SearchIndex | Callable[[], SearchIndex] | None = None,
    ) -> None:
        self.timeline = timeline
        self._index = index
        self._lock = threading.Lock()
        # What the user should know about how it was loaded: a cache directory refused, a
        # cached index that could not be read and was rebuilt.
        self.problem = ""

    @property
    def index(self) -> SearchIndex:
        index = self._index
        if index is None or callable(index):
            with self._lock:
                index = self._index
                if index is None:
                    from uneventtui.search import SearchIndex

                    index = self._index = SearchIndex.build(self.timeline)
                elif callable(index):
                    index = self._index = index()
        return index  # type: ignore[return-value]

    @property
    def index_ready(self) -> bool:
        """Whether the index is in memory (searching will not wait for it)."""
        return self._index is not None and not callable(self._index)

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
        """Ranked name search over entities and events (see `uneventtui.search`)."""
        return self.index.search(query, limit=limit, kind=kind)

    def warm(self) -> None:
        """Make what was left for later (the lookups by id, the search index): call it off
        the UI thread, so the first search or jump does not wait."""
        by_entity, event_index = self.timeline.lookups()
        for lookup in (event_index, self.timeline.entities, by_entity):
            warm = getattr(lookup, "warm", None)  # the cache's lazy lookups have it
            if warm is not None:
                warm()
        self.index  # noqa: B018 - loads it
