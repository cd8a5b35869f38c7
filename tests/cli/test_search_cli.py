"""`uneventtui search`: the verb scripts and tests use (the shipped data, in-process)."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run

from uneventtui.synthetic import write_dataset


def test_json_best_first(capsys):
    code, out, err = run(capsys, "search", "الصحه العالميه", "--json")
    assert code == 0 and err == ""
    hits = json.loads(out)
    assert hits[0] == {
        "kind": "organization",
        "id": "who",
        "name_ar": "منظمة الصحة العالمية",
        "name_en": "World Health Organization",
        "score": 100.0,
    }
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    # The contract's scores are JSON numbers with a fraction (100.0, not 100).
    assert all(type(score) is float for score in scores), scores
    assert '"score": 100.0' in out


def test_limit_and_kind(capsys):
    code, out, _err = run(capsys, "search", "هلال", "--limit", "2", "--kind", "event", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2 and {h["kind"] for h in hits} == {"event"}


def test_table_shows_arabic_shaped(capsys):
    code, out, _err = run(capsys, "search", "Tedross", "--limit", "1", "--rtl-mode", "shaped")
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["SCORE", "KIND", "ID"]
    assert "tedros-adhanom-ghebreyesus" in row and "Tedros Adhanom Ghebreyesus" in row
    # Arabic goes through the text layer: presentation forms, not the stored letters.
    assert "تيدروس" not in row and any("\ufe70" <= c <= "\ufeff" for c in row)


@pytest.mark.parametrize("query", ["", "   ", "!!!", "؟،"])
def test_query_without_letters_is_a_clear_error(capsys, query):
    code, out, err = run(capsys, "search", query)
    assert code == 2 and out == ""
    assert "no letters or digits" in err


def test_no_match(capsys):
    code, out, err = run(capsys, "search", "x" * 10_000)
    assert code == 1 and out == "" and "no matches" in err
    code, out, _err = run(capsys, "search", "qqqqzzzz", "--json")
    assert code == 1 and json.loads(out) == []


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_bad_limit(capsys, limit):
    code, _out, err = run(capsys, "search", "هلال", "--limit", limit)
    assert code == 2 and "--limit" in err


def test_data_option(capsys, tmp_path):
    root = write_dataset(tmp_path / "syn", events=30, entities=40, seed=9)
    code, out, _err = run(capsys, "search", "جنيف", "--data", str(root), "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "place-0"
