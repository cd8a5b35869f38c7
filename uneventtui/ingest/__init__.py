"""Ingest: a new Arabic article becomes a draft of events for the curator.

Pure Python (no Textual, no Rich): `dates` finds date expressions, `names` finds
known entities and candidates for new ones, `draft` turns the sentences that carry
both into draft events (TOML and JSON), `article` reads the file (HTML included).
"""

from uneventtui.ingest.article import ArticleError, read_article
from uneventtui.ingest.dates import FoundDate, find_dateline, find_dates
from uneventtui.ingest.draft import Draft, ingest_text
from uneventtui.ingest.names import Candidate, Mention, NameFinder, find_candidates

__all__ = [
    "ArticleError",
    "Candidate",
    "Draft",
    "FoundDate",
    "Mention",
    "NameFinder",
    "find_candidates",
    "find_dateline",
    "find_dates",
    "ingest_text",
    "read_article",
]
