"""The issue's "done when", on the shipped data: every person and organisation the
seed articles name is the top hit for its Arabic surname, its English surname and a
one-typo misspelling of them (organisations: their names, acronym and misspelt names).

The queries are generated from the shipped entities, not written out by hand, so
the test keeps holding the data to this as it grows.
"""

from __future__ import annotations

import re

import pytest
from tui_fixture import shipped_timeline

from uneventtui.dataset import Dataset
from uneventtui.search import normalize

TIMELINE = shipped_timeline()  # at collection: the queries are parameters
DATASET = Dataset(TIMELINE)
# Royal and regnal names have no surname ("Mohammed VI"): search by the whole name.
_REGNAL = re.compile(r"^(?:[IVX]+|ال\w+)$")


def _seed_named() -> list:
    """Entities that cite a seed article or whose Arabic name appears in one."""
    seeds = [
        normalize(TIMELINE.seed_text(s.id) or "")
        for s in TIMELINE.sources.values()
        if s.kind == "seed"
    ]
    named = []
    for entity in TIMELINE.entities.values():
        if entity.kind not in ("person", "organization"):
            continue
        cites_seed = any(TIMELINE.sources[r.source].kind == "seed" for r in entity.sources)
        if cites_seed or any(normalize(entity.name_ar) in text for text in seeds):
            named.append(entity)
    return named


NAMED = _seed_named()


def _surname(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and _REGNAL.match(words[-1]) and words[-1] not in ("الدين",):
        return " ".join(words[-2:])
    return words[-1]


def _typo(word: str) -> str:
    """One typo: swap two letters in the middle of the longest word (or change one)."""
    words = word.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[longest]
    i = max(1, len(w) // 2 - 1)
    if i + 1 < len(w) and w[i] != w[i + 1]:
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    else:  # same letters or too short: double a letter instead
        typo = w[:i] + w[i] + w[i:]
    words[longest] = typo
    return " ".join(words)


def _queries():
    for entity in NAMED:
        if entity.kind == "person":
            surnames = {_surname(entity.name_ar), _surname(entity.name_en)}
        else:
            surnames = {entity.name_ar, entity.name_en}
            surnames.update(a for a in entity.aliases if a.isupper() and a.isalpha())
        for query in sorted(surnames):
            yield pytest.param(entity.id, query, id=f"{entity.id}:{query}")
            if not (query.isupper() and len(query) <= 5):  # acronyms have no one-typo form
                typo = _typo(query)
                assert normalize(typo) != normalize(query)
                yield pytest.param(entity.id, typo, id=f"{entity.id}:{typo}")


def test_the_seeds_name_people_and_organisations():
    kinds = {e.kind for e in NAMED}
    assert kinds == {"person", "organization"}
    assert {"omar-hilale", "tedros-adhanom-ghebreyesus", "who", "iom"} <= {e.id for e in NAMED}


@pytest.mark.parametrize(("entity_id", "query"), list(_queries()))
def test_top_hit_on_shipped_data(entity_id, query):
    hits = DATASET.search(query, limit=5)
    assert hits, f"nothing for {query!r}"
    assert hits[0].id == entity_id, [(h.id, h.score, h.tier) for h in hits]
