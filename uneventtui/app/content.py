"""What the detail pane says about an event or an entity: the content types (`Block`,
`RowList`, where a link leads: `Target`) and the functions that build them.

Plain data and functions of the model (no widgets), so the content is easy to test and
change. Text stays logical here; the `DocumentView` shapes and lays it out. Building a
document does no text layout and formats nothing per event: an entity's events are a
`RowList` whose rows are made when drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from uneventtui.app.i18n import tr
from uneventtui.model import Entity, Event, Timeline, format_range

Target = tuple[str, str]  # ("event" | "entity", id), or ("source", its index in the event)


class Block(NamedTuple):
    """A piece of a document, in logical order (not yet shaped).

    kind: "heading" (wrapped, bold), "section" (a rule with a label), "field" (label and
    value), "text" (a wrapped paragraph), "note" (dim), "quote" (indented, marked),
    "link" (selectable, follows `target`), "blank".
    """

    kind: str
    text: str = ""
    label: str = ""
    target: Target | None = None

    @property
    def is_link(self) -> bool:
        return self.kind == "link" and self.target is not None


class RowList(NamedTuple):
    """`size` one-line links, made only when shown: `text(i)` is the i-th row (logical
    text), `target(i)` where it leads (without making its text)."""

    size: int
    text: Callable[[int], str]
    target: Callable[[int], Target]


Content = Block | RowList


class Targets(Sequence):
    """Where each link of a document leads, in order; a row's target made on demand."""

    def __init__(self, blocks: Sequence[Content]) -> None:
        self._firsts: list[int] = []
        self._parts: list[Content] = []
        count = 0
        for block in blocks:
            size = block.size if isinstance(block, RowList) else int(block.is_link)
            if size:
                self._firsts.append(count)
                self._parts.append(block)
                count += size
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        k = bisect_right(self._firsts, index) - 1
        part = self._parts[k]
        return part.target(index - self._firsts[k]) if isinstance(part, RowList) else part.target


def both(ar: str, en: str, lang: str) -> str:
    """A name in both scripts, the interface language first: "Omar Hilale · عمر هلال"."""
    first, second = (ar, en) if lang == "ar" else (en, ar)
    if first and second and first != second:
        return f"{first} · {second}"
    return first or second


def one(ar: str, en: str, lang: str) -> str:
    """The text in the interface language, or the other one when it is missing."""
    return (ar or en) if lang == "ar" else (en or ar)


def label_name(labels: dict, key: str, lang: str) -> str:
    label = labels.get(key)
    return one(label.name_ar, label.name_en, lang) if label else key


def entity_name(timeline: Timeline, entity_id: str, lang: str) -> str:
    entity = timeline.entities.get(entity_id)
    return both(entity.name_ar, entity.name_en, lang) if entity else entity_id


def paragraphs(section: str, ar: str, en: str, lang: str) -> list[Block]:
    """A section with a text in both languages, the interface language first."""
    texts = [text for text in ((ar, en) if lang == "ar" else (en, ar)) if text]
    if not texts:
        return []
    blocks = [Block("section", section), Block("text", texts[0])]
    if len(texts) > 1:
        blocks += [Block("blank"), Block("text", texts[1])]
    return blocks


def event_blocks(event: Event, timeline: Timeline, lang: str) -> list[Block]:
    """The event view: titles, dates, place, kind, track, other names, summary, people, sources."""
    t = lambda key: tr(key, lang)  # noqa: E731
    blocks = [Block("heading", event.title_ar), Block("heading", event.title_en), Block("blank")]
    blocks.append(Block("field", format_range(event.start, event.end, lang), t("date")))
    if event.date_note:
        note = one(event.date_note_ar, event.date_note, lang)
        blocks.append(Block("field", note, t("inferred")))
    if event.place:
        place = entity_name(timeline, event.place, lang)
        blocks.append(Block("link", place, t("place"), ("entity", event.place)))
    blocks.append(Block("field", label_name(timeline.event_kinds, event.kind, lang), t("kind")))
    blocks.append(Block("field", label_name(timeline.tracks, event.track, lang), t("track")))
    if event.aliases:
        blocks.append(Block("field", "\n".join(event.aliases), t("aliases")))
    blocks += paragraphs(t("summary"), event.summary_ar, event.summary_en, lang)
    if event.participants:
        blocks.append(Block("section", t("participants")))
        for participant in event.participants:
            name = entity_name(timeline, participant.entity, lang)
            role = one(participant.role_ar, participant.role_en, lang)
            text = f"{name} — {role}" if role else name
            blocks.append(Block("link", text, target=("entity", participant.entity)))
    if event.organizations:
        blocks.append(Block("section", t("organizations")))
        for org in event.organizations:
            blocks.append(Block("link", entity_name(timeline, org, lang), target=("entity", org)))
    if event.sources:
        blocks.append(Block("section", t("sources")))
        for index, ref in enumerate(event.sources):
            blocks += source_blocks(ref, timeline, lang, index)
    return blocks


def source_blocks(ref, timeline: Timeline, lang: str, index: int = 0) -> list[Block]:
    """One source of an event: what it is (a link: Enter opens the reader on it), and
    the quote or the URL/symbol."""
    source = timeline.sources.get(ref.source)
    out: list[Block] = []
    if source is None:
        return [Block("note", ref.source)]
    parts = [p for p in (source.title, source.outlet) if p]
    if source.published:
        parts.append(source.published.format(lang))
    out.append(Block("link", " — ".join(parts) or source.id, target=("source", str(index))))
    if source.kind == "seed":
        if ref.quote:
            out.append(Block("quote", ref.quote))
        out.append(Block("note", tr("read_source", lang)))
    else:
        out.append(Block("note", ref.url or source.reference))
    return out


def entity_blocks(entity: Entity, timeline: Timeline, lang: str) -> list[Block | RowList]:
    """The entity view: names, aliases, description, and all its events in order with
    its role at each."""
    t = lambda key: tr(key, lang)  # noqa: E731
    blocks: list[Block | RowList]
    blocks = [Block("heading", entity.name_ar), Block("heading", entity.name_en), Block("blank")]
    kind = t(entity.kind)
    blocks.append(
        Block("field", f"{kind} ({entity.subkind})" if entity.subkind else kind, t("kind"))
    )
    if entity.aliases:
        # one per line: each alias gets its own direction (Latin and Arabic mix badly)
        blocks.append(Block("field", "\n".join(entity.aliases), t("aliases")))
    blocks += paragraphs(t("description"), entity.description_ar, entity.description_en, lang)
    blocks.append(Block("section", f"{t('events')} ({timeline.event_count(entity.id):,})"))
    blocks.append(event_rows(entity.id, timeline, lang))
    return blocks


def event_rows(entity_id: str, timeline: Timeline, lang: str) -> RowList:
    """All the events of an entity, one row each: date, title, and the role it held
    there ("the roles it held over time"). A row reads its event only when drawn, so
    an entity with thousands of events costs one screenful."""
    positions = timeline.event_positions_of(entity_id)
    ids = timeline.event_column("id")

    def text(i: int) -> str:
        event = timeline.events[positions[i]]
        date = format_range(event.start, event.end, lang)
        title = one(event.title_ar, event.title_en, lang)
        roles = [
            one(p.role_ar, p.role_en, lang) for p in event.participants if p.entity == entity_id
        ]
        role = next((r for r in roles if r), "")
        return f"{date} — {title} · {role}" if role else f"{date} — {title}"

    return RowList(len(positions), text, lambda i: ("event", ids[positions[i]]))
