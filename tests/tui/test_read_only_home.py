"""A data folder that cannot be written (issue 18, item 10: History was silently empty).

Tests run as any user, root included, so the read-only disk is made by refusing every new
file the store creates, with the error a read-only mount gives (EROFS); the index is gone,
as after a copy of the journals alone. The meetings are still listed, read from their
journals, and the user is told where and why nothing can be saved.
"""

from __future__ import annotations

import errno
import os

import pytest
from textual.widgets import DataTable
from tuihelpers import FIXTURES, make_app, run_async, settle

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.session import Session
from simulator.tui.screens.history import HistoryScreen


def _meeting(home) -> None:
    session = Session(load_scenario(FIXTURES / "en-demo.yaml"), seed=1)
    journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
    session.on_turn = journal.append
    session.say("How have things been for you lately?")


@pytest.fixture
def read_only(home, monkeypatch):
    _meeting(home)
    (home / store.INDEX).unlink(missing_ok=True)

    def refused(path, flags):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(store, "_open_private", refused)
    return home


def test_history_reads_the_journals_and_says_why(read_only):
    entries, problem = store.history_and_problem(read_only)
    assert [e.turns for e in entries] == [1]
    assert isinstance(problem, OSError) and problem.errno == errno.EROFS
    assert store.interrupted(read_only)[0].turns == 1  # the library's count, too


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Nothing can be saved in {home} (Read-only file system)"),
        ("fi", "Kansioon {home} ei voi tallentaa (Read-only file system)"),
    ],
)
@run_async
async def test_the_history_screen_lists_the_meetings_and_tells_where_and_why(
    read_only, library, lang, said
):
    app = make_app(read_only, lang=lang, scenario_dir=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        notices = [n.message for n in app._notifications]
        assert any(said.format(home=read_only) in n for n in notices), notices
        assert any("KOHTAAMO_HOME" in n for n in notices)


@run_async
async def test_a_meeting_that_cannot_be_saved_is_not_started_and_says_where(read_only, library):
    app = make_app(read_only, scenario_dir=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the top row's briefing
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert any(
            n.startswith(
                "The meeting could not start: Nothing can be saved in "
                f"{read_only} (Read-only file system)"
            )
            and "KOHTAAMO_HOME" in n
            for n in notices
        ), notices
    assert len(store.history(read_only)) == 1  # the earlier meeting, nothing new or lost
