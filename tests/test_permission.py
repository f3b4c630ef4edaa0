"""Permission remembered (issue 14): a worker who asked leave to tell something, and got it,
is heard as telling with leave turns later.

Each test plays a small meeting with pinned moves and checks the client's words, as the
student would read them.
"""

import pytest
from fixtures.engine.build import FakeRecognizer

from simulator.scenario.loader import load_scenario_text
from simulator.session import Session
from simulator.transcript import Transcript

SCENARIO = """
kohtaamo: 1
id: en-permission
title: Permission
language: en
authors: [Test]
reviewed_by: []
briefing: {setting: A room., background: Someone., voluntary: true, goal: Talk.}
client:
  name: Pat
  persona: Wary.
  variables: {trust: 30}
start: scared
states:
  scared:
    say: ["It scared me."]
    ready: [disclosure]
    on:
      - moves: [complex_reflection]
        go: torn
  torn:
    say: ["I don't want to die. I won't do rehab."]
    ready: [information, disclosure]
    on:
      - moves: [ask_permission, seek_collaboration]
        effects: {trust: +5}
        go: listening
      - moves: [give_information, offer_options]
        reply: ["Hang on. You're not sneaking rehab back in, are you?"]
      - moves: [complex_reflection]
        reply: ["Both, yeah."]
  listening:
    say: ["Go on, then."]
    ready: [information, advice]
    on:
      - moves: [give_information, offer_options]
        effects: {trust: +5}
        go: options
  options:
    say: ["The spray. I could carry that."]
    ready: [planning]
    on:
      - moves: [summary]
        go: good_end
  good_end:
    ending: good
    say: ["Cheers."]
defaults:
  ask_permission:
    reply: ["Go on, then.", "Depends what it is. Go on.", "Alright."]
  give_information:
    reply: ["Right. Didn't know that.", "Okay.", "Noted."]
  complex_reflection:
    reply: ["Mm.", "Yeah.", "Maybe."]
"""

REFUSING = SCENARIO.replace(
    """defaults:
  ask_permission:
    reply: ["Go on, then.", "Depends what it is. Go on.", "Alright."]""",
    """defaults:
  ask_permission:
    effects: {trust: -5}
    reply: ["Not now.", "Don't.", "No."]""",
)


@pytest.fixture(scope="module")
def sc():
    return load_scenario_text(SCENARIO)


def meet(sc):
    return Session(sc, FakeRecognizer(), seed=1)


def test_information_without_permission_is_heard_as_sneaking_rehab_in(sc):
    s = meet(sc)
    s.say("It frightened you.", moves=["complex_reflection"])
    turn = s.say("There's a spray that reverses an overdose.", moves=["give_information"])
    assert turn.text == "Hang on. You're not sneaking rehab back in, are you?"
    assert turn.state == "torn"


def test_permission_given_earlier_is_remembered_when_the_information_comes(sc):
    s = meet(sc)
    asked = s.say("Could I tell you about something we have here?", moves=["ask_permission"])
    assert asked.state == "scared"  # not ready for it yet: the client only says go on
    s.say("It frightened you.", moves=["complex_reflection"])
    s.say("You're scared and you're stubborn.", moves=["complex_reflection"])
    turn = s.say("There's a spray that reverses an overdose.", moves=["give_information"])
    # Heard as information given with leave: the client takes it up, no suspicion.
    assert turn.text == "The spray. I could carry that."
    assert turn.state == "options"
    assert s.variables["trust"] == 40  # the permission step's +5 and the information's +5
    assert turn.record.transition == "listening.on[0]"


def test_permission_refused_is_not_remembered():
    s = meet(load_scenario_text(REFUSING))
    s.say("Could I tell you about something we have here?", moves=["ask_permission"])
    s.say("It frightened you.", moves=["complex_reflection"])
    turn = s.say("There's a spray that reverses an overdose.", moves=["give_information"])
    assert turn.text == "Hang on. You're not sneaking rehab back in, are you?"


def test_asking_again_in_a_ready_state_still_goes_through_the_question(sc):
    s = meet(sc)
    s.say("Could I tell you about something?", moves=["ask_permission"])
    s.say("It frightened you.", moves=["complex_reflection"])
    turn = s.say("Could I tell you about the spray?", moves=["ask_permission"])
    assert turn.text == "Go on, then."
    assert turn.state == "listening"


def test_a_state_not_ready_for_information_is_not_rushed(sc):
    s = meet(sc)
    s.say("Could I tell you about something?", moves=["ask_permission"])
    turn = s.say("There's a spray that reverses an overdose.", moves=["give_information"])
    assert turn.state == "scared"
    assert turn.text in ("Right. Didn't know that.", "Okay.", "Noted.")


def test_a_resumed_meeting_remembers_the_permission(sc):
    s = meet(sc)
    s.say("Could I tell you about something?", moves=["ask_permission"])
    s.say("It frightened you.", moves=["complex_reflection"])
    data = s.transcript.to_dict()
    again = Session.resume(sc, Transcript.from_dict(data), FakeRecognizer())
    turn = again.say("There's a spray that reverses an overdose.", moves=["give_information"])
    assert turn.text == "The spray. I could carry that."


def test_a_turn_that_moves_the_client_on_by_itself_takes_one_step_only(sc):
    # "What would you think about the spray?" (collaboration and information): the
    # collaboration alone takes the client to listening, as without any permission; the
    # remembered permission does not add a second step.
    s = meet(sc)
    s.say("Could I tell you about something?", moves=["ask_permission"])
    s.say("It frightened you.", moves=["complex_reflection"])
    turn = s.say(
        "What do you think of the spray?", moves=["seek_collaboration", "give_information"]
    )
    assert turn.state == "listening"
    assert turn.text == "Go on, then."
