"""`uneventtui ingest FILE`: a new Arabic article becomes a draft TOML for the curator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from uneventtui.commands.common import add_verb, load
from uneventtui.filters import date_option
from uneventtui.output import plural, print_json
from uneventtui.text.sanitize import escape_line

if TYPE_CHECKING:  # pragma: no cover
    from uneventtui.ingest import Draft

# Exit codes: 1 the dataset cannot be loaded or the draft not written, 2 a bad
# option, 3 an input that is no article we can read, 4 an article with no date.
NOT_AN_ARTICLE, NO_DATE = 3, 4


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "ingest",
        "draft events from a new Arabic article (text or HTML)",
        "Find the dates (every regional month name, both kinds of Arabic digits, ranges,\n"
        "Hijri and relative dates), the known entities and candidates for new ones in an\n"
        "article, and print a draft TOML: a [[source]], draft [[entity]] entries and one\n"
        "[[event]] per dated sentence that names someone. Fields left empty are marked\n"
        "'fill in'; `uneventtui check` names each one until it is filled. See docs/ingest.md.",
    )
    parser.add_argument("file", metavar="FILE", help="the article: UTF-8 text or HTML")
    parser.add_argument(
        "--published",
        metavar="DATE",
        type=date_option,
        help="its publication date (2024, 2024-04 or 2024-04-25): the year of a date "
        "given without one, and the day relative dates count from; default: the "
        "article's dateline, if it has one",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print what was found as JSON: published, dates, mentions, candidates, events",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the draft TOML (the JSON with --json) to OUT, atomically; for an HTML "
        "article, its extracted text too, beside OUT",
    )
    parser.set_defaults(run=run)


def _fail(path: str, message: str, code: int) -> int:
    print(f"uneventtui: {escape_line(path)}: {escape_line(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from uneventtui.ingest import ArticleError, ingest_text, read_article

    path = Path(args.file)
    try:
        text, was_html = read_article(path)
    except ArticleError as error:
        return _fail(args.file, str(error), NOT_AN_ARTICLE)
    timeline = load(args)
    if timeline is None:
        return 1
    file_name = path.with_suffix(".txt").name if was_html else path.name
    draft = ingest_text(text, timeline, file_name, args.published)
    if not any(d.start is not None for d in draft.dates):
        found = draft.dates
        why = (
            "no date found: it needs a publication date (--published) to place "
            f"{plural(len(found), 'date')} given without a year"
            if found
            else "no date found in the article: nothing to draft an event from"
        )
        if args.json:
            print_json(draft.as_json())
        return _fail(args.file, why, NO_DATE)
    if args.json and not args.output:
        print_json(draft.as_json())
        return 0
    if args.output:
        if not _write(Path(args.output), draft, text if was_html else None, args.json):
            return 1
        shown = escape_line(args.output)
        if args.json:
            print(f"{shown}: the JSON of {escape_line(args.file)}", file=sys.stderr)
            return 0
    else:
        sys.stdout.write(draft.toml())
        shown = "the draft"
    summary = (
        f"{shown}: {plural(len(draft.events), 'draft event')}, "
        f"{plural(len(draft.entities), 'draft entity', 'draft entities')}, "
        f"{plural(len(draft.dates), 'date')}, {plural(len(draft.mentions), 'mention')}; "
        f"{plural(draft.blanks(), 'field')} to fill in"
    )
    if not draft.events:
        summary += "; no sentence carries both a date and a name, so no [[event]] was drafted"
    if was_html:
        where = "written beside the draft" if args.output else "give -o to have it written"
        summary += (
            f"; the article's text ({where}) goes beside the seeds as {escape_line(file_name)}"
        )
    print(summary, file=sys.stderr)
    return 0


def _write(out: Path, draft: Draft, html_text: str | None, as_json: bool) -> bool:
    """Write the draft (TOML, or JSON with --json) to `out`, atomically; for an HTML
    article, its extracted text beside it too, which the quotes and offsets refer to
    (an existing file of that name is left alone). False after a message on failure."""
    from uneventtui.output import to_json
    from uneventtui.paths import write_atomically

    body = to_json(draft.as_json()) + "\n" if as_json else draft.toml()
    targets = [(out, body)]
    if html_text is not None:
        text_path = out.parent / draft.file_name
        if not text_path.exists():
            targets.append((text_path, html_text if html_text.endswith("\n") else html_text + "\n"))
    for target, content in targets:
        try:
            write_atomically(target, content.encode("utf-8"), private=False)
        except OSError as exc:
            _fail(str(target), f"cannot write it: {exc.strerror or exc}", 1)
            return False
    return True
