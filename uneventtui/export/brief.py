"""A bilingual brief in Markdown: one section per event, numbered citations.

Readable as plain text and ready for pandoc (`pandoc brief.md -o brief.docx`): a YAML
header, Arabic in fenced divs with `dir="rtl"` and `lang="ar"`, links as <autolinks>.
Every string from the data is escaped, so a title cannot become markup or raw HTML.
"""

from __future__ import annotations

import json
import re

from uneventtui.export import Export
from uneventtui.export.common import (
    WORDS,
    Citation,
    citations,
    date_text,
    entity_name,
    label_name,
    one_line,
    plain,
)
from uneventtui.model import Event, Timeline

# ASCII punctuation Markdown (CommonMark, pandoc's extensions) may read as markup
# anywhere in a line; and what may start a block at the start of one.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>$^~@&|!])")
_BLOCK_START = re.compile(r"^(\s*)([#+\-=:>]|\d+(?=[.)]))")


def escape(text: str | None) -> str:
    """One line of data as Markdown text that reads as itself."""
    return _markdown_text(one_line(text))


def _markdown_text(line: str) -> str:
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", line)
    # "1995. ..." or "- ..." at a line's start would begin a list: escape its marker.
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)


def _escape_marker(marker: str) -> str:
    return marker + "\\" if marker.isdigit() else "\\" + marker


def escape_block(text: str | None) -> str:
    """A paragraph of data (line breaks kept as hard breaks)."""
    lines = [_markdown_text(line.strip()) for line in plain(text).split("\n")]
    return "\\\n".join(line for line in lines if line)


def arabic_block(text: str) -> list[str]:
    """Arabic text in a pandoc fenced div, right-to-left."""
    return ['::: {dir="rtl" lang="ar"}', text, ":::", ""]


def citation_line(number: int, cite: Citation, lang: str) -> str:
    parts = [f"{number}. {escape(cite.title)}"]
    if cite.outlet:
        parts.append(escape(cite.outlet))
    if cite.published:
        parts.append(cite.published.format(lang))
    if cite.symbol:
        parts.append(f"UN {escape(cite.symbol)}" if lang == "en" else escape(cite.symbol))
    if cite.url:
        parts.append(f"<{cite.url}>")
    elif cite.file:
        parts.append(f"`{cite.file}`" if "`" not in cite.file else escape(cite.file))
    line = ", ".join(parts)
    if cite.quote:
        line += f" ({WORDS[lang]['quote']}: «{escape(cite.quote)}»)"
    return line


def section(event: Event, timeline: Timeline, lang: str) -> list[str]:
    words = WORDS[lang]
    other = "ar" if lang == "en" else "en"
    title = event.title_ar if lang == "ar" else event.title_en
    lines = [f"## {escape(title) or escape(event.id)}", ""]
    second = event.title_en if lang == "ar" else event.title_ar
    if second:
        lines += arabic_block(f"**{escape(second)}**") if other == "ar" else [escape(second), ""]
    facts = [
        (words["date"], escape(date_text(event, lang))),
        (words["place"], _names(timeline, [event.place] if event.place else [], lang)),
        (words["participants"], _participants(event, timeline, lang)),
        (words["organizations"], _names(timeline, list(event.organizations), lang)),
        (words["kind"], escape(label_name(timeline.event_kinds, event.kind, lang))),
        (words["track"], escape(label_name(timeline.tracks, event.track, lang))),
        (words["id"], f"`{event.id}`" if "`" not in event.id else escape(event.id)),
    ]
    note = event.date_note_ar if lang == "ar" else event.date_note
    if note:
        facts.insert(1, (words["note"], escape(note)))
    lines += [f"- **{name}:** {value}" for name, value in facts if value]
    lines.append("")
    summary_en, summary_ar = event.summary_en, event.summary_ar
    if summary_en:
        lines += [escape_block(summary_en), ""]
    if summary_ar:
        lines += arabic_block(escape_block(summary_ar))
    cites = citations(event, timeline)
    if cites:
        lines += [f"**{words['sources']}:**", ""]
        lines += [citation_line(n, cite, lang) for n, cite in enumerate(cites, 1)]
        lines.append("")
    return lines


def _names(timeline: Timeline, ids: list[str], lang: str) -> str:
    out = []
    for entity_id in ids:
        name, other = (entity_name(timeline, entity_id, code) for code in (lang, _other(lang)))
        out.append(escape(name) + (f" ({escape(other)})" if other and other != name else ""))
    return "; ".join(out)


def _participants(event: Event, timeline: Timeline, lang: str) -> str:
    out = []
    for participant in event.participants:
        name = escape(entity_name(timeline, participant.entity, lang))
        role = participant.role_ar if lang == "ar" else participant.role_en
        out.append(f"{name} ({escape(role)})" if role else name)
    return "; ".join(out)


def _other(lang: str) -> str:
    return "en" if lang == "ar" else "ar"


def md(export: Export) -> bytes:
    lang = export.lang if export.lang in WORDS else "en"
    words = WORDS[lang]
    timeline = export.timeline
    described = export.filters.describe(lang, timeline)
    title = f"uneventtui: {words['title']}" + (f" ({described})" if described else "")
    header = [
        "---",
        # A JSON string is a YAML double-quoted string; pandoc reads its text as Markdown.
        f"title: {json.dumps(escape(title), ensure_ascii=False)}",
        f"lang: {lang}",
        f"dir: {'rtl' if lang == 'ar' else 'ltr'}",
        "---",
        "",
        words["count"].format(n=len(export.events))
        + (f". {words['filters']}: {escape(described)}" if described else ""),
        "",
    ]
    body: list[str] = []
    for event in export.events:
        body += section(event, timeline, lang)
    if not export.events:
        body += [words["none"], ""]
    return "\n".join(header + body).encode("utf-8")
