"""Search history: kept across runs, written atomically, never fatal when damaged."""

from __future__ import annotations

import json
import os
import stat

import pytest

from uneventtui.history import History, default_path


@pytest.fixture
def path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return default_path()


def test_lives_in_xdg_data_home(path, tmp_path):
    assert path == tmp_path / "data" / "uneventtui" / "history.json"


def test_queries_survive_a_restart_most_recent_last(path):
    history = History.load()
    assert history.queries == [] and history.problem is None
    for query in ["هلال", "Hilale", "عمر هلال"]:
        assert history.add(query)
    assert history.save()
    again = History.load()
    assert again.queries == ["هلال", "Hilale", "عمر هلال"]
    assert again.problem is None
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw == {"version": 1, "queries": ["هلال", "Hilale", "عمر هلال"]}
    assert "هلال" in path.read_text(encoding="utf-8")  # readable, not \\u-escaped


def test_file_is_private_and_no_temporary_files_are_left(path):
    history = History.load()
    history.add("Omar Hilale")
    assert history.save()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["history.json"]


def test_a_repeated_query_moves_to_the_end_once(path):
    history = History.load()
    for query in ["a", "b", "a", "a", "  b  "]:
        history.add(query)
    assert history.queries == ["a", "b"]
    assert not history.add("   ")


def test_only_the_most_recent_are_kept(path):
    history = History(limit=3)
    for n in range(5):
        history.add(f"q{n}")
    assert history.queries == ["q2", "q3", "q4"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b"[1, 2]",
        b'{"queries": "hilale"}',
        b'{"queries": ["ok", 3]}',
    ],
)
def test_a_corrupt_file_is_reported_and_set_aside(path, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    history = History.load()
    assert history.queries == []
    assert history.problem is not None
    assert str(path) in history.problem and "history.json.corrupt" in history.problem
    assert (path.parent / "history.json.corrupt").read_bytes() == content
    assert not path.exists()
    # ... and the next save starts a clean file.
    history.add("هلال")
    assert history.save()
    assert History.load().queries == ["هلال"]


def test_an_earlier_corrupt_file_is_not_overwritten(path):
    path.parent.mkdir(parents=True)
    (path.parent / "history.json.corrupt").write_bytes(b"first")
    path.write_bytes(b"second")
    History.load()
    assert (path.parent / "history.json.corrupt").read_bytes() == b"first"
    assert (path.parent / "history.json.corrupt.1").read_bytes() == b"second"


def test_controls_in_a_hand_edited_file_do_not_reach_the_bar(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "queries": ["\x1b[2Jx", "\u202eabc", " \n "]}))
    assert History.load().queries == ["[2Jx", "abc"]


def test_an_unwritable_directory_is_reported_not_raised(path):
    path.parent.parent.mkdir(parents=True)
    path.parent.write_text("a file where the directory should be")
    history = History.load()
    history.add("x")
    assert not history.save()
    assert history.problem is not None and "cannot save" in history.problem


def test_browsing_goes_back_from_the_most_recent_and_forward_to_an_empty_bar():
    history = History()
    for query in ["a", "b", "c"]:
        history.add(query)
    index = history.older(None)
    assert history.queries[index] == "c"
    index = history.older(index)
    assert history.queries[index] == "b"
    assert history.older(history.older(index)) is None  # past the oldest
    assert history.newer(index) == 2
    assert history.newer(2) is None
    assert History().older(None) is None
