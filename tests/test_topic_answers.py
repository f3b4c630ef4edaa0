"""`answers:` (issue 14): a question about a topic is answered, wherever the client stands,
instead of the state's next scripted line; only the question's own topic counts; trust bands
guard the answer; a question that moves the client on is answered first. Each test plays
turns with pinned moves and checks the client's words."""

from fixtures.engine.build import FakeRecognizer
from fixtures.scenario_header import scenario_header

from simulator.scenario.loader import load_scenario_text
from simulator.session import Session

SCENARIO = """
kohtaamo: 1
id: en-topic-answers-fixture
title: Topic answers
language: en
authors: [Kohtaamo tests]
reviewed_by: []
difficulty: easy
minutes: 10
briefing:
  setting: Office.
  background: Denise cares for Derek.
  voluntary: false
  goal: Hear Denise out.
client:
  name: Denise
  persona: Fifty-six, wary.
  variables:
    trust: 20
topics:
  karen:
    words: [karen]
  derek:
    words: [derek]
  hours:
    words: [hours]
start: story
fallback: ["Hm."]
states:
  story:
    say: ["It's Derek."]
    on:
      - moves: [simple_reflection, open_question, closed_question]
        effects: {trust: +10}
        reply:
          - "I'm trying to say it. It's not easy, this bit."
          - "It's the post. The letters."
          - "There's something else, if I'm honest."
      - moves: [summary]
        go: good_end
  good_end:
    ending: good
    say: ["Thank you."]
answers:
  - topics: [karen]
    reply:
      - text: "My daughter. That's all you need to know."
        if: trust < 35
      - text: "Karen's our daughter. She's in Leeds."
  - topics: [hours]
    reply: ["All day, and half the night."]
"""


SCRIPTED = {
    "I'm trying to say it. It's not easy, this bit.",
    "It's the post. The letters.",
    "There's something else, if I'm honest.",
}


def meet(seed=1):
    return Session(load_scenario_text(SCENARIO), FakeRecognizer(), seed=seed)


def test_a_question_about_a_topic_gets_its_answer_not_the_next_scripted_line():
    s = meet()
    reply = s.say("Thank you. Who's Karen?", moves=["open_question"])
    assert reply.text == "My daughter. That's all you need to know."
    # the state's reaction still fired: trust rose, so the next answer is the open one
    assert reply.variables["trust"] == 30


def test_the_answer_opens_up_as_trust_grows_and_closed_questions_count():
    s = meet()
    s.say("Sounds like a lot.", moves=["simple_reflection"])  # trust 30
    s.say("You're carrying it.", moves=["simple_reflection"])  # trust 40
    reply = s.say("Is that Karen?", moves=["closed_question"])
    assert reply.text == "Karen's our daughter. She's in Leeds."


def test_only_the_topic_of_the_question_itself_is_answered():
    s = meet()
    # Karen is named, but the question is about something else: the scripted line stands
    reply = s.say("Karen rang us. What happened this week?", moves=["open_question"])
    assert reply.text in SCRIPTED


def test_a_short_question_leans_on_the_sentence_before_it():
    s = meet()
    reply = s.say("I need the hours. Roughly?", moves=["closed_question"])
    assert reply.text == "All day, and half the night."


def test_an_answer_is_said_once_then_the_client_goes_on():
    s = meet()
    s.say("How many hours?", moves=["closed_question"])
    reply = s.say("How many hours, roughly?", moves=["closed_question"])
    assert reply.text in SCRIPTED


def test_a_turn_that_asks_nothing_gets_no_answer():
    s = meet()
    reply = s.say("Karen sounds important.", moves=["simple_reflection"])
    assert reply.text in SCRIPTED


STAYS = (
    scenario_header(
        "en-topic-answers-keyed",
        "Topic answers keyed",
        setting="Office.",
        background="Jordan has a trial shift.",
        goal="Hear Jordan out.",
        name="Jordan",
        persona="Twenty-three.",
        trust=20,
    )
    + """
    hurry: 70
topics:
  job:
    words: [shift]
  leaving:
    words: [leave]
start: testing
fallback: ["Hm."]
states:
  testing:
    say: ["I've got a trial shift."]
    on:
      - moves: [closed_question, open_question]
        topics: [job]
        effects: {trust: +6, hurry: -5}
        reply: ["Yeah. Well. I'm here now, aren't I.", "It's fine.", "Whatever."]
answers:
  - topics: [leaving]
    reply: ["Soon. There's a bus I need to get."]
"""
)


def test_the_question_is_answered_though_the_turn_named_another_topic_and_less_hurry_is_no_cost():
    s = Session(load_scenario_text(STAYS), FakeRecognizer(), seed=1)
    reply = s.say(
        "A trial shift, nice one. What time do you need to leave?", moves=["closed_question"]
    )
    assert reply.text == "Soon. There's a bus I need to get."
    assert reply.variables["hurry"] == 65  # the stay that fired still applies its effects
