"""The control-character policy: what may reach the terminal from data or input.

Text from data files, seeds, configuration or the keyboard passes through
`sanitize` before it is shaped or drawn:

- Bidi controls are dropped: the embeddings and overrides U+202A-U+202E, the
  isolates U+2066-U+2069, the deprecated format controls U+206A-U+206F, and the
  marks LRM U+200E, RLM U+200F and ALM U+061C. Such characters are invisible and
  could make the displayed text lie about its content ("Trojan Source",
  CVE-2021-42574); without them every visible character is drawn where the
  plain Unicode Bidirectional Algorithm puts it. U+FEFF (BOM / zero-width
  no-break space) and the interlinear annotation characters U+FFF9-U+FFFB are
  dropped too.
- Line breaks are normalised to "\\n": CR LF, CR, NEL U+0085, LINE SEPARATOR
  U+2028 and PARAGRAPH SEPARATOR U+2029. Each "\\n" starts a new paragraph.
- Tabs are expanded to spaces (tab stops every 8 characters, per line).
- Every other C0 control and DEL is replaced by its visible picture from the
  Control Pictures block (ESC -> U+241B "␛", NUL -> U+2400 "␀", DEL -> U+2421
  "␡"), and the C1 controls U+0080-U+009F (which some terminals execute) and
  lone surrogates by U+FFFD "�". Nothing that could start an escape
  sequence reaches the terminal, and the reader sees that something was there.
- Everything else is kept, including ZWJ/ZWNJ (they matter to Arabic-script
  joining) and combining marks.

`sanitize` is idempotent: its output contains nothing it would change.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x2070), 0x200E, 0x200F, 0x061C])
_DROPPED = BIDI_CONTROLS | {0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB}

_TABLE: dict[int, str | None] = {code: None for code in _DROPPED}
for _code in range(0x20):
    _TABLE[_code] = chr(0x2400 + _code)
_TABLE[0x7F] = "\u2421"
for _code in range(0x80, 0xA0):
    _TABLE[_code] = "\ufffd"
for _code in (0x0D, 0x85, 0x2028, 0x2029):
    _TABLE[_code] = "\n"
del _TABLE[0x0A]  # "\n" stays
del _TABLE[0x09]  # tabs are expanded afterwards


def sanitize(text: str) -> str:
    """Apply the control-character policy (see the module docstring) to `text`."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return sanitize_with_offsets(text)[0]


def sanitize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`sanitize(text)` and, for each position 0..len(text) in `text`, the
    matching position in the result (a dropped character maps to where it was)."""
    if text.isprintable():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    column = 0  # characters since the last newline, for tab stops
    n = len(text)
    for i, char in enumerate(text):
        offsets.append(len(out))
        if char == "\r" and i + 1 < n and text[i + 1] == "\n":
            continue  # CR LF is one newline
        if char == "\t":
            spaces = 8 - column % 8
            out.append(" " * spaces)
            column += spaces
            continue
        code = ord(char)
        if code in _TABLE:
            char = _TABLE[code]
            if char is None:
                continue
        elif 0xD800 <= code <= 0xDFFF:
            char = "\ufffd"
        out.append(char)
        column = 0 if char == "\n" else column + 1
    offsets.append(len(out))
    # tabs appended several characters at once: recount positions
    if "\t" in text:
        positions = []
        total = 0
        for piece in out:
            positions.append(total)
            total += len(piece)
        positions.append(total)
        offsets = [positions[k] for k in offsets]
    return "".join(out), offsets


_LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LINE_INVISIBLE_RE = re.compile("[\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_LINE_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def escape_line(text: str) -> str:
    """`text` as one safe line for a message: control characters (newlines included) as
    Python escapes (`\\x1b`, `\\n`), bidi controls as `\\uXXXX` (they would reorder the
    line on a terminal), and the bytes of an undecodable file name (surrogate escapes)
    as `\\xNN`. Every path and name a verb prints goes through this."""
    text = _LINE_CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text)
    text = _LINE_INVISIBLE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _LINE_SURROGATE_RE.sub(_escape_surrogate, text)


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
