"""A small, fixed dataset for the explorer's tests (stable snapshots, known answers).

Facts follow /work/shared/reference/timeline-facts.md and the seed quotes are verbatim
from seeds/000_229ba7b9f742da60.txt; the hostile title checks that data is never markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import uneventtui
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

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

D = PartialDate.parse


def make_timeline() -> Timeline:
    tracks = {
        "summit": Label("summit", "القمة الاجتماعية", "Social summit"),
        "un-oic": Label("un-oic", "الأمم المتحدة ومنظمة التعاون", "UN–OIC"),
    }
    kinds = {
        "summit": Label("summit", "قمة", "summit"),
        "resolution": Label("resolution", "قرار", "resolution"),
        "visit": Label("visit", "زيارة", "visit"),
        "meeting": Label("meeting", "اجتماع", "meeting"),
    }
    sources = {
        "seed-000": Source(
            "seed-000", "seed", "زيارة عمل إلى جنيف", file="000_229ba7b9f742da60.txt"
        ),
        "desa-wssd": Source(
            "desa-wssd",
            "external",
            "WSSD 1995",
            url="https://social.desa.un.org/world-summit-for-social-development-1995",
        ),
        "ares-78-261": Source(
            "ares-78-261", "external", "Resolution 78/261", symbol="A/RES/78/261"
        ),
    }
    entities = {
        "omar-hilale": Entity(
            "omar-hilale",
            "person",
            "عمر هلال",
            "Omar Hilale",
            aliases=("Hilale", "السيد هلال"),
            description_ar="سفير المغرب الدائم لدى الأمم المتحدة في نيويورك.",
            description_en="Permanent Representative of Morocco to the United Nations.",
        ),
        "philippe-kridelka": Entity(
            "philippe-kridelka", "person", "فيليب كريديلكا", "Philippe Kridelka"
        ),
        "geneva": Entity("geneva", "place", "جنيف", "Geneva", subkind="city"),
        "copenhagen": Entity("copenhagen", "place", "كوبنهاغن", "Copenhagen", subkind="city"),
        "who": Entity("who", "organization", "منظمة الصحة العالمية", "World Health Organization"),
    }
    hilale = Participant("omar-hilale", "ميسّر مشارك", "co-facilitator")
    events = [
        Event(
            "1995-wssd",
            "summit",
            "summit",
            "مؤتمر القمة العالمي للتنمية الاجتماعية",
            "World Summit for Social Development",
            D("1995-03-06"),
            D("1995-03-12"),
            place="copenhagen",
            summary_en="Adopted the Copenhagen Declaration and Programme of Action.",
            sources=(SourceRef("desa-wssd"),),
        ),
        Event(
            "2024-res-78-261",
            "resolution",
            "summit",
            "القرار 78/261 يدعو إلى قمة اجتماعية عالمية ثانية",
            "Resolution 78/261 convenes a second World Summit [bold]for[/] Social Development",
            D("2024-02-26"),
            sources=(SourceRef("ares-78-261"),),
        ),
        Event(
            "2024-cofacilitators",
            "meeting",
            "summit",
            "تعيين الميسّرَين المشاركَين",
            "Co-facilitators appointed",
            D("2024-03"),
            date_note="The day is not stated in the sources.",
            participants=(hilale, Participant("philippe-kridelka", "", "co-facilitator")),
            sources=(SourceRef("ares-78-261"),),
        ),
        Event(
            "2024-geneva-visit",
            "visit",
            "summit",
            "زيارة عمل الميسّرين المشاركين إلى جنيف",
            "Co-facilitators' working visit to Geneva",
            D("2024-04-22"),
            D("2024-04-24"),
            date_note="The article gives 22–24 April without a year; 2024 is inferred.",
            date_note_ar="يذكر المقال 22–24 أبريل دون سنة؛ وسنة 2024 مستنتجة.",
            place="geneva",
            summary_ar="قام عمر هلال بزيارة عمل إلى جنيف مع نظيره البلجيكي فيليب كريديلكا.",
            summary_en="Omar Hilale and Philippe Kridelka met heads of UN agencies in Geneva.",
            participants=(hilale, Participant("philippe-kridelka", "ميسّر مشارك", "co-facilitator")),
            organizations=("who",),
            sources=(SourceRef("seed-000", quote="من 22 إلى 24 أبريل الجاري"),),
        ),
        Event(
            "2024-un-oic",
            "meeting",
            "un-oic",
            "الاجتماع العام السادس عشر بين الأمم المتحدة ومنظمة التعاون الإسلامي",
            "16th UN–OIC General Meeting",
            D("2024"),
            sources=(SourceRef("desa-wssd"),),
        ),
        Event(
            "2025-doha",
            "summit",
            "summit",
            "القمة العالمية الثانية للتنمية الاجتماعية",
            "Second World Summit for Social Development",
            D("2025-11-04"),
            D("2025-11-06"),
            participants=(hilale,),
            sources=(SourceRef("desa-wssd"),),
        ),
    ]
    return Timeline(events, entities, sources, tracks, kinds, seeds_dir=SEEDS)


def make_big_timeline(n: int = 100_000) -> Timeline:
    """n synthetic events over 1995-2025, for the widget's speed at scale."""
    base = make_timeline()
    events = []
    for i in range(n):
        year = 1995 + i * 31 // n
        month = 1 + i % 12
        events.append(
            Event(
                f"e{i:06d}",
                "meeting",
                "summit" if i % 3 else "un-oic",
                f"حدث رقم {i}",
                f"Event number {i}",
                PartialDate(year, month, 1 + i % 28),
                sources=(SourceRef("desa-wssd"),),
            )
        )
    return Timeline(events, base.entities, base.sources, base.tracks, base.event_kinds)


@cache
def shipped_timeline() -> Timeline:
    """The curated dataset, loaded once per test process (the `shipped` fixture; modules
    that parametrize over it at collection call this directly)."""
    return uneventtui.load()
