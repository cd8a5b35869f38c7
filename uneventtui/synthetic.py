"""Synthetic datasets for scale tests and benchmarks, deterministic from a seed.

Names are built from parts in both scripts (given + father's + family names;
"منظمة … الدولية" / "International … Organization"; cities, venues, districts),
so words repeat across thousands of entries and queries are as unselective as in
real data. Latin spellings of Arabic names vary the way they do in the press
(Mohammed / Muhammad / Mohamed), with the other spellings as aliases.

    python -m uneventtui.synthetic OUTDIR --events 100000 --entities 100000 --seed 1

writes a dataset directory that `uneventtui check` accepts: dataset.toml,
vocabulary.toml, seeds/ (synthetic articles the events quote verbatim), sources,
and entities and events split over several files. `generate_timeline()` builds
the same data in memory, for benchmarks that should not time the TOML parser.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from uneventtui.model import (
    Entity,
    Event,
    Label,
    PartialDate,
    Participant,
    Source,
    SourceRef,
    Timeline,
)

# --- Name parts: (Arabic, Latin spellings...) -----------------------------------

ARAB_GIVEN = [
    ("محمد", "Mohammed", "Muhammad", "Mohamed"),
    ("أحمد", "Ahmed", "Ahmad"),
    ("عمر", "Omar", "Umar"),
    ("علي", "Ali"),
    ("حسن", "Hassan", "Hasan"),
    ("حسين", "Hussein", "Hussain"),
    ("خالد", "Khaled", "Khalid"),
    ("يوسف", "Youssef", "Yusuf", "Youssouf"),
    ("إبراهيم", "Ibrahim", "Ebrahim"),
    ("عبد الله", "Abdullah", "Abdallah"),
    ("عبد الرحمن", "Abdelrahman", "Abdul Rahman"),
    ("مصطفى", "Mostafa", "Mustafa"),
    ("طارق", "Tarek", "Tariq", "Tarig"),
    ("سعيد", "Said", "Saeed"),
    ("هشام", "Hisham", "Hicham"),
    ("كريم", "Karim", "Kareem"),
    ("نبيل", "Nabil", "Nabeel"),
    ("رشيد", "Rachid", "Rashid"),
    ("ياسين", "Yassine", "Yasin"),
    ("عثمان", "Othman", "Osman", "Uthman"),
    ("إسماعيل", "Ismail", "Ismael"),
    ("فيصل", "Faisal", "Faycal"),
    ("منصور", "Mansour", "Mansur"),
    ("جمال", "Jamal", "Gamal"),
    ("سليمان", "Suleiman", "Sulaiman", "Slimane"),
    ("وليد", "Walid", "Waleed"),
    ("زياد", "Ziad", "Ziyad"),
    ("فاطمة", "Fatima", "Fatma"),
    ("عائشة", "Aisha", "Aicha"),
    ("مريم", "Maryam", "Meriem"),
    ("خديجة", "Khadija", "Khadidja"),
    ("ليلى", "Leila", "Layla"),
    ("نادية", "Nadia"),
    ("سلمى", "Salma"),
    ("هدى", "Houda", "Huda"),
    ("أمينة", "Amina", "Aminata"),
    ("رانيا", "Rania"),
    ("سارة", "Sara", "Sarah"),
    ("نور", "Nour", "Noor"),
    ("زينب", "Zainab", "Zeinab"),
]
ARAB_FAMILY = [
    ("هلال", "Hilale", "Hilal"),
    ("العلوي", "Alaoui", "Al-Alawi"),
    ("الإدريسي", "Idrissi", "El Idrissi"),
    ("بنعلي", "Benali", "Ben Ali"),
    ("الخياري", "Khiari", "Al-Khiari"),
    ("بخيت", "Bakheet", "Bakhit"),
    ("الفاسي", "El Fassi", "Al-Fasi"),
    ("المنصوري", "Mansouri", "Al-Mansouri"),
    ("الحسيني", "Husseini", "El Husseini"),
    ("الشريف", "Cherif", "Al-Sharif"),
    ("بن سالم", "Ben Salem", "Bin Salim"),
    ("الحداد", "Haddad", "Al-Haddad"),
    ("النجار", "Najjar", "Al-Najjar"),
    ("القاسمي", "Qasimi", "Al-Qasimi"),
    ("الزهراني", "Zahrani", "Al-Zahrani"),
    ("العتيبي", "Otaibi", "Al-Otaibi"),
    ("الشمري", "Shammari", "Al-Shammari"),
    ("المصري", "Masri", "El-Masry"),
    ("البغدادي", "Baghdadi", "Al-Baghdadi"),
    ("التونسي", "Tounsi", "Al-Tunisi"),
    ("الكبير", "Kabir", "El Kebir"),
    ("عبد السلام", "Abdessalam", "Abdel Salam"),
    ("بلقاسم", "Belkacem", "Belgacem"),
    ("بن يوسف", "Benyoussef", "Ben Youssef"),
    ("العمراني", "Amrani", "El Amrani"),
    ("الطاهري", "Taheri", "Al-Taheri"),
    ("السويدي", "Suwaidi", "Al-Suwaidi"),
    ("الكعبي", "Kaabi", "Al-Kaabi"),
    ("المهيري", "Muhairi", "Al-Muhairi"),
    ("الأنصاري", "Ansari", "Al-Ansari"),
    ("الرفاعي", "Rifai", "Al-Rifai"),
    ("الجابري", "Jabri", "Al-Jabri"),
    ("بوعزيز", "Bouaziz"),
    ("شكري", "Chokri", "Shukri"),
    ("حمدان", "Hamdan"),
    ("عيسى", "Issa", "Eissa"),
    ("موسى", "Moussa", "Musa"),
    ("يحيى", "Yahya", "Yahia"),
    ("مرسي", "Morsi", "Mursi"),
    ("سعادة", "Saada", "Saadeh"),
]
INTL_GIVEN = [
    ("فيليب", "Philippe"),
    ("صوفي", "Sophie"),
    ("فولكر", "Volker"),
    ("دورين", "Doreen"),
    ("إيمي", "Amy"),
    ("جيلبرت", "Gilbert"),
    ("نغوزي", "Ngozi"),
    ("فيليبو", "Filippo"),
    ("ماريا", "Maria"),
    ("أنطونيو", "António", "Antonio"),
    ("جون", "John", "Jon"),
    ("بيتر", "Peter"),
    ("آنا", "Anna", "Ana"),
    ("كارلوس", "Carlos"),
    ("إيلينا", "Elena"),
    ("ميشيل", "Michel", "Michelle"),
    ("لي", "Li"),
    ("كنزي", "Kenji"),
    ("أولغا", "Olga"),
    ("إنغريد", "Ingrid"),
    ("جوزيف", "Joseph", "Józef"),
    ("فرانسوا", "François", "Francois"),
    ("كريستينا", "Kristina", "Cristina"),
    ("ديفيد", "David"),
]
INTL_FAMILY = [
    ("كريديلكا", "Kridelka"),
    ("دي سميت", "De Smedt"),
    ("تورك", "Türk", "Turk"),
    ("بوغدان مارتن", "Bogdan-Martin"),
    ("بوب", "Pope"),
    ("هونغبو", "Houngbo"),
    ("أوكونجو-إويالا", "Okonjo-Iweala"),
    ("غراندي", "Grandi"),
    ("غوتيريش", "Guterres"),
    ("شتشيرسكي", "Szczerski"),
    ("ميكولسكو", "Miculescu"),
    ("ليكيتوفت", "Lykketoft"),
    ("فرانسيس", "Francis"),
    ("يانغ", "Yang"),
    ("شاهد", "Shahid"),
    ("مولر", "Müller", "Mueller"),
    ("غارسيا", "García", "Garcia"),
    ("سيلفا", "Silva"),
    ("نوفاك", "Novák", "Novak"),
    ("تاناكا", "Tanaka"),
    ("إيفانوف", "Ivanov"),
    ("هانسن", "Hansen"),
    ("دوبوا", "Dubois"),
    ("كوالسكي", "Kowalski"),
    ("أوكافور", "Okafor"),
    ("مبيكي", "Mbeki"),
]
TOPICS = [
    ("الصحة", "Health"),
    ("العمل", "Labour"),
    ("الهجرة", "Migration"),
    ("التجارة", "Trade"),
    ("الزراعة", "Agriculture"),
    ("التنمية الاجتماعية", "Social Development"),
    ("التعليم", "Education"),
    ("الأمن الغذائي", "Food Security"),
    ("حقوق الإنسان", "Human Rights"),
    ("الحماية الاجتماعية", "Social Protection"),
    ("المياه", "Water"),
    ("الطاقة", "Energy"),
    ("البيئة", "Environment"),
    ("الاتصالات", "Telecommunications"),
    ("الإسكان", "Housing"),
    ("الطفولة", "Childhood"),
    ("المرأة", "Women"),
    ("الشباب", "Youth"),
    ("الإحصاء", "Statistics"),
    ("السكان", "Population"),
    ("التعاون الإسلامي", "Islamic Cooperation"),
    ("اللاجئين", "Refugees"),
    ("الإغاثة", "Relief"),
    ("التمويل", "Finance"),
    ("النقل", "Transport"),
    ("السياحة", "Tourism"),
    ("الثقافة", "Culture"),
    ("العلوم", "Science"),
    ("الفقر", "Poverty"),
    ("التشغيل", "Employment"),
]
PLACES = [
    ("جنيف", "Geneva", "Genève"),
    ("نيويورك", "New York"),
    ("الدوحة", "Doha"),
    ("كوبنهاغن", "Copenhagen"),
    ("الرباط", "Rabat"),
    ("مراكش", "Marrakesh", "Marrakech"),
    ("أستانا", "Astana"),
    ("القاهرة", "Cairo"),
    ("تونس", "Tunis"),
    ("الجزائر", "Algiers"),
    ("بيروت", "Beirut"),
    ("عمّان", "Amman"),
    ("الرياض", "Riyadh"),
    ("دبي", "Dubai"),
    ("أبوظبي", "Abu Dhabi"),
    ("بغداد", "Baghdad"),
    ("دمشق", "Damascus"),
    ("الخرطوم", "Khartoum"),
    ("طرابلس", "Tripoli"),
    ("نواكشوط", "Nouakchott"),
    ("مسقط", "Muscat"),
    ("المنامة", "Manama"),
    ("الكويت", "Kuwait City"),
    ("جدة", "Jeddah", "Jiddah"),
    ("فيينا", "Vienna", "Wien"),
    ("باريس", "Paris"),
    ("روما", "Rome"),
    ("نيروبي", "Nairobi"),
    ("أديس أبابا", "Addis Ababa"),
    ("بانكوك", "Bangkok"),
    ("سانتياغو", "Santiago"),
    ("بروكسل", "Brussels", "Bruxelles"),
    ("إسطنبول", "Istanbul"),
    ("طوكيو", "Tokyo"),
    ("داكار", "Dakar"),
    ("فاس", "Fez", "Fès"),
    ("طنجة", "Tangier", "Tanger"),
    ("الإسكندرية", "Alexandria"),
    ("صفاقس", "Sfax"),
    ("وهران", "Oran"),
]
ORDINALS = [
    ("الأول", "1st"),
    ("الثاني", "2nd"),
    ("الثالث", "3rd"),
    ("الرابع", "4th"),
    ("الخامس", "5th"),
    ("السادس", "6th"),
    ("السابع", "7th"),
    ("الثامن", "8th"),
    ("التاسع", "9th"),
    ("العاشر", "10th"),
    ("الحادي عشر", "11th"),
    ("الثاني عشر", "12th"),
    ("الثالث عشر", "13th"),
    ("الرابع عشر", "14th"),
    ("الخامس عشر", "15th"),
    ("السادس عشر", "16th"),
]
# (track id, Arabic, English)
TRACKS = [
    ("summit", "مسار القمة", "Summit process"),
    ("commission", "لجنة التنمية الاجتماعية", "Commission for Social Development"),
    ("migration", "الهجرة", "Migration"),
    ("cooperation", "التعاون", "Cooperation"),
]
# (event kind id, Arabic, English, Arabic title pattern, English title pattern)
EVENT_KINDS = [
    (
        "meeting",
        "اجتماع",
        "Meeting",
        "الاجتماع {ord_ar} {li_org_ar}",
        "{ord_en} meeting of the {org_en}",
    ),
    (
        "conference",
        "مؤتمر",
        "Conference",
        "مؤتمر {topic_ar} في {place_ar}",
        "Conference on {topic_en} in {place_en}",
    ),
    (
        "visit",
        "زيارة",
        "Visit",
        "زيارة {person_ar} إلى {place_ar}",
        "{person_en}'s visit to {place_en}",
    ),
    (
        "session",
        "دورة",
        "Session",
        "الدورة {ord_ar} للجنة {topic_ar}",
        "{ord_en} session of the {topic_en} Committee",
    ),
    ("forum", "منتدى", "Forum", "منتدى {place_ar} {li_topic_ar}", "{place_en} Forum on {topic_en}"),
    (
        "workshop",
        "ورشة عمل",
        "Workshop",
        "ورشة عمل حول {topic_ar} مع {org_ar}",
        "Workshop on {topic_en} with the {org_en}",
    ),
]
ROLES = [
    ("رئيس", "chair"),
    ("ميسّر مشارك", "co-facilitator"),
    ("متحدث", "speaker"),
    ("مشارك", "participant"),
    ("مقرر", "rapporteur"),
    ("ضيف شرف", "guest of honour"),
]


def _li(word: str) -> str:
    """The preposition لـ joined to a word: ل + الصحة is written للصحة."""
    return "ل" + (word[1:] if word.startswith("ال") else word)


# Organisation names: (Arabic, English, subkind), filled with a topic and a place.
ORG_PATTERNS = [
    ("منظمة {topic_ar} الدولية", "International {topic_en} Organization", "agency"),
    ("وزارة {topic_ar} في {place_ar}", "Ministry of {topic_en}, {place_en}", "ministry"),
    ("برنامج الأمم المتحدة {li_topic_ar}", "United Nations {topic_en} Programme", "programme"),
    ("جمعية {place_ar} {li_topic_ar}", "{place_en} {topic_en} Association", "ngo"),
    ("المعهد العربي {li_topic_ar}", "Arab Institute for {topic_en}", "institute"),
    (
        "المجلس الوطني {li_topic_ar} في {place_ar}",
        "National {topic_en} Council, {place_en}",
        "council",
    ),
    ("مؤسسة {topic_ar} والتنمية", "{topic_en} and Development Foundation", "foundation"),
]
# Places beyond the cities: (Arabic, English, subkind), filled with a family name and a city.
VENUE_PATTERNS = [
    ("قاعة {family_ar} في {base_ar}", "{family_en} Hall, {base_en}", "venue"),
    ("حي {family_ar} في {base_ar}", "{family_en} district, {base_en}", "district"),
    ("مركز {base_ar} الدولي للمؤتمرات", "{base_en} International Convention Centre", "venue"),
]


def _name_from(rng: random.Random, patterns: list[tuple[str, str, str]], **fill: str):
    """One of `patterns`, chosen by `rng` and filled in: (Arabic, English, subkind)."""
    ar, en, sub = patterns[rng.randrange(len(patterns))]
    return ar.format(**fill), en.format(**fill), sub


def _org_names(rng: random.Random) -> tuple[str, str, list[str], str]:
    """An organisation's Arabic and English names, aliases and subkind."""
    topic_ar, topic_en = rng.choice(TOPICS)
    place_ar, place_en, *_ = rng.choice(PLACES)
    ar, en, sub = _name_from(
        rng,
        ORG_PATTERNS,
        topic_ar=topic_ar,
        li_topic_ar=_li(topic_ar),
        topic_en=topic_en,
        place_ar=place_ar,
        place_en=place_en,
    )
    words = [w for w in en.replace(",", "").split() if w[0].isupper() and w not in ("Of",)]
    acronym = "".join(w[0] for w in words)
    return ar, en, [acronym] if len(acronym) >= 2 else [], sub


@dataclass
class _Generated:
    entities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    seeds: dict[str, list[str]] = field(default_factory=dict)  # file -> sentences


def generate(events: int, entities: int, seed: int = 1) -> _Generated:
    """The dataset as plain records (the shapes of the TOML tables)."""
    rng = random.Random(seed)
    out = _Generated()
    n_places = max(1, entities // 10)
    n_orgs = max(1, entities * 3 // 10)
    n_people = max(0, entities - n_places - n_orgs)
    for i in range(n_places):
        if i < len(PLACES):
            ar, en, *aliases = PLACES[i]
            sub = "city"
        else:
            base_ar, base_en, *_ = rng.choice(PLACES)
            family_ar, family_en, *_ = rng.choice(ARAB_FAMILY + INTL_FAMILY)
            ar, en, sub = _name_from(
                rng,
                VENUE_PATTERNS,
                family_ar=family_ar,
                family_en=family_en,
                base_ar=base_ar,
                base_en=base_en,
            )
            aliases = []
        out.entities.append(
            {
                "id": f"place-{i}",
                "kind": "place",
                "name_ar": ar,
                "name_en": en,
                "subkind": sub,
                "aliases": list(aliases),
            }
        )
    for i in range(n_orgs):
        ar, en, aliases, sub = _org_names(rng)
        out.entities.append(
            {
                "id": f"org-{i}",
                "kind": "organization",
                "name_ar": ar,
                "name_en": en,
                "subkind": sub,
                "aliases": aliases,
            }
        )
    for i in range(n_people):
        if rng.random() < 0.75:
            given, father, family = (
                rng.choice(ARAB_GIVEN),
                rng.choice(ARAB_GIVEN),
                rng.choice(ARAB_FAMILY),
            )
            parts = [given, father, family] if rng.random() < 0.4 else [given, family]
        else:
            parts = [rng.choice(INTL_GIVEN), rng.choice(INTL_FAMILY)]
        # One Latin spelling per part for the display name; the others become an alias.
        spelling = [rng.randrange(1, len(p)) for p in parts]
        ar = " ".join(p[0] for p in parts)
        en = " ".join(p[s] for p, s in zip(parts, spelling, strict=True))
        aliases = []
        if any(len(p) > 2 for p in parts) and rng.random() < 0.5:
            alt = " ".join(
                p[1 if s != 1 else len(p) - 1] for p, s in zip(parts, spelling, strict=True)
            )
            if alt != en:
                aliases.append(alt)
        out.entities.append(
            {
                "id": f"person-{i}",
                "kind": "person",
                "name_ar": ar,
                "name_en": en,
                "aliases": aliases,
            }
        )

    people = [e for e in out.entities if e["kind"] == "person"]
    orgs = [e for e in out.entities if e["kind"] == "organization"]
    places = [e for e in out.entities if e["kind"] == "place"]
    # A few people and organisations are at the centre of much of the history.
    weights_people = list(itertools.accumulate(1.0 / (1 + k) ** 0.8 for k in range(len(people))))
    weights_orgs = list(itertools.accumulate(1.0 / (1 + k) ** 0.8 for k in range(len(orgs))))
    n_external = max(1, events // 200)
    for k in range(n_external):
        out.sources.append(
            {
                "id": f"ext-{k}",
                "kind": "external",
                "title": f"Synthetic reference {k}",
                "url": f"https://example.org/synthetic/{k}",
            }
        )
    per_seed = 500
    for i in range(events):
        kind_id, _kar, _ken, pattern_ar, pattern_en = rng.choice(EVENT_KINDS)
        person = rng.choices(people, cum_weights=weights_people)[0] if people else None
        org = rng.choices(orgs, cum_weights=weights_orgs)[0] if orgs else None
        place = rng.choice(places)
        topic_ar, topic_en = rng.choice(TOPICS)
        ord_ar, ord_en = rng.choice(ORDINALS)
        fill = {
            "ord_ar": ord_ar,
            "ord_en": ord_en,
            "topic_ar": topic_ar,
            "topic_en": topic_en,
            "place_ar": place["name_ar"],
            "place_en": place["name_en"],
            "org_ar": org["name_ar"] if org else topic_ar,
            "li_org_ar": _li(org["name_ar"] if org else topic_ar),
            "li_topic_ar": _li(topic_ar),
            "org_en": org["name_en"] if org else topic_en,
            "person_ar": person["name_ar"] if person else place["name_ar"],
            "person_en": person["name_en"] if person else place["name_en"],
        }
        title_ar = pattern_ar.format(**fill)
        title_en = pattern_en.format(**fill)
        year = rng.randint(1995, 2025)
        precision = rng.random()
        if precision < 0.1:
            start = f"{year}"
        elif precision < 0.25:
            start = f"{year}-{rng.randint(1, 12):02d}"
        else:
            start = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        record: dict = {
            "id": f"event-{i}",
            "kind": kind_id,
            "track": rng.choice(TRACKS)[0],
            "title_ar": title_ar,
            "title_en": title_en,
            "start": start,
            "place": place["id"],
        }
        if len(start) == 10 and rng.random() < 0.3:
            record["end"] = start[:8] + f"{min(28, int(start[8:]) + rng.randint(1, 3)):02d}"
        participants = []
        if people:
            chosen = {person["id"]: person} if person else {}
            for extra in rng.choices(people, cum_weights=weights_people, k=rng.randint(0, 3)):
                chosen.setdefault(extra["id"], extra)
            for pid in chosen:
                role_ar, role_en = rng.choice(ROLES)
                participants.append({"entity": pid, "role_ar": role_ar, "role_en": role_en})
        record["participants"] = participants
        record["organizations"] = [org["id"]] if org else []
        if i % 2 == 0:
            seed_file = f"synthetic-{i // per_seed:04d}.txt"
            sentence = f"{title_ar}، بتاريخ {start}، رقم {i}."
            out.seeds.setdefault(seed_file, []).append(sentence)
            record["sources"] = [{"source": f"seed-{seed_file[10:14]}", "quote": sentence}]
        else:
            record["sources"] = [{"source": f"ext-{rng.randrange(n_external)}"}]
        out.events.append(record)
    for seed_file in out.seeds:
        out.sources.append(
            {
                "id": f"seed-{seed_file[10:14]}",
                "kind": "seed",
                "file": seed_file,
                "title": "Synthetic article",
            }
        )
    return out


def generate_timeline(events: int, entities: int, seed: int = 1) -> Timeline:
    """The same dataset as `write_dataset` would write, built in memory."""
    data = generate(events, entities, seed)

    def refs(items: list[dict]) -> tuple[SourceRef, ...]:
        return tuple(SourceRef(r["source"], quote=r.get("quote")) for r in items)

    entity_objects = {
        e["id"]: Entity(
            id=e["id"],
            kind=e["kind"],
            name_ar=e["name_ar"],
            name_en=e["name_en"],
            aliases=tuple(e.get("aliases", ())),
            subkind=e.get("subkind", ""),
        )
        for e in data.entities
    }
    event_objects = [
        Event(
            id=r["id"],
            kind=r["kind"],
            track=r["track"],
            title_ar=r["title_ar"],
            title_en=r["title_en"],
            start=PartialDate.parse(r["start"]),
            end=PartialDate.parse(r["end"]) if "end" in r else None,
            place=r["place"],
            participants=tuple(
                Participant(p["entity"], p["role_ar"], p["role_en"]) for p in r["participants"]
            ),
            organizations=tuple(r["organizations"]),
            sources=refs(r["sources"]),
        )
        for r in data.events
    ]
    sources = {
        s["id"]: Source(
            id=s["id"],
            kind=s["kind"],
            title=s.get("title", ""),
            file=s.get("file"),
            url=s.get("url"),
        )
        for s in data.sources
    }
    return Timeline(
        events=event_objects,
        entities=entity_objects,
        sources=sources,
        tracks={t: Label(t, ar, en) for t, ar, en in TRACKS},
        event_kinds={k: Label(k, ar, en) for k, ar, en, _pa, _pe in EVENT_KINDS},
    )


# --- TOML writing ------------------------------------------------------------------


def _value(value: object) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _tables(name: str, records: list[dict]) -> Iterator[str]:
    for record in records:
        yield f"[[{name}]]\n"
        for key, value in record.items():
            if value == [] or value == "":
                continue
            yield f"{key} = {_value(value)}\n"
        yield "\n"


def _chunks(records: list[dict], size: int) -> Iterator[tuple[int, list[dict]]]:
    for k in range(0, max(len(records), 1), size):
        yield k // size, records[k : k + size]


def write_dataset(
    outdir: str | Path, events: int, entities: int, seed: int = 1, per_file: int = 5000
) -> Path:
    """Write the dataset directory (see the module docstring); return its path."""
    data = generate(events, entities, seed)
    root = Path(outdir)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "entities").mkdir(exist_ok=True)
    (root / "events").mkdir(exist_ok=True)
    header = f"# Synthetic dataset: uneventtui.synthetic, seed {seed}. Not real facts.\n\n"
    (root / "dataset.toml").write_text(
        header
        + "[dataset]\n"
        + f"title_ar = {_value(f'بيانات اصطناعية (البذرة {seed})')}\n"
        + f"title_en = {_value(f'Synthetic data (seed {seed})')}\n"
        + 'seeds = "seeds"\n',
        encoding="utf-8",
    )
    vocabulary = [{"id": t, "name_ar": ar, "name_en": en} for t, ar, en in TRACKS]
    kinds = [{"id": k, "name_ar": ar, "name_en": en} for k, ar, en, _pa, _pe in EVENT_KINDS]
    (root / "vocabulary.toml").write_text(
        header + "".join(_tables("track", vocabulary)) + "".join(_tables("event_kind", kinds)),
        encoding="utf-8",
    )
    (root / "sources.toml").write_text(header + "".join(_tables("source", data.sources)), "utf-8")
    for name, lines in data.seeds.items():
        (root / "seeds" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for k, chunk in _chunks(data.entities, per_file):
        path = root / "entities" / f"entities-{k:03d}.toml"
        path.write_text(header + "".join(_tables("entity", chunk)), encoding="utf-8")
    for k, chunk in _chunks(data.events, per_file):
        path = root / "events" / f"events-{k:03d}.toml"
        path.write_text(header + "".join(_tables("event", chunk)), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m uneventtui.synthetic",
        description="Write a synthetic uneventtui dataset (deterministic from --seed).",
    )
    parser.add_argument("outdir", help="directory to write (created if missing)")
    parser.add_argument("--events", type=int, default=1000, help="number of events")
    parser.add_argument("--entities", type=int, default=1000, help="number of entities")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--per-file", type=int, default=5000, help="entries per TOML file")
    args = parser.parse_args(argv)
    if args.events < 0 or args.entities < 1 or args.per_file < 1:
        parser.error("--events must be >= 0, --entities and --per-file >= 1")
    root = write_dataset(args.outdir, args.events, args.entities, args.seed, args.per_file)
    print(f"wrote {args.entities} entities and {args.events} events to {root}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
