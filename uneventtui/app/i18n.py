"""Interface labels in English and Arabic (logical order; `Display.label` shapes them)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "app_name": ("uneventtui", "uneventtui"),
    "timeline": ("Timeline", "الخط الزمني"),
    "entity": ("Entity", "كيان"),
    "event": ("Event", "حدث"),
    "reader": ("Source", "المصدر"),
    "loading": ("Loading the timeline…", "جارٍ تحميل الخط الزمني…"),
    "loading_cache": ("Opening the cached timeline…", "جارٍ فتح الخط الزمني المحفوظ…"),
    "loading_parse": ("Reading the data files…", "جارٍ قراءة ملفات البيانات…"),
    "loading_index": ("Indexing names for search…", "جارٍ فهرسة الأسماء للبحث…"),
    "loading_save": ("Saving the cache for next time…", "جارٍ حفظ النسخة المخبّأة للمرة القادمة…"),
    "load_failed": ("The data could not be loaded:", "تعذّر تحميل البيانات:"),
    "no_events": ("No events.", "لا أحداث."),
    "all_tracks": ("All tracks", "كل المسارات"),
    "filter_title": ("Filter by track", "تصفية حسب المسار"),
    "filtered": ("track", "المسار"),
    "events_count": ("events", "حدثًا"),
    "date": ("Date", "التاريخ"),
    "inferred": ("Inferred", "مستنتج"),
    "place": ("Place", "المكان"),
    "kind": ("Kind", "النوع"),
    "track": ("Track", "المسار"),
    "summary": ("Summary", "الملخص"),
    "participants": ("Participants", "المشاركون"),
    "organizations": ("Organisations", "المنظمات"),
    "sources": ("Sources", "المصادر"),
    "read_source": ("Enter: read the article", "Enter: قراءة المقال"),
    "aliases": ("Aliases", "أسماء أخرى"),
    "description": ("Description", "الوصف"),
    "events": ("Events", "الأحداث"),
    "person": ("Person", "شخص"),
    "organization": ("Organisation", "منظمة"),
    "events_of": ("events", "أحداث"),
    "no_source": ("This event has no seed article.", "لا مقال مصدرًا لهذا الحدث."),
    "missing_seed": ("The seed article is missing.", "المقال المصدر مفقود."),
    "external": ("External source", "مصدر خارجي"),
    "source_of": ("Source {n} of {total}", "المصدر {n} من {total}"),
    # none in Arabic: in a right-to-left line the bidi algorithm mirrors "]" into "["
    "source_keys": ("] next, [ previous", ""),
    "quote_not_found": (
        "The quote was not found verbatim in the article.",
        "لم يُعثر على الاقتباس حرفيًا في المقال.",
    ),
    "help_title": ("Keys", "المفاتيح"),
    "help_hint": (
        'Rebind any key in config.toml: [keymap] id = "keys"',
        'يمكن تغيير أي مفتاح في config.toml: [keymap] id = "keys"',
    ),
    "nothing_back": ("Nothing to go back to.", "لا شيء للرجوع إليه."),
    "config_problem": ("Config", "الإعدادات"),
}


def tr(key: str, lang: str) -> str:
    """The label in `lang` ("en" or "ar"); the key itself if it is unknown."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "ar" else pair[0]
