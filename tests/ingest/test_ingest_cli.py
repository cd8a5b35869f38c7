"""`uneventtui ingest`: the JSON contract, the draft file, HTML, and bad input."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from cli_helpers import EVENT_KEYS

from uneventtui import cli

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_229ba7b9f742da60.txt"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    for var in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(["ingest", *argv])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_five_keys_with_spans_into_the_text(capsys):
    code, out, _err = run(capsys, str(SEED_000), "--published", "2024-04", "--json")
    assert code == 0
    result = json.loads(out)
    assert list(result) == ["published", "dates", "mentions", "candidates", "events"]
    assert result["published"] == "2024-04"
    text = SEED_000.read_text(encoding="utf-8")
    for item in result["dates"] + result["mentions"] + result["candidates"]:
        assert text[item["offset"] : item["offset"] + item["length"]] == item["text"]
    visit = next(d for d in result["dates"] if d["start"] == "2024-04-22")
    assert visit == {
        "text": "من 22 إلى 24 أبريل الجاري",
        "offset": visit["offset"],
        "length": 25,
        "start": "2024-04-22",
        "end": "2024-04-24",
        "precision": "day",
        "inferred": True,
    }
    assert {"omar-hilale", "philippe-kridelka", "who", "wto", "ilo"} <= {
        m["entity"] for m in result["mentions"]
    }
    assert result["events"]
    for event in result["events"]:
        assert list(event) == EVENT_KEYS
        assert event["id"].startswith("draft-")
        for ref in event["sources"]:
            assert ref["quote"] in text


def test_the_dateline_is_the_anchor_when_no_date_is_given(capsys):
    seed = ROOT / "seeds" / "003_75f808df72ae91d2.txt"
    code, out, _err = run(capsys, str(seed), "--json")
    assert code == 0
    assert json.loads(out)["published"] == "2023-01-27"


def test_the_draft_is_written_to_a_file(capsys, tmp_path):
    target = tmp_path / "visit.toml"
    target.write_text("an older draft", encoding="utf-8")
    code, out, err = run(capsys, str(SEED_000), "--published", "2024-04", "-o", str(target))
    assert code == 0 and out == ""
    draft = target.read_text(encoding="utf-8")
    assert 'title_en = ""  # fill in' in draft
    assert 'start = "2024-04-22"' in draft
    assert str(target) in err and "to fill in" in err
    assert not list(tmp_path.glob(".visit.toml*"))  # no temporary file left


def test_json_to_a_file(capsys, tmp_path):
    target = tmp_path / "visit.json"
    code, out, _err = run(
        capsys, str(SEED_000), "--published", "2024-04", "--json", "-o", str(target)
    )
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["published"] == "2024-04"


def test_a_draft_into_a_missing_directory_says_so(capsys, tmp_path):
    target = tmp_path / "no-such-dir" / "visit.toml"
    code, _out, err = run(capsys, str(SEED_000), "--published", "2024-04", "-o", str(target))
    assert code == 1 and "cannot write" in err and str(target) in err


def test_an_html_article_gives_its_main_text(capsys, tmp_path):
    lines = [line for line in SEED_000.read_text(encoding="utf-8").splitlines() if line]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = tmp_path / "visit.html"
    page.write_text(
        "<!doctype html><html><head><title>زيارة</title></head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/x'>انتخابات 12 يونيو 2019</a></nav>"
        f"<article><h1>هلال في جنيف</h1>{body}</article>"
        "<footer><p>آخر تحديث 5 فبراير 2024</p></footer></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(page), "--published", "2024-04", "--json")
    assert code == 0, err
    starts = {d["start"] for d in json.loads(out)["dates"]}
    assert "2024-04-22" in starts
    assert not {"2019-06-12", "2024-02-05"} & starts  # the page's own dates are not the article's
    # With -o, the extracted text the quotes come from is written beside the draft.
    target = tmp_path / "draft.toml"
    code, _out, err = run(capsys, str(page), "--published", "2024-04", "-o", str(target))
    assert code == 0, err
    text = (tmp_path / "visit.txt").read_text(encoding="utf-8")
    assert lines[0] in text and "انتخابات" not in text
    assert 'file = "visit.txt"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary"),
        ("نص عربي".encode("cp1256"), "UTF-8"),
    ],
)
def test_bad_input_gets_a_message_and_exit_3(capsys, tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, str(path))
    assert code == 3 and out == ""
    assert message in err and str(path) in err and "Traceback" not in err


def test_a_10_mb_file_is_refused_without_reading_it_all(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("في 22 يوليو 2024 " * 1000 + "\n").encode() * 440)
    assert path.stat().st_size > 10 << 20
    code, _out, err = run(capsys, str(path))
    assert code == 3 and "too large" in err


def test_a_missing_file_or_a_directory(capsys, tmp_path):
    code, _out, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 3 and "no such file" in err
    code, _out, err = run(capsys, str(tmp_path))
    assert code == 3 and "a directory" in err


def test_text_with_no_date_exits_4(capsys, tmp_path):
    path = tmp_path / "no-date.txt"
    path.write_text("التقى السفير عمر هلال بعدد من الدبلوماسيين في جنيف.", encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 4 and out == "" and "no date found" in err


def test_a_yearless_date_without_an_anchor_says_what_to_give(capsys, tmp_path):
    path = tmp_path / "no-year.txt"
    path.write_text("التقى السفير عمر هلال في 22 يوليو بعدد من الدبلوماسيين.", encoding="utf-8")
    code, _out, err = run(capsys, str(path))
    assert code == 4 and "--published" in err


def test_a_file_name_with_escape_sequences_is_printed_escaped(capsys, tmp_path):
    path = tmp_path / "a\x1b[31mb.txt"
    path.write_bytes(b"")
    code, _out, err = run(capsys, str(path))
    assert code == 3 and "\x1b" not in err and "\\x1b" in err


def test_a_bad_publication_date_is_a_usage_error(capsys):
    code, _out, err = run(capsys, str(SEED_000), "--published", "2024-13")
    assert code == 2 and "2024-13" in err and "Traceback" not in err


def test_names_come_from_the_dataset_given_with_data(capsys):
    mini = ROOT / "tests" / "fixtures" / "mini"
    article = mini / "seeds" / "geneva-visit.txt"
    code, out, err = run(
        capsys, str(article), "--data", str(mini / "data"), "--published", "2024-04", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    # The mini dataset knows Tedros by no name: he is a candidate there.
    assert {m["entity"] for m in result["mentions"]} >= {"omar-hilale", "who", "geneva"}
    assert "tedros-adhanom-ghebreyesus" not in {m["entity"] for m in result["mentions"]}
    assert any(c["text"] == "تيدروس آدانوم غيبريسوس" for c in result["candidates"])


def test_control_and_bidi_characters_of_the_article_reach_the_terminal_escaped(capsys, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(
        "التقى السفير عمر هلال في جنيف \u202eيوم\u202c 22 أبريل 2024 \x1b[2J بالوفد.",
        encoding="utf-8",
    )
    code, out, _err = run(capsys, str(path))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\u202e" in out and "\\u001b" in out
