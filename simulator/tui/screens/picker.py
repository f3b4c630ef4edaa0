"""Choose one value from a list (the library's tag filter): type to narrow, Enter to pick."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from simulator.tui.app import Localized

#: What the picker is dismissed with when nothing was chosen (None means "all").
NOTHING = False


class PickerScreen(Localized, ModalScreen["str | None | bool"]):
    BINDINGS = [
        Binding("escape", "cancel", "tui.key_close"),
        Binding("down", "to_list", show=False),
    ]

    def __init__(
        self, title: str, options: list[tuple[str | None, str]], current: str | None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(self.title_text, classes="help-title", markup=False)
            yield Input(placeholder=self.tr("picker_filter"), id="picker-filter")
            yield OptionList(id="picker-list")
        yield Footer()

    def on_mount(self) -> None:
        self._show("")
        self.query_one("#picker-filter", Input).focus()

    def _show(self, query: str) -> None:
        listing = self.query_one("#picker-list", OptionList)
        listing.clear_options()
        words = query.casefold().split()
        for index, (_value, label) in enumerate(self.options):
            if all(w in label.casefold() for w in words):
                listing.add_option(Option(label, id=str(index)))
        chosen = [str(n) for n, (v, _) in enumerate(self.options) if v == self.current]
        if chosen and chosen[0] in {o.id for o in listing.options}:
            listing.highlighted = listing.get_option_index(chosen[0])
        elif listing.option_count:
            listing.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _take_first(self) -> None:
        listing = self.query_one("#picker-list", OptionList)
        if listing.option_count:
            self._pick(listing.get_option_at_index(listing.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss(self.options[int(option_id)][0])

    def action_to_list(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(NOTHING)
