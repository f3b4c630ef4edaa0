"""Messages the screens post to the app (tests and the start-up benchmark wait on them)."""

from __future__ import annotations

from textual.message import Message


class LibraryReady(Message):
    """The library's scenarios are loaded and shown: the app is usable."""
