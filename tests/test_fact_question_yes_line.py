"""A question for an amount is not answered with a yes: the line written for closed questions
("Um. Yeah, I think so. Is this all for the form?") passes "So how much is it?" over, so the
client gives its holding answer for an amount (`defaults: question_how_much`); "um" is an
opening sound, not an answer (issue 14). Played through Session with the real recognizer."""

from pathlib import Path

from simulator.client import asking
from simulator.scenario.loader import load_scenario
from simulator.session import Session

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def test_how_much_gets_no_yes():
    session = Session(load_scenario(SCENARIOS / "en-income-support-young-adult.yaml"), seed=1)
    session.say("Hi, I'm Sam.")
    reply = session.say("So how much is it?").text
    assert not reply.startswith("Um. Yeah")
    assert reply == "Don't know exactly. Too much."


def test_an_opening_sound_before_yes_or_no():
    assert asking.opens_on_yes_or_no("Um. Yeah, I think so.", "en")
    assert asking.opens_on_yes_or_no("Öh. Joo, kai.", "fi")
    assert not asking.opens_on_yes_or_no("Um. Forty quid.", "en")
