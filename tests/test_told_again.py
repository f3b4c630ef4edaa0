"""The client does not tell as new what the meeting already talked over (issue 14, client28).

A state's plain line and the authors' second telling of it (`touched:` what came up): once
the worker has talked over the shifts, a move into the state says the second telling, even
where the turn that moves the client on names something else (misfit fi-lastensuojelu hfk
t7: Jenni told the evening shifts and the neighbour girl as news after both were discussed).
"""

from fixtures.engine.build import FakeRecognizer

from simulator.scenario.loader import load_scenario_text
from simulator.session import Session

SCENARIO = """
kohtaamo: 1
id: en-told-again-fixture
title: Told again
language: en
authors: [Kohtaamo tests]
reviewed_by: []
difficulty: easy
minutes: 10
briefing: {setting: Office., background: Sam works shifts., voluntary: false, goal: Hear Sam.}
client: {name: Sam, persona: "41, works shifts.", variables: {trust: 20}}
topics:
  shifts: {words: [shift]}
  kids: {words: [kids]}
start: opening
fallback: ["Hmm."]
exhausted: ["I've said my piece."]
states:
  opening:
    say: ["So. What's this about?"]
    on:
      - moves: [complex_reflection]
        topics: [kids]
        go: tired
      - moves: [complex_reflection, simple_reflection, open_question]
        reply: ["Maybe.", "Could be."]
  tired:
    say:
      - "I do evening shifts at the shop. Home after eleven."
      - text: "Those shifts, yes. After eleven I can't sleep, and then the mornings."
        touched: [shifts]
    on:
      - moves: [complex_reflection]
        reply: ["Yeah."]
"""


def meet():
    return Session(load_scenario_text(SCENARIO), FakeRecognizer(), seed=1)


def test_a_move_after_the_shifts_were_talked_over_tells_them_as_the_second_telling():
    s = meet()
    s.say("Tell me about your shift work.", moves=["open_question"])
    moved = s.say("It sounds hard with the kids.", moves=["complex_reflection"])
    assert moved.record.state_after == "tired"
    assert moved.text == "Those shifts, yes. After eleven I can't sleep, and then the mornings."


def test_before_the_shifts_came_up_the_plain_line_tells_them():
    s = meet()
    s.say("What brings you here?", moves=["open_question"])
    moved = s.say("It sounds hard with the kids.", moves=["complex_reflection"])
    assert moved.text == "I do evening shifts at the shop. Home after eleven."
