"""English clients answer what was just said (issue 14, stop 45): turns from stored blind
meetings (benchmarks/credibility_data, development data once judged) played through the
Session with the real recognizer; each test checks the reply the judges found passing over
the worker's turn now takes it up."""

import json

import pytest
from stored_meetings import MEETINGS, ROOT, TUI_PLAYS, replies

from simulator.scenario.loader import load_scenario
from simulator.session import Session


def reply_at(meeting_id: str, turn: int) -> str:
    """The client's words to worker turn `turn` (1-based) of a stored meeting."""
    meeting = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting.get("variant"))
    try:
        text = ""
        for worker in meeting["turns"][:turn]:
            assert not session.ended
            text = session.say(worker).text
        return text
    finally:
        session.close()


@pytest.mark.parametrize(
    ("meeting", "turn", "says", "not_says"),
    [
        # no claim of expertise made: no "Everybody's an expert"
        ("en-humiliated-before-skilled-hen72-1", 4, "We'll see about that", "expert"),
        # asked how home has been: her day, not the building or the old story
        ("en-humiliated-before-skilled-hen72-1", 6, "get him washed", "building"),
        ("en-humiliated-before-skilled-hen72-1", 16, "Up at six", "they lost"),
        # asked what got her through the door: Derek, not the complaint
        ("en-humiliated-before-skilled-hen72-1", 11, "Derek", "complaint"),
        # asked how the letters should be handled: how, then the goodbye
        ("en-humiliated-before-skilled-hen72-1", 30, "Ring me instead of writing", None),
        # "Would mornings suit?": the carers, not the nights
        ("en-humiliated-before-hurried-hen73-1", 7, "stranger in the house", "toilet"),
    ],
)
def test_reply_takes_up_the_turn(meeting, turn, says, not_says):
    text = reply_at(meeting, turn)
    assert says in text
    if not_says:
        assert not_says not in text


def test_jordan_asked_whether_he_was_warned_says_no_warning():
    # "Did they give you any warning?" got an apology for being "like this" (hen72 t4)
    text = reply_at("en-income-support-young-adult-skilled-hen72-1", 4)
    assert "No warning" in text
    assert "Sorry" not in text


def test_farida_asked_who_gets_omar_to_school_says_how_he_goes():
    # "So who gets him to school then?" got how Omar is at home (hen67 t5)
    text = reply_at("en-school-concern-plain-language-hurried-hen67-1", 5)
    assert "He walks" in text
    assert "At home" not in text


def test_lee_says_where_he_sees_mia_when_asked():
    # The blind tester's TUI play (benchmarks/credibility_data/tui_plays/), turn 5: "Where do
    # you meet her?" got "I used to be a roofer, you know. Before the fall."
    said = replies("en-substance-use-no-treatment-skilled-play45-1", 5, TUI_PLAYS)
    assert said[4].startswith("Contact centre, Sunday afternoons.")
    assert "roofer" not in said[4]
