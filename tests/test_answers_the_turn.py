"""The client answers the turn it heard (issue 14, docs/format.md): a permission request or an
offer gets its answer, not the state's next disclosure; the disclosure waits for a turn it
fits; a line knows what it is about (its `about:`, its reaction's topics, its words). Each test
plays turns with pinned moves and checks the client's words."""

import pytest
from fixtures.scenario_header import scenario_header

from simulator.language.base import Recognition
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import load_scenario_text
from simulator.session import Session


class QuestionRecognizer:
    """Reads what a question sentence asks from a few phrases: the session reads the question
    alone, and the act it asks for decides the answer."""

    language = "en"
    PHRASES = {
        "would it be okay": "ask_permission",
        "is that okay": "ask_permission",
        "shall i tell you about the options": "offer_options",
    }

    def recognize(self, text, *, client_before="", topics=None):
        lower = text.lower()
        moves = tuple(dict.fromkeys(m for k, m in self.PHRASES.items() if k in lower))
        if "?" in lower and (not moves or "what" in lower):
            moves = (*moves, "open_question")
        found = tuple(
            key for key, words in (topics or {}).items() if any(w in lower for w in words)
        )
        return Recognition(text=text, moves=moves, topics=found)


SCENARIO = (
    scenario_header(
        "en-answers-the-turn-fixture",
        "Answers the turn",
        setting="Office.",
        background="Jordan needs money for the rent.",
        goal="Hear Jordan out.",
        name="Jordan",
        persona="Twenty-two, anxious.",
        trust=20,
    )
    + """
topics:
  food:
    words: [meals, food, beans]
  rent:
    words: [rent, flat, landlord]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["I'm here about the claim."]
    on:
      - moves: [affirmation, simple_reflection]
        topics: [food]
        go: opening_up
      - moves: [affirmation, simple_reflection, open_question]
        reply:
          - "Beans, mostly. It's fine. I just don't want to lose the flat."
          - "Cheers. I mean it."
      - moves: [summary]
        go: good_end
  opening_up:
    say:
      - text: "I skip lunch so there's enough for the rent. Nobody knows."
        about: [rent]
    on:
      - moves: [open_question, simple_reflection, closed_question]
        reply:
          - "It's alright. I get by."
          - "Dunno what else to say."
      - moves: [summary]
        go: good_end
  good_end:
    ending: good
    say: ["Thanks."]
defaults:
  ask_permission:
    reply: ["Yeah, okay.", "Go on, then."]
  offer_options:
    reply: ["What are they, then?"]
"""
)


def meet(seed=1):
    return Session(load_scenario_text(SCENARIO), QuestionRecognizer(), seed=seed)


def ask_leave_after_meals(session):
    """The permission request that, on turn 1, takes Jordan on to `opening_up` (an affirmation
    naming the meals is the progress move) while the state's line waits."""
    return session.say(
        "Skipping meals, that's hard. Would it be okay if I told you about a couple of things?",
        moves=["affirmation", "ask_permission"],
    )


def test_a_permission_request_gets_a_permission_answer_not_the_next_disclosure():
    s = meet()
    reply = s.say(
        "Thanks for telling me. Would it be okay if I told you about a couple of things?",
        moves=["affirmation", "ask_permission"],
    )
    assert reply.text == "Yeah, okay."


def test_the_disclosure_waits_for_a_turn_that_invites_it():
    s = meet()
    asked = ask_leave_after_meals(s)
    # the reaction that fired still took Jordan on; only its words waited
    assert asked.text == "Yeah, okay."
    assert s.state == "opening_up"
    told = s.say("Before that: how are things, really?", moves=["open_question"])
    assert told.text == "I skip lunch so there's enough for the rent. Nobody knows."


def test_a_held_line_is_said_to_a_question_about_what_it_is_about():
    s = meet()
    ask_leave_after_meals(s)
    # `about: [rent]` on the line: a question naming the rent is one it answers
    reply = s.say("And the landlord?", moves=["closed_question"])
    assert reply.text == "I skip lunch so there's enough for the rent. Nobody knows."


def test_a_held_line_is_not_said_to_a_question_about_something_else():
    s = meet()
    ask_leave_after_meals(s)
    reply = s.say("What kind of food do you buy?", moves=["open_question"])
    assert reply.text != "I skip lunch so there's enough for the rent. Nobody knows."


def test_a_tag_question_after_a_reflection_lets_the_state_answer():
    s = meet()
    reply = s.say("You're managing on very little. Is that okay?", moves=["simple_reflection"])
    # "Is that okay?" asks Jordan to go on, not leave for something: the state's line stands
    assert reply.text in {
        "Beans, mostly. It's fine. I just don't want to lose the flat.",
        "Cheers. I mean it.",
    }


def test_an_offer_of_options_is_answered_as_an_offer():
    s = meet()
    reply = s.say(
        "You've done well to come. Shall I tell you about the options?",
        moves=["affirmation", "offer_options"],
    )
    assert reply.text == "What are they, then?"


def test_a_disclosure_is_never_said_to_a_permission_request():
    for seed in range(1, 6):
        s = meet(seed)
        for _ in range(2):
            reply = s.say(
                "Would it be okay if I told you about a couple of things?", moves=["affirmation"]
            )
            # "Cheers. I mean it." names nothing and passes nothing over: it may stand
            assert reply.text != "Beans, mostly. It's fine. I just don't want to lose the flat."


def test_leave_with_a_question_in_it_asks_for_the_content():
    # "Would it be okay to ask what you eat?" asks what Jordan eats: the state's line answers
    for seed in range(1, 6):
        reply = meet(seed).say("Would it be okay to ask what you eat?", moves=["affirmation"])
        assert reply.text != "Yeah, okay."


def test_a_held_line_is_dropped_when_the_client_moves_on():
    s = meet()
    ask_leave_after_meals(s)
    ending = s.say("So, the rent and the food.", moves=["summary"])
    assert ending.ended and ending.text == "Thanks."


def test_about_names_must_exist():
    from simulator.scenario.loader import load_scenario_text as load

    with pytest.raises(ScenarioError, match="rnet"):
        load(SCENARIO.replace("about: [rent]", "about: [rnet]"))


def test_explore_about_lists_what_each_line_is_about(tmp_path, capsys):
    from simulator.cli import main

    path = tmp_path / "fixture.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    assert main(["explore", str(path), "--about"]) == 0
    out = capsys.readouterr().out
    # authored, from the words, and about nothing
    about = 'opening_up.say: "I skip lunch so there\'s enough for the rent. Nobody knows."'
    assert f"{about} → rent (from its about:; an open question about something else" in out
    beans = "\"Beans, mostly. It's fine. I just don't want to lose the flat.\""
    assert f"{beans} → food, rent (from its words)" in out
    assert '"Cheers. I mean it." → nothing in particular (waits only for leave asked' in out


def bundled(name, seed=1):
    from simulator.scenario.loader import bundled_scenarios_dir, load_scenario

    return Session(load_scenario(bundled_scenarios_dir() / f"{name}.yaml"), seed=seed)


def test_lee_answers_what_happened_ten_days_ago_instead_of_his_next_line():
    s = bundled("en-substance-use-no-treatment")
    s.say("Hi Lee, I'm Sam. Good to meet you.")
    reply = s.say("What happened ten days ago, if you don't mind me asking?")
    assert reply.text.startswith("I went over. Danny found me. I'd rather not go into it yet.")


def test_jordan_says_the_name_once_when_asked_for_it():
    s = bundled("en-income-support-young-adult")
    reply = s.say(
        "Hi. Right, income support form, I can do that with you now. Name and date of birth first?"
    )
    assert reply.text.count("Jordan") == 1
    assert reply.text.startswith("Jordan Price")
