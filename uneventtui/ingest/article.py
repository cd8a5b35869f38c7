"""Reading the article: bytes to text, HTML to its main text, bad input to a message.

HTML goes through readability-lxml (Mozilla Readability's algorithm on lxml). On
pages made of each seed with navigation, a sidebar of other dated stories and a
footer, it and trafilatura both kept every paragraph and none of the page's other
dates; readability-lxml brings four small packages, trafilatura a dozen
(dateparser, htmldate, courlan …) for crawling features we do not use.
We never strip tags ourselves.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from uneventtui import paths

__all__ = ["ArticleError", "read_article", "html_main_text", "looks_like_html", "ARTICLE_LIMIT"]

# A news article is tens of kilobytes; a file this large is not one.
ARTICLE_LIMIT = 4 << 20

_HTML_RE = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_TAGS_RE = re.compile(r"</?(?:p|div|article|span|h[1-6]|br|a|li|section)\b[^>]*>", re.I)


class ArticleError(Exception):
    """An input that is not an article we can read; the message says why."""


def looks_like_html(text: str) -> bool:
    head = text[:2048]
    return bool(_HTML_RE.match(head)) or len(_TAGS_RE.findall(head)) >= 3


def html_main_text(html: str) -> str:
    """The article's main text: title and paragraphs, one per line."""
    import lxml.html
    from readability import Document

    try:
        document = Document(html)
        title = document.short_title().strip()
        body = lxml.html.fromstring(document.summary(html_partial=True))
    except Exception as exc:  # lxml and readability raise many kinds on broken pages
        raise ArticleError(f"cannot read the HTML ({type(exc).__name__})") from None
    blocks = []
    for element in body.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        if any(a.tag in ("p", "li", "blockquote") for a in element.iterancestors()):
            continue  # its text is its ancestor's
        line = " ".join(element.text_content().split())
        if line:
            blocks.append(line)
    if not blocks:
        blocks = [" ".join(line.split()) for line in body.text_content().splitlines()]
    if title and (not blocks or title not in blocks[0]):
        blocks.insert(0, title)
    return "\n".join(b for b in blocks if b)


def decode(raw: bytes) -> str:
    """The text of an article file; ArticleError for what is not UTF-8 text."""
    if not raw.strip():
        raise ArticleError("the file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleError("a binary file, not text (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the article as UTF-8"
        ) from None
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if controls > len(text) // 100 + 8:
        raise ArticleError("a binary file, not text (it holds control characters)")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_article(path: Path) -> tuple[str, bool]:
    """(text, was_html) of the article at `path`; ArticleError when it cannot be one."""
    try:
        raw = paths.read_regular_file(path, ARTICLE_LIMIT)
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except IsADirectoryError:
        raise ArticleError("a directory, not a file") from None
    except OSError as exc:
        message = str(exc)
        if "larger than" in message:
            raise ArticleError(
                f"too large for an article (over {ARTICLE_LIMIT >> 20} MB); "
                "give one article at a time"
            ) from None
        if "not a regular file" in message:
            raise ArticleError("not a regular file") from None
        raise ArticleError(f"cannot read it: {exc.strerror or message}") from None
    text = decode(raw)
    if looks_like_html(text):
        text = html_main_text(text)
        if not text.strip():
            raise ArticleError("the HTML page has no main text")
        return text, True
    return text, False
