"""Patch `resize`: a line-API view's content resized without laying out the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget

from uneventtui.app import speed


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new virtual (content) size.

    Textual's `virtual_size` is a layout reactive: setting it lays out and repaints the
    whole screen, every scrollbar included, although a
    `ScrollView` whose size comes from CSS keeps its region: only its own scrollbars
    follow the content. So update those (the caller repaints the view, whose content
    changed). A scrollbar that appears or disappears still asks for a layout (the
    content gets narrower or wider).
    """
    if size == view.virtual_size:
        return
    styles = view.styles
    sized_by_content = (styles.width is not None and styles.width.is_auto) or (
        styles.height is not None and styles.height.is_auto
    )
    if (
        not speed.on("resize")
        or not view.is_mounted
        or not view.container_size
        or (sized_by_content and not _keeps_its_size(view, size))
    ):
        view.virtual_size = size  # not laid out yet, or its size follows its content
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)


def _keeps_its_size(view: ScrollView, size: Size) -> bool:
    """Does a view whose height follows its content keep its height at the new size?
    It does when the height is the same, or when the content was cut short already (the
    view at its max-height) and still is: the search results at every key typed."""
    styles = view.styles
    if (styles.width is not None and styles.width.is_auto) or size.width != view.virtual_size.width:
        return False
    before, shown = view.virtual_size.height, view.size.height
    return size.height == before or (before > shown and size.height >= shown)
