"""Names in an article: mentions of known entities, and candidates for new ones.

Known entities are found through the search layer's normaliser: every name and
alias of every entity, and the article, go through `normalize` (hamza, taa
marbuta, alef maqsura, harakat, case, Latin accents) and `strip_clitic` (the
article and و/ب/ل/ك/ف + article), so "لمنظمة الصحة العالمية", "والمفوضية" or
"Volker Türk" inside Arabic text find their entity. The longest name wins where
two overlap ("منظمة العمل الدولية" over "العمل").

Candidates are what a curator would add: a title (السيد، السفيرة، المدير العام …)
followed by a name that is no known entity, and an organisation head word
(منظمة، مكتب، وزارة، برنامج …) followed by its defining words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from uneventtui.model import Entity
from uneventtui.search.normalize import is_arabic_word, normalize_with_map, strip_clitic

__all__ = ["Mention", "Candidate", "NameFinder", "find_candidates"]

# A one-letter proclitic (and, with, for, like, so) that Lucene's light stemmer
# leaves on words without the article: "لمنظمة", "ومكتب", "بوزارة".
_PROCLITICS = "وبلكف"


@dataclass(frozen=True)
class Mention:
    entity: str
    kind: str
    text: str
    offset: int
    length: int

    def as_json(self) -> dict:
        return {
            "entity": self.entity,
            "text": self.text,
            "offset": self.offset,
            "length": self.length,
        }


@dataclass(frozen=True)
class Candidate:
    kind: str  # "person" or "organization"
    text: str
    offset: int
    length: int

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "offset": self.offset, "length": self.length}


class _Token:
    __slots__ = ("word", "bare", "start", "end")

    def __init__(self, word: str, start: int, end: int):
        self.word = word  # normalised
        self.bare = strip_clitic(word)  # without its article or conjunction+article
        self.start = start  # span in the normalised text
        self.end = end


def _tokens(normalised: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", normalised)]


@lru_cache(maxsize=2)
def _read(text: str) -> tuple[list[int], list[_Token]]:
    """The origin map and the tokens of `text` normalised: computed once for the
    mentions and the candidates of the same article."""
    normalised, origin = normalize_with_map(text)
    return origin, _tokens(normalised)


def _key(name: str) -> tuple[str, ...]:
    """A name as the matcher compares it: normalised words, each without its clitic."""
    normalised, _ = normalize_with_map(name)
    return tuple(strip_clitic(w) for w in normalised.split())


def _variants(token: _Token, first: bool) -> set[str]:
    """What an article word may stand for: itself without its clitic, and for the
    first word of a name, without a one-letter proclitic too ("لمنظمه")."""
    found = {token.bare, token.word}
    if first and is_arabic_word(token.word) and token.word[0] in _PROCLITICS:
        rest = token.word[1:]
        if len(rest) >= 3:
            found.add(strip_clitic(rest))
            found.add(rest)
    return found


class NameFinder:
    """Finds the mentions of a fixed set of entities in any number of texts."""

    # Names this short (in letters) are matched only when they are the whole
    # name of an entity, never as an alias: "UN" as a word, not inside text.
    def __init__(self, entities: dict[str, Entity]):
        self.kinds = {e.id: e.kind for e in entities.values()}
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entity in entities.values():
            for name in dict.fromkeys(entity.names):
                key = _key(name)
                if not key or (len(key) == 1 and len(key[0]) < 3):
                    continue  # "UN" and such: too short to tell from ordinary words
                self._by_first.setdefault(key[0], []).append((key, entity.id))
        for keys in self._by_first.values():
            keys.sort(key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[Mention]:
        """Every mention in `text`, in order, the longest name winning an overlap."""
        origin, tokens = _read(text)
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, str, str] | None = None
            for variant in _variants(tokens[i], True):
                for key, entity_id in self._by_first.get(variant, ()):
                    n = len(key)
                    if best is not None and n <= best[0]:
                        break
                    if i + n <= len(tokens) and all(
                        key[j] in (tokens[i + j].bare, tokens[i + j].word) for j in range(1, n)
                    ):
                        best = (n, entity_id, key[0])
                        break
            if best is None:
                i += 1
                continue
            n, entity_id, first = best
            start = origin[tokens[i].start + _proclitic(tokens[i].word, first)]
            end = origin[tokens[i + n - 1].end - 1] + 1
            found.append(
                Mention(entity_id, self.kinds[entity_id], text[start:end], start, end - start)
            )
            i += n
        return found


def _proclitic(word: str, first: str) -> int:
    """1 when `word` is the name's first word `first` behind a one-letter proclitic
    that is no part of the name ("وأفريقيا", "لمنظمة", "والمفوضية"), else 0: the
    mention's span starts after it. "للمنظمة" keeps its lam: the article's alef is
    gone, so "لمنظمة" would not be the name either."""
    if word == first or word[:1] not in _PROCLITICS or len(word) < 3:
        return 0
    rest = word[1:]
    return int(rest == first or strip_clitic(rest) == first)


# --- candidates ------------------------------------------------------------------

# Titles before a person's name (normalised, as `normalize` gives them).
PERSON_TITLES = (
    "السيد",
    "السيده",
    "السفير",
    "السفيره",
    "الدكتور",
    "الدكتوره",
    "د",
    "البروفيسور",
    "البروفسور",
    "الاستاذ",
    "الاستاذه",
    "المدير العام",
    "المديره العامه",
    "المدير التنفيذي",
    "المديره التنفيذيه",
    "المدير الاقليمي",
    "المديره الاقليميه",
    "الامين العام",
    "الامينه العامه",
    "الامين العام المساعد",
    "المفوض السامي",
    "المنسق المقيم",
    "المنسقه المقيمه",
    "الوزير",
    "الوزيره",
    "نائب وزير",
    "الرئيس",
    "الرئيسه",
    "الملك",
    "الشيخ",
    "الشيخه",
)
# Head words of an organisation's name.
ORGANIZATION_HEADS = (
    "منظمه",
    "مكتب",
    "وزاره",
    "برنامج",
    "وكاله",
    "مفوضيه",
    "هيئه",
    "صندوق",
    "شبكه",
    "اداره",
    "لجنه",
    "مجلس",
    "اتحاد",
    "مندوبيه",
    "معهد",
    "جمعيه",
    "مؤسسه",
    "بعثه",
)
# Words that end a name: prepositions, relatives, verbs of saying.
_STOP = frozenset(
    [
        "في",
        "من",
        "على",
        "علي",
        "الى",
        "الي",
        "عن",
        "مع",
        "بين",
        "حول",
        "التي",
        "الذي",
        "الذين",
        "خلال",
        "منذ",
        "بعد",
        "قبل",
        "عند",
        "لدى",
        "لدي",
        "قال",
        "قالت",
        "اكد",
        "اكدت",
        "ان",
        "او",
        "ثم",
        "كما",
        "وقد",
        "قد",
        "هو",
        "هي",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "كل",
        "بشان",
        "اجل",
        "و",
        "انا",
        "بالاضافه",
        "المقرر",
        "ايضا",
        "كذلك",
    ]
)
_MAX_NAME_WORDS = 4
_MAX_ORG_WORDS = 7
_PUNCT_RE = re.compile(r"[،,.:;؛!?؟\"«»()\[\]\n]")


def _title_keys() -> list[tuple[str, ...]]:
    return sorted({tuple(t.split()) for t in PERSON_TITLES}, key=len, reverse=True)


_TITLES = _title_keys()
_TITLE_FIRST_WORDS = frozenset(title[0] for title in _TITLES)


def find_candidates(text: str, mentions: list[Mention]) -> list[Candidate]:
    """People after a title and organisations after a head word, that no mention covers."""
    origin, tokens = _read(text)
    covered = sorted((m.offset, m.offset + m.length) for m in mentions)
    covered_starts = [a for a, _b in covered]

    def original(first: int, last: int) -> tuple[int, int]:
        return origin[tokens[first].start], origin[tokens[last].end - 1] + 1

    def broken(a: int, b: int) -> bool:
        """Is there punctuation in the original text between tokens a and b?"""
        return bool(_PUNCT_RE.search(text[original(a, a)[1] : original(b, b)[0]]))

    def comma(a: int, b: int) -> bool:
        """Is a comma what separates tokens a and b?"""
        between = text[original(a, a)[1] : original(b, b)[0]]
        return bool(re.fullmatch(r"\s*[،,]\s*", between))

    def is_known(start: int, end: int) -> bool:
        # Mentions do not overlap: only the last one starting before `end` can.
        i = bisect_left(covered_starts, end) - 1
        return i >= 0 and covered[i][1] > start

    found: list[Candidate] = []
    seen: set[tuple[int, int]] = set()

    def add(kind: str, first: int, last: int) -> None:
        start, end = original(first, last)
        word = tokens[first].word
        if kind == "organization" and word not in ORGANIZATION_HEADS and word[:1] in _PROCLITICS:
            start += 1  # "لمنظمة السياحة": the name is "منظمة السياحة"
        if (start, end) in seen or is_known(start, end):
            return
        seen.add((start, end))
        found.append(Candidate(kind, text[start:end], start, end - start))

    i = 0
    while i < len(tokens):
        title = _match_title(tokens, i)
        if title:
            j = i + title
            # "المدير العام لمنظمة الصحة العالمية، تيدروس ...": skip the "of ..." part.
            appositive = j < len(tokens) and tokens[j].word[0] == "ل" and title > 1
            if appositive:
                while j < len(tokens) and not broken(j - 1, j) and j - i < 12:
                    j += 1
                if j >= len(tokens) or not comma(j - 1, j):
                    i += 1
                    continue
            end = _name_end(tokens, j, broken)
            if end > j and (not appositive or end == len(tokens) or comma(end - 1, end)):
                add("person", j, end - 1)
            i += title  # the words after the title may hold an organisation too
            continue
        head = _org_head(tokens[i])
        if head and i + 1 < len(tokens) and not broken(i, i + 1):
            end = i + 1
            while (
                end < len(tokens)
                and end - i < _MAX_ORG_WORDS
                and tokens[end].word not in _STOP
                and not tokens[end].word.isdigit()
                and _continues_name(tokens[end].word)
                and not broken(end - 1, end)
            ):
                end += 1
            if end > i + 1:
                add("organization", i, end - 1)
                i = end
                continue
        i += 1
    return sorted(found, key=lambda c: c.offset)


def _match_title(tokens: list[_Token], i: int) -> int:
    word = tokens[i].word
    if word not in _TITLE_FIRST_WORDS and word[1:] not in _TITLE_FIRST_WORDS:
        return 0
    for title in _TITLES:
        n = len(title)
        words = [t.word for t in tokens[i : i + n]]
        if len(words) == n and (
            tuple(words) == title or (words[0][:1] == "و" and (words[0][1:], *words[1:]) == title)
        ):
            return n
    return 0


def _name_end(tokens: list[_Token], j: int, broken) -> int:
    """The end (exclusive) of the name that starts at token j: up to four words, no
    stop word, no digits, no break in punctuation."""
    end = j
    while end < len(tokens) and end - j < _MAX_NAME_WORDS:
        word = tokens[end].word
        if word in _STOP or word.isdigit() or not (is_arabic_word(word) or word.isalpha()):
            break
        if end > j and (broken(end - 1, end) or word.startswith(_ARTICLES[1:])):
            break  # "خالد العمري بالمديرة": the name ends before a preposition
        if end == j and (word[0] == "ل" or word.startswith("ال") or word[1:] in _STOP):
            break  # "للمنظمه", "الخميس", "وفي": not the start of a name
        end += 1
    return end


def _continues_name(word: str) -> bool:
    """Does this word go on an organisation's name: a definite noun or adjective
    ("الصحة", "والتعاون", "بالخارج") or a genitive with ل ("لشؤون")?"""
    return word.startswith(_ARTICLES) or (word[:1] == "ل" and len(word) >= 4)


_ARTICLES = ("ال", "وال", "بال", "لل", "كال", "فال")


def _org_head(token: _Token) -> bool:
    """A head word as itself, with the article, or after a one-letter proclitic
    ("ومنظمة", "لمكتب") but not "والمنظمة" (in running text: "and the organised ...")."""
    word = token.word
    if word.startswith(("وال", "فال", "كال")):
        return False
    if word in ORGANIZATION_HEADS or token.bare in ORGANIZATION_HEADS:
        return True
    return word[:1] in _PROCLITICS and strip_clitic(word[1:]) in ORGANIZATION_HEADS
