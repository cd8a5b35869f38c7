"""Every key binding of the app, in one table.

Each row has a stable id ("scope.name") that a user keymap in config.toml can rebind
(`App.set_keymap`), the default keys, the action, and what it does in both interface
languages. Widgets take their `BINDINGS` from here (`bindings_for`); the help screen
and the command palette list this same table, so they can never disagree.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding


class Key(NamedTuple):
    """One row of the table."""

    id: str
    keys: str
    action: str
    en: str
    ar: str
    show: bool = False  # shown in the footer
    priority: bool = False

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]


TABLE: tuple[Key, ...] = (
    # Everywhere
    Key("app.help", "question_mark,f1", "help", "Help: every key", "المساعدة", show=True),
    Key("app.quit", "q,ctrl+q", "quit", "Quit", "خروج", show=True),
    Key("app.back", "escape,backspace", "screen.back", "Back", "رجوع", show=True),
    Key("app.palette", "ctrl+p", "command_palette", "Command palette", "لوحة الأوامر"),
    Key("app.search", "slash", "app.search", "Search by name", "بحث بالاسم", show=True),
    Key(
        "app.source",
        "s",
        "screen.open_source",
        "Read the source article",
        "قراءة المقال المصدر",
        show=True,
    ),
    Key(
        "app.toggle_detail",
        "d",
        "screen.toggle_detail",
        "Show/hide the detail",
        "إظهار/إخفاء التفاصيل",
    ),
    Key(
        "app.title_lang",
        "a",
        "screen.toggle_title_lang",
        "Titles in Arabic/English",
        "العناوين بالعربية/الإنجليزية",
    ),
    # Timeline
    Key("timeline.down", "j,down", "cursor_down", "Next event", "الحدث التالي"),
    Key("timeline.up", "k,up", "cursor_up", "Previous event", "الحدث السابق"),
    Key("timeline.page_down", "pagedown", "page_down", "Page down", "صفحة للأسفل"),
    Key("timeline.page_up", "pageup", "page_up", "Page up", "صفحة للأعلى"),
    Key("timeline.half_down", "ctrl+d", "half_page_down", "Half a page down", "نصف صفحة للأسفل"),
    Key("timeline.half_up", "ctrl+u", "half_page_up", "Half a page up", "نصف صفحة للأعلى"),
    Key("timeline.first", "g,home", "first", "First event", "أول حدث"),
    Key("timeline.last", "G,end", "last", "Last event", "آخر حدث"),
    Key("timeline.prev_year", "left_square_bracket", "prev_year", "Previous year", "السنة السابقة"),
    Key("timeline.next_year", "right_square_bracket", "next_year", "Next year", "السنة التالية"),
    Key(
        "timeline.prev_track",
        "left_curly_bracket",
        "prev_on_track",
        "Previous event on this track",
        "الحدث السابق في المسار",
    ),
    Key(
        "timeline.next_track",
        "right_curly_bracket",
        "next_on_track",
        "Next event on this track",
        "الحدث التالي في المسار",
    ),
    Key(
        "timeline.filter",
        "t",
        "screen.filter_track",
        "Filter by track",
        "تصفية حسب المسار",
        show=True,
    ),
    Key("timeline.open", "enter", "open_detail", "Focus the detail", "الانتقال إلى التفاصيل"),
    Key(
        "timeline.next_match",
        "n",
        "app.next_match",
        "Next event matching the last search",
        "الحدث التالي المطابق لآخر بحث",
    ),
    Key(
        "timeline.prev_match",
        "N",
        "app.prev_match",
        "Previous event matching the last search",
        "الحدث السابق المطابق لآخر بحث",
    ),
    # Detail pane (event and entity views)
    Key("detail.down", "j,down", "link_next", "Next link", "الرابط التالي"),
    Key("detail.up", "k,up", "link_prev", "Previous link", "الرابط السابق"),
    Key("detail.page_down", "pagedown", "page_down", "Page down", "صفحة للأسفل"),
    Key("detail.page_up", "pageup", "page_up", "Page up", "صفحة للأعلى"),
    Key("detail.first", "g,home", "first", "Top", "البداية"),
    Key("detail.last", "G,end", "last", "Bottom", "النهاية"),
    Key("detail.open", "enter", "follow", "Open the selected name/event", "فتح المحدد", show=True),
    # Source reader
    Key("reader.next_link", "tab", "link_next", "Next name", "الاسم التالي"),
    Key("reader.prev_link", "shift+tab", "link_prev", "Previous name", "الاسم السابق"),
    Key("reader.down", "j,down", "scroll_line_down", "Scroll down", "تمرير للأسفل"),
    Key("reader.up", "k,up", "scroll_line_up", "Scroll up", "تمرير للأعلى"),
    Key("reader.page_down", "pagedown,space", "page_down", "Page down", "صفحة للأسفل"),
    Key("reader.page_up", "pageup", "page_up", "Page up", "صفحة للأعلى"),
    Key("reader.first", "g,home", "first", "Top", "البداية"),
    Key("reader.last", "G,end", "last", "Bottom", "النهاية"),
    Key("reader.quote", "n", "to_quote", "Back to the quote", "العودة إلى الاقتباس"),
    Key(
        "reader.next_source",
        "right_square_bracket",
        "screen.next_source",
        "Next source of the event",
        "المصدر التالي للحدث",
        show=True,
    ),
    Key(
        "reader.prev_source",
        "left_square_bracket",
        "screen.prev_source",
        "Previous source of the event",
        "المصدر السابق للحدث",
    ),
    Key("reader.open", "enter", "follow", "Open the selected name", "فتح الاسم المحدد", show=True),
    Key("reader.close", "escape,backspace,q", "close", "Close the reader", "إغلاق القارئ", True),
    # Search bar (uneventtui/app/screens/search.py)
    Key("search.close", "escape", "close", "Close the search bar", "إغلاق شريط البحث", True),
    Key("search.open", "enter", "choose", "Open the chosen result", "فتح النتيجة المختارة", True),
    Key("search.down", "down", "down", "Next result (newer query)", "النتيجة التالية"),
    Key("search.up", "up", "up", "Previous result (older query)", "النتيجة السابقة"),
    Key("search.next", "ctrl+n", "move(1)", "Next result", "النتيجة التالية", priority=True),
    Key("search.prev", "ctrl+p", "move(-1)", "Previous result", "النتيجة السابقة", priority=True),
    Key("search.page_down", "pagedown", "page(1)", "Results: page down", "صفحة للأسفل"),
    Key("search.page_up", "pageup", "page(-1)", "Results: page up", "صفحة للأعلى"),
    # Editing the query (uneventtui/app/widgets/search_input.py)
    Key("search_input.left", "left", "cursor_left", "Cursor left on screen", "المؤشر يسارًا"),
    Key("search_input.right", "right", "cursor_right", "Cursor right on screen", "المؤشر يمينًا"),
    Key("search_input.home", "home,ctrl+a", "home", "Start of the query", "بداية النص"),
    Key("search_input.end", "end,ctrl+e", "end", "End of the query", "نهاية النص"),
    Key(
        "search_input.backspace",
        "backspace,ctrl+h",
        "delete_left",
        "Delete the character typed before the cursor",
        "حذف الحرف السابق",
    ),
    Key(
        "search_input.delete",
        "delete,ctrl+d",
        "delete_right",
        "Delete the character after the cursor",
        "حذف الحرف التالي",
    ),
    Key(
        "search_input.word",
        "ctrl+w,alt+backspace",
        "delete_word",
        "Delete the word before the cursor",
        "حذف الكلمة السابقة",
    ),
    Key(
        "search_input.to_start",
        "ctrl+u",
        "delete_to_start",
        "Delete to the start",
        "حذف حتى البداية",
    ),
    Key("search_input.to_end", "ctrl+k", "delete_to_end", "Delete to the end", "حذف حتى النهاية"),
)

BY_ID = {key.id: key for key in TABLE}


def binding_ids() -> list[str]:
    """Every id a keymap may use."""
    return [key.id for key in TABLE]


def keys_in_scope(scope: str) -> list[Key]:
    return [key for key in TABLE if key.scope == scope]


def bindings_for(scope: str, describe=None) -> list[Binding]:
    """Textual bindings for one scope; `describe(key)` gives the footer text (default: en)."""
    out = []
    for key in keys_in_scope(scope):
        out.append(
            Binding(
                key.keys,
                key.action,
                describe(key) if describe else key.en,
                show=key.show,
                priority=key.priority,
                id=key.id,
            )
        )
    return out


def display_keys(keys: str) -> str:
    """Keys as a user types them: "question_mark,f1" -> "? F1"."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "left_curly_bracket": "{",
        "right_curly_bracket": "}",
        "escape": "Esc",
        "backspace": "Backspace",
        "pagedown": "PgDn",
        "pageup": "PgUp",
        "enter": "Enter",
        "home": "Home",
        "end": "End",
        "tab": "Tab",
        "shift+tab": "Shift+Tab",
        "space": "Space",
        "down": "↓",
        "up": "↑",
        "left": "←",
        "right": "→",
        "delete": "Delete",
    }
    modifiers = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift"}

    def one(key: str) -> str:
        if key in names:
            return names[key]
        head, plus, rest = key.partition("+")
        if plus and head in modifiers:  # ctrl+d, alt+backspace: one style, Ctrl+d, Alt+Backspace
            return f"{modifiers[head]}+{one(rest)}"
        if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
            return key.upper()
        return key

    return " ".join(one(key.strip()) for key in keys.split(","))
