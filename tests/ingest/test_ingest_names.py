"""Names in an article: known entities however the text spells them, and candidates."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uneventtui.ingest import NameFinder, find_candidates, ingest_text
from uneventtui.model import Entity, Timeline

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENTITIES = {
    e.id: e
    for e in (
        Entity(
            "who", "organization", "منظمة الصحة العالمية", "World Health Organization", ("WHO",)
        ),
        Entity("volker-turk", "person", "فولكر تورك", "Volker Türk", ("تورك",)),
        Entity("unhcr", "organization", "المفوضية السامية لشؤون اللاجئين", "UNHCR", ("UNHCR",)),
        Entity("geneva", "place", "جنيف", "Geneva"),
        Entity("africa", "place", "أفريقيا", "Africa"),
        Entity("un", "organization", "الأمم المتحدة", "United Nations", ("UN",)),
    )
}


def found(text: str) -> list[tuple[str, str]]:
    return [(m.entity, m.text) for m in NameFinder(ENTITIES).find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقى بالمدير العام لمنظمة الصحة العالمية", [("who", "منظمة الصحة العالمية")]),
        ("ومنظمه الصحه العالميه", [("who", "منظمه الصحه العالميه")]),  # ta marbuta as ha
        ("مُنَظَّمَةُ الصِّحَّةِ العالَمِيَّة", [("who", "مُنَظَّمَةُ الصِّحَّةِ العالَمِيَّة")]),
        ("والمفوضية السامية لشؤون اللاجئين", [("unhcr", "المفوضية السامية لشؤون اللاجئين")]),
        ("وأفريقيا", [("africa", "أفريقيا")]),
        ("قال Volker Türk في جنيف", [("volker-turk", "Volker Türk"), ("geneva", "جنيف")]),
        ("تحدث تورك عن WHO", [("volker-turk", "تورك"), ("who", "WHO")]),
        ("للأمم المتحدة", [("un", "للأمم المتحدة")]),
        # A two-letter alias is no name: "un" in French is a word.
        ("un programme", []),
    ],
)
def test_mentions_with_their_spans(text, expected):
    assert found(text) == expected
    for mention in NameFinder(ENTITIES).find(text):
        assert text[mention.offset : mention.offset + mention.length] == mention.text


def test_the_longest_name_wins():
    entities = dict(ENTITIES)
    entities["health"] = Entity("health", "organization", "الصحة", "Health")
    assert [m.entity for m in NameFinder(entities).find("منظمة الصحة العالمية")] == ["who"]


def test_candidates_after_titles_and_organisation_words():
    text = (
        "قال السيد أحمد بن سالم، مدير الشؤون في وزارة التنمية الاجتماعية والأسرة إن الاجتماع "
        "مهم. والتقى الدكتور خالد العمري بالمدير العام لمنظمة الصحة العالمية في جنيف. "
        "وأشاد المدير العام لمنظمة السياحة العالمية، ماريا لوبيز، بالتعاون."
    )
    mentions = NameFinder(ENTITIES).find(text)
    got = [(c.kind, c.text) for c in find_candidates(text, mentions)]
    assert got == [
        ("person", "أحمد بن سالم"),
        ("organization", "وزارة التنمية الاجتماعية والأسرة"),
        ("person", "خالد العمري"),
        ("organization", "منظمة السياحة العالمية"),
        ("person", "ماريا لوبيز"),
    ]


def test_a_known_name_is_no_candidate_and_words_are_no_names():
    text = "وشدد المدير العام أيضًا على الأمن. وأكد السفير فولكر تورك أن الاجتماع مهم."
    mentions = NameFinder(ENTITIES).find(text)
    assert find_candidates(text, mentions) == []


def test_candidates_become_draft_entities_and_participants():
    text = "في 3 مارس 2024 التقى الدكتور خالد العمري، رئيس المجلس، في جنيف بممثلي الأمم المتحدة."
    draft = ingest_text(text, Timeline([], dict(ENTITIES), {}), "a.txt")
    (entity,) = draft.entities
    assert (entity.kind, entity.name_ar) == ("person", "خالد العمري")
    (event,) = draft.events
    assert event.participants == {entity.id: "رئيس المجلس"}
    assert event.place == "geneva" and event.organizations == ["un"]
    document = tomllib.loads(draft.toml())
    assert document["entity"][0]["name_en"] == ""


@given(
    st.text(
        alphabet=st.sampled_from('في 22 و-24 أبريل/نيسان ٢٠٢٤ هـ السيد منظمة،.\n"\\\x1b'),
        max_size=300,
    )
)
def test_any_text_gives_a_draft_that_parses_and_spans_that_hold(text):
    draft = ingest_text(text, Timeline([], dict(ENTITIES), {}), "a.txt")
    tomllib.loads(draft.toml())
    for item in (*draft.dates, *draft.mentions, *draft.candidates):
        assert text[item.offset : item.offset + item.length] == item.text


def test_the_engine_imports_neither_textual_nor_rich():
    code = (
        "import sys, uneventtui.ingest, uneventtui.ingest.evaluate;"
        "print([m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
