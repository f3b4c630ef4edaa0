"""The history lists a partial meeting's scores marked partial, never as a bare figure that
reads like a level (issue 13, lead's decision): "91 partial" beside a complete meeting's
"72", in English and Finnish."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable
from tuihelpers import make_app, run_async, settle

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.session import Session
from simulator.tui.screens.conversation import end_meeting
from simulator.tui.screens.history import HistoryScreen

LEE = Path(__file__).resolve().parents[2] / "scenarios" / "en-substance-use-no-treatment.yaml"
KIND_THEN_GONE = [
    "Thanks for coming in today, Lee. What would you like to talk about?",
    "It sounds like coming here wasn't your idea, and you're not keen on being told what to do.",
    "You're feeling rough and you want this to be quick.",
    "I have to go now, see you Thursday.",
]


def played(home: Path) -> None:
    """A complete meeting (the scenario's own good-ending test), then four kind turns and a
    goodbye, both journalled as the app journals them."""
    scenario = load_scenario(LEE)
    test = next(t for t in scenario.tests if t.name.startswith("honouring the no"))
    meetings = [
        (Session(scenario, seed=test.seed or 0, variant=test.variant), scripted(test)),
        (Session(scenario, seed=1), [(text, None) for text in KIND_THEN_GONE]),
    ]
    for session, turns in meetings:
        journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
        session.on_turn = journal.append
        for text, moves in turns:
            session.say(text, moves=moves)
        end_meeting(journal, session.transcript, scenario, "ended", home)


def scripted(test) -> list:
    return [(turn.say, turn.moves or None) for turn in test.turns]


@pytest.mark.parametrize(("lang", "mark"), [("en", "partial"), ("fi", "kesken")])
@run_async
async def test_history_marks_a_partial_meetings_scores(home, lang, mark):
    played(home)
    entries = {e.partial: e for e in store.history(home)}
    assert set(entries) == {"", "left"}
    app = make_app(home, lang=lang)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    by_turns = {int(row[3]): row for row in rows}
    left, done = entries["left"], entries[""]
    gone = by_turns[left.turns]
    assert gone[4:] == [f"{left.scores[a]:.0f} {mark}" for a in store.AXES]
    complete = by_turns[done.turns]
    assert complete[4:] == [f"{done.scores[a]:.0f}" for a in store.AXES]
