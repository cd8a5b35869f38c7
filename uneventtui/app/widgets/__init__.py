"""Widgets of the explorer: the timeline, the document views (detail), the search input."""
