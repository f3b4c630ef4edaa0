"""Library: the scenarios, filtered by language, difficulty and tag, and searched.

Scenarios load in a thread worker, so the screen is drawn at once and stays responsive
however many files there are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from simulator.tui.app import Localized
from simulator.tui.messages import LibraryReady

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

DIFFICULTIES = ("easy", "medium", "hard")


def matches(scenario: Scenario, query: str, lang: object, level: object, tag: object) -> bool:
    """Whether a scenario passes the filters; the search looks at every text a user sees."""
    if isinstance(lang, str) and scenario.language != lang:
        return False
    if isinstance(level, str) and scenario.difficulty != level:
        return False
    if isinstance(tag, str) and tag not in scenario.tags:
        return False
    words = query.casefold().split()
    if not words:
        return True
    haystack = " ".join(
        (
            scenario.title,
            scenario.id,
            scenario.client.name,
            scenario.briefing.setting,
            *scenario.tags,
            *scenario.content_notes,
            *scenario.authors,
            *scenario.reviewed_by,
        )
    ).casefold()
    return all(word in haystack for word in words)


class LibraryScreen(Localized, Screen[None]):
    AUTO_FOCUS = "#scenario-table"
    BINDINGS = [
        Binding("enter", "open", "tui.key_open", show=True),
        Binding("slash", "search", "tui.key_search"),
        Binding("f5", "reload", "tui.key_reload"),
    ]

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.scenarios: list[Scenario] = []
        self.shown: list[Scenario] = []
        self.problems: list[str] = []
        self.loaded = False
        self.localize()

    def compose(self) -> ComposeResult:
        yield Static(self.tr("library_title"), id="screen-title")
        with Horizontal(id="filters"):
            yield Input(placeholder=self.tr("search_placeholder"), id="search")
            yield Select(
                [(self.tr(f"lang_{code}"), code) for code in ("fi", "en")],
                prompt=self.tr("filter_language"),
                id="filter-lang",
            )
            yield Select(
                [(self.tr(f"difficulty_{d}"), d) for d in DIFFICULTIES],
                prompt=self.tr("filter_difficulty"),
                id="filter-level",
            )
            yield Select([], prompt=self.tr("filter_tag"), id="filter-tag")
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
        # Narrow terminals: a fixed title width keeps language, difficulty and time visible.
        narrow = self.app.size.width < 120
        table.add_column(self.tr("col_title"), key="title", width=20 if narrow else None)
        table.add_column(self.tr("col_language"), key="lang")
        table.add_column(self.tr("col_difficulty"), key="level")
        table.add_column(self.tr("col_minutes"), key="minutes")
        if self.loaded:
            self._fill()
        else:
            self.load()

    async def recompose(self) -> None:
        await super().recompose()
        self.on_mount()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        from simulator.scenario.loader import load_library

        scenarios, problems = load_library(self.directory, self.app.lang)
        scenarios.sort(key=lambda s: (s.language, s.title.casefold()))
        broken = sorted({d.where.file for d in problems if d.is_error})
        self.app.call_from_thread(self._loaded, scenarios, broken)

    def _loaded(self, scenarios: list[Scenario], broken: list[str]) -> None:
        self.scenarios = scenarios
        self.problems = broken
        self.loaded = True
        self._fill()

    def _fill(self) -> None:
        tags = sorted({tag for s in self.scenarios for tag in s.tags}, key=str.casefold)
        tag_select = self.query_one("#filter-tag", Select)
        current = tag_select.value
        tag_select.set_options([(tag, tag) for tag in tags])
        if current in tags:
            tag_select.value = current
        self._filter()
        status = self.tr("library_count", shown=len(self.shown), total=len(self.scenarios))
        if self.problems:
            status += "  " + self.tr("library_broken", count=len(self.problems))
        try:
            from simulator import store

            waiting = len(store.interrupted(self.app.home))
        except Exception:  # noqa: BLE001 - a damaged store must not block the library
            waiting = 0
        if waiting:
            status += "  " + self.tr("library_interrupted", count=waiting)
        self.query_one("#library-status", Static).update(status)
        self.app.post_message(LibraryReady())

    def _filter(self) -> None:
        query = self.query_one("#search", Input).value
        lang = self.query_one("#filter-lang", Select).value
        level = self.query_one("#filter-level", Select).value
        tag = self.query_one("#filter-tag", Select).value
        self.shown = [s for s in self.scenarios if matches(s, query, lang, level, tag)]
        table = self.query_one("#scenario-table", DataTable)
        table.clear()
        for scenario in self.shown:
            table.add_row(
                Text(scenario.title),
                scenario.language,
                self.tr(f"difficulty_{scenario.difficulty}"),
                str(scenario.minutes),
                key=scenario.id,
            )
        self._show_details(self.shown[0] if self.shown else None)

    def _show_details(self, scenario: Scenario | None) -> None:
        details = self.query_one("#details", Static)
        if scenario is None:
            details.update(self.tr("library_empty") if self.loaded else self.tr("loading"))
            return
        details.update(scenario_card(self, scenario))

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self.loaded:
            self._filter()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#scenario-table", DataTable).focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details(self._scenario(event.row_key.value))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(self._scenario(event.row_key.value))

    def _scenario(self, scenario_id: str | None) -> Scenario | None:
        return next((s for s in self.shown if s.id == scenario_id), None)

    def action_open(self) -> None:
        table = self.query_one("#scenario-table", DataTable)
        if self.shown and table.cursor_row < len(self.shown):
            self._open(self.shown[table.cursor_row])

    def _open(self, scenario: Scenario | None) -> None:
        if scenario is None:
            return
        from simulator.tui.screens.briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(scenario))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_reload(self) -> None:
        self.loaded = False
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self._fill()


def scenario_card(screen: Localized, scenario: Scenario) -> Text:
    """The library's detail panel: what a student should know before choosing."""
    tr = screen.tr
    card = Text()
    card.append(scenario.title + "\n", style="bold")
    card.append(
        f"{tr('lang_' + scenario.language)} · {tr('difficulty_' + scenario.difficulty)} · "
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
