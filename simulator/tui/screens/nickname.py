"""Nickname: the first screen of a class session (`kohtaamo serve`).

A student in a browser gives a nickname before anything else; their meetings are then kept
under that nickname in the class folder, and the same nickname next lesson brings back
their history and unfinished meetings. No real names: the screen says so, and a nickname
with a space (how a first and last name usually looks) is refused.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from simulator.classroom import NICK_MAX
from simulator.tui.app import Localized


class NicknameScreen(Localized, Screen[None]):
    DEFAULT_CSS = """
    NicknameScreen {
        align: center middle;
    }
    #nickname-box {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    #nickname-title {
        text-style: bold;
        margin-bottom: 1;
    }
    #nickname-input {
        margin-top: 1;
    }
    #nickname-error {
        color: $error;
        height: auto;
    }
    """

    def c(self, key: str, **values: object) -> str:
        from simulator.i18n import t

        return t(f"classroom.{key}", self.app.lang, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="nickname-box"):
            yield Static(self.c("nick_title"), id="nickname-title", markup=False)
            yield Static(self.c("nick_text"), id="nickname-text", markup=False)
            yield Input(
                placeholder=self.c("nick_placeholder"),
                max_length=NICK_MAX + 8,  # room to type past the limit and be told so
                id="nickname-input",
            )
            yield Static("", id="nickname-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#nickname-input", Input).focus()

    async def recompose(self) -> None:  # F3 changes the language before a nickname is given
        value = self.query_one("#nickname-input", Input).value
        await super().recompose()
        self.query_one("#nickname-input", Input).value = value
        self.on_mount()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.app.enter_class(event.value)  # type: ignore[attr-defined]
        if problem is not None:
            self.query_one("#nickname-error", Static).update(self.c(problem, min=2, max=NICK_MAX))
