"""The Kohtaamo app: a thin Textual shell over `Session`, the store and the scorer.

Start-up stays light: this module and the library screen import neither the scorer, the
recognizer nor `transitions`; the screens that need them import them when first opened.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.reactive import reactive
from textual.screen import Screen

from simulator import store
from simulator.i18n import t, ui_language

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.worker import Worker

    from simulator.scenario.model import Scenario
    from simulator.transcript import Transcript

THEMES = {"dark": "textual-dark", "light": "textual-light"}


@cache
def translated(binding: Binding, lang: str) -> Binding:
    """A binding whose description is an i18n key ("tui.key_help"), in `lang`."""
    if not binding.description.startswith("tui."):
        return binding
    return replace(binding, description=t(binding.description, lang))


class Localized:
    """Mixin for screens: footer labels in the UI language and a `tr` shortcut.

    Bindings declare an i18n key as description. The footer (and the key panel) read a
    screen's public `active_bindings`; this screen gives them in the app's language at the
    time, so a change of language needs only `refresh_bindings()`.
    """

    app: KohtaamoApp

    def tr(self, key: str, **values: object) -> str:
        return t(f"tui.{key}", self.app.lang, **values)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = self.app.lang
        return {
            key: active._replace(binding=translated(active.binding, lang))
            for key, active in super().active_bindings.items()  # type: ignore[misc]
        }

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self.app, event)


def report_failed_worker(app: KohtaamoApp, event: Worker.StateChanged) -> None:
    """A worker that raised is a bug like any other: shown with the way on, not swallowed
    (workers run with exit_on_error=False, which would otherwise hide it)."""
    from textual.worker import WorkerCancelled, WorkerState

    error = event.worker.error
    # A worker cancelled while it handed its result over (a newer one replaced it, or the
    # app is closing) is no bug.
    if (
        event.state == WorkerState.ERROR
        and isinstance(error, Exception)
        and not isinstance(error, WorkerCancelled)
    ):
        app.report_error(error)


class KohtaamoApp(App[None]):
    """The whole app; `scenario_file` opens one file (`kohtaamo play FILE`)."""

    # Absolute, so subclasses elsewhere (tests, the start-up benchmark) find it too.
    CSS_PATH = str(Path(__file__).with_name("kohtaamo.tcss"))
    TITLE = "Kohtaamo"
    ENABLE_COMMAND_PALETTE = True

    #: The UI language ("fi" or "en"); F3 switches it, and every screen follows.
    lang: reactive[str] = reactive("en", init=False)

    BINDINGS = [
        Binding("f1", "help", "tui.key_help"),
        Binding("question_mark", "help", "tui.key_help", show=False),
        Binding("f2", "history", "tui.key_history"),
        Binding("f3", "toggle_language", "tui.key_language"),
        Binding("f4", "toggle_theme", "tui.key_theme", show=False),
        Binding("ctrl+q", "quit", "tui.key_quit", priority=True),
        # Declared here so the footer's palette key has a translated label (Textual adds an
        # English "palette" binding only when the app has none).
        Binding("ctrl+p", "command_palette", "tui.key_palette", show=False, priority=True),
    ]

    def __init__(
        self,
        scenario_dir: Path | None = None,
        scenario_file: Path | None = None,
        watch: bool = False,
        home: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
        typing_pause: bool | None = None,
        lang: str | None = None,
    ) -> None:
        self.home = home or store.data_dir()
        # Settings and the library's listing cache live in the platform's settings and cache
        # folders, unless a home was given (tests): then everything is kept there.
        self.settings_home = home
        self.cache_home = home or store.cache_dir()
        # The first screen's strings from a JSON copy, not the YAML parser, and the
        # recognizer's compiled cue expressions (store.keep_caches).
        store.keep_caches(self.cache_home)
        self.settings = store.load_settings(home)
        if typing_pause is not None:
            self.settings["typing_pause"] = typing_pause
        chosen_lang = lang or self.settings.get("language") or ui_language()
        self.scenario_dir = scenario_dir
        self.scenario_file = scenario_file
        self.watch = watch
        self.clock = clock
        self.seed = seed
        # Start-up allocates a great many objects that live as long as the app; collecting
        # while the first screen is built scans them all and finds nothing (a full pass
        # cost ~30 ms of start-up). Collection resumes once the first frame is out.
        self._gc_paused = gc.isenabled()
        gc.disable()
        super().__init__()
        self.set_reactive(KohtaamoApp.lang, chosen_lang)  # no watcher: nothing is shown yet
        self.theme = THEMES.get(self.settings.get("theme", "dark"), "textual-dark")

    def tr(self, key: str, **values: object) -> str:
        return t(f"tui.{key}", self.lang, **values)

    # -- unexpected errors ---------------------------------------------------------------

    #: Whether an error in a screen is shown with the way on instead of ending the app.
    #: The app's own tests turn it off so that a bug fails the test that met it.
    RECOVER = True
    #: Errors after which the app stops trying to carry on (something is badly wrong).
    MAX_RECOVERIES = 3

    crash_log: Path | None = None
    recoveries = 0

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an error in a message handler. If a screen or widget (not the
        app itself) failed, the app carries on with the way forward offered."""
        from textual._context import active_message_pump

        failed = active_message_pump.get(None)
        # A handler that raised ends its widget's message loop: if that was a screen's, the
        # screen can no longer be used and is replaced rather than returned to.
        dead = getattr(failed, "screen", None) if failed is not self else None
        self.report_error(error, recoverable=failed is not None and failed is not self, dead=dead)

    def report_error(
        self, error: Exception, recoverable: bool = True, dead: Screen | None = None
    ) -> None:
        """Log the error to the data folder, then offer the way on (the debrief, the
        library, quitting) or, when that cannot help, end with exit code 1."""
        try:
            self.crash_log = store.log_crash(self.home, error)
        except OSError:
            self.crash_log = None
        self.recoveries += 1
        if (
            not recoverable
            or not self.RECOVER
            or self.recoveries > self.MAX_RECOVERIES
            or not self.is_running
        ):
            super()._handle_exception(error)
            return
        self.call_later(self._offer_way_on, dead)

    def _offer_way_on(self, dead: Screen | None) -> None:
        from simulator.tui.screens.conversation import ConversationScreen
        from simulator.tui.screens.crash import CrashScreen

        meeting = next(
            (
                s
                for s in reversed(self.screen_stack)
                if isinstance(s, ConversationScreen)
                and s.session is not None
                and s.session.transcript.turns
            ),
            None,
        )

        async def chosen(way: str | None) -> None:
            if way == "quit":
                self.exit(return_code=1)
            elif way == "debrief" and meeting is not None:
                while self.screen is not meeting and len(self.screen_stack) > 1:
                    await self.pop_screen()
                meeting.leave_for_debrief()
            else:
                while len(self.screen_stack) > 1:
                    await self.pop_screen()
                if self.screen is dead:  # the library itself failed: a fresh one
                    await self.push_screen(self.get_default_screen())

        self.push_screen(
            CrashScreen(self.crash_log, meeting is not None),
            lambda way: self.call_later(chosen, way),
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    def on_mount(self) -> None:
        self.title = "Kohtaamo"
        # The first screen says when it is usable (first_frame); this is the backstop.
        self.set_timer(2.0, self.first_frame)

    def first_frame(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def on_unmount(self) -> None:
        self.first_frame()

    def get_default_screen(self) -> Screen:
        """The first screen is the library (or the file's briefing) itself: no extra empty
        screen underneath to mount and style at start-up."""
        if self.scenario_file is not None:
            from simulator.tui.screens.briefing import FileScreen

            return FileScreen(self.scenario_file, watch=self.watch)
        from simulator.tui.screens.library import LibraryScreen

        return LibraryScreen(self.scenario_dir)

    # -- actions available everywhere --------------------------------------------------

    def action_help(self) -> None:
        from simulator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_history(self) -> None:
        from simulator.tui.screens.conversation import ConversationScreen
        from simulator.tui.screens.history import HistoryScreen

        if isinstance(self.screen, ConversationScreen | HistoryScreen):
            # Leaving a meeting goes through "end meeting" so nothing is half-closed.
            return
        self.push_screen(HistoryScreen())

    def action_toggle_theme(self) -> None:
        name = "light" if self.settings.get("theme") == "dark" else "dark"
        self.settings["theme"] = name
        self.theme = THEMES[name]
        self._save_settings()

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "fi" else "fi"

    async def watch_lang(self, lang: str) -> None:
        """Every screen and footer redrawn in the new language, and the choice kept."""
        self.settings["language"] = lang
        self._save_settings()
        for screen in self.screen_stack:
            if screen.is_mounted:
                await screen.recompose()
        self.refresh_bindings()

    def action_toggle_typing_pause(self) -> None:
        self.settings["typing_pause"] = not self.settings.get("typing_pause", True)
        self._save_settings()
        key = "typing_pause_on" if self.settings["typing_pause"] else "typing_pause_off"
        self.notify(self.tr(key))

    def _save_settings(self) -> None:
        try:
            store.save_settings(self.settings, self.settings_home)
        except OSError as error:
            self.notify(self.tr("settings_not_saved", reason=str(error)), severity="error")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(self.tr("cmd_help"), self.tr("cmd_help_help"), self.action_help)
        yield SystemCommand(
            self.tr("cmd_history"), self.tr("cmd_history_help"), self.action_history
        )
        yield SystemCommand(
            self.tr("cmd_language"), self.tr("cmd_language_help"), self.action_toggle_language
        )
        yield SystemCommand(
            self.tr("cmd_theme"), self.tr("cmd_theme_help"), self.action_toggle_theme
        )
        yield SystemCommand(
            self.tr("cmd_typing"), self.tr("cmd_typing_help"), self.action_toggle_typing_pause
        )
        extra = getattr(screen, "palette_commands", None)
        if extra is not None:
            yield from extra()
        yield SystemCommand(self.tr("cmd_quit"), self.tr("cmd_quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        """Textual's palette, with a search prompt in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.tr("palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    # -- the flow between screens ------------------------------------------------------

    def start_meeting(self, scenario: Scenario, mode: str, input_mode: str) -> None:
        """Briefing → conversation: a new Session journaled from its first words."""
        from simulator.tui.screens.conversation import ConversationScreen

        self.push_screen(ConversationScreen(scenario, mode=mode, input_mode=input_mode))

    def resume_meeting(self, journal_path: Path) -> None:
        """Pick up an interrupted meeting from its journal (read off the UI thread)."""
        self.run_worker(
            partial(self._resume, journal_path), thread=True, group="resume", exit_on_error=False
        )

    def _resume(self, journal_path: Path) -> None:
        from simulator.tui.screens.conversation import ConversationScreen

        contents = store.load_journal(journal_path)
        scenario = self.load_scenario_quietly(contents.transcript.scenario_path)
        if scenario is None:
            return
        header = contents.header

        def open_screen() -> None:  # widgets are made on the UI thread
            self.push_screen(
                ConversationScreen(
                    scenario,
                    mode=header.get("mode", "practice"),
                    input_mode=header.get("input", "free"),
                    resume_from=(journal_path, contents.transcript),
                )
            )

        self.call_from_thread(open_screen)

    def open_debrief(
        self,
        transcript: Transcript,
        scenario: Scenario | None,
        session_id: str = "",
        replace_screen: bool = False,
    ) -> None:
        from simulator.tui.screens.debrief import DebriefScreen

        screen = DebriefScreen(transcript, scenario, session_id=session_id)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification as plain text, whoever sends it.

        Notifications quote scenario text, file names, journal fields and error messages:
        read as markup, `[/]` raised MarkupError and `[@click=app.quit]` quit the app.
        Control characters are shown as escapes, as everywhere on the terminal.
        """
        from simulator.safetext import for_terminal

        super().notify(
            for_terminal(message), title=for_terminal(title), severity=severity,
            timeout=timeout, markup=False,
        )  # fmt: skip

    def load_scenario_quietly(self, path: str) -> Scenario | None:
        """A scenario for resume / debrief; problems become a notification, not a crash."""
        from simulator.scenario.diagnostics import ScenarioError
        from simulator.scenario.loader import load_scenario

        if not path:
            self.notify(self.tr("scenario_unknown"), severity="error")
            return None
        try:
            return load_scenario(path)
        except ScenarioError as error:
            first = error.diagnostics[0].format() if error.diagnostics else ""
            self.notify(self.tr("scenario_broken", path=path, problem=first), severity="error")
        except OSError as error:
            self.notify(self.tr("scenario_broken", path=path, problem=str(error)), severity="error")
        return None


def run_app(**options: Any) -> int:
    from simulator.tui import input_guard

    input_guard.install()  # one non-UTF-8 byte typed must not end the app
    app = KohtaamoApp(**options)
    app.run()
    log = getattr(app, "crash_log", None)
    if app.return_code and log is not None:
        import sys

        print(app.tr("crash_exit", path=str(log)), file=sys.stderr)
    return app.return_code or 0
