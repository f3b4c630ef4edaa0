"""Asks before something that cannot be undone (ending the meeting)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from simulator.tui.app import Localized


class ConfirmScreen(Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("y,k", "answer(True)", "tui.answer_yes"),
        Binding("n,e,escape", "answer(False)", "tui.answer_no"),
        # The buttons sit side by side: the arrows move between them as they look.
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.tr("answer_yes"), id="yes", variant="error")
                yield Button(self.tr("answer_no"), id="no", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
