"""What each screen looks like, in both languages, at 80x24 and at a larger size.

Regenerate after an intended change with `pytest tests/tui --snapshot-update` and look at
the pictures (tests/tui/__snapshots__/) before committing them.
"""

from __future__ import annotations

import json
import time

import pytest
from textual.widgets import Input
from tuihelpers import FIXTURES, make_app, settle

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.scoring import score
from simulator.session import Session

SMALL = (80, 24)
LARGE = (160, 48)
LANGS = ("en", "fi")
SEARCH = {"en": "rent", "fi": "vuokra"}


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """History shows local times: pin the zone so the picture is the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def no_blink(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def to_briefing(pilot, lang: str) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#search", Input).value = SEARCH[lang]
    await settle(pilot)
    pilot.app.screen.query_one("#scenario-table").focus()
    await pilot.press("enter")
    await settle(pilot)


async def to_conversation(pilot, lang: str) -> None:
    await to_briefing(pilot, lang)
    await pilot.click("#input-mode RadioButton:last-of-type")  # menu: moves are pinned
    await pilot.click("#start")
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)
    await no_blink(pilot)


async def to_debrief(pilot, lang: str) -> None:
    await to_conversation(pilot, lang)
    await pilot.press("1")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)


def past_meetings(home, lang: str) -> None:
    """Three finished meetings and one unfinished, with fixed start times."""
    scenario = load_scenario(FIXTURES / f"{lang}-demo.yaml")
    for day, picks in enumerate(([1], [0, 1], [0, 0], [0]), start=1):
        session = Session(scenario, seed=1)
        journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
        session.on_turn = journal.append
        for pick in picks:
            session.choose(pick)
        if session.ended:
            report = score(session.transcript, scenario)
            axes = {a: getattr(report, a).value for a in store.AXES}
            journal.end(session.transcript, axes, home=home)
        lines = journal.path.read_text().splitlines()
        header = json.loads(lines[0])
        header["started"] = f"2026-01-0{day}T09:30:00+00:00"
        lines[0] = json.dumps(header)
        journal.path.write_text("\n".join(lines) + "\n")
    (home / store.INDEX).unlink()  # rebuilt from the journals, with the pinned times


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_library(snap_compare, home, library, lang, size):
    app = make_app(home, lang=lang, scenario_dir=library)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
def test_briefing(snap_compare, home, library, lang):
    app = make_app(home, lang=lang, scenario_dir=library)
    assert snap_compare(app, terminal_size=SMALL, run_before=lambda p: to_briefing(p, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
def test_conversation(snap_compare, home, library, lang, size):
    app = make_app(home, lang=lang, scenario_dir=library)
    assert snap_compare(app, terminal_size=size, run_before=lambda p: to_conversation(p, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_debrief(snap_compare, home, library, lang):
    app = make_app(home, lang=lang, scenario_dir=library)
    assert snap_compare(app, terminal_size=SMALL, run_before=lambda p: to_debrief(p, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_history(snap_compare, home, library, lang):
    past_meetings(home, lang)

    async def open_history(pilot) -> None:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    app = make_app(home, lang=lang, scenario_dir=library)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_history)
