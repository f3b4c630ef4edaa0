"""Text from files and journals in the app (issue 18): never markup, never lost."""

from __future__ import annotations

import codecs
import json
import threading
import time

from tuihelpers import FIXTURES, make_app, run_async, settle

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.session import Session
from simulator.tui import input_guard


def test_the_input_guard_turns_a_bad_byte_into_a_replacement_character():
    from textual.drivers import linux_driver

    assert "textual.drivers.linux_driver" in input_guard.install()
    decoder = linux_driver.getincrementaldecoder("utf-8")()
    assert decoder.decode(b"a\xffb", final=False) == "a\ufffdb"
    assert decoder.decode(b"\xc3", final=False) + decoder.decode(b"\xa4") == "ä"
    assert codecs.getincrementaldecoder("utf-8")().errors == "strict"  # only Textual's


@run_async
async def test_notifications_are_plain_text(home):
    app = make_app(home, scenario_file=FIXTURES / "en-demo.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("[/] and [@click=app.quit]quit[/] and \x1b]0;pwned\x07")
        await settle(pilot)
        (note,) = list(app._notifications)
        assert note.message.startswith("[/] and [@click=app.quit]quit[/]")
        assert "\x1b" not in note.message and "\\u001b" in note.message
        assert app.is_running


def _journal(home, **header_changes) -> store.Journal:
    scenario = load_scenario(FIXTURES / "en-demo.yaml")
    session = Session(scenario, seed=1)
    journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
    session.on_turn = journal.append
    session.say("How have things been for you lately?")
    lines = journal.path.read_text().splitlines()
    header = json.loads(lines[0])
    header.update(header_changes)
    lines[0] = json.dumps(header)
    journal.path.write_text("\n".join(lines) + "\n")
    store.Index(home).rebuild()
    return journal


@run_async
async def test_markup_in_a_scenario_or_journal_does_not_crash_history_or_resume(home, tmp_path):
    broken = tmp_path / "broken.yaml"
    text = (FIXTURES / "en-demo.yaml").read_text()
    broken.write_text(text.replace("\nstart: ", '\nstart: "[/]"\nx: ', 1))
    _journal(home, scenario_path=str(broken), scenario_title="[/]Demo[@click=app.quit]",
             started="[/]")  # fmt: skip
    app = make_app(home, scenario_file=FIXTURES / "en-demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("r")  # resume: the scenario's start is "[/]" (was MarkupError)
        await settle(pilot)
        assert app.is_running
        assert any("[/]" in n.message for n in app._notifications)


def test_the_end_line_does_not_need_the_screen_or_the_app(home):
    """Two app instances on one data folder: the end line was written through the screen's
    app after the screen was gone (NoActiveAppError, swallowed). Now a plain thread."""
    from simulator.tui.screens.conversation import end_meeting

    scenario = load_scenario(FIXTURES / "en-demo.yaml")
    journals = []
    threads = []
    for _ in range(6):  # meetings of two instances ending at once
        session = Session(scenario, seed=1)
        journal = store.Journal.start(session.transcript, {}, home)
        session.on_turn = journal.append
        session.say("How have things been for you lately?")
        journals.append(journal)
        job = threading.Thread(
            target=end_meeting, args=(journal, session.transcript, scenario, "closed", home)
        )
        threads.append(job)
    for job in threads:
        job.start()
    for job in threads:
        job.join(30)
    kinds = [[json.loads(x)["kind"] for x in j.path.read_text().splitlines()] for j in journals]
    assert all(k[-1] == "end" for k in kinds)
    assert all(e.finished for e in store.history(home))


@run_async
async def test_a_turn_that_could_not_be_saved_is_said_plainly(home, monkeypatch):
    import errno
    import os

    app = make_app(home, scenario_file=FIXTURES / "en-demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

        def full(fd, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(store.os, "write", full)
        screen = app.screen
        screen.query_one("#say").value = "How have things been for you lately?"
        await pilot.press("enter")
        await settle(pilot)
        time.sleep(0.1)
        await settle(pilot)
        assert screen.session.turn == 1  # the meeting went on, in memory
        assert any("could not be saved" in n.message for n in app._notifications)
