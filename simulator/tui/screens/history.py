"""History: past meetings from the local store, their debriefs, progress per axis, and
resuming a meeting that was interrupted."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Sparkline, Static
from textual.worker import get_current_worker

from simulator import store
from simulator.i18n import t
from simulator.moves import AXES
from simulator.safetext import one_line
from simulator.tui.app import Localized


def when(started: str) -> str:
    """The start time in the user's local time, short enough for 80 columns."""
    try:
        return datetime.fromisoformat(started).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return started[:16]


class HistoryScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "tui.key_debrief"),
        Binding("r", "resume", "tui.key_resume"),
        Binding("escape", "close", "tui.key_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[store.HistoryEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(self.tr("history_title"), id="screen-title")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="progress"):
            yield Static(self.tr("progress"), classes="progress-title")
            for axis in AXES:
                with Horizontal(classes="progress-row"):
                    yield Static(t(f"scoring.axis_{axis}", self.app.lang), classes="progress-label")
                    yield Sparkline([], id=f"progress-{axis}")
                    yield Static("", id=f"progress-{axis}-last", classes="progress-last")
        yield Footer()

    async def recompose(self) -> None:
        await super().recompose()
        self.load()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, so this is the only first load: two
        # loads racing left the table sized for the headers alone.
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        entries, problem = store.history_and_problem(self.app.home)
        progress = store.progress(self.app.home)
        if get_current_worker().is_cancelled:
            return  # a newer load is on its way
        self.app.call_from_thread(self._loaded, entries, progress)
        if problem is not None:
            # A read-only or unwritable data folder: the list was read from the journals,
            # and the user learns where and why nothing can be saved (it was silently empty).
            reason = getattr(problem, "strerror", None) or str(problem)
            message = self.tr("history_unwritable", path=str(self.app.home), reason=reason)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=20)

    def _loaded(self, entries: list[store.HistoryEntry], progress: dict[str, list[float]]) -> None:
        self.entries = entries
        table = self.query_one("#history-table", DataTable)
        table.clear(columns=True)
        # Every column but the scenario's is as wide as its longest content; the title
        # takes the rest (auto widths cut dates and outcomes short at 120 columns).
        outcomes = [self.tr(k) for k in ("interrupted", "outcome_closed", "outcome_left")] + [
            self.tr(f"outcome_{o}") for o in ("good", "neutral", "poor")
        ]
        # A partial meeting's scores are marked as such ("100 partial"): they describe a few
        # turns, not a meeting (docs/scoring.md, "Partial meetings").
        score_width = len(self.tr("score_partial", value=100)) if any(
            e.partial for e in entries
        ) else 3
        fixed = [
            (self.tr("col_started"), len("2026-12-05 10:00")),
            (self.tr("col_outcome"), max(map(len, outcomes))),
            (self.tr("col_turns"), 3),
            *((self.tr(f"col_{axis}"), score_width) for axis in AXES),
        ]
        widths = [max(len(label), shortest) for label, shortest in fixed]
        rest = self.app.size.width - sum(widths) - 2 * (len(widths) + 1) - 2
        (started, started_w), (outcome_label, outcome_w), *others = zip(
            (label for label, _ in fixed), widths, strict=True
        )
        table.add_column(started, width=started_w)
        table.add_column(self.tr("col_scenario"), width=max(16, rest))
        table.add_column(outcome_label, width=outcome_w)
        for label, width in others:
            table.add_column(label, width=width)
        for entry in entries:
            if not entry.finished:
                outcome = Text(self.tr("interrupted"), style="bold yellow")
            elif entry.partial == "left":
                # Ended by the worker's goodbye before the work was done: partial, as a
                # meeting stopped with Esc (docs/scoring.md), not a neutral ending reached.
                outcome = Text(self.tr("outcome_left"))
            elif entry.outcome:
                outcome = Text(self.tr(f"outcome_{entry.outcome}"))
            else:
                outcome = Text(self.tr("outcome_closed"))
            # A partial meeting's scores describe a few turns: shown dim, never ranked with
            # meetings carried through (and left out of the progress chart).
            style = "dim" if entry.partial else ""
            table.add_row(
                # Text, not str (a str cell is markup); escapes shown: a journal holds anything.
                Text(one_line(when(entry.started))),
                Text(
                    one_line(entry.scenario_title or entry.scenario_id),
                    overflow="ellipsis",
                    no_wrap=True,
                ),
                outcome,
                str(entry.turns),
                *(Text(self._score(entry, a), style=style) for a in AXES),
                key=entry.id,
            )
        if not entries:
            self.notify(self.tr("history_empty"))
        for axis in AXES:
            values = progress.get(axis, [])
            self.query_one(f"#progress-{axis}", Sparkline).data = values or [0]
            last = f"{values[-1]:.0f}" if values else "–"
            self.query_one(f"#progress-{axis}-last", Static).update(last)

    def _score(self, entry: store.HistoryEntry, axis: str) -> str:
        if axis not in entry.scores:
            return "–"
        value = f"{entry.scores[axis]:.0f}"
        return self.tr("score_partial", value=value) if entry.partial else value

    def _current(self) -> store.HistoryEntry | None:
        table = self.query_one("#history-table", DataTable)
        if not self.entries or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        entry = self._current()
        if entry is not None:
            self.open_debrief(entry.path, entry.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def open_debrief(self, path: Path, session_id: str) -> None:
        contents = store.load_journal(path)
        scenario = None
        # The scenario adds names and readiness to the debrief; without it, it still works.
        if contents.transcript.scenario_path and Path(contents.transcript.scenario_path).exists():
            scenario = self.app.load_scenario_quietly(contents.transcript.scenario_path)
        self.app.call_from_thread(
            self.app.open_debrief, contents.transcript, scenario, session_id=session_id
        )

    def action_resume(self) -> None:
        entry = self._current()
        if entry is None:
            return
        if entry.finished:
            self.notify(self.tr("not_interrupted"))
            return
        self.app.resume_meeting(entry.path)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
