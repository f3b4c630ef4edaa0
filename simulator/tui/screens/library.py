"""Library: the scenarios, filtered by language, difficulty and tag, and searched.

Start-up matters, and the full loader (positions, validation of every transition) costs
far more than listing needs. So the list comes from a small cache in the cache folder (one
entry per file, trusted while the file's mtime and size are unchanged), else from a quick
read of the file through the guarded reader (simulator.catalog); the full, validated load
follows in a background worker once the first frames are out: files that fail it stay in the
list as broken cards with their message, and are counted. Opening a scenario uses the
validated one, loading it on demand if the background check has not reached it yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from simulator.catalog import (  # noqa: F401 - Card and matches are used through here too
    Card,
    cached_cards,
    checked_cards,
    matches,
    quick_cards,
    sort_cards,
)
from simulator.i18n import LANGUAGES
from simulator.scenario.model import DIFFICULTIES
from simulator.scenario.paths import bundled_scenarios_dir, library_problem, scenario_files
from simulator.tui.app import Localized
from simulator.tui.messages import LibraryReady

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: Seconds between the quick listing and the full validation of every scenario.
CHECK_DELAY = 0.3


class LibraryScreen(Localized, Screen[None]):
    AUTO_FOCUS = "#scenario-table"
    BINDINGS = [
        Binding("enter", "open", "tui.key_open", show=True),
        Binding("slash", "search", "tui.key_search"),
        Binding("l", "cycle('lang')", "tui.key_filter_language", show=False),
        Binding("d", "cycle('level')", "tui.key_filter_difficulty", show=False),
        Binding("t", "pick_tag", "tui.key_filter_tag", show=False),
        Binding("f5", "reload", "tui.key_reload", show=False),
    ]

    # Filters cycle through their values (None = all): lighter than drop-down widgets,
    # which would cost a third of the start-up time. Each change redraws the list.
    filter_lang: reactive[str | None] = reactive(None, init=False)
    filter_level: reactive[str | None] = reactive(None, init=False)
    filter_tag: reactive[str | None] = reactive(None, init=False)
    #: Interrupted meetings in the store (the status line counts them).
    waiting: reactive[int] = reactive(0, init=False)

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.scenarios: list[Card] = []
        self.shown: list[Card] = []
        self.problems: list[str] = []
        self.missing: str | None = None  # "missing" | "no_files": no library at all (see _loaded)
        self.loaded = False
        self.checked = False
        self.chosen: str | None = None  # id of the highlighted scenario

    def compose(self) -> ComposeResult:
        yield Static(self.tr("library_title"), id="screen-title")
        with Horizontal(id="filters"):
            yield Input(placeholder=self.tr("search_placeholder"), id="search")
            yield Static(self._filter_bar(), id="filter-bar")
        with Horizontal(id="library-body"):
            table: DataTable[str | Text] = DataTable(
                id="scenario-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            with VerticalScroll(id="scenario-details"):
                yield Static(self.tr("loading"), id="details", markup=False)
        with Vertical(id="library-notes"):
            yield Static("", id="library-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#scenario-table", DataTable)
        # The title takes what the other columns leave, so language, difficulty and time
        # always show whole (an auto-sized title pushed them out at 120 columns).
        others = [
            (self.tr("col_language"), "lang", 2),
            (
                self.tr("col_difficulty"),
                "level",
                max(len(difficulty_label(self, d)) for d in DIFFICULTIES),
            ),
            (self.tr("col_minutes"), "minutes", 3),
        ]
        widths = [max(len(label), shortest) for label, _, shortest in others]
        table_width = self.app.size.width * 3 // 5  # the table's share (3fr of 5fr)
        title_width = max(16, table_width - sum(widths) - 2 * (len(widths) + 1) - 2)
        table.add_column(self.tr("col_title"), key="title", width=title_width)
        for (label, key, _), width in zip(others, widths, strict=True):
            table.add_column(label, key=key, width=width)
        if self.loaded:
            self._fill()
            return
        cards = cached_cards(self._files(), self.app.cache_home)
        if cards is None:
            self.load()  # new or changed files: read them off the UI thread
        else:
            self._loaded(sort_cards(cards), [], False)

    async def recompose(self) -> None:
        await super().recompose()
        self.on_mount()
        self.query_one("#scenario-table", DataTable).focus()

    def _root(self) -> Path:
        return self.directory if self.directory is not None else bundled_scenarios_dir()

    def _files(self) -> list[Path]:
        root = self._root()
        return scenario_files([root]) if root.is_dir() else []

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        cards = quick_cards(self._files(), self.app.cache_home)
        self.app.call_from_thread(self._loaded, sort_cards(cards), [], False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def recount(self) -> None:
        """How many meetings wait to be resumed (the status line says so)."""
        from simulator import store

        try:
            waiting = len(store.interrupted(self.app.home))
        except Exception:  # noqa: BLE001 - a damaged store must not block the library
            waiting = 0
        if waiting != self.waiting:
            # Widget state is set on the UI thread, never from the worker.
            self.app.call_from_thread(setattr, self, "waiting", waiting)

    def watch_waiting(self) -> None:
        if self.loaded:
            self._fill()

    def watch_filter_lang(self) -> None:
        if self.loaded:
            self._filter()

    watch_filter_level = watch_filter_tag = watch_filter_lang

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def check(self) -> None:
        cards = checked_cards(self._root(), self.app.lang)
        broken = [c.path for c in cards if c.problem]
        self.app.call_from_thread(self._loaded, cards, broken, True)

    def _loaded(self, cards: list[Card], broken: list[str], checked: bool) -> None:
        first_time = not self.loaded
        self.scenarios = cards
        self.problems = broken
        # No cards at all: say whether the folder is missing or empty rather than showing
        # an empty table (an incomplete installation must not look like a filter).
        self.missing = None if cards else library_problem(self._root())
        self.loaded = True
        self.checked = checked
        self._fill()
        if first_time:
            self.app.post_message(LibraryReady())
            self.call_after_refresh(self.app.first_frame)
            # The full check and the count of interrupted meetings (the store, SQLite)
            # compete for the interpreter: let the first frames out first.
            self.set_timer(CHECK_DELAY, self._after_first_frames)

    def _after_first_frames(self) -> None:
        self.recount()
        self.check()

    def _fill(self) -> None:
        if self.filter_tag not in self._choices("tag"):
            # A tag no scenario has any more (after a reload): all, filtered just below.
            self.set_reactive(LibraryScreen.filter_tag, None)
        self._filter()
        status = self.tr("library_count", shown=len(self.shown), total=len(self.scenarios))
        if self.missing:
            status = self._missing_text()
        if self.problems:
            status += "  " + self.tr("library_broken", count=len(self.problems))
        if self.waiting:
            status += "  " + self.tr("library_interrupted", count=self.waiting)
        self.query_one("#library-status", Static).update(status)

    def _missing_text(self) -> str:
        """No library: the installed one is incomplete, or a folder given has no scenarios."""
        key = f"library_{self.missing}" if self.directory is None else "library_folder_empty"
        return self.tr(key, path=str(self._root()))

    def _filter(self) -> None:
        query = self.query_one("#search", Input).value
        lang, level, tag = self.filter_lang, self.filter_level, self.filter_tag
        self.shown = [s for s in self.scenarios if matches(s, query, lang, level, tag)]
        self.query_one("#filter-bar", Static).update(self._filter_bar())
        table = self.query_one("#scenario-table", DataTable)
        chosen = self.chosen
        table.clear()
        for scenario in self.shown:
            title = (
                Text("⚠ " + scenario.title, style="red")
                if scenario.problem
                else Text(scenario.title)
            )
            # Text, not str: DataTable reads a str cell as markup, and a file not yet checked
            # may hold anything (`difficulty: "[@click=app.quit]"`).
            table.add_row(
                title,
                Text(scenario.language),
                Text(difficulty_label(self, scenario.difficulty)),
                Text(str(scenario.minutes)),
                key=scenario.id,
            )
        # Back from a briefing, after a language switch or a reload, the cursor stays on the
        # scenario the student was on (clearing the table put it on the top row).
        row = next((n for n, s in enumerate(self.shown) if s.id == chosen), 0)
        if self.shown:
            table.move_cursor(row=row, animate=False)
        self._show_details(self.shown[row] if self.shown else None)

    def _show_details(self, scenario: Card | None) -> None:
        details = self.query_one("#details", Static)
        if scenario is None and self.missing:
            details.update(self._missing_text())
            return
        if scenario is None:
            details.update(self.tr("library_empty") if self.loaded else self.tr("loading"))
            return
        details.update(scenario_card(self, scenario))

    def _choices(self, name: str) -> list[str | None]:
        """The values a filter steps through: only those some scenario has (stepping to
        "easy" in a library with no easy scenario showed an empty list)."""
        if name == "lang":
            present = {s.language for s in self.scenarios}
            return [None, *(x for x in LANGUAGES if x in present)]
        if name == "level":
            present = {s.difficulty for s in self.scenarios}
            return [None, *(x for x in DIFFICULTIES if x in present)]
        tags = sorted({tag for s in self.scenarios for tag in s.tags}, key=str.casefold)
        return [None, *tags]

    def _label(self, name: str, value: str | None) -> str:
        if value is None:
            return self.tr("filter_all")
        if name == "lang":
            return self.tr(f"lang_{value}")
        if name == "level":
            return self.tr(f"difficulty_{value}")
        return value

    def _filter_bar(self) -> str:
        """Markup of our own labels; values from scenario files (tags) are escaped."""
        parts = []
        for name, key, title in (
            ("lang", "l", "filter_language"),
            ("level", "d", "filter_difficulty"),
            ("tag", "t", "filter_tag"),
        ):
            value = escape(self._label(name, getattr(self, f"filter_{name}")))
            parts.append(
                f"[b]{escape(self.tr(title))}[/b] ({key}) "
                f"[@click=screen.{'pick_tag' if name == 'tag' else f'cycle({name!r})'}]"
                f"[u]{value}[/u][/]"
            )
        return "  ".join(parts)

    def action_cycle(self, name: str) -> None:
        choices = self._choices(name)
        current = getattr(self, f"filter_{name}")
        position = choices.index(current) if current in choices else 0
        setattr(self, f"filter_{name}", choices[(position + 1) % len(choices)])

    @on(Input.Changed, "#search")
    def _filters_changed(self) -> None:
        if self.loaded:
            self._filter()

    def action_pick_tag(self) -> None:
        """Tags are many: choose one from a list instead of stepping through them."""
        from simulator.tui.screens.picker import PickerScreen

        counts = {tag: sum(tag in s.tags for s in self.scenarios) for tag in self._choices("tag")}
        options = [
            (tag, f"{self._label('tag', tag)} ({len(self.scenarios) if tag is None else n})")
            for tag, n in counts.items()
        ]

        def picked(tag: str | None | bool) -> None:
            if tag is not False:
                self.filter_tag = tag  # type: ignore[assignment]
            self.query_one("#scenario-table", DataTable).focus()

        self.app.push_screen(PickerScreen(self.tr("filter_tag"), options, self.filter_tag), picked)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        """Enter in the search: one match opens at once; else the list takes the keys."""
        if len(self.shown) == 1:
            self._open(self.shown[0])
        self.query_one("#scenario-table", DataTable).focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        card = self._scenario(event.row_key.value)
        if card is not None:
            self.chosen = card.id
        self._show_details(card)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(self._scenario(event.row_key.value))

    def _scenario(self, scenario_id: str | None) -> Card | None:
        return next((s for s in self.shown if s.id == scenario_id), None)

    def action_open(self) -> None:
        table = self.query_one("#scenario-table", DataTable)
        if self.shown and table.cursor_row < len(self.shown):
            self._open(self.shown[table.cursor_row])

    def _open(self, card: Card | None) -> None:
        if card is None:
            return
        if card.problem:
            message = self.tr("library_broken_file", file=card.title, problem=card.problem)
            self.notify(message, severity="error", timeout=10)  # plain text (app.notify)
            return
        if card.scenario is not None:
            self._brief(card.scenario)
        else:
            self.load_one(card.path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def load_one(self, path: str) -> None:
        """The background check has not reached this file yet: load it now."""
        scenario = self.app.load_scenario_quietly(path)
        if scenario is not None:
            self.app.call_from_thread(self._brief, scenario)

    def _brief(self, scenario: Scenario) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(scenario))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_reload(self) -> None:
        self.loaded = False
        self.checked = False
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self._fill()
            self.recount()


def difficulty_label(screen: Localized, difficulty: str) -> str:
    """Translated; a file not yet checked may hold anything, shown as written."""
    return screen.tr(f"difficulty_{difficulty}") if difficulty in DIFFICULTIES else difficulty


def language_label(screen: Localized, language: str) -> str:
    return screen.tr(f"lang_{language}") if language in LANGUAGES else language


def scenario_card(screen: Localized, scenario: Scenario | Card) -> Text:
    """The library's detail panel: what a student should know before choosing."""
    tr = screen.tr
    card = Text()
    card.append(scenario.title + "\n", style="bold")
    problem = getattr(scenario, "problem", "")
    if problem:  # a broken file: where it is and why it cannot be used
        card.append(tr("library_broken_file", file=scenario.path, problem=problem), style="red")
        return card
    card.append(
        f"{language_label(screen, scenario.language)} · "
        f"{difficulty_label(screen, scenario.difficulty)} · "
        f"{tr('minutes', minutes=scenario.minutes)}\n\n"
    )
    if scenario.content_notes:
        card.append(tr("content_notes") + "\n", style="bold")
        for note in scenario.content_notes:
            card.append(f"• {note}\n")
        card.append("\n")
    card.append(tr("authors") + ": ", style="bold")
    card.append(", ".join(scenario.authors) or "–")
    card.append("\n")
    card.append(tr("reviewed_by") + ": ", style="bold")
    card.append(", ".join(scenario.reviewed_by) or tr("reviewed_by_none"))
    card.append("\n")
    if scenario.tags:
        card.append(tr("tags") + ": ", style="bold")
        card.append(", ".join(scenario.tags))
        card.append("\n")
    return card
