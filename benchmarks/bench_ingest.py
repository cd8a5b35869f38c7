"""How well `uneventtui ingest` reads: the five seeds against their curated events,
and the date-expression set of tests/ingest_cases.py, ours against dateparser.

Run: .venv/bin/python benchmarks/bench_ingest.py   (dateparser is measured when
it is installed: pip install dateparser)
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ingest_cases import CASES, REAL_WORLD  # noqa: E402

from uneventtui.ingest.dates import find_dates  # noqa: E402
from uneventtui.ingest.evaluate import SEED_PUBLISHED, score_seed  # noqa: E402
from uneventtui.loader import load_timeline  # noqa: E402
from uneventtui.model import PartialDate  # noqa: E402


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


def seeds_table() -> None:
    timeline = load_timeline(ROOT / "data")
    rows = [score_seed(source, timeline) for source in SEED_PUBLISHED]
    roles = ("participants", "organizations", "places")
    print(
        "| seed | published (given or implied) | curated dates found "
        "| participants | organisations | places | entities named, found "
        "| of all entities the events name | draft dates right |"
    )
    print("|---|---|---|---|---|---|---|---|---|")

    def line(name, published, r) -> str:
        found_by_role = " | ".join(share(r.by_role[k][1], r.by_role[k][0]) for k in roles)
        return (
            f"| {name} | {published} | {share(r.dates_found, r.events)} | {found_by_role} "
            f"| {share(r.entities_found, r.entities_named)} "
            f"| {share(r.entities_found, r.entities)} "
            f"| {share(r.draft_dates_right, r.draft_events)} |"
        )

    for r in rows:
        print(line(r.source, SEED_PUBLISHED[r.source], r))
    total = SimpleNamespace(
        **{
            name: sum(getattr(r, name) for r in rows)
            for name in (
                "dates_found",
                "events",
                "entities_found",
                "entities_named",
                "entities",
                "draft_dates_right",
                "draft_events",
            )
        },
        by_role={k: tuple(sum(r.by_role[k][i] for r in rows) for i in (0, 1)) for k in roles},
    )
    print(line("all", "", total))
    print(
        "\nParticipants, organisations, places and 'entities named': of the entities the "
        "curated events name that the article names (a name or an alias occurs in its "
        "normalised text, or ingest found it), the share found as mentions. 'Of all': over "
        "every entity those events name, most of the rest coming from other sources."
    )


def ours(text: str, published: str | None) -> tuple[str, str | None]:
    anchor = PartialDate.parse(published) if published else None
    found = [d for d in find_dates(text, anchor) if d.start is not None]
    if not found:
        return "", None
    return found[0].start.iso(), found[0].end.iso() if found[0].end else None


def theirs(text: str, published: str | None):
    from dateparser.search import search_dates

    base = datetime(*PartialDate.parse(published or "2024-04-26").sort_key)
    found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base})
    return found[0][1] if found else None


def dateparser_right(text: str, published: str | None, start: str, end: str | None) -> bool:
    value = theirs(text, published)
    if value is None:
        return start == ""
    if end is not None or not start:  # it has no ranges; it found a date where none is
        return False
    return value.date().isoformat()[: len(start)] == start


def expressions_table() -> None:
    print("| reader | expression set | news sentences | ms per expression |")
    print("|---|---|---|---|")
    readers = [("ours (uneventtui.ingest.dates)", lambda t, p, s, e: ours(t, p) == (s, e))]
    try:
        import dateparser  # noqa: F401

        theirs("1 يناير 2020", None)  # its first call loads its language data
        readers.append(("dateparser (languages=['ar'])", dateparser_right))
    except ImportError:
        print("| dateparser | not installed | | |")
    for name, right in readers:
        t = time.perf_counter()
        on_set = sum(right(*case) for case in CASES)
        on_news = sum(right(*case) for case in REAL_WORLD)
        ms = (time.perf_counter() - t) * 1000 / (len(CASES) + len(REAL_WORLD))
        print(
            f"| {name} | {share(on_set, len(CASES))} | {share(on_news, len(REAL_WORLD))} "
            f"| {ms:.2f} |"
        )


def commit() -> str:
    import subprocess

    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    print(f"ingest accuracy, commit {commit()}, {datetime.now():%Y-%m-%d}\n")
    seeds_table()
    print()
    expressions_table()
