"""Briefing: what the trainee knows before the meeting, and how they want to practise.

`FileScreen` is the briefing for `kohtaamo play FILE`: it loads the file itself and, with
`--watch`, reloads it whenever it is saved (between meetings), showing check errors in
place instead of crashing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, RadioButton, RadioSet, Static

from simulator.tui.app import Localized
from simulator.tui.screens.library import scenario_card

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: How often `--watch` looks at the file; a stat per half second costs nothing.
WATCH_SECONDS = 0.5


def briefing_text(screen: Localized, scenario: Scenario) -> Text:
    tr = screen.tr
    b = scenario.briefing
    text = scenario_card(screen, scenario)
    text.append("\n")
    for label, body in (
        (tr("setting"), b.setting),
        (tr("background"), b.background),
        (tr("client"), f"{scenario.client.name}: {scenario.client.persona}"),
        (tr("goal"), b.goal),
    ):
        text.append(label + "\n", style="bold")
        text.append(body.strip() + "\n\n")
    text.append(tr("voluntary") if b.voluntary else tr("mandated"), style="bold italic")
    return text


class BriefingScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "tui.key_start"),
        Binding("escape", "back", "tui.key_back"),
    ]

    def __init__(self, scenario: Scenario | None) -> None:
        super().__init__()
        self.scenario = scenario
        self.mode = "practice"
        self.input_mode = "free"

    def compose(self) -> ComposeResult:
        title = self.scenario.title if self.scenario else self.tr("briefing_title")
        yield Static(Text(title), id="screen-title")
        with VerticalScroll(id="briefing-text"):
            yield Static(self.body(), id="briefing", markup=False)
        with Horizontal(id="briefing-options"):
            with RadioSet(id="mode"):
                yield RadioButton(self.tr("mode_practice"), self.mode == "practice")
                yield RadioButton(self.tr("mode_assessed"), self.mode == "assessed")
            with RadioSet(id="input-mode"):
                yield RadioButton(self.tr("input_free"), self.input_mode == "free")
                yield RadioButton(self.tr("input_menu"), self.input_mode == "menu")
            yield Button(
                self.tr("start"), id="start", variant="primary", disabled=self.scenario is None
            )
        yield Footer()

    def body(self) -> Text:
        if self.scenario is None:
            return Text(self.tr("loading"))
        return briefing_text(self, self.scenario)

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        self.warm_recognizer()

    @work(thread=True, exit_on_error=False, group="warm")
    def warm_recognizer(self) -> None:
        """Build the scenario's recognizer while the student reads, so that the first turn
        does not wait for it (a third of a second; seconds when a class starts at once)."""
        if self.scenario is not None:
            from simulator.language import get_recognizer

            recognizer = get_recognizer(self.scenario.language)
            # Reading one word also reads the scenario's topic, cue and choice words into the
            # recognizer's index (language/topics.py): up to a third of a second for a
            # scenario at the limits, paid here rather than on the first turn.
            recognizer.recognize("ok", topics=self.scenario.word_lists())
            # One throwaway turn (no journal: nothing is written) and the coach's reading of
            # it load what a first turn would otherwise load while the student waits: the
            # leave-taking lists, the scorer's modules (imported on the app's event loop, so
            # every tab's screen stalled for them). 23 + 50 ms of CPU paid here instead;
            # a first turn then costs what later ones do (a few ms).
            from simulator.scoring import feedback
            from simulator.session import Session

            session = Session(self.scenario, recognizer=recognizer, seed=0)
            session.say("ok")
            feedback.last(session.transcript, self.scenario)

    @on(RadioSet.Changed, "#mode")
    def _mode(self, event: RadioSet.Changed) -> None:
        self.mode = ("practice", "assessed")[event.index]

    @on(RadioSet.Changed, "#input-mode")
    def _input(self, event: RadioSet.Changed) -> None:
        self.input_mode = ("free", "menu")[event.index]

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.scenario is not None:
            self.app.start_meeting(self.scenario, self.mode, self.input_mode)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


class FileScreen(BriefingScreen):
    """The briefing of one scenario file, reloaded on save with `--watch`."""

    def __init__(self, path: Path, watch: bool = False) -> None:
        super().__init__(None)
        self.path = path
        self.watching = watch
        self.errors: list[str] = []
        self._stamp: tuple[tuple[float, int] | None, ...] | None = None
        #: the file and the shared parts it includes: a change in any of them reloads
        self._sources: list[Path] = [path]

    def body(self) -> Text:
        if self.errors:
            text = Text(self.tr("file_errors", path=str(self.path)) + "\n\n", style="bold")
            for line in self.errors:
                text.append(line + "\n")
            if self.watching:
                text.append("\n" + self.tr("watch_waiting"), style="italic")
            return text
        body = super().body()
        if self.watching and self.scenario is not None:
            body.append("\n\n" + self.tr("watching", path=str(self.path)), style="italic")
        return body

    def on_mount(self) -> None:
        super().on_mount()
        self._stamp = self._file_stamp()
        self.reload()
        if self.watching:
            self.set_interval(WATCH_SECONDS, self._check_file)

    def _file_stamp(self) -> tuple[tuple[float, int] | None, ...]:
        stamps: list[tuple[float, int] | None] = []
        for source in self._sources:
            try:
                info = source.stat()
            except OSError:
                stamps.append(None)
                continue
            stamps.append((info.st_mtime, info.st_size))
        return tuple(stamps)

    def _check_file(self) -> None:
        # Only between meetings: a meeting in progress keeps the scenario it started with.
        if self.app.screen is not self:
            return
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self._stamp = stamp
            self.reload()

    def on_screen_resume(self) -> None:
        if self.watching:
            self._check_file()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def reload(self) -> None:
        from simulator.scenario.diagnostics import ScenarioError
        from simulator.scenario.include import source_files
        from simulator.scenario.loader import load_scenario

        # Read before the scenario, so a part saved while loading is noticed next time.
        sources = [Path(p) for p in source_files(self.path)]
        self.app.call_from_thread(self._watch_sources, sources)
        try:
            scenario = load_scenario(self.path, self.app.lang)
            errors: list[str] = []
        except ScenarioError as error:
            scenario = None
            errors = [d.format() for d in error.diagnostics]
        self.app.call_from_thread(self._reloaded, scenario, errors)

    def _watch_sources(self, sources: list[Path]) -> None:
        if sources != self._sources:
            self._sources = sources
            self._stamp = self._file_stamp()

    def _reloaded(self, scenario: Scenario | None, errors: list[str]) -> None:
        was_loaded = self.scenario is not None or self.errors
        self.scenario = scenario
        self.errors = errors
        self.query_one("#screen-title", Static).update(
            Text(scenario.title if scenario else str(self.path))
        )
        self.query_one("#briefing", Static).update(self.body())
        self.query_one("#start", Button).disabled = scenario is None
        self.warm_recognizer()
        if was_loaded and self.watching:
            key = "reloaded" if scenario is not None else "reload_failed"
            self.notify(self.tr(key), severity="information" if scenario else "error")
