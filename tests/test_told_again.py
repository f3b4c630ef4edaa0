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


MOVING = """
kohtaamo: 1
id: en-moving-fixture
title: Moving on a topic
language: en
authors: [Kohtaamo tests]
reviewed_by: []
difficulty: easy
minutes: 10
briefing: {setting: Office., background: Jo lost a job., voluntary: false, goal: Hear Jo.}
client: {name: Jo, persona: "22, out of work.", variables: {trust: 20}}
topics:
  job: {words: [job]}
  savings: {words: [savings]}
start: testing
fallback: ["Hmm."]
exhausted: ["I've said my piece."]
states:
  testing:
    say: ["I just need the form."]
    on:
      - moves: [closed_question, open_question]
        topics: [job]
        go: job_story
      - moves: [closed_question, open_question]
        topics: [savings]
        reply: ["About forty quid. That's it."]
      - moves: [closed_question, open_question, complex_reflection]
        reply: ["Okay.", "Right."]
  job_story:
    say: ["Warehouse. Two years, then the shifts just stopped."]
    on:
      - moves: [complex_reflection]
        reply: ["Yeah."]
"""


def test_a_move_keyed_on_one_topic_does_not_pass_over_the_other_the_question_asks():
    # Asked about savings since the job stopped, the client moves on to the job story (the
    # move is keyed on the job) and says what it has saved first, not the job alone.
    s = Session(load_scenario_text(MOVING), FakeRecognizer(), seed=1)
    moved = s.say(
        "Has anything come in since the job stopped, any savings?", moves=["closed_question"]
    )
    assert moved.record.state_after == "job_story"
    assert moved.text == (
        "About forty quid. That's it. Warehouse. Two years, then the shifts just stopped."
    )


def test_a_question_about_the_topic_the_move_is_keyed_on_gets_the_move_alone():
    s = Session(load_scenario_text(MOVING), FakeRecognizer(), seed=1)
    moved = s.say("What happened with the job?", moves=["open_question"])
    assert moved.text == "Warehouse. Two years, then the shifts just stopped."


def test_leave_asked_while_making_plans_is_given_not_taken_as_the_plan_agreed():
    from test_reply_steps import BODY
    from test_reply_steps import meet as meet_lee

    body = BODY.replace(
        """  planning:
    say: ["So what now?"]
    on:
      - moves: [structuring]
        go: good_end
""",
        """  planning:
    say: ["So what now?"]
    ready: [planning]
    on:
      - moves: [structuring, ask_permission, summary]
        go: closing
  closing:
    say: ["Right. Sorted, then. Thursday."]
    on:
      - moves: [open_question, closed_question]
        reply: ["Go on."]
      - moves: [structuring]
        go: good_end
""",
    )
    assert "closing:" in body
    s = meet_lee(body)
    s.say("So, the nurse and Mia.", moves=["summary"])
    assert s.state == "planning"
    # "Can I ask one more thing?" moves the client on (the reaction that agrees the plan
    # reads leave asked too), but its words give leave; the summing-up is not said to it.
    turn = s.say("Would it be okay if I asked one more thing?", moves=["ask_permission"])
    assert turn.record.state_after == "closing"
    assert turn.text == "Yeah, okay."
