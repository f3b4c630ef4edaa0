"""The app as one browser tab of `kohtaamo serve` sees it.

textual-serve starts one process per tab running `python -m simulator.tui.classroom_app
CLASS_DIR ...`. It is the ordinary app with a nickname screen in front: until a nickname is
given nothing is read from or written to any student's folder; after it the app's data
folder is `<class>/<nickname>/`, so journals, resume, history and exports work exactly as
in the terminal, and the nickname is held (an advisory lock) while the tab is open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import Input

from simulator import classroom, store
from simulator.i18n import LANGUAGES
from simulator.tui.app import KohtaamoApp


class ClassroomApp(KohtaamoApp):
    def __init__(self, class_dir: Path, **options: Any) -> None:
        self.class_dir = class_dir
        self.nickname: str | None = None
        self._claim: int | None = None
        # Until a nickname is given the class folder is the data folder, read only: a
        # trainer's settings.json there sets the class's language and theme.
        super().__init__(home=class_dir, **options)
        # Caches (the strings' JSON copies, the library's listing) in the server's cache
        # folder: the class folder holds students' folders only (the trainer's class-report
        # listed six cache files there as "Skipped (not a debrief)").
        self.cache_home = store.cache_dir()
        store.keep_caches(self.cache_home)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A blinking cursor redraws the tab twice a second and sends it over the network:
        # 12 ms of CPU a second per idle student, half of two cores for a class of 40.
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def get_default_screen(self) -> Screen:
        from simulator.tui.screens.nickname import NicknameScreen

        return NicknameScreen()

    def enter_class(self, raw: str) -> str | None:
        """Take the nickname and open the library; else the i18n key of what is wrong."""
        problem = classroom.nickname_problem(raw)
        if problem is not None:
            return problem
        try:
            home = classroom.student_home(self.class_dir, raw)
            claim = classroom.claim(home)
        except OSError:
            return "nick_store_failed"
        if claim is None:
            return "nick_in_use"
        self.home, self.settings_home, self._claim = home, home, claim
        self.nickname = classroom.folder_name(raw)
        own = store.load_settings(home)
        own["language"] = self.lang  # what the student sees now
        own["typing_pause"] = self.settings.get("typing_pause", True)
        self.settings = own
        self.sub_title = self.nickname
        from simulator.tui.screens.library import LibraryScreen

        # Pushed over the nickname screen (the first screen cannot be switched away); the
        # library has no key that pops it, so the nickname screen is never seen again.
        self.push_screen(LibraryScreen(self.scenario_dir))
        return None

    def action_history(self) -> None:
        if self.nickname is not None:  # no one's history before we know whose
            super().action_history()

    def _save_settings(self) -> None:
        if self.nickname is not None:  # never the class folder's own settings
            super()._save_settings()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.tui.classroom_app")
    parser.add_argument("class_dir")
    parser.add_argument("--library", default=None)
    parser.add_argument("--lang", choices=LANGUAGES, default=None)
    parser.add_argument("--no-typing-pause", action="store_true")
    args = parser.parse_args(argv)
    ClassroomApp(
        Path(args.class_dir),
        scenario_dir=Path(args.library) if args.library else None,
        lang=args.lang,
        typing_pause=False if args.no_typing_pause else None,
    ).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
