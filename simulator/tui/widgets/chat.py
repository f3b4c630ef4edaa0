"""What the conversation shows: the lines spoken, and the box at the meeting's end."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static


class ChatLine(Static):
    """One line of the conversation; never parsed as markup (a typed `[/]` stays text)."""

    def __init__(self, speaker: str, label: str, text: str) -> None:
        body = Text()
        body.append(label + "\n", style="bold")
        body.append(text)
        super().__init__(body, classes=f"message {speaker}", markup=False)


class EndingBox(Vertical):
    """How the meeting ended and the way on to the debrief.

    The box focuses its own button once it is mounted (unless told the field keeps the
    focus): children given to a container are mounted only when the container is, so a
    query made "after the next refresh" could run before the button existed (with the
    typing pause on, it always did).
    """

    def __init__(self, text: str, button_label: str, focus_button: bool = True) -> None:
        super().__init__(id="ending")
        self.text = text
        self.button_label = button_label
        self.focus_button = focus_button

    def compose(self) -> ComposeResult:
        yield Static(self.text, classes="ending-text", markup=False)
        yield Button(self.button_label, id="to-debrief", variant="primary")

    def on_mount(self) -> None:
        if self.focus_button:
            self.query_one(Button).focus()
