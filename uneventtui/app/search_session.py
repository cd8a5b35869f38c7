"""The explorer's search state across openings of the search bar, and the one way the
app asks the index (`search`: one thread at a time).

`SearchSession` keeps the history of queries (`uneventtui.history`, loaded lazily,
problems reported once), the last query, and the events that match it, for `n`/`N` in
the timeline.
"""

from __future__ import annotations

import threading

from uneventtui.dataset import Dataset
from uneventtui.history import History

RESULT_LIMIT = 100  # hits asked of the index per keystroke
MATCH_LIMIT = 10_000  # events considered for n/N

# One search at a time: the index is built lazily by the first one, and two threads
# building it at once would only waste the (shared) cores.
_SEARCH_LOCK = threading.Lock()


def search(dataset: Dataset, query: str, limit: int = RESULT_LIMIT, kind: str | None = None):
    """`dataset.search`, one thread at a time."""
    with _SEARCH_LOCK:
        return dataset.search(query, limit=limit, kind=kind)


def target_of(hit) -> tuple[str, str]:
    """Where Enter on a hit goes: an event on the timeline, an entity to its view."""
    return ("event", hit.id) if hit.kind == "event" else ("entity", hit.id)


class SearchSession:
    """Search state that outlives one opening of the bar."""

    def __init__(self, history: History | None = None) -> None:
        self._history = history
        self.last_query: str = ""
        self._matches: tuple[int, str, list[int]] | None = None  # (timeline id, query, positions)

    @property
    def history(self) -> History:
        if self._history is None:
            self._history = History.load()
        return self._history

    def take_problem(self) -> str | None:
        """What went wrong with the history file, once (for a notification)."""
        problem, self.history.problem = self.history.problem, None
        return problem

    def remember(self, query: str) -> None:
        """A query the user searched for: the last query for n/N, and in the history."""
        query = " ".join(query.split())
        if not query:
            return
        self.last_query = query
        if self.history.add(query):
            self.history.save()

    def matching_positions(self, dataset: Dataset, query: str | None = None) -> list[int]:
        """Chronological positions of the events matching `query` (default: the last).

        An event matches when its title matches, or when it names (as participant,
        organisation or place) an entity that matches by a name or a word of one: "هلال"
        steps through every event Omar Hilale took part in. Fuzzy guesses do not count.
        """
        query = self.last_query if query is None else query
        if not query:
            return []
        timeline = dataset.timeline
        cached = self._matches
        if cached and cached[0] == id(timeline) and cached[1] == query:
            return cached[2]
        positions: set[int] = set()
        for hit in search(dataset, query, limit=MATCH_LIMIT):
            if getattr(hit, "tier", "") == "fuzzy":
                continue
            if hit.kind == "event":
                position = timeline.event_position(hit.id)
                if position is not None:
                    positions.add(position)
            else:
                for event in timeline.events_of(hit.id):
                    position = timeline.event_position(event.id)
                    if position is not None:
                        positions.add(position)
        result = sorted(positions)
        self._matches = (id(timeline), query, result)
        return result


def session_of(app) -> SearchSession:
    """The app's search session (created on first use)."""
    session = getattr(app, "search_session", None)
    if session is None:
        session = SearchSession()
        app.search_session = session
    return session
