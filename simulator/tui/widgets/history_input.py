"""The conversation's input: ↑ and ↓ walk through what the student said before."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class HistoryInput(Input):
    BINDINGS = [
        Binding("up", "earlier", show=False),
        Binding("down", "later", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.said: list[str] = []
        self._cursor: int | None = None

    def _watch_value(self, value: str) -> None:
        # Textual's Input sets its virtual size to the text's width on every key, and that
        # reactive asks for a new layout of the whole screen (every chat line, the coach
        # panel) each time: most of a key's CPU, and it grows with the meeting. Only the
        # field's own horizontal scroll reads that size, so it is set here without a layout
        # (Input's assignment then finds it unchanged). The field still repaints per key.
        # Served, a key went from 5.5-6.9 to 4.2-4.7 ms of CPU (one tab, 140x42).
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def remember(self, text: str) -> None:
        if text and (not self.said or self.said[-1] != text):
            self.said.append(text)
        self._cursor = None

    def action_earlier(self) -> None:
        if not self.said:
            return
        self._cursor = len(self.said) - 1 if self._cursor is None else max(0, self._cursor - 1)
        self._show()

    def action_later(self) -> None:
        if self._cursor is None:
            return
        self._cursor += 1
        if self._cursor >= len(self.said):
            self._cursor = None
        self._show()

    def _show(self) -> None:
        self.value = "" if self._cursor is None else self.said[self._cursor]
        self.cursor_position = len(self.value)
