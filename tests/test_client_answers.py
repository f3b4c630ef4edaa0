"""A question that moves the client on is answered first; a kind turn read as blame is heard
as kind (issue 14). Each test plays turns with pinned moves and checks the client's words."""

from fixtures.engine.build import FakeRecognizer
from fixtures.scenario_header import scenario_header

from simulator.scenario.loader import load_scenario_text
from simulator.session import Session

SCENARIO = (
    scenario_header(
        "en-answers-fixture",
        "Answers first",
        setting="Office.",
        background="Jordan lost agency work.",
        goal="Hear Jordan out.",
        name="Jordan",
        persona="Twenty-three, ashamed.",
    )
    + """
topics:
  secret:
    words: [secret, nobody]
  money:
    words: [money, managing]
start: job
fallback: ["Hm."]
reactions:
  - moves: [confront]
    effects: {trust: -15}
    reply:
      - "Wow. I don't need you telling me."
  - moves: [dismiss]
    effects: {trust: -10}
    reply:
      - "Right. Not important. Got it."
states:
  job:
    say: ["Agency work. The shifts stopped."]
    on:
      - moves: [open_question, simple_reflection]
        topics: [secret]
        go: shame
      - moves: [open_question, simple_reflection, summary]
        if: trust >= 45
        go: shame
      - moves: [open_question, simple_reflection, summary]
        effects: {trust: +5}
        reply:
          - "Six weeks now. I stopped counting."
          - "Two years I was there."
      - moves: [open_question, simple_reflection]
        topics: [money]
        effects: {trust: +5}
        reply:
          - "The rent's the big thing. I've got about forty quid."
          - "I'm skipping meals, if you must know."
      - moves: [closed_question]
        go: shame
  shame:
    say: ["Nobody knows, actually. My mum thinks I'm still at the warehouse."]
    on:
      - moves: [simple_reflection]
        go: good_end
  good_end:
    ending: good
    say: ["Thanks."]
"""
)


def meet(seed=1):
    return Session(load_scenario_text(SCENARIO), FakeRecognizer(), seed=seed)


def test_a_question_that_moves_the_client_on_is_answered_before_the_new_state_speaks():
    s = meet()
    s.say("You were waiting for them to call.", moves=["simple_reflection"])  # trust 45
    turn = s.say("How are you managing for money?", moves=["open_question"])
    assert turn.state == "shame"
    # The job state's answer about money, then what the question opened.
    assert turn.text == (
        "The rent's the big thing. I've got about forty quid. "
        "Nobody knows, actually. My mum thinks I'm still at the warehouse."
    )


def test_the_answer_is_one_not_yet_said():
    s = meet()
    first = s.say("How's the money?", moves=["open_question"]).text  # stays: trust 45
    assert first in (
        "The rent's the big thing. I've got about forty quid.",
        "I'm skipping meals, if you must know.",
    )
    turn = s.say("And managing day to day?", moves=["open_question"])
    assert turn.state == "shame"
    assert first not in turn.text
    assert turn.text.endswith("Nobody knows, actually. My mum thinks I'm still at the warehouse.")
    assert turn.text != "Nobody knows, actually. My mum thinks I'm still at the warehouse."


def test_a_stay_line_for_any_question_is_not_put_before_the_new_state():
    # "Six weeks now" answers the question its authors had in mind; before the secret, after
    # some other question, it would be a non sequitur.
    s = meet()
    s.say("You were waiting for them to call.", moves=["simple_reflection"])  # trust 45
    turn = s.say("What was it like?", moves=["open_question"])
    assert turn.text == "Nobody knows, actually. My mum thinks I'm still at the warehouse."


def test_no_answer_added_when_the_question_was_about_what_the_new_state_tells():
    s = meet()
    turn = s.say("Is there a secret, something nobody knows?", moves=["open_question"])
    assert turn.text == "Nobody knows, actually. My mum thinks I'm still at the warehouse."


def test_a_closed_question_that_moves_on_gets_the_new_state_alone():
    # "Shall we fill it in now?" is answered by going on: a stay line before it would
    # contradict the step ("No. I mean..." then the disclosure).
    turn = meet().say("Shall we start?", moves=["closed_question"])
    assert turn.text == "Nobody knows, actually. My mum thinks I'm still at the warehouse."


def test_a_reflection_read_as_blame_is_answered_as_the_reflection():
    s = meet()
    turn = s.say(
        "So there's the rent, and a loan on top. No wonder you're lying awake.",
        moves=["summary", "confront"],
    )
    assert turn.text != "Wow. I don't need you telling me."
    assert turn.text in ("Six weeks now. I stopped counting.", "Two years I was there.")
    assert turn.variables["trust"] == 45  # the listening's effect, not the blame's
    # The reading stays in the record: the debrief and the scores still see the blame.
    assert "confront" in s.transcript.turns[0].recognition.moves


def test_blame_alone_or_with_a_closed_question_is_still_heard_as_blame():
    s = meet()
    assert s.say("You should have come earlier.", moves=["confront"]).text == (
        "Wow. I don't need you telling me."
    )
    s2 = meet()
    blamed = s2.say(
        "Why didn't you apply straight away? Did you?", moves=["confront", "closed_question"]
    )
    assert blamed.text == "Wow. I don't need you telling me."


def test_a_question_about_a_topic_gets_the_topic_answer_not_the_line_for_any_listening():
    # The stay for reflections and questions comes first in the file; the turn reflects and
    # asks about money: the client answers about money.
    s = meet()
    turn = s.say(
        "It sounds hard. How are you managing for money?",
        moves=["simple_reflection", "open_question"],
    )
    assert turn.state == "job"
    assert turn.text in (
        "The rent's the big thing. I've got about forty quid.",
        "I'm skipping meals, if you must know.",
    )


SAY_BACK = (
    scenario_header(
        "en-say-back-fixture",
        "Saying back",
        setting="School.",
        background="Omar is late.",
        goal="A plan.",
        name="Farida",
        persona="Omar's mother.",
    )
    + """
topics:
  breakfast_club:
    words: [breakfast club]
start: planning
fallback: ["Hm."]
states:
  planning:
    say: ["What can we do?"]
    on:
      - moves: [give_information]
        go: teach_back
  teach_back:
    say:
      - text: "So I say it back: Omar goes to breakfast club. Yes?"
        heard: [breakfast_club]
      - "So I say it back: you help Omar. Yes?"
    on:
      - moves: [summary]
        go: good_end
  good_end:
    ending: good
    say: ["Thank you."]
"""
)


def test_the_client_says_back_only_what_the_worker_said():
    said = Session(load_scenario_text(SAY_BACK), FakeRecognizer(), seed=1).say(
        "The teacher talks to the boys.", moves=["give_information"]
    )
    assert said.text == "So I say it back: you help Omar. Yes?"
    for seed in range(4):
        # `heard` holds on the turn that first names it (where `touched` would wait a turn)
        said = Session(load_scenario_text(SAY_BACK), FakeRecognizer(), seed=seed).say(
            "Omar can go to the breakfast club at eight.", moves=["give_information"]
        )
        assert said.text == "So I say it back: Omar goes to breakfast club. Yes?"


def test_a_brush_off_that_gives_the_floor_is_answered_as_the_question():
    # "Okay, fair. Let's focus on Derek. What does he need help with?" read as a brush-off
    # and an open question: the client answers the question, not the brush-off nobody meant.
    turn = meet().say(
        "Okay, fair. Let's focus on the job. What happened?", moves=["dismiss", "open_question"]
    )
    assert turn.text in ("Six weeks now. I stopped counting.", "Two years I was there.")
    assert turn.variables["trust"] == 45
    permission = meet().say(
        "Leave that. Can I ask about the job?", moves=["dismiss", "ask_permission"]
    )
    assert permission.text != "Right. Not important. Got it."


def test_a_brush_off_alone_or_with_only_a_reflection_is_still_heard_as_one():
    # Hurried turns are often read as reflections ("So that's a no, you're the only carer."):
    # those keep the client's hurt answer.
    assert meet().say("Never mind that.", moves=["dismiss"]).text == (
        "Right. Not important. Got it."
    )
    hurried = meet().say("Never mind. So you lost the job.", moves=["dismiss", "simple_reflection"])
    assert hurried.text == "Right. Not important. Got it."
    assert hurried.variables["trust"] == 30
