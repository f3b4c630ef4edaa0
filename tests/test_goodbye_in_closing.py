"""A goodbye said with a kind word of advice once the work is done ends the meeting as the
goodbye would, in every bundled scenario; a harsh goodbye does not (issue 14, stop 35: client22fi
note 6, "Hyvä. Ei muuta tällä kertaa, mene nyt viikonlopun viettoon." read with advice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.loader import load_scenario
from simulator.session import Session

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))
GOODBYE = {
    "en": "Right, that's all for today. Look after yourself, and get some rest. Bye.",
    "fi": "No niin, ei muuta tällä kertaa. Pidä huolta itsestäsi ja lepää. Hei hei.",
}


def closing_meeting(path: Path) -> Session | None:
    """A meeting played by one of the scenario's own tests up to a state whose goodbye ends
    it well (None when no test gets there)."""
    scenario = load_scenario(path)
    for test in scenario.tests:
        session = Session(scenario, None, seed=test.seed or 0, variant=test.variant)
        for turn in test.turns:
            state = scenario.states[session.state]
            leave = state.leave
            if leave is not None and scenario.states[leave.target or ""].ending == "good":
                return session
            session.say(turn.say, moves=turn.moves)
            if session.ended:
                break
    return None


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    ("moves", "ending"),
    [
        (["advice"], "good"),
        (["advice", "summary"], "good"),
        (["give_information", "advice"], "good"),
        (["persuade"], "neutral"),
    ],
)
def test_a_goodbye_in_closing_ends_as_the_goodbye_would_unless_harsh(path, moves, ending):
    session = closing_meeting(path)
    assert session is not None, "no embedded test reaches a state whose goodbye ends well"
    turn = session.say(GOODBYE[session.scenario.language], moves=moves)
    assert session.ended
    assert session.outcome == ending
    assert turn.text
