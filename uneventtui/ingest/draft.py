"""From an article's dates and names to draft events, as TOML and as JSON.

Each sentence that carries a date and at least one name becomes a draft event
(sentences with the same start date make one event, quoting each). What the
article gives is filled in: the dates, the place, the participants with the role
phrase the article gives them, the organisations, a verbatim quote per sentence;
kind and track are guessed where a word or the known entities point to one.
Everything else is written as an empty string with a `# fill in` comment: `check`
refuses an empty field by name, so no blank is ever silently accepted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from uneventtui.ingest.dates import FoundDate, find_dateline, find_dates
from uneventtui.ingest.fold import fold
from uneventtui.ingest.names import Candidate, Mention, NameFinder, find_candidates
from uneventtui.model import Event, PartialDate, Participant, Source, SourceRef, Timeline

__all__ = ["Draft", "ingest_text"]

BLANK = ""  # what an unfilled field holds in the draft
FILL_IN = "fill in"

# Words that say what kind of event a sentence reports (folded), by kind id.
_KIND_WORDS = (
    ("webinar", ("عبر الانترنت", "ندوه رقميه", "ندوات")),
    ("visit", ("زياره", "بزياره")),
    ("resolution", ("قرار", "اعتمدت الجمعيه")),
    ("appointment", ("تعيين", "عين", "عينت")),
    ("summit", ("القمه",)),
    ("briefing", ("احاطه",)),
    ("meeting", ("اجتماع", "الاجتماع", "لقاء", "اللقاء", "حوار", "جلسه", "انعقد", "مؤتمر")),
)
_SENTENCE_RE = re.compile(r"[^\n.!?؟]*(?:[.!?؟]+|\n|$)")
_ROLE_WORDS = frozenset(
    [
        "نائب",
        "كاتب",
        "كاتبه",
        "رئيس",
        "رئيسه",
        "مدير",
        "مديره",
        "سفير",
        "سفيره",
        "كبير",
        "مساعد",
        "مساعده",
        "مندوب",
        "مندوبه",
        "ممثل",
        "ممثله",
        "وزير",
        "وزيره",
        "امين",
        "امينه",
        "منسق",
        "منسقه",
        "مفوض",
        "مستشار",
        "مستشاره",
        "نظير",
        "نظيره",
        "نظيرته",
        "نظيرها",
    ]
)
_ROLE_AFTER_RE = re.compile(r"^\s*[،,]\s*([^،,.؛:\n\"«»]{3,})")
_ROLE_BEFORE_RE = re.compile(r"([^،,.؛:\n\"«»]{3,})[،,]\s*$")
# A role phrase ends where a clause begins: "الكاتبة العامة للمندوبية التي أطلعت ...".
_CLAUSE_RE = re.compile(r"\s+(?:التي|الذي|الذين|اللذين|حيث|بمعية|بحضور|مع|عن|على)\s+")


@dataclass
class DraftEvent:
    id: str
    start: PartialDate
    end: PartialDate | None
    inferred: bool
    date_texts: list[str]
    kind: str = BLANK
    track: str = BLANK
    place: str = BLANK
    participants: dict[str, str] = field(default_factory=dict)  # entity -> role_ar
    organizations: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    anchor: PartialDate | None = None
    relative: bool = False  # counted from the publication date ("أمس"), not just its year

    def date_notes(self) -> tuple[str, str]:
        if not self.inferred:
            return BLANK, BLANK
        said = " / ".join(dict.fromkeys(self.date_texts))
        anchor = self.anchor.iso() if self.anchor else "?"
        if self.relative:
            return (
                f"The article gives «{said}», relative to its publication date ({anchor}); "
                "the date is counted from it.",
                f"يذكر المقال «{said}» نسبةً إلى تاريخ نشره ({anchor})، والتاريخ محسوب منه.",
            )
        return (
            f"The article gives «{said}» without a year; the year comes from the publication "
            f"date ({anchor}).",
            f"يذكر المقال «{said}» دون سنة؛ والسنة مأخوذة من تاريخ النشر ({anchor}).",
        )


@dataclass
class DraftEntity:
    id: str
    kind: str
    name_ar: str
    quote: str


@dataclass
class Draft:
    """Everything `ingest` found in one article."""

    text: str
    file_name: str
    published: PartialDate | None
    dates: list[FoundDate]
    mentions: list[Mention]
    candidates: list[Candidate]
    events: list[DraftEvent]
    entities: list[DraftEntity]
    source: Source

    def as_json(self) -> dict:
        return {
            "published": self.published.iso() if self.published else None,
            "dates": [d.as_json() for d in self.dates],
            "mentions": [m.as_json() for m in self.mentions],
            "candidates": [c.as_json() for c in self.candidates],
            "events": [self.event_json(e) for e in self.events],
        }

    def model_event(self, draft: DraftEvent) -> Event:
        note, note_ar = draft.date_notes()
        return Event(
            id=draft.id,
            kind=draft.kind,
            track=draft.track,
            title_ar=BLANK,
            title_en=BLANK,
            start=draft.start,
            end=draft.end,
            date_note=note,
            date_note_ar=note_ar,
            place=draft.place or None,
            participants=tuple(Participant(e, role) for e, role in draft.participants.items()),
            organizations=tuple(draft.organizations),
            sources=tuple(SourceRef(self.source.id, quote=q) for q in draft.quotes),
        )

    def event_json(self, draft: DraftEvent) -> dict:
        from uneventtui.output import event_json

        timeline = Timeline([], {}, {self.source.id: self.source})
        return event_json(self.model_event(draft), timeline)

    def blanks(self) -> int:
        """How many fields the curator has to fill in."""
        return self.toml().count(f"# {FILL_IN}")

    def toml(self) -> str:
        return _Writer(self).render()


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return slug or "article"


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (and list lines) of `text`, trimmed."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip(" \t\n•·-–*"))
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            spans.append((start + lead, end - trail))
    return spans


def _role(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """The role phrase the article gives next to a name: "NAME، ROLE،" or "ROLE، NAME"."""
    after = _ROLE_AFTER_RE.match(text[end : sentence[1]])
    if after:
        phrase = _CLAUSE_RE.split(after.group(1))[0].strip()
        if _is_role(phrase):
            return phrase
    before = _ROLE_BEFORE_RE.search(text[sentence[0] : start])
    if before:
        phrase = before.group(1).strip()
        phrase = re.split(r"(?:^|\s)(?:مع|بحضور|بمعية)\s+", phrase)[-1]
        phrase = re.sub(r"^و(?=ال)", "", phrase)
        if _is_role(phrase):
            return phrase
    return BLANK


def _is_dateline(text: str, date: FoundDate, anchor: PartialDate | None) -> bool:
    """The publication date in a dateline ("(الرباط، 27 يناير 2023) -", or a line of
    its own) dates the article, not an event."""
    if anchor is None or date.start != anchor or date.end is not None:
        return False
    line_start = text.rfind("\n", 0, date.offset) + 1
    line_end = text.find("\n", date.offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    after = text[date.offset + date.length : date.offset + date.length + 2]
    return line.strip() == date.text or ")" in after


_PLAN_RE = re.compile(r"(?:خطه|اجنده|رؤيه|برنامج|استراتيجيه|افق)[^،,.؛:\n]{0,60}$")


def _names_a_plan(text: str, date: FoundDate) -> bool:
    """ "خطة 2030", "برنامج عمل … لعام 2025": a year in a plan's name, not an event's."""
    if date.start is None or date.start.precision != "year" or date.end is not None:
        return False
    return bool(_PLAN_RE.search(fold(text[max(0, date.offset - 80) : date.offset]).text))


def _after_preposition(text: str, offset: int) -> bool:
    before = fold(text[max(0, offset - 6) : offset]).text
    return (
        bool(re.search(r"(?:^|\s)(?:في|الي|من|ب)\s*$", before)) or text[offset : offset + 1] == "ب"
    )


def _is_role(phrase: str) -> bool:
    words = fold(phrase).text.split()
    if not words or len(words) > 16:
        return False
    first = words[0]
    return first in _ROLE_WORDS or (first.startswith("ال") and first[2:] in _ROLE_WORDS)


def _kind(sentence: str, known_kinds) -> str:
    words = f" {fold(sentence).text} "
    for kind, cues in _KIND_WORDS:
        if kind in known_kinds and any(f" {cue} " in words or f" و{cue} " in words for cue in cues):
            return kind
    return BLANK


def _track(entity_ids: list[str], timeline: Timeline) -> str:
    """The track most events naming these entities belong to (a guess to check)."""
    votes: Counter[str] = Counter()
    for entity_id in entity_ids:
        count = timeline.event_count(entity_id)
        if not count or count > max(3, len(timeline.events) // 4):
            continue  # an entity in everything ("the UN") says nothing about the track
        votes.update(e.track for e in timeline.events_of(entity_id))
    return votes.most_common(1)[0][0] if votes else BLANK


def ingest_text(
    text: str,
    timeline: Timeline,
    file_name: str,
    published: PartialDate | None = None,
) -> Draft:
    """Find the dates, names and draft events of one article."""
    anchor = published or find_dateline(text)
    dates = find_dates(text, anchor)
    mentions = NameFinder(timeline.entities).find(text)
    candidates = find_candidates(text, mentions)
    stem = Path(file_name).stem
    source = Source(
        id=f"draft-source-{_slug(stem)}",
        kind="seed",
        title=_headline(text),
        file=file_name,
        published=anchor,
    )
    entities = _draft_entities(text, candidates)
    events = _draft_events(text, timeline, dates, mentions, candidates, entities, anchor)
    return Draft(text, file_name, anchor, dates, mentions, candidates, events, entities, source)


def _headline(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= 200 and not first.endswith((".", ":", "-")) and len(first.split()) >= 3:
        return first
    return BLANK


def _draft_entities(text: str, candidates: list[Candidate]) -> list[DraftEntity]:
    found: dict[tuple[str, str], DraftEntity] = {}
    counters: Counter[str] = Counter()
    for candidate in candidates:
        key = (candidate.kind, fold(candidate.text).text)
        if key in found:
            continue
        counters[candidate.kind] += 1
        entity_id = f"draft-{candidate.kind}-{counters[candidate.kind]}"
        found[key] = DraftEntity(entity_id, candidate.kind, candidate.text, candidate.text)
    return list(found.values())


@dataclass
class _Dated:
    """A sentence that carries a date: what `_draft_events` builds events from."""

    start: int
    end: int
    date: FoundDate
    named: list[Mention]
    new: list[Candidate]


def _dated_sentences(
    text: str,
    dates: list[FoundDate],
    mentions: list[Mention],
    candidates: list[Candidate],
    anchor: PartialDate | None,
) -> list[_Dated]:
    found = []
    date_at = [d.offset for d in dates]
    mention_at = [m.offset for m in mentions]
    candidate_at = [c.offset for c in candidates]

    def within(items: list, offsets: list[int], start: int, end: int) -> list:
        return items[bisect_left(offsets, start) : bisect_left(offsets, end)]

    for start, end in _sentences(text):
        inside = [
            d
            for d in within(dates, date_at, start, end)
            if d.start is not None
            and not _is_dateline(text, d, anchor)
            and not _names_a_plan(text, d)
        ]
        if inside:
            named = within(mentions, mention_at, start, end)
            new = within(candidates, candidate_at, start, end)
            found.append(_Dated(start, end, inside[0], named, new))
    return found


def _draft_events(
    text: str,
    timeline: Timeline,
    dates: list[FoundDate],
    mentions: list[Mention],
    candidates: list[Candidate],
    entities: list[DraftEntity],
    anchor: PartialDate | None,
) -> list[DraftEvent]:
    """One event per start date among the dated sentences that name someone; a dated
    sentence naming no one adds its quote (and its end date) to the event of the
    same start ("ويمتد من 22 إلى 24 يوليو")."""
    sentences = _dated_sentences(text, dates, mentions, candidates, anchor)
    events: dict[PartialDate, DraftEvent] = {}
    filler = _Filler(text, timeline, mentions, entities)
    for with_names in (True, False):
        for dated in sentences:
            if bool(dated.named or dated.new) != with_names:
                continue
            date = dated.date
            assert date.start is not None
            event = events.get(date.start)
            if event is None:
                if not with_names:
                    continue
                event = events[date.start] = DraftEvent(
                    id="", start=date.start, end=date.end, inferred=date.inferred,
                    date_texts=[], anchor=anchor, relative=date.relative,
                )  # fmt: skip
            elif date.end is not None and (
                event.end is None or date.end.sort_key > event.end.sort_key
            ):
                event.end = date.end
            event.date_texts.append(date.text)
            filler.add(event, dated)
    ordered = sorted(events.values(), key=lambda e: (e.start.sort_key, e.end is None))
    used: Counter[str] = Counter()
    for event in ordered:
        base = f"draft-{event.start.iso()}"
        used[base] += 1
        event.id = base if used[base] == 1 else f"{base}-{used[base]}"
        # Who took part says more about the track than where: a city hosts every track.
        event.track = _track([*event.participants, *event.organizations], timeline) or (
            _track([event.place], timeline) if event.place else BLANK
        )
    return ordered


class _Filler:
    """Fills a draft event from one of its sentences."""

    def __init__(
        self,
        text: str,
        timeline: Timeline,
        mentions: list[Mention],
        entities: list[DraftEntity],
    ):
        self.text = text
        self.timeline = timeline
        self.entity_of = {(e.kind, fold(e.name_ar).text): e.id for e in entities}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.places_by_line: dict[int, list[str]] = {}
        for mention in mentions:
            if mention.kind == "place":
                line = self.line_of(mention.offset)
                self.places_by_line.setdefault(line, []).append(mention.entity)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def add(self, event: DraftEvent, dated: _Dated) -> None:
        text = self.text
        sentence = text[dated.start : dated.end]
        if sentence not in event.quotes:
            event.quotes.append(sentence)
        # Each person in the sentence, known or new, bounds the role phrases of the others
        # ("المندوب الوزاري … بمعية ناتالي فوستيه، المنسقة …").
        names = sorted(
            [(m.offset, m.offset + m.length) for m in dated.named if m.kind == "person"]
            + [(c.offset, c.offset + c.length) for c in dated.new if c.kind == "person"]
        )
        roles: list[tuple[int, int]] = []

        def role_of(start: int, end: int) -> str:
            before = max((b for a, b in names if b <= start), default=dated.start)
            after = min((a for a, b in names if a >= end), default=dated.end)
            role = _role(text, start, end, (before, after))
            if role:
                at = text.rfind(role, before, after)
                roles.append((at, at + len(role)))
            return role

        for mention in dated.named:
            entity = self.timeline.entities.get(mention.entity)
            if mention.kind == "person":
                role = role_of(mention.offset, mention.offset + mention.length)
                if role or mention.entity not in event.participants:
                    event.participants[mention.entity] = role or event.participants.get(
                        mention.entity, BLANK
                    )
            elif (
                mention.kind == "organization"
                and mention.entity not in event.organizations
                and (entity is None or entity.subkind != "news-outlet")  # the article's outlet
            ):
                event.organizations.append(mention.entity)
        for candidate in dated.new:
            entity_id = self.entity_of.get((candidate.kind, fold(candidate.text).text))
            if entity_id is None:
                continue
            if candidate.kind == "person":
                role = role_of(candidate.offset, candidate.offset + candidate.length)
                event.participants.setdefault(entity_id, role)
            elif entity_id not in event.organizations:
                event.organizations.append(entity_id)
        if not event.place:
            event.place = self.place(dated, roles)
        if not event.kind:
            event.kind = _kind(sentence, self.timeline.event_kinds)

    def place(self, dated: _Dated, roles: list[tuple[int, int]]) -> str:
        """A known place the sentence names outside its role phrases ("في جنيف" before
        "سفير المغرب"), else one named in the same paragraph."""
        places = [
            m
            for m in dated.named
            if m.kind == "place" and not any(a <= m.offset < b for a, b in roles)
        ]
        if places:
            places.sort(key=lambda m: not _after_preposition(self.text, m.offset))
            return places[0].entity
        nearby = self.places_by_line.get(self.line_of(dated.start), [])
        return nearby[0] if nearby else BLANK


# --- TOML ------------------------------------------------------------------------

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


# Written as \\uXXXX although TOML allows them raw, as `output.to_json` does: the bidi
# controls, ALM/LRM/RLM, the line separators and U+FEFF would reorder or hide what a
# terminal shows of the draft (Trojan Source). Read back, they are the same text, so a
# quote still matches its article verbatim.
_INVISIBLE = frozenset(
    [0x061C, 0x200E, 0x200F, 0xFEFF, *range(0x2028, 0x202F), *range(0x2066, 0x2070)]
)


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes, every control character and every
    invisible reordering mark escaped."""
    out = []
    for char in value:
        code = ord(char)
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in _INVISIBLE:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class _Writer:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.lines: list[str] = []

    def field(self, key: str, value: str, why: str = "") -> None:
        if value == BLANK:
            self.lines.append(f'{key} = ""  # {FILL_IN}{": " + why if why else ""}')
        else:
            self.lines.append(f"{key} = {toml_string(value)}{'  # ' + why if why else ''}")

    def render(self) -> str:
        draft = self.draft
        out = self.lines
        out += [
            f"# Draft from {draft.file_name} by `uneventtui ingest`. Fill in every field marked",
            f"# '{FILL_IN}' (`uneventtui check` names each one still empty), check each guess,",
            "# and save the article beside the seeds under the [[source]]'s file name.",
            "",
            "[[source]]",
        ]
        source = draft.source
        self.field("id", source.id)
        self.field("kind", "seed")
        self.field("file", source.file or BLANK)
        self.field("title", source.title, "the article's headline")
        published = source.published.iso() if source.published else BLANK
        self.field("published", published, "" if published else "or delete the line")
        for entity in draft.entities:
            out += ["", "[[entity]]"]
            self.field("id", entity.id, "a draft: give it a real id")
            self.field("kind", entity.kind)
            self.field("name_ar", entity.name_ar)
            self.field("name_en", BLANK)
            out.append(
                f"sources = [{{ source = {toml_string(source.id)}, "
                f"quote = {toml_string(entity.quote)} }}]"
            )
        for event in draft.events:
            self.event(event)
        return "\n".join(out) + "\n"

    def event(self, event: DraftEvent) -> None:
        out = self.lines
        out += ["", "[[event]]"]
        self.field("id", event.id, "a draft: name it YYYY-MM-DD-what")
        self.field("kind", event.kind, "guessed from the wording: check it" if event.kind else "")
        self.field(
            "track",
            event.track,
            "guessed from the events of the same entities: check it" if event.track else "",
        )
        self.field("title_ar", BLANK)
        self.field("title_en", BLANK)
        self.field("start", event.start.iso())
        if event.end is not None:
            self.field("end", event.end.iso())
        note, note_ar = event.date_notes()
        if note:
            self.field("date_note", note)
            self.field("date_note_ar", note_ar)
        self.field("place", event.place, "" if event.place else "a place id, or delete the line")
        if event.organizations:
            out.append(
                "organizations = [" + ", ".join(toml_string(o) for o in event.organizations) + "]"
            )
        if event.participants:
            out.append("participants = [")
            for entity, role in event.participants.items():
                role_ar = toml_string(role) if role else '""'
                mark = f"  # {FILL_IN}: role_en" + ("" if role else ", role_ar")
                out.append(
                    f'  {{ entity = {toml_string(entity)}, role_ar = {role_ar}, role_en = "" }},'
                    + mark
                )
            out.append("]")
        self.field("summary_ar", BLANK)
        self.field("summary_en", BLANK)
        out.append("sources = [")
        cited = toml_string(self.draft.source.id)
        for quote in event.quotes:
            out.append(f"  {{ source = {cited}, quote = {toml_string(quote)} }},")
        out.append("]")
