"""The sources the selected events cite, for Zotero and other reference managers:
CSL-JSON (pandoc's citeproc too), BibTeX and RIS.

A source with a UN document symbol is a report with the symbol as its number (CSL
`number`, BibTeX @techreport `number`, RIS RPRT `SN`: Zotero's RIS import reads SN as
a report's number); a source that names its outlet is a newspaper article; any other
web page is a web page; a seed article with neither is an article. Only http(s) URLs
are written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from uneventtui.export import Export
from uneventtui.export.common import cited_sources, has_arabic, one_line, plain, safe_url
from uneventtui.model import Source

UN = "United Nations"


def kind_of(source: Source) -> str:
    """'report', 'news', 'webpage' or 'article'."""
    if source.symbol:
        return "report"
    if source.outlet:
        return "news"
    if source.kind == "external" and source.url:
        return "webpage"
    return "article"


def title_of(source: Source) -> str:
    return one_line(source.title) or one_line(source.symbol) or source.id


def language_of(source: Source) -> str:
    return "ar" if has_arabic(source.title or "") else "en"


# --- CSL-JSON ---------------------------------------------------------------------

CSL_TYPES = {
    "report": "report",
    "news": "article-newspaper",
    "webpage": "webpage",
    "article": "article",
}


def csl_item(source: Source) -> dict[str, Any]:
    kind = kind_of(source)
    item: dict[str, Any] = {"id": source.id, "type": CSL_TYPES[kind], "title": title_of(source)}
    if source.symbol:
        item["number"] = one_line(source.symbol)
        item["publisher"] = UN
    if source.outlet:
        item["container-title"] = one_line(source.outlet)
    if source.published:
        date = source.published
        item["issued"] = {"date-parts": [[x for x in (date.year, date.month, date.day) if x]]}
    url = safe_url(source.url)
    if url:
        item["URL"] = url
    item["language"] = language_of(source)
    if source.note:
        item["note"] = plain(source.note)
    return item


def csl_json(export: Export) -> bytes:
    items = [csl_item(s) for s in cited_sources(export.events, export.timeline)]
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- BibTeX -----------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("[" + re.escape("".join(_TEX_SPECIAL)) + "]")
BIBTEX_TYPES = {"report": "techreport", "news": "article", "webpage": "misc", "article": "misc"}


def tex(text: str | None) -> str:
    """Data as BibTeX field text: TeX's special characters escaped, braces balanced."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], one_line(text))


def bibtex_key(source_id: str, taken: set[str]) -> str:
    """A citation key from the source id (letters, digits, - _ : .), unique."""
    base = re.sub(r"[^A-Za-z0-9_:.-]", "-", source_id).strip("-") or "source"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def bibtex_entry(source: Source, key: str) -> str:
    kind = kind_of(source)
    fields = [("title", "{" + tex(title_of(source)) + "}")]  # inner braces keep its case
    if source.symbol:
        fields += [("number", tex(source.symbol)), ("institution", UN)]
    if source.outlet:
        fields.append(("journal", tex(source.outlet)))
    if source.published:
        fields.append(("year", str(source.published.year)))
        if source.published.month:
            fields.append(("month", str(source.published.month)))
        fields.append(("date", source.published.iso()))
    url = safe_url(source.url)
    if url:
        # A URL in braces as it is, but for what TeX would still read: % and #.
        fields.append(("url", url.replace("%", r"\%").replace("#", r"\#")))
    fields.append(("langid", "arabic" if language_of(source) == "ar" else "english"))
    if source.note:
        fields.append(("note", tex(source.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPES[kind]}{{{key},\n{body}\n}}\n"


def bibtex(export: Export) -> bytes:
    taken: set[str] = set()
    entries = [
        bibtex_entry(s, bibtex_key(s.id, taken))
        for s in cited_sources(export.events, export.timeline)
    ]
    return "\n".join(entries).encode("utf-8")


# --- RIS --------------------------------------------------------------------------

RIS_TYPES = {"report": "RPRT", "news": "NEWS", "webpage": "ELEC", "article": "GEN"}


def ris_record(source: Source) -> list[tuple[str, str]]:
    kind = kind_of(source)
    tags = [("TY", RIS_TYPES[kind]), ("ID", one_line(source.id)), ("TI", title_of(source))]
    if source.symbol:
        tags += [("SN", one_line(source.symbol)), ("PB", UN)]
    if source.outlet:
        tags.append(("T2", one_line(source.outlet)))
    if source.published:
        date = source.published
        tags.append(("PY", str(date.year)))
        month = f"{date.month:02d}" if date.month else ""
        day = f"{date.day:02d}" if date.day else ""
        tags.append(("DA", f"{date.year}/{month}/{day}/"))
    url = safe_url(source.url)
    if url:
        tags.append(("UR", url))
    tags.append(("LA", language_of(source)))
    if source.note:
        tags.append(("N1", one_line(source.note)))
    tags.append(("ER", ""))
    return tags


def ris(export: Export) -> bytes:
    lines = []
    for source in cited_sources(export.events, export.timeline):
        lines += [f"{tag}  - {value}" for tag, value in ris_record(source)]
        lines.append("")
    return "\r\n".join(lines).encode("utf-8")
