"""Library: the scenarios, filtered by language, difficulty and tag, and searched.

Start-up matters, and the full loader (positions, validation of every transition) costs
far more than listing needs. So the list comes from a small cache in the data dir (one
entry per file, trusted while the file's mtime and size are unchanged), else from a quick
read of the file with libyaml's safe loader; the full, validated load follows in a
background worker once the first frames are out: files that fail it leave the list and are
counted. Opening a scenario uses the validated one, loading it on demand if the
background check has not reached it yet.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from simulator.scenario.model import DIFFICULTIES
from simulator.scenario.paths import bundled_scenarios_dir, library_problem, scenario_files
from simulator.tui.app import Localized
from simulator.tui.messages import LibraryReady

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: Seconds between the quick listing and the full validation of every scenario.
CHECK_DELAY = 0.3
CACHE = "library-cache.json"


def stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_mtime_ns, info.st_size]


@dataclass(frozen=True)
class Card:
    """What the library shows of a scenario; `scenario` is set once it is fully loaded."""

    path: str
    id: str
    title: str
    language: str
    difficulty: str
    minutes: int
    content_notes: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    reviewed_by: tuple[str, ...]
    client_name: str
    setting: str
    scenario: Scenario | None = None

    @classmethod
    def of(cls, scenario: Scenario) -> Card:
        return cls(
            path=scenario.path,
            id=scenario.id,
            title=scenario.title,
            language=scenario.language,
            difficulty=scenario.difficulty,
            minutes=scenario.minutes,
            content_notes=scenario.content_notes,
            tags=scenario.tags,
            authors=scenario.authors,
            reviewed_by=scenario.reviewed_by,
            client_name=scenario.client.name,
            setting=scenario.briefing.setting,
            scenario=scenario,
        )

    @classmethod
    def peek(cls, path: Path) -> Card | None:
        """The listing fields of a file, read fast; None if it is not even a scenario."""
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            with open(path, encoding="utf-8-sig") as handle:
                data = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None

        def words(key: str, within: Any = data) -> tuple[str, ...]:
            value = within.get(key) if isinstance(within, dict) else None
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        def text(key: str, within: Any = data) -> str:
            value = within.get(key) if isinstance(within, dict) else None
            return value if isinstance(value, str) else ""

        minutes = data.get("minutes")
        return cls(
            path=str(path),
            id=data["id"],
            title=text("title") or data["id"],
            language=text("language"),
            difficulty=text("difficulty"),
            minutes=minutes if isinstance(minutes, int) else 0,
            content_notes=words("content_notes"),
            tags=words("tags"),
            authors=words("authors"),
            reviewed_by=words("reviewed_by"),
            client_name=text("name", data.get("client")),
            setting=text("setting", data.get("briefing")),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("scenario")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card | None:
        names = {f.name for f in fields(cls)} - {"scenario"}
        if not isinstance(data, dict) or set(data) != names:
            return None
        for key in ("content_notes", "tags", "authors", "reviewed_by"):
            data[key] = tuple(data[key])
        return cls(**data)


def read_cache(home: Path) -> dict[str, Any]:
    try:
        data = json.loads((home / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(home: Path, entries: dict[str, Any]) -> None:
    from simulator import store

    # Only a cache: if it cannot be written, the next start reads the files again.
    with suppress(OSError):
        store.write_private(home / CACHE, json.dumps(entries, ensure_ascii=False))


def cached_cards(files: list[Path], home: Path) -> list[Card] | None:
    """The listing straight from the cache, or None if any file is new or changed.

    Only file stats and one small JSON read: cheap enough to do before the first frame, so
    the library appears with its list instead of an empty table filled a moment later.
    """
    cache = read_cache(home)
    if set(cache) != {str(path) for path in files}:
        return None
    cards: list[Card] = []
    for path in files:
        entry = cache[str(path)]
        try:
            current = stamp(path)
        except OSError:
            return None
        if not isinstance(entry, dict) or entry.get("stamp") != current:
            return None
        card = Card.from_dict(dict(entry.get("card") or {}))
        if card is None:
            return None
        cards.append(card)
    return cards


def quick_cards(files: list[Path], home: Path) -> list[Card]:
    """The listing, from the cache where the file is unchanged, else a quick read."""
    cache = read_cache(home)
    cards: list[Card] = []
    fresh: dict[str, Any] = {}
    for path in files:
        try:
            current = stamp(path)
        except OSError:
            continue
        entry = cache.get(str(path))
        card = None
        if isinstance(entry, dict) and entry.get("stamp") == current:
            card = Card.from_dict(dict(entry.get("card") or {}))
        if card is None:
            card = Card.peek(path)
        if card is not None:
            cards.append(card)
            fresh[str(path)] = {"stamp": current, "card": card.to_dict()}
    if fresh != cache:
        write_cache(home, fresh)
    return cards


def matches(scenario: Card, query: str, lang: object, level: object, tag: object) -> bool:
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
            scenario.client_name,
            scenario.setting,
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
        Binding("l", "cycle('lang')", "tui.key_filter_language", show=False),
        Binding("d", "cycle('level')", "tui.key_filter_difficulty", show=False),
        Binding("t", "pick_tag", "tui.key_filter_tag", show=False),
        Binding("f5", "reload", "tui.key_reload", show=False),
    ]

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.scenarios: list[Card] = []
        self.shown: list[Card] = []
        self.problems: list[str] = []
        self.missing: str | None = None  # "missing" | "no_files": no library at all (see _loaded)
        self.loaded = False
        self.checked = False
        self.waiting = 0  # interrupted meetings in the store
        # Filters cycle through their values (None = all): lighter than drop-down widgets,
        # which would cost a third of the start-up time.
        self.filters: dict[str, str | None] = {"lang": None, "level": None, "tag": None}
        self.chosen: str | None = None  # id of the highlighted scenario
        self.localize()

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
        cards = cached_cards(self._files(), self.app.home)
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
        cards = quick_cards(self._files(), self.app.home)
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
            self.app.call_from_thread(self._waiting, waiting)

    def _waiting(self, count: int) -> None:
        self.waiting = count
        self._fill()

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def check(self) -> None:
        from simulator.scenario.loader import load_library

        scenarios, problems = load_library(self._root(), self.app.lang)
        broken = sorted({d.where.file for d in problems if d.is_error})
        self.app.call_from_thread(self._loaded, sort_cards(map(Card.of, scenarios)), broken, True)

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
        if self.filters["tag"] not in self._choices("tag"):
            self.filters["tag"] = None
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
        lang, level, tag = (self.filters[k] for k in ("lang", "level", "tag"))
        self.shown = [s for s in self.scenarios if matches(s, query, lang, level, tag)]
        self.query_one("#filter-bar", Static).update(self._filter_bar())
        table = self.query_one("#scenario-table", DataTable)
        chosen = self.chosen
        table.clear()
        for scenario in self.shown:
            table.add_row(
                Text(scenario.title),
                scenario.language,
                difficulty_label(self, scenario.difficulty),
                str(scenario.minutes),
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
            return [None, *(x for x in ("fi", "en") if x in present)]
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
            value = escape(self._label(name, self.filters[name]))
            parts.append(
                f"[b]{escape(self.tr(title))}[/b] ({key}) "
                f"[@click=screen.{'pick_tag' if name == 'tag' else f'cycle({name!r})'}]"
                f"[u]{value}[/u][/]"
            )
        return "  ".join(parts)

    def action_cycle(self, name: str) -> None:
        choices = self._choices(name)
        current = self.filters.get(name)
        position = choices.index(current) if current in choices else 0
        self.filters[name] = choices[(position + 1) % len(choices)]
        if self.loaded:
            self._filter()

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
                self.filters["tag"] = tag  # type: ignore[assignment]
                if self.loaded:
                    self._filter()
            self.query_one("#scenario-table", DataTable).focus()

        self.app.push_screen(
            PickerScreen(self.tr("filter_tag"), options, self.filters["tag"]), picked
        )

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
    return screen.tr(f"lang_{language}") if language in ("fi", "en") else language


def sort_cards(cards: Any) -> list[Card]:
    return sorted(cards, key=lambda c: (c.language, c.title.casefold()))


def scenario_card(screen: Localized, scenario: Scenario | Card) -> Text:
    """The library's detail panel: what a student should know before choosing."""
    tr = screen.tr
    card = Text()
    card.append(scenario.title + "\n", style="bold")
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
