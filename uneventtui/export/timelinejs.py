"""TimelineJS: its JSON, and one HTML page that draws it.

TimelineJS reads headlines and texts as HTML, so every string from the data is
HTML-escaped before it goes in (a title shows as written, never as markup); Arabic
goes in `<span dir="rtl" lang="ar">`. Partial dates stay partial: a month-precision
date has no day, a year-precision one no month (and `display_date` shows the dates as
the data states them). The page embeds the JSON in a `<script type="application/json">`
with `<`, `>`, `&` and the line separators escaped, so no string can close the script
element; TimelineJS itself is loaded from the Knight Lab CDN, or from a local copy.
"""

from __future__ import annotations

import html as html_module
import json
from pathlib import Path
from typing import Any

from uneventtui.export import Export
from uneventtui.export.common import (
    WORDS,
    citations,
    date_text,
    entity_name,
    label_name,
    one_line,
    plain,
    safe_url,
)
from uneventtui.model import Event, PartialDate, Timeline

# The Knight Lab's published location of TimelineJS 3 (the default `script_path` in
# TimelineJS's own source, src/js/timeline/Timeline.js).
CDN = "https://cdn.knightlab.com/libs/timeline3/latest"


def esc(text: str | None) -> str:
    """Data as HTML text (quotes too: the same escape serves in attributes)."""
    return html_module.escape(plain(text), quote=True).replace("\n", "<br>")


def esc_line(text: str | None) -> str:
    return html_module.escape(one_line(text), quote=True)


def arabic(text: str) -> str:
    """An escaped Arabic paragraph, marked right-to-left."""
    return f'<p dir="rtl" lang="ar">{esc(text)}</p>'


def english(text: str) -> str:
    return f'<p dir="ltr" lang="en">{esc(text)}</p>'


def tl_date(when: PartialDate) -> dict[str, int]:
    """A TimelineJS date at the precision the data gives."""
    out = {"year": when.year}
    if when.month is not None:
        out["month"] = when.month
        if when.day is not None:
            out["day"] = when.day
    return out


def headline(event: Event, lang: str) -> str:
    """Both titles (each on one line), the interface language's first."""
    ar = f'<span dir="rtl" lang="ar">{esc_line(event.title_ar)}</span>' if event.title_ar else ""
    en = f'<span dir="ltr" lang="en">{esc_line(event.title_en)}</span>' if event.title_en else ""
    return "<br>".join(p for p in ((ar, en) if lang == "ar" else (en, ar)) if p)


def citation_list(event: Event, timeline: Timeline) -> str:
    """The event's sources as an ordered list, linked where they have an http(s) URL."""
    items = []
    for cite in citations(event, timeline):
        label = esc_line(cite.title)
        if cite.symbol and cite.symbol != cite.title:
            label += f" ({esc_line(cite.symbol)})"
        if cite.outlet:
            label += f", {esc_line(cite.outlet)}"
        if cite.published:
            label += f", {cite.published.iso()}"
        if cite.url:
            href = html_module.escape(cite.url, quote=True)
            label = f'<a href="{href}" rel="noopener noreferrer" target="_blank">{label}</a>'
        items.append(f"<li>{label}</li>")
    return f"<ol>{''.join(items)}</ol>" if items else ""


def body_text(event: Event, timeline: Timeline, lang: str) -> str:
    words = WORDS[lang]
    facts = []
    if event.place:
        place = entity_name(timeline, event.place, lang)
        facts.append(f"<p><b>{words['place']}:</b> {esc_line(place)}</p>")
    if event.participants:
        names = []
        for p in event.participants:
            role = p.role_ar if lang == "ar" else p.role_en
            name = esc_line(entity_name(timeline, p.entity, lang))
            names.append(f"{name} ({esc_line(role)})" if role else name)
        facts.append(f"<p><b>{words['participants']}:</b> {'; '.join(names)}</p>")
    if event.summary_ar:
        facts.append(arabic(event.summary_ar))
    if event.summary_en:
        facts.append(english(event.summary_en))
    cited = citation_list(event, timeline)
    if cited:
        facts.append(f"<p><b>{words['sources']}:</b></p>{cited}")
    return "".join(facts)


def timeline_data(export: Export) -> dict[str, Any]:
    """The TimelineJS JSON object for the export."""
    lang = export.lang if export.lang in WORDS else "en"
    timeline = export.timeline
    described = export.filters.describe(lang, timeline)
    heading = f"uneventtui: {WORDS[lang]['title']}" + (f" ({described})" if described else "")
    count = WORDS[lang]["count"].format(n=len(export.events))
    events = []
    for event in export.events:
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": tl_date(event.start),
            "display_date": esc_line(date_text(event, lang)),
            "text": {"headline": headline(event, lang), "text": body_text(event, timeline, lang)},
            "group": esc_line(label_name(timeline.tracks, event.track, lang)),
        }
        if event.end is not None and event.end != event.start:
            item["end_date"] = tl_date(event.end)
        events.append(item)
    return {
        "title": {"text": {"headline": esc_line(heading), "text": f"<p>{esc_line(count)}</p>"}},
        "events": events,
    }


def timeline_json(export: Export) -> bytes:
    text = json.dumps(timeline_data(export), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def script_json(value: Any) -> str:
    """JSON to embed in an HTML <script> element: nothing in it can end the element or
    start a comment (`<`, `>`, `&` escaped), nor a line in old JavaScript parsers."""
    text = json.dumps(value, ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


class TimelineJSNotFound(ValueError):
    """--timelinejs names a directory without TimelineJS's js/timeline.js in it."""


def library_location(given: str | None) -> str:
    """Where the page loads TimelineJS from (a URL ending in "/"): the CDN, an http(s)
    URL given as is, or a local directory holding TimelineJS's dist (js/timeline.js,
    css/timeline.css) as a file: URL."""
    if not given:
        return CDN + "/"
    if given.startswith(("http://", "https://")):
        url = safe_url(given)
        if url is None:
            raise TimelineJSNotFound(f"{given}: not a usable http(s) URL")
        return url.rstrip("/") + "/"
    directory = Path(given).expanduser().resolve()
    if not (directory / "js" / "timeline.js").is_file():
        if (directory / "dist" / "js" / "timeline.js").is_file():  # the npm package's root
            directory = directory / "dist"
        else:
            raise TimelineJSNotFound(
                f"{given}: no js/timeline.js there; give TimelineJS's dist directory "
                "(e.g. node_modules/@knight-lab/timelinejs/dist)"
            )
    return directory.as_uri() + "/"


PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="uneventtui">
<title>{title}</title>
<link rel="stylesheet" href="{library}css/timeline.css">
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; }}
header, main {{ padding: 0 1rem; }}
#timeline {{ width: 100%; height: 640px; }}
[lang="ar"] {{ font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }}
article h3 > span {{ display: block; }}  /* each title its own line, Arabic on the right */
article h3 > br {{ display: none; }}
</style>
</head>
<body>
<header><h1>{title}</h1><p>{count}</p></header>
<div id="timeline" dir="ltr"></div>
<noscript><p>{noscript}</p></noscript>
<main>
<h2>{events_heading}</h2>
{listing}
<p><small>{made}</small></p>
</main>
<script type="application/json" id="uneventtui-timeline">{data}</script>
<script src="{library}js/timeline.js"></script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("uneventtui-timeline").textContent);
  if (window.TL && data.events.length) {{
    window.timeline = new TL.Timeline("timeline", data, {{
      language: "{lang}",
      script_path: {script_path},
      hash_bookmark: false,
      timenav_position: "bottom"
    }});
  }}
}})();
</script>
</body>
</html>
"""


def listing(export: Export, lang: str) -> str:
    """The events as a plain list, for readers without JavaScript and for print."""
    items = []
    for event in export.events:
        items.append(
            f'<article id="event-{esc_line(event.id)}">'
            f"<h3>{headline(event, lang)}</h3>"
            f"<p><b>{WORDS[lang]['date']}:</b> {esc_line(date_text(event, lang))}</p>"
            f"{body_text(event, export.timeline, lang)}</article>"
        )
    return "\n".join(items)


def html(export: Export) -> bytes:
    """One page: TimelineJS drawing the events, and the same events listed below."""
    lang = export.lang if export.lang in WORDS else "en"
    words = WORDS[lang]
    data = timeline_data(export)
    location = library_location(export.timelinejs)
    library = html_module.escape(location, quote=True)
    page = PAGE.format(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        title=data["title"]["text"]["headline"],
        count=esc_line(words["count"].format(n=len(export.events))),
        noscript=esc_line(words["noscript"]),
        events_heading=words["title"],
        listing=listing(export, lang),
        made=words["made"],
        data=script_json(data),
        library=library,
        script_path=script_json(location + "js/"),
    )
    return page.encode("utf-8")
