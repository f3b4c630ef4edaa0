"""A disclosure speaks only to a turn it answers (issue 14, docs/format.md "Which transition
fires"): a question about something else gets its answer, leave and plans get theirs, an
agreed choice is not restated, and the disclosure waits for a turn that invites it. Each test
plays turns with pinned moves and checks the client's words."""

from fixtures.scenario_header import scenario_header

from simulator.language.base import Recognition
from simulator.scenario.loader import load_scenario_text
from simulator.session import Session


class QuestionRecognizer:
    """Reads what a question sentence asks from a few phrases, and the scenario's topics from
    their words: the session reads the question alone, and what it asks decides the answer."""

    language = "en"
    PHRASES = {
        "would it be okay": "ask_permission",
        "you decide": "emphasize_autonomy",
        "shall we": "structuring",
    }

    def recognize(self, text, *, client_before="", topics=None):
        lower = text.lower()
        moves = tuple(dict.fromkeys(m for k, m in self.PHRASES.items() if k in lower))
        if "?" in lower and ("what" in lower or "go on" in lower):
            moves = (*moves, "open_question")
        elif "?" in lower and not moves:
            moves = ("closed_question",)
        found = tuple(
            key for key, words in (topics or {}).items() if any(w in lower for w in words)
        )
        return Recognition(text=text, moves=moves, topics=found)


SCENARIO = (
    scenario_header(
        "en-disclosure-waits-fixture",
        "A disclosure waits",
        setting="Drop-in.",
        background="Lee came out of hospital ten days ago.",
        goal="Hear Lee out.",
        name="Lee",
        persona="Forty, wary.",
    )
    + """
topics:
  rehab:
    words: [rehab]
  what_scares:
    words: [scared you]
  the_roof:
    words: [the roof]
choices:
  keep_flat:
    label: Keeps the flat
    words: [the flat]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Go on, then."]
    choice: keep_flat
    on:
      - moves: [summary]
        go: planning
      - moves: [open_question, simple_reflection, affirmation, emphasize_autonomy]
        reply:
          - text: "First time out of rehab I bought new trainers. Stupid."
            about: [rehab]
          - text: "Like I said, the flat stays. It's mine."
            touched: [keep_flat]
          - "Sundays are good."
  planning:
    say: ["So. What now?"]
    ready: [planning]
    on:
      - moves: [structuring, ask_permission]
        go: good_end
  good_end:
    ending: good
    say: ["Thursday, then. Cheers."]
answers:
  - topics: [what_scares]
    reply:
      - "That my girl gets a phone call one day."
defaults:
  structuring:
    reply: ["Fine by me.", "Alright. Works for me."]
  ask_permission:
    reply: ["Yeah, alright.", "Depends. Go on."]
  emphasize_autonomy:
    reply: ["Too right it's my call."]
  open_question:
    reply: ["Hard to put into words, that."]
"""
)


def meet():
    return Session(load_scenario_text(SCENARIO), QuestionRecognizer(), seed=1)


def test_a_question_about_what_the_client_has_an_answer_for_gets_that_answer():
    s = meet()
    reply = s.say("Thanks for saying. What scared you most about it?", moves=["open_question"])
    assert reply.text == "That my girl gets a phone call one day."


def test_a_question_about_something_else_gets_a_short_answer_and_the_disclosure_waits():
    s = meet()
    # The roof has no answer; the state's next line is about rehab: Lee takes the question
    # up in a word instead of talking about his trainers.
    asked = s.say("What happened up on the roof?", moves=["open_question"])
    assert asked.text == "Hard to put into words, that."
    # An open "go on" invites the line that waited.
    invited = s.say("Go on?", moves=["open_question"])
    assert invited.text == "First time out of rehab I bought new trainers. Stupid."


def test_a_permission_request_gets_a_permission_answer_whatever_the_line_is_about():
    s = meet()
    s.say("What was rehab like?", moves=["open_question"])  # the rehab line, asked about
    # The next line ("Sundays are good.") names nothing; leave is still answered as leave.
    reply = s.say(
        "Would it be okay if I told you about some of the help there is?",
        moves=["affirmation", "ask_permission"],
    )
    assert reply.text == "Yeah, alright."


def test_leave_asked_with_the_client_s_say_in_it_is_still_leave():
    s = meet()
    reply = s.say(
        "Would it be okay if I told you how it works, and then you decide?",
        moves=["simple_reflection", "ask_permission", "emphasize_autonomy"],
    )
    assert reply.text == "Yeah, alright."


def test_a_plan_proposed_in_a_stay_gets_a_plan_answer():
    s = meet()
    reply = s.say("Shall we get the form going now?", moves=["simple_reflection"])
    assert reply.text == "Fine by me."


def test_a_plan_proposed_where_plans_are_made_is_agreed_to_before_the_line():
    s = meet()
    s.say("So: the flat, the nights, and Mia on Sundays.", moves=["summary"])
    reply = s.say("Shall we meet again on Thursday?", moves=["structuring"])
    assert reply.ended and reply.outcome == "good"
    assert reply.text == "Fine by me. Thursday, then. Cheers."


def test_a_choice_the_worker_has_just_agreed_to_is_not_restated():
    s = meet()
    s.say("What was rehab like?", moves=["open_question"])
    # The flat was Lee's choice from the start; the worker says it back, agreeing.
    reply = s.say("The flat stays yours. I won't push on that.", moves=["simple_reflection"])
    assert reply.text == "Too right it's my call."
    assert "Like I said" not in reply.text


def bundled(name, seed=1):
    from simulator.scenario.loader import bundled_scenarios_dir, load_scenario

    return Session(load_scenario(bundled_scenarios_dir() / f"{name}.yaml"), seed=seed)


def test_lee_answers_why_rehab_put_him_off_and_what_keeps_him_up():
    s = bundled("en-substance-use-no-treatment")
    s.say("Hi Lee, I'm Sam. Good to meet you.")
    why = s.say("Okay, no more on that. Can I ask what put you off rehab, after two goes?")
    # guarded while trust is low; no "Long story": to a yes/no about rehab it answered a story
    # nobody asked for (hen57 t6)
    assert why.text == "Rehab. ...Not going into that today, mate."
    awake = s.say("Not sleeping much. What's keeping you up?")
    assert awake.text == "My head. Goes round and round. Mia, mostly."


def test_jenni_says_who_is_with_the_children_in_the_evenings_not_her_shifts():
    s = bundled("fi-lastensuojelu-ensitapaaminen")
    s.say("Hei Jenni, mä oon Anna. Kiva että tulit.")
    reply = s.say("Kuka Eetun ja Aavan kanssa on iltaisin, kun te olette töissä?")
    assert reply.text.startswith("Naapurin tyttö on lasten kanssa illat.")


def test_mikko_answers_whether_the_incident_report_is_filed():
    s = bundled("fi-tyonohjaus-raskas-viikko")
    s.say("Moi Mikko, istu alas.")
    # The question alone: "Se pitää olla järjestelmässä tänään." after it is a deadline pressed
    # on him, which the Finnish push head (learned in context since ctx33) hears as persuade.
    reply = s.say("Okei, mut se ilmoitus, onko se tehty?")
    assert reply.text == "En oo vielä ehtiny. Mä teen sen tänään."
