"""Benchmark: name search as you type, at 100,000 entities and 100,000 events.

    python benchmarks/bench_search.py [--entities N] [--events N] [--seed S] [--limit N]

Builds a synthetic timeline in memory (`uneventtui.synthetic`, the same data
`python -m uneventtui.synthetic` writes), then replays queries the way a user
types them: every prefix of each query is one keystroke. The queries are
Arabic and Latin names taken from the data (surnames, full names, organisation
names, event titles), the same names with one typo, and transliteration
variants. It reports:

- build: the index from the timeline, and a round trip through the on-disk cache's
  format, in memory (what `uneventtui.cache` writes and a warm start reads);
- per-keystroke latency, p50 / p99 / max, for `SearchIndex.search(q, limit=20)`
  (normalising the query and building the hits, spans included);
- the same for SQLite FTS5 in the same run: a trigram table over the same
  normalised names, `MATCH` (each query word a quoted phrase, ANDed), ranked by
  bm25, LIMIT 20 (or --limit). The trigram tokenizer finds nothing for a word under three
  characters: those keystrokes are counted, and return at once;
- how often the top hit, once the whole query is typed, bears the name the query
  was taken from (before its typo, if it has one; any namesake counts).

Both indexes are built first, then `gc.freeze()` moves the data to the permanent
generation (what an app holding such a dataset should do after loading), so
neither side pays for collector passes over a heap of 200,000 records.
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uneventtui.cache import round_trip  # noqa: E402
from uneventtui.dataset import Dataset  # noqa: E402
from uneventtui.search import SearchIndex, normalize  # noqa: E402
from uneventtui.synthetic import generate_timeline  # noqa: E402


def typo(word: str, rng: random.Random) -> str:
    """One typo in the longest word: a swap, a dropped letter or a doubled one."""
    words = word.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 4:
        return word
    at = rng.randrange(1, len(w) - 2)
    kind = rng.randrange(3)
    if kind == 0 and w[at] != w[at + 1]:
        w = w[:at] + w[at + 1] + w[at] + w[at + 2 :]
    elif kind == 1:
        w = w[:at] + w[at + 1 :]
    else:
        w = w[:at] + w[at] + w[at:]
    words[i] = w
    return " ".join(words)


def pick_queries(timeline, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(query, the name it was taken from): names as users type them, Arabic and Latin."""
    people = [e for e in timeline.entities.values() if e.kind == "person"]
    orgs = [e for e in timeline.entities.values() if e.kind == "organization"]
    places = [e for e in timeline.entities.values() if e.kind == "place"]
    queries: list[tuple[str, str]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            e = rng.choice(people)
            name = rng.choice([e.name_ar, e.name_en, *e.aliases])
            words = name.split()
            text = " ".join(words[-2:]) if rng.random() < 0.5 else name
        elif roll < 0.7:
            e = rng.choice(orgs)
            text = rng.choice([e.name_ar, e.name_en])
        elif roll < 0.85:
            e = rng.choice(places)
            text = rng.choice([e.name_ar, e.name_en])
        else:
            ev = rng.choice(timeline.events)
            title = rng.choice([ev.title_ar, ev.title_en])
            text = " ".join(title.split()[:4])
        origin = text
        if rng.random() < 0.3:
            text = typo(text, rng)
        queries.append((text, origin))
    # Fixed cases from the issue: typos and transliteration variants of real names.
    queries += [
        ("Umar Hilal", ""),
        ("هونجبو", ""),
        ("Okonjo Iwela", ""),
        ("الصحه العالميه", ""),
        ("منظمة الصحة", ""),
        ("Mohamad Shamari", ""),
    ]
    return queries


def keystrokes(queries: list[tuple[str, str]]) -> list[str]:
    return [text[:i] for text, _target in queries for i in range(1, len(text) + 1)]


def build_fts(index: SearchIndex) -> tuple[sqlite3.Connection, float]:
    start = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE names USING fts5(name, tokenize='trigram')")
    rows = ((e, normalize(text)) for e, text in enumerate(index._entry_text))
    db.executemany("INSERT INTO names(rowid, name) VALUES (?, ?)", rows)
    db.commit()
    return db, time.perf_counter() - start


def fts_query(text: str) -> str | None:
    """Each normalised word a quoted phrase, ANDed; None when no word has 3 characters."""
    words = normalize(text).split()
    if not words or any(len(w) < 3 for w in words):
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99, ordered[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=60, help="queries typed (plus 6 fixed)")
    parser.add_argument("--limit", type=int, default=20, help="hits asked for per keystroke")
    args = parser.parse_args()

    t = time.perf_counter()
    timeline = generate_timeline(args.events, args.entities, args.seed)
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    index = SearchIndex.build(timeline)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    index = round_trip(Dataset(timeline, index)).index  # the index as a warm start reads it
    cache_s = time.perf_counter() - t
    db, fts_build_s = build_fts(index)
    gc.collect()
    gc.freeze()

    rng = random.Random(args.seed)
    queries = pick_queries(timeline, rng, args.queries)
    typed = keystrokes(queries)
    ours: list[float] = []
    fts: list[float] = []
    fts_empty = 0
    for text in typed:
        start = time.perf_counter()
        index.search(text, limit=args.limit)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        match = fts_query(text)
        if match is None:
            fts_empty += 1
        else:
            db.execute(
                "SELECT rowid FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT ?",
                (match, args.limit),
            ).fetchall()
        fts.append((time.perf_counter() - start) * 1000)

    # Quality once the whole query is typed: is the top hit something that bears the
    # name the query was taken from (any namesake counts: the data has many)?
    names_of: dict[str, list[str]] = {}
    for entity in timeline.entities.values():
        names_of[entity.id] = [normalize(n) for n in entity.names]
    for event in timeline.events:
        names_of[event.id] = [normalize(event.title_ar), normalize(event.title_en)]

    def bears(target_id: str, origin: str) -> bool:
        wanted = f" {normalize(origin)} "
        return any(wanted in f" {name} " for name in names_of[target_id])

    judged = [(text, origin) for text, origin in queries if origin]
    ours_top = sum(
        1
        for text, origin in judged
        if (h := index.search(text, limit=1)) and bears(h[0].id, origin)
    )
    fts_top = 0
    for text, origin in judged:
        match = fts_query(text)
        if match is None:
            continue
        row = db.execute(
            "SELECT rowid FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT 1", (match,)
        ).fetchone()
        if row and bears(index._ids[index._entry_target[row[0]]], origin):
            fts_top += 1

    entries = len(index._entry_text)
    print(
        f"data: {args.entities:,} entities + {args.events:,} events "
        f"({entries:,} names and titles; {len(index._vocab.keys):,} distinct words), "
        f"generated in {gen_s:.1f} s"
    )
    print(
        f"build: index {build_s:.2f} s; through the cache's format and back (timeline and "
        f"index, in memory) {cache_s:.2f} s; FTS5 trigram table {fts_build_s:.2f} s"
    )
    print(f"{len(queries)} queries typed, {len(typed)} keystrokes (every prefix)")
    o50, o99, omax = percentiles(ours)
    f50, f99, fmax = percentiles(fts)
    print(f"limit {args.limit} hits per keystroke")
    print(f"  SearchIndex      p50 {o50:6.2f} ms  p99 {o99:6.2f} ms  max {omax:6.2f} ms")
    print(
        f"  FTS5 bm25 LIMIT  p50 {f50:6.2f} ms  p99 {f99:6.2f} ms  max {fmax:6.2f} ms"
        f"  ({fts_empty} keystrokes with a word under 3 characters: no FTS5 result)"
    )
    print(f"  p99 ratio SearchIndex / FTS5: {o99 / f99:.2f}")
    print(
        f"top hit bears the name typed (typos included) once the query is complete: "
        f"SearchIndex {ours_top}/{len(judged)}, FTS5 {fts_top}/{len(judged)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
