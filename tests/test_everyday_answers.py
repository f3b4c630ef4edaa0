"""Everyday questions get a fitting answer in every state (issue 14): a yes/no question, leave
to ask or to tell, a plan for the next meeting. `check --strict` warns where they would not
(K516), and the bundled clients answer them in their own voice, never with a line written for
something else."""

from pathlib import Path

import pytest
from fixtures.engine.build import FakeRecognizer

from simulator.authoring.playable import everyday_questions
from simulator.scenario.loader import load_scenario, load_scenario_text
from simulator.session import Session

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

BARE = """
kohtaamo: 1
id: en-bare
title: Bare
language: en
authors: [Test]
reviewed_by: []
briefing: {setting: A room., background: Someone., voluntary: true, goal: Talk.}
client: {name: Pat, persona: Wary., variables: {trust: 30}}
start: torn
states:
  torn:
    say: ["I don't want to die. I won't do rehab."]
    fallback: ["Both, yeah.", "I know how it sounds."]
    on:
      - moves: [structuring, summary]
        go: good_end
  good_end:
    ending: good
    say: ["Cheers."]
"""

ANSWERED = (
    BARE
    + """
defaults:
  ask_permission:
    reply: ["Depends what it is. Go on.", "Yeah, alright.", "Okay, fine."]
  closed_question:
    reply: ["Maybe. Depends.", "Could do, yeah.", "Dunno. Might."]
"""
)


def test_strict_check_names_each_unanswered_everyday_move_and_its_states():
    found = everyday_questions(load_scenario_text(BARE), "en")
    assert [d.code for d in found] == ["K516", "K516"]
    assert found[0].message.startswith("A turn read as closed question (closed_question)")
    assert "(torn)" in found[0].message
    assert "asking permission" in found[1].message  # structuring is answered: not named
    assert "defaults:" in found[0].hint


def test_a_default_answers_where_the_state_would_have_said_its_fallback():
    assert everyday_questions(load_scenario_text(ANSWERED), "en") == []
    s = Session(load_scenario_text(ANSWERED), FakeRecognizer(), seed=1)
    turn = s.say("Would you want to take one with you today?", moves=["closed_question"])
    assert turn.text in ("Maybe. Depends.", "Could do, yeah.", "Dunno. Might.")


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_client_answers_everyday_questions_in_every_state(path):
    assert everyday_questions(load_scenario(path), "en") == []


def test_lee_answers_a_question_about_the_kit_without_presuming_what_was_said():
    """The lead's meeting: in `ambivalence` "would you want to take one with you today?" got
    "Both, yeah." (a fallback presuming the worker named both sides)."""
    sc = load_scenario(SCENARIOS / "en-substance-use-no-treatment.yaml")
    s = Session(sc, FakeRecognizer(), seed=3, variant="joking")
    for text, moves in [
        ("Okay. Rehab's off the table. That's your call to make.", ["emphasize_autonomy"]),
        ("Getting by, but only just.", ["complex_reflection"]),
        ("How have you been?", ["open_question"]),
        ("Getting by, but only just, by the sound of it.", ["complex_reflection"]),
        ("Sundays with Mia sound like the good bit of the week.", ["simple_reflection"]),
        ("Twelve weeks, twice. That takes real effort.", ["affirmation"]),
        ("Coming out and using again felt like you'd failed everyone.", ["complex_reflection"]),
        ("Could I tell you about some things we have here?", ["ask_permission"]),
        ("You woke up not knowing how close it was.", ["complex_reflection"]),
        ("Take your time.", ["offer_time"]),
    ]:
        s.say(text, moves=moves)
    assert s.state == "ambivalence"
    turn = s.say("Would you want to take one with you today?", moves=["closed_question"])
    assert turn.state == "ambivalence"
    assert "Both" not in turn.text and "how it sounds" not in turn.text
