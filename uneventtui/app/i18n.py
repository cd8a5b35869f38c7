"""Every interface label in English and Arabic, in one table (logical order;
`Display.label` shapes them). Key names and key descriptions live in
`bindings.TABLE`, beside the keys they describe."""

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
    # the search bar
    "search_title": ("Search", "بحث"),
    "search_placeholder": (
        "Search people, organisations, places, events…",
        "ابحث عن شخص أو منظمة أو مكان أو حدث…",
    ),
    "search_count": ("{shown} of {total}", "{shown} من {total}"),
    "search_none": ("No match", "لا نتائج"),
    "search_keys": ("↑↓ choose · Enter open · Esc close", "↑↓ اختيار · Enter فتح · Esc إغلاق"),
    "search_loading": ("The data is still loading…", "البيانات قيد التحميل…"),
    "search_no_query": ("No search yet: press / to search", "لا بحث بعد: اضغط / للبحث"),
    "search_no_more": ("No event matches “{query}”", "لا حدث يطابق «{query}»"),
    # the search results' groups, by kind
    "group_person": ("People", "الأشخاص"),
    "group_organization": ("Organisations", "المنظمات"),
    "group_place": ("Places", "الأماكن"),
    "group_event": ("Events", "الأحداث"),
    # the help screen's sections, by binding scope
    "scope_app": ("Everywhere", "في كل مكان"),
    "scope_timeline": ("Timeline", "الخط الزمني"),
    "scope_detail": ("Detail pane", "لوحة التفاصيل"),
    "scope_reader": ("Source reader", "قارئ المصدر"),
    "scope_search": ("Search bar", "شريط البحث"),
    "scope_search_input": ("Editing the search query", "تحرير نص البحث"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The label in `lang` ("en" or "ar"), its `{names}` filled in from `values`; the
    key itself if it is unknown."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    label = pair[1] if lang == "ar" else pair[0]
    return label.format(**values) if values else label
