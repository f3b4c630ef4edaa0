"""What the student sees when something in a screen fails unexpectedly.

The app logs the error to the data folder and offers the way on instead of ending with a
traceback: the meeting's debrief (every turn is already in its journal), the library, or
quitting.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from simulator.tui.app import Localized


class CrashScreen(Localized, ModalScreen[str]):
    """Dismissed with the way on the student chose: "debrief", "library" or "quit"."""

    BINDINGS = [
        Binding("escape", "choose('library')", "tui.crash_library"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, log: Path | None, meeting: bool) -> None:
        super().__init__()
        self.log_path = log
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        where = self.tr("crash_logged", path=str(self.log_path)) if self.log_path else ""
        saved = self.tr("crash_meeting_saved") if self.meeting else ""
        with Vertical(id="crash"):
            yield Static(self.tr("crash_title"), classes="help-title", markup=False)
            yield Static("\n".join(x for x in (saved, where) if x), markup=False)
            with Horizontal(id="crash-buttons"):
                if self.meeting:
                    yield Button(self.tr("crash_debrief"), id="debrief", variant="primary")
                yield Button(self.tr("crash_library"), id="library")
                yield Button(self.tr("crash_quit"), id="quit", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "library")

    def action_choose(self, way: str) -> None:
        self.dismiss(way)
