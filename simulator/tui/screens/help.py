"""Help: the keys and how a meeting works, in the UI language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from simulator.tui.app import Localized


class HelpScreen(Localized, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "tui.key_close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.tr("help_title"), classes="help-title")
            yield Static(self.tr("help_text"), markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()
