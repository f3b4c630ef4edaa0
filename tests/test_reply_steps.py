"""Each step of simulator/client/choosing.py, in the order the client tries them, as a user
sees it (issue 14; docs/format.md, "How a reply is chosen, in order"). One small English
client; turns are played with pinned moves, and the recognizer below reads the question
sentence's act and the topics by their words. The `choice_agreed` step is shown in
tests/test_round_misfits.py and the Finnish steps in tests/test_holding_answers.py."""

import json
import re
from pathlib import Path

from fixtures.scenario_header import scenario_header

from simulator.client.choosing import STEPS
from simulator.language.base import Recognition
from simulator.scenario.loader import load_scenario_text
from simulator.session import Session

BODY = """
topics:
  nurse:
    words: [nurse]
  mia:
    words: [mia, daughter]
  hospital:
    words: [hospital]
  rent:
    words: [rent]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Alright."]
    on:
      - moves: [confront]
        effects: {trust: -10}
        reply: ["Don't start on me."]
      - moves: [summary]
        go: planning
      - moves: [ask_permission]
        reply: ["Go on, then. Quick."]
      - moves: [affirmation]
        reply: ["Maybe. We'll see."]
      - moves: [open_question, simple_reflection, complex_reflection]
        reply:
          - text: "Mia. She's the reason I get up."
            about: [mia]
        exhausted: ["Yeah. That's about it."]
      - moves: [open_question, closed_question, simple_reflection]
        topics: [rent]
        reply: ["The rent's the big thing."]
  planning:
    say: ["So what now?"]
    on:
      - moves: [structuring]
        go: good_end
  good_end:
    ending: good
    say: ["Cheers."]
answers:
  - topics: [nurse]
    reply: ["Tuesday. She came Tuesday."]
defaults:
  ask_permission:
    reply: ["Yeah, okay."]
  open_question:
    reply: ["Hard to put into words, that."]
  closed_question:
    reply: ["Depends."]
  question_when:
    reply: ["A while back. Don't remember exactly."]
  question_how_much:
    reply: ["Don't know exactly."]
  question_why:
    reply: ["Dunno."]
  question_remember:
    reply: ["Not much. Bits."]
  question_yes_no:
    reply: ["Sort of. Why?"]
  question_either_or:
    reply: ["Either. You pick."]
  offer_yes:
    if: trust >= 50
    reply: ["Yeah. Go on then."]
  offer_no:
    reply: ["Nah. Leave it."]
"""


class Reads:
    """Reads the act a question sentence asks (leave, or an open or closed question) and the
    topics whose words it has; nothing else."""

    language = "en"

    def recognize(self, text, *, client_before="", topics=None):
        lower = text.lower()
        moves = ()
        if lower.startswith("would it be okay"):
            moves = ("ask_permission",)
        elif "?" in lower:
            closed = lower.split()[0] in {"did", "do", "is", "are", "have", "shall"}
            moves = ("closed_question",) if closed else ("open_question",)
        found = tuple(k for k, words in (topics or {}).items() if any(w in lower for w in words))
        return Recognition(text=text, moves=moves, topics=found)


def meet(body: str = BODY):
    header = scenario_header(
        "en-steps-fixture",
        "Reply steps",
        setting="Office.",
        background="Lee was in hospital.",
        goal="Hear Lee out.",
        name="Lee",
        persona="Thirty-four, guarded.",
        trust=30,
        language="en",
    )
    return Session(load_scenario_text(header + body), Reads(), seed=1)


def test_the_steps_are_the_session_s_methods_in_the_documented_order():
    session_methods = {name[len("_step_") :] for name in dir(Session) if name.startswith("_step_")}
    assert session_methods == {step.name for step in STEPS}
    doc = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    section = doc.split("### How a reply is chosen, in order", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\s*\d+\. `(\w+)`", section, re.M) == [step.name for step in STEPS]


def test_answer_instead_a_question_about_a_topic_gets_its_answer_in_a_stay():
    s = meet()
    assert s.say("When did the nurse come?", moves=["open_question"]).text == (
        "Tuesday. She came Tuesday."
    )


def test_answer_instead_a_question_about_a_topic_named_earlier_in_the_turn_gets_that_answer():
    s = meet()
    turn = s.say(
        "The rent kept coming. How's that been?", moves=["simple_reflection", "open_question"]
    )
    assert turn.text == "The rent's the big thing."


def test_answer_instead_a_question_in_a_turn_read_as_no_question_is_still_answered():
    # the turn as a whole read as praise, its last sentence asks: the client answers it
    s = meet()
    turn = s.say("You did well to come in. Is the rent late?", moves=["affirmation"])
    assert turn.text == "The rent's the big thing."
    s = meet()
    turn = s.say("You did well to come in. When did the nurse come?", moves=["affirmation"])
    assert turn.text == "Tuesday. She came Tuesday."
    # no question mark, no question: the praise is answered
    s = meet()
    turn = s.say("You did well to come in. The rent is late.", moves=["affirmation"])
    assert turn.text == "Maybe. We'll see."


def test_answer_instead_an_answer_that_tells_again_what_the_client_said_gives_way():
    """An answer one sentence of which the client has already told in other words ("Elsa died
    two years ago." after "Elsa... She died two years ago in March.") would tell it as new
    (hgl t7): the answer for the next topic the question names is said."""
    body = """
topics:
  home:
    words: [home]
  nurse:
    words: [nurse]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Alright."]
    on:
      - moves: [simple_reflection]
        reply: ["Elsa... She died two years ago in March. The nurse comes now."]
      - moves: [open_question]
        reply: ["Where do I start."]
answers:
  - topics: [home]
    reply: ["Alone. Elsa died two years ago. The dog keeps me company."]
  - topics: [nurse]
    reply: ["Tuesdays. She's kind enough."]
"""
    s = meet(body)
    s.say("You have been through a lot.", moves=["simple_reflection"])
    turn = s.say("What is it like at home, with the nurse coming?", moves=["open_question"])
    assert turn.text == "Tuesdays. She's kind enough."
    s = meet(body)
    turn = s.say("What is it like at home, with the nurse coming?", moves=["open_question"])
    assert turn.text == "Alone. Elsa died two years ago. The dog keeps me company."
    # the only answer to what is asked is said, told again or not: no line passes it over
    s = meet(body)
    s.say("You have been through a lot.", moves=["simple_reflection"])
    turn = s.say("What is it like at home?", moves=["open_question"])
    assert turn.text == "Alone. Elsa died two years ago. The dog keeps me company."


def test_answer_instead_a_specific_question_is_answered_about_what_it_names_only():
    # the rent named before it is not what "How long" asks: its answer would pass it over
    s = meet()
    turn = s.say(
        "The rent kept coming. How long has it been now?",
        moves=["simple_reflection", "open_question"],
    )
    assert turn.text == "A while back. Don't remember exactly."


def test_answer_instead_a_choice_offered_is_answered_not_a_topic_named_before_it():
    s = meet()
    turn = s.say(
        "I need the rent for the form. Do you want to tell me, or shall I look it up?",
        moves=["simple_reflection", "closed_question"],
    )
    assert turn.text == "Either. You pick."


NURSE_QUESTION = "So it's Mia and the nurse. When did the nurse come?"


def nurse_asked_as_the_client_moves_on(move_words: str = "", answer: str = ""):
    """The client's turn to a summary that asks when the nurse came and moves it on to
    `planning`, whose words (`move_words`) and the nurse answer (`answer`) may be rewritten."""
    body = BODY
    if move_words:
        body = body.replace('say: ["So what now?"]', f"say: [{json.dumps(move_words)}]")
    if answer:
        body = body.replace(
            'reply: ["Tuesday. She came Tuesday."]', f"reply: [{json.dumps(answer)}]"
        )
    return meet(body).say(NURSE_QUESTION, moves=["summary", "open_question"])


def test_answer_before_move_the_answer_comes_before_the_words_of_the_move():
    turn = nurse_asked_as_the_client_moves_on()
    assert turn.state == "planning"
    assert turn.text == "Tuesday. She came Tuesday. So what now?"


def test_answer_before_move_a_question_in_a_turn_read_as_no_question_is_answered_too():
    # stop 35 (lastensuojelu hgc t15, income hen25 t15 "And your full name and date of birth?"
    # read as no question as the client moved on): the question is answered, then the move
    s = meet()
    turn = s.say(NURSE_QUESTION, moves=["summary"])
    assert turn.state == "planning"
    assert turn.text == "Tuesday. She came Tuesday. So what now?"


def test_answer_before_move_words_of_the_move_that_tell_the_answer_again_wait():
    # stop 35, hen29: "Who's Mia?" -> "Mia's my girl... I see her Sundays. It's just...
    # days... Sundays I see my daughter, Mia." told the same thing twice in one reply
    turn = nurse_asked_as_the_client_moves_on(
        "The nurse. Tuesday, that was.", answer="The nurse came Tuesday."
    )
    assert turn.state == "planning"
    assert turn.text == "The nurse came Tuesday."


def test_answer_before_move_words_of_the_move_that_tell_more_follow_the_answer():
    turn = nurse_asked_as_the_client_moves_on("The nurse. And the rent. What now?")
    assert turn.text == "Tuesday. She came Tuesday. The nurse. And the rent. What now?"


def test_answer_before_move_words_of_the_move_do_not_say_yes_a_second_time():
    # stop 43, hhn t10 (a misfit to all three judges): "Joo, kerro vaan. Kuinka usein te
    # tavataan? Joo, käy. Ja mulla on..." agreed twice in one reply
    turn = nurse_asked_as_the_client_moves_on(
        "Yeah. And I've got an idea myself.", answer="Yeah, she came Tuesday."
    )
    assert turn.state == "planning"
    assert turn.text == "Yeah, she came Tuesday. And I've got an idea myself."


def test_answer_before_move_a_no_then_words_of_the_move_opening_on_yes_both_stay():
    turn = nurse_asked_as_the_client_moves_on("Yeah. So what now?", answer="No, she never came.")
    assert turn.text == "No, she never came. Yeah. So what now?"


def test_hurt_or_leaving_a_reaction_that_costs_trust_beats_the_answer():
    s = meet()
    assert s.say("Why did you let the nurse go?", moves=["confront"]).text == "Don't start on me."


def test_offer_an_offer_is_answered_yes_or_no():
    s = meet()
    assert s.say("Shall I ring the landlord for you?", moves=["complex_reflection"]).text == (
        "Nah. Leave it."
    )


def test_offer_an_offer_made_for_us_both_is_answered_yes_or_no():
    s = meet()
    turn = s.say("Would you like us to look at the letters together?", moves=["complex_reflection"])
    assert turn.text == "Nah. Leave it."


def test_offer_which_of_two_ways_put_in_the_sentence_before_is_a_choice():
    s = meet()
    turn = s.say(
        "I could ring the nurse with you, or you ring her yourself. What would you prefer?",
        moves=["simple_reflection", "open_question"],
    )
    assert turn.text == "Either. You pick."


def test_offer_does_that_sound_okay_asks_what_the_client_makes_of_the_proposal():
    """ "Does that sound okay?" checks what was put, as "Sound okay?" does: answered yes or no,
    not with the stock line for a closed question ("Depends.")."""
    for check in ("Does that sound okay?", "Does this sound alright?", "That sounds fine?"):
        s = meet()
        said = f"The nurse can come on Tuesdays. {check}"
        turn = s.say(said, moves=["give_information", "closed_question"])
        assert turn.text == "Nah. Leave it.", check


def test_written_for_the_act_a_reaction_keyed_on_leave_says_its_line():
    s = meet()
    turn = s.say("Would it be okay if I told you about a group?", moves=["ask_permission"])
    assert turn.text == "Go on, then. Quick."


def test_the_act_leave_asked_of_a_line_for_something_else_gets_the_answer_for_leave():
    s = meet()
    turn = s.say("Would it be okay if I told you about a group?", moves=["complex_reflection"])
    assert turn.text == "Yeah, okay."


def test_the_question_an_open_question_to_a_disclosure_about_something_else_is_taken_up():
    s = meet()
    turn = s.say("What was the hospital like for you?", moves=["open_question"])
    assert turn.text == "Hard to put into words, that."


def test_the_reflection_a_topic_said_back_gets_its_answer_not_a_line_about_something_else():
    s = meet()
    turn = s.say("So the nurse has been coming round.", moves=["simple_reflection"])
    assert turn.text == "Tuesday. She came Tuesday."
    # the line about Mia waits for a turn that invites it
    assert s.say("Go on.", moves=["open_question"]).text == "Mia. She's the reason I get up."


def test_the_reflection_what_the_client_just_said_is_not_told_twice():
    # the client has just named the nurse: said back, the answer about her would tell it again
    s = meet(
        BODY.replace('say: ["Alright."]', 'say: ["Alright. The nurse was here this morning."]', 1)
    )
    turn = s.say("So the nurse has been coming round.", moves=["simple_reflection"])
    assert turn.text == "Mia. She's the reason I get up."


def test_holding_a_content_question_the_line_would_pass_over_gets_a_holding_answer():
    s = meet()
    assert s.say("When did you last eat?", moves=["open_question"]).text == (
        "A while back. Don't remember exactly."
    )


def test_holding_an_either_or_naming_a_topic_the_client_answers_gets_that_answer():
    # stop 35, hgc t4: "...riittääkö se vai haluutko tietää jotain tarkemmin?" read as praise
    # and information as Riikka moved on got "Kumpi vaan. Mulle käy kumpikin." before her next
    # words, though the question named what she had an answer for
    s = meet(BODY.replace('say: ["So what now?"]', 'say: ["Right. The rent, then."]'))
    turn = s.say(
        "So it's Mia and the nurse. Do you want to tell me when the nurse came, or shall I ask?",
        moves=["summary"],
    )
    assert turn.state == "planning"
    assert turn.text == "Tuesday. She came Tuesday. Right. The rent, then."


def test_holding_can_you_do_that_is_a_yes_no_question():
    s = meet()
    turn = s.say("He needs waking at seven. Can you do that?", moves=["open_question"])
    assert turn.text == "Sort of. Why?"


def test_last_question_a_bare_maybe_for_the_praise_gives_way_to_the_line_for_the_question():
    s = meet()
    turn = s.say("You did well to come in. What's the hardest part?", moves=["affirmation"])
    assert turn.text == "Mia. She's the reason I get up."


def test_last_question_a_maybe_after_a_sound_for_leaving_the_choice_also_gives_way():
    # "Ha." before the maybe, and "that's your call" before the question, as in a meeting
    # played at stop 34: "...that's your call. How have you been since the hospital?" was
    # answered "Ha. Yeah. Maybe."
    s = meet(
        BODY.replace(
            """      - moves: [affirmation]
        reply: ["Maybe. We'll see."]""",
            """      - moves: [affirmation, emphasize_autonomy]
        reply: ["Ha. Yeah. Maybe."]""",
            1,
        )
    )
    turn = s.say(
        "That's your call. How have you been since the hospital?", moves=["emphasize_autonomy"]
    )
    assert turn.text == "Mia. She's the reason I get up."


def test_last_question_a_short_open_question_is_a_question_too():
    # stop 35, hen29: "...Nobody should be made to feel like that. What happened?" -> "Maybe.
    # We'll see."
    s = meet()
    turn = s.say("You did well to come in. What happened?", moves=["affirmation"])
    assert turn.text == "Mia. She's the reason I get up."


def test_held_line_a_line_passed_over_is_said_to_a_turn_that_invites_it():
    s = meet()
    s.say("When did you last eat?", moves=["open_question"])  # the Mia line waits
    assert s.say("Go on.", moves=["open_question"]).text == "Mia. She's the reason I get up."


def test_held_line_that_opens_on_yes_waits_for_a_turn_about_it_not_any_invitation():
    """ "Yes. ..." agrees with what it was drawn for: said to the next invitation it agrees to
    what nobody put (stop 38, hen41 t3: "English is okay for you? Or Arabic on the phone? What
    do you want?" -> the held "Yes. All night. I read the letter again and again.")."""
    mia = '"Mia. She\'s the reason I get up."'
    s = meet(BODY.replace(mia, '"Yes. ' + mia[1:]))
    s.say("When did you last eat?", moves=["open_question"])  # the Mia line waits
    turn = s.say("Go on.", moves=["open_question"])
    assert "Mia" not in turn.text
    # a turn about what it is about still gets it
    assert s.say("And Mia?", moves=["open_question"]).text == "Yes. Mia. She's the reason I get up."


_RENT = '        reply: ["Behind on it. Two months."]\n'
_AFFIRM = "      - moves: [affirmation]\n"


def test_held_line_a_bare_maybe_passed_over_is_not_said_to_a_later_question():
    """ "Maybe. We'll see." drawn for the praise and passed over for leave ("Yeah, okay.")
    answered that turn; said to the next question it would agree to what nobody put (hen40
    t4: "Where do you fit in, in all that?" -> "Maybe. We'll see.")."""
    permission = '      - moves: [ask_permission]\n        reply: ["Go on, then. Quick."]\n'
    body = BODY.replace(permission, "")
    s = meet(body)
    said = "Well done for coming. Would it be okay if I asked about the rest?"
    assert s.say(said, moves=["affirmation", "ask_permission"]).text == "Yeah, okay."
    turn = s.say("Where do you fit in, in all that?", moves=["open_question"])
    assert turn.text == "Mia. She's the reason I get up."


def test_held_line_waits_when_the_stay_that_fired_is_keyed_on_what_the_turn_names():
    # stop 36, hen23 t14: "...if you want to, I'd like to hear it" about what happened
    # before got the held "I haven't told anyone how bad it is", not the stay for it
    keyed = "      - moves: [simple_reflection]\n        topics: [rent]\n"
    s = meet(BODY.replace("      - moves: [affirmation]\n", keyed + _RENT + _AFFIRM, 1))
    s.say("When did you last eat?", moves=["open_question"])  # the Mia line waits
    turn = s.say("The rent has been weighing on you.", moves=["simple_reflection"])
    assert turn.record.transition == "talking.on[3]"  # the stay keyed on the rent
    assert turn.text == "Behind on it. Two months."
    # it still waits for a turn it fits
    assert s.say("Go on.", moves=["open_question"]).text == "Mia. She's the reason I get up."


def test_a_check_of_what_was_said_is_not_taken_for_a_question_about_what_it_named():
    """A check ("Is that right?") after a reflection asks the client to confirm it, not when the
    nurse came; "Yes or no?" still leans on the sentence before it."""
    s = meet()
    turn = s.say(
        "So the nurse comes on Tuesdays. Is that right?",
        moves=["complex_reflection", "closed_question"],
    )
    # the state's own line, after the yes the check asks for (step `said_back`)
    assert turn.text == "Yes. Mia. She's the reason I get up."
    s = meet()
    turn = s.say("I need to know about the nurse. Yes or no?", moves=["closed_question"])
    assert turn.text == "Tuesday. She came Tuesday."


def test_said_back_a_summary_checked_gets_a_yes_before_the_words_of_the_move():
    """ "...Is that right?" after a summary is answered yes, then the next thing the client
    has to say; not the next state's line alone, as if nothing had been asked (issue 14)."""
    s = meet()
    turn = s.say("So it's Mia and the nurse. Is that right?", moves=["summary"])
    assert turn.state == "planning"
    assert turn.text == "Yes. So what now?"  # the engine's own yes: the fixture wrote none


def test_said_back_the_scenario_s_own_yes_and_a_line_that_says_yes_itself():
    body = BODY.replace(
        "defaults:\n", 'defaults:\n  confirm:\n    reply: ["Yeah. That\'s it."]\n', 1
    ).replace('say: ["So what now?"]', 'say: ["Yeah, more or less. So what now?"]', 1)
    s = meet(body)
    turn = s.say("You see the nurse, and Mia. Did I get that right?", moves=["simple_reflection"])
    assert turn.text == "Yeah. That's it. Mia. She's the reason I get up."
    # a line that opens on yes already answers the check: no second yes before it
    turn = s.say("So: Mia, the nurse. Fair?", moves=["summary"])
    assert turn.text == "Yeah, more or less. So what now?"


def test_said_back_a_question_about_something_is_no_check():
    s = meet()
    # "right?" inside a question about a fact asks the fact, not for a yes to a summary
    turn = s.say("Mia's with her mum, right?", moves=["closed_question"])
    assert not turn.text.startswith("Yes.")
    # what someone else reports, checked, asks the client's view: no yes is put in their mouth
    s = meet()
    turn = s.say("The hospital says you left early. Is that right?", moves=["give_information"])
    assert not turn.text.startswith("Yes.")


def test_a_heard_line_takes_the_place_of_a_plain_line_telling_the_same_thing_as_new():
    # stop 35, kokemus choice_point: a boundary the worker granted two turns earlier was told
    # back as new ("...mun tarina pysyy mulla") whenever the turn named something else
    body = BODY.replace(
        "  rent:\n    words: [rent]",
        "  rent:\n    words: [rent]\n  story:\n    words: [your story]",
    ).replace(
        '          - text: "Mia. She\'s the reason I get up."\n            about: [mia]',
        '          - text: "My story stays with me, just so you know."\n'
        "            about: [story]\n"
        '          - text: "Like you said, my story stays with me."\n'
        "            heard: [story]",
    )
    s = meet(body)
    s.say("You don't have to tell me your story.", moves=["affirmation"])
    turn = s.say("The hospital was hard on you.", moves=["simple_reflection"])
    assert turn.text == "Like you said, my story stays with me."


ASKS_AGAIN = """
topics:
  mornings:
    words: [morning, mornings, late]
  bank:
    words: [bank, card, details]
  mum:
    words: [mum, mother]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Hello."]
    on:
      - moves: [give_information, closed_question]
        if: words > 8
        reply:
          - "Wait, wait. Too fast. Again, short?"
          - text: "Too many words. Again?"
            if: turn > 1
      - moves: [closed_question]
        topics: [mum]
        reply: ["I'll tell her when it's sorted."]
      - moves: [closed_question]
        reply: ["Sorry... again, slowly? I am not sure."]
  good_end:
    ending: good
    say: ["Bye."]
when_unrecognised:
  reply: ["Sorry? Slowly, please.", "Sorry. Short words, please."]
answers:
  - topics: [bank]
    reply: ["My card's here. Sort code's on it."]
"""


def test_request_met_a_shorter_turn_after_a_request_is_taken_as_done_not_asked_again():
    s = meet(ASKS_AGAIN)
    long = "The teacher sees two things: Omar is late most mornings and very tired in class."
    assert s.say(long, moves=["give_information"]).text == "Wait, wait. Too fast. Again, short?"
    # the worker said it short: no second request, and none a third time either
    assert s.say("Omar is late. Many mornings.", moves=[]).text == "Okay. That I understand."
    assert s.say("Omar. Late.", moves=[]).text == "Yes. Okay. Thank you."
    assert s.say("Late. You see?", moves=["closed_question"]).text == "Okay. Now I see."
    # a turn as long as the one that got the request gets it again
    assert s.say(long, moves=["give_information"]).text == "Too many words. Again?"


def test_request_met_the_scenario_s_own_words_and_finnish():
    body = ASKS_AGAIN.replace(
        "answers:", 'defaults:\n  understood:\n    reply: ["Okay. Short is good."]\nanswers:'
    )
    s = meet(body)
    s.say(
        "The teacher sees two things: Omar is late most mornings and tired.",
        moves=["give_information"],
    )
    assert s.say("Omar is late.", moves=[]).text == "Okay. Short is good."
    header = scenario_header(
        "fi-steps-fixture", "Vaiheet", setting="Toimisto.", background="Tausta.", goal="Kuunnella.",
        name="Lee", persona="Varautunut.", trust=30, language="fi",
    )  # fmt: skip
    finnish = (
        ASKS_AGAIN.replace(
            "Wait, wait. Too fast. Again, short?", "Odota. Liian nopeesti. Uudestaan?"
        )
        .replace("Sorry? Slowly, please.", "Anteeks? Hitaammin.")
        .replace("Sorry. Short words, please.", "Häh? Sano uudestaan.")
    )
    fi = Session(load_scenario_text(header + finnish), Reads(), seed=1)
    fi.say(
        "Opettaja näkee kaksi asiaa: Omar myöhästyy aamuisin ja on väsynyt.",
        moves=["give_information"],
    )
    assert fi.say("Omar myöhästyy.", moves=[]).text == "Okei. Tän mä ymmärrän."


def test_asked_again_a_fact_question_passed_over_for_another_topic_gets_its_answer():
    body = (
        ASKS_AGAIN.replace('reply: ["My card', 'if: turn >= 2\n    reply: ["My card')
        .replace("Sorry... again, slowly? I am not sure.", "My mum thinks I'm at work.")
        # a guarded line while trust is low: a reason of its own, said whatever the question
        .replace("topics: [mum]\n", "topics: [mum]\n        if: trust < 50\n")
    )
    s = meet(body)
    # first asked: the line goes to the client's mother (the answer is not ready yet)
    first = s.say("Have you got the bank details?", moves=["closed_question"])
    assert first.text == "My mum thinks I'm at work."
    # asked again, with the mother named too: the answer, not the mother a second time
    again = s.say("Mum aside, do you have your bank card?", moves=["closed_question"])
    assert again.text == "My card's here. Sort code's on it."


def test_asked_again_with_no_answer_the_client_declines_in_character():
    body = ASKS_AGAIN.replace("  - topics: [bank]", "  - topics: [mornings]").replace(
        "Sorry... again, slowly? I am not sure.", "My mum thinks I'm at work."
    )
    s = meet(body)
    assert s.say("Have you got the bank details?", moves=["closed_question"]).text == (
        "My mum thinks I'm at work."
    )
    again = s.say("Mum aside, do you have your bank card?", moves=["closed_question"])
    assert again.text == "I'd rather not go into that right now."
    # a question asked once and answered off-topic only once is not declined
    s = meet(body)
    assert s.say("Mum aside, do you have your bank card?", moves=["closed_question"]).text == (
        "I'll tell her when it's sorted."
    )


def test_offer_an_either_or_that_ends_the_meeting_gets_the_client_s_own_answer_first():
    body = BODY.replace(
        "      - moves: [summary]\n        go: planning",
        "      - moves: [summary]\n        go: planning\n      - moves: [open_question]\n"
        '        topics: [hospital]\n        go: good_end\n        reply: ["Right. Cheers."]',
    ).replace(
        "answers:\n",
        'answers:\n  - topics: [nurse]\n    reply: ["You can tell her. I\'ll do the talking."]\n',
        1,
    )
    s = meet(body)
    turn = s.say(
        "So, the hospital: shall I tell the nurse, or would you rather tell her yourself?",
        moves=["open_question"],
    )
    assert turn.outcome == "good"
    assert turn.text == "You can tell her. I'll do the talking. Right. Cheers."


def test_offer_whether_it_would_help_asks_yes_or_no_whatever_it_lists():
    s = meet()
    turn = s.say(
        "Would it help if I rang you, and went through the rest on the phone or in person?",
        moves=["complex_reflection"],
    )
    assert turn.text == "Nah. Leave it."  # trust 30 < 50: no; never "Either. You pick."


def test_a_question_pointing_back_is_asked_of_what_the_sentence_before_named():
    s = meet()
    turn = s.say(
        "The form needs the nurse's letter. Do you have those on you?", moves=["closed_question"]
    )
    assert turn.text == "Tuesday. She came Tuesday."


def test_written_for_the_act_an_ending_over_a_question_says_the_answer_first():
    body = BODY.replace(
        "      - moves: [structuring]\n        go: good_end",
        "      - moves: [structuring, affirmation]\n        go: good_end",
    )
    s = meet(body)
    s.say("So, to sum up.", moves=["summary"])
    turn = s.say(
        "Exactly right. And the nurse - what did she say?", moves=["affirmation", "closed_question"]
    )
    assert turn.outcome == "good"
    assert turn.text == "Tuesday. She came Tuesday. Cheers."
    # an ending with no question in it says its words alone
    s = meet(body)
    s.say("So, to sum up.", moves=["summary"])
    assert s.say("Exactly right. The nurse, too.", moves=["affirmation"]).text == "Cheers."


def test_request_met_an_ending_s_words_stand():
    body = ASKS_AGAIN.replace(
        "      - moves: [closed_question]\n        topics: [mum]",
        "      - moves: [dismiss]\n        go: poor_end\n"
        "      - moves: [closed_question]\n        topics: [mum]",
    ).replace(
        '  good_end:\n    ending: good\n    say: ["Bye."]',
        '  good_end:\n    ending: good\n    say: ["Bye."]\n'
        '  poor_end:\n    ending: poor\n    say: ["Finish? I don\'t understand what happens now."]',
    )
    s = meet(body)
    long = "The teacher sees two things: Omar is late most mornings and very tired in class."
    s.say(long, moves=["give_information"])
    turn = s.say("Okay. We stop.", moves=["dismiss"])
    assert turn.outcome == "poor"
    assert turn.text == "Finish? I don't understand what happens now."


def test_a_line_said_again_almost_word_for_word_counts_as_said():
    # hen33 t14/t22: the kit asked about in two states got "Had a kit once. Lost it, or
    # someone had it." and, eight turns later, "A kit? Had one once. Lost it, or someone had it."
    body = BODY.replace(
        """      - moves: [affirmation]
        reply: ["Maybe. We'll see."]""",
        """      - moves: [affirmation]
        reply: ["Maybe. We'll see."]
      - moves: [closed_question]
        topics: [hospital]
        reply: ["Had a kit once. Lost it, or someone had it. Maybe later."]
      - moves: [give_information]
        topics: [hospital]
        reply: ["A kit? Had one once. Lost it, or someone had it. Maybe later."]
        exhausted: ["Not on me, no. I know what the spray is. Maybe later, mate."]""",
    )
    session = meet(body)
    assert session.say("Did they give you a kit at the hospital?").text.startswith("Had a kit")
    said = session.say("The hospital gives kits out.", moves=["give_information"]).text
    assert said == "Not on me, no. I know what the spray is. Maybe later, mate."


def test_answer_before_move_a_plan_or_leave_asked_is_not_answered_about_what_came_before_it():
    # hgk t12: "Kun Sarin asiakkaat lähtee, ... Sovitaanko, että käydään tilanne läpi taas ensi
    # perjantaina?" moving on got the answer about Sari's clients first, then the move's words;
    # here a proposal checked ("Sound alright?") moving on is not answered about the nurse
    body = BODY.replace(
        """      - moves: [summary]
        go: planning
""",
        """      - moves: [summary]
        go: planning
      - moves: [open_question, structuring]
        topics: [nurse]
        reply: ["The nurse, yeah. That'd help."]
""",
    )
    said = (
        meet(body)
        .say(
            "The nurse came round, then. I'll ring you Thursday. Sound alright?",
            moves=["summary", "structuring"],
        )
        .text
    )
    assert said == "So what now?"


def test_asked_for_a_request_read_as_advice_or_news_is_answered_by_giving_it():
    """hen51 t2: 'When I want advice I'll ask for it.' to a request to pass the papers; the
    lead's play: 'Right. I didn't know that.' to 'I'll need a few details...'."""
    body = BODY.replace(
        "      - moves: [affirmation]\n",
        "      - moves: [advice]\n        effects: {trust: -6}\n"
        '        reply: ["When I want advice I\'ll ask for it."]\n'
        '      - moves: [give_information]\n        reply: ["Right. I didn\'t know that."]\n'
        "      - moves: [affirmation]\n",
    )
    s = meet(body)
    turn = s.say(
        "Okay, can you just pass them over then, I need the discharge date and his GP.",
        moves=["closed_question", "advice"],
    )
    assert turn.text == "Yes. Here."
    assert s.variables["trust"] == 24  # the reaction keeps its effects
    turn = s.say(
        "Good. I'll need a few details - your name and date of birth, and the letter.",
        moves=["give_information"],
    )
    assert turn.text == "Okay. Here you are."
    # a request that blames is blame
    turn = s.say("Can you just pass them over, you should have already.", moves=["confront"])
    assert turn.text == "Don't start on me."


def test_asked_for_the_scenario_s_own_words():
    s = meet(BODY + '  asked_for:\n    reply: ["There. Don\'t lose them."]\n')
    turn = s.say("Could you pass them over, please?", moves=["give_information"])
    assert turn.text == "There. Don't lose them."


def test_proposal_something_to_do_together_is_agreed_to_not_passed_over():
    """hen50 t7, a misfit to all three judges: "Shall we make a start on the form, and you tell
    me if anything's unclear?" read as a reflection and a closed question got the stay's
    disclosure ("It's money, mostly."). The client agrees as to a plan while it would say yes
    to an offer, else says no; the disclosure waits for a turn it fits."""
    body = BODY.replace(
        "  offer_no:\n",
        '  structuring:\n    reply: ["Okay. That works."]\n  offer_no:\n',
    )
    s = meet(body)
    shall = "Not even a message. Shall we make a start on the form?"
    assert s.say(shall, moves=["complex_reflection", "closed_question"]).text == "Nah. Leave it."
    s = meet(body.replace("trust >= 50", "trust >= 20"))
    assert s.say(shall, moves=["complex_reflection", "closed_question"]).text == (
        "Okay. That works."
    )
    # the disclosure passed over comes to the next invitation
    assert s.say("Tell me more.", moves=["open_question"]).text == (
        "Mia. She's the reason I get up."
    )
    # a line that takes the proposal up ("Maybe. We'll see.") is said as it is
    s = meet(body.replace("trust >= 50", "trust >= 20"))
    assert s.say("Good. Shall we start?", moves=["affirmation"]).text == "Maybe. We'll see."


def test_proposal_a_yes_or_no_put_as_the_client_moves_on_gets_a_yes_before_its_words():
    """Jordan in the lead's meeting, t12 and t15: a plan put and checked ("...Does that sound
    right?", "...Is that okay?") moved the client on, and the new state's opening words, said
    alone, passed the question over ("There's... also a loan.", "So. The claim..."). Once the
    client would take an offer (`offer_yes`'s `if`), it says a short yes, then those words."""
    warm = BODY.replace("trust >= 50", "trust >= 20")

    def second_turn(body, said):
        # the client's first state answers nothing this way: a greeting moves it on first
        body = body.replace(
            'start: talking\nfallback: ["Hm."]\nstates:\n',
            'start: hello\nfallback: ["Hm."]\nstates:\n  hello:\n    say: ["Hi."]\n'
            "    on:\n      - moves: [greeting]\n        go: talking\n",
            1,
        )
        session = meet(body)
        session.say("Thanks for coming in.", moves=["greeting"])
        return session.say(said, moves=["summary"])

    for said in (
        "So: the nurse on Tuesday, and you ring Mia. Does that sound right?",
        "I'll ring you Thursday to check how it went. Is that okay?",
        "We could fill the form in together. Want to give it a go now?",
    ):
        turn = second_turn(warm, said)
        assert turn.state == "planning", said
        assert turn.text == "Yeah. So what now?", said
        # a guarded client agrees to nothing yet, nor the client's first state: as they are
        assert second_turn(BODY, said).text == "So what now?", said
        assert meet(warm).say(said, moves=["summary"]).text == "So what now?", said
    # words that answer by themselves, take the question in, or take up what the turn named
    # are said as they are
    for words in ("...Okay. So what now?", "Hm. So what now?", "The nurse, then. So what now?"):
        body = warm.replace('say: ["So what now?"]', f"say: [{json.dumps(words)}]")
        assert second_turn(body, "So the nurse on Tuesday. Is that okay?").text == words
    # a question for a view is no yes or no
    assert second_turn(warm, "So the nurse on Tuesday. What do you think?").text == "So what now?"
    # news that names it later still gets the yes ("Yeah. There's... also a loan. ...rent")
    body = warm.replace('say: ["So what now?"]', 'say: ["So what now? The nurse can wait."]')
    turn = second_turn(body, "So the nurse on Tuesday. Is that okay?")
    assert turn.text == "Yeah. So what now? The nurse can wait."


def test_answer_before_move_words_of_the_move_that_open_by_saying_the_answer_are_said_alone():
    """hgt t14: the answer ("Sarin asiakkaiden jako... se auttais.") and then the move's words
    opening with the same ("Sarin asiakkaiden jako auttais. Ja Jere...") said it twice in one
    reply. The move's words answer the question themselves."""
    body = """
topics:
  rent:
    words: [rent]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Alright."]
    on:
      - moves: [closed_question]
        go: planning
  planning:
    say: ["The rent's the big thing. And I need someone to talk to."]
    on:
      - moves: [structuring]
        go: good_end
  good_end:
    ending: good
    say: ["Cheers."]
answers:
  - topics: [rent]
    reply: ["The rent... that's the big thing, yeah."]
"""
    s = meet(body)
    turn = s.say("Is the rent the worst of it?", moves=["closed_question"])
    assert turn.text == "The rent's the big thing. And I need someone to talk to."
    # words of the move about something else come after the answer
    s = meet(body.replace("The rent's the big thing. And", "Right. And"))
    turn = s.say("Is the rent the worst of it?", moves=["closed_question"])
    assert turn.text == (
        "The rent... that's the big thing, yeah. Right. And I need someone to talk to."
    )


def test_answer_before_move_words_that_tell_the_same_story_again_are_said_alone():
    """The lead's tmux play of Lee (stop 41, default settings, seed and variant as played):
    "I went over. Danny found me blue. Woke up with tubes in my arm and a nurse shouting my
    name. Horrible." and then the overdose state's own "The thing in the hospital. Danny found
    me. He said I was blue..." told the night twice in one reply. The move's words tell it
    themselves."""
    from simulator.scenario.loader import load_scenario

    root = Path(__file__).resolve().parent.parent
    lee = load_scenario(root / "scenarios" / "en-substance-use-no-treatment.yaml")
    s = Session(lee, seed=6684799, variant="joking")
    turns = [
        "Hi Lee. Yeah, I'm the follow-up. And heard - rehab's off the table, that's your "
        "call. I'm not here to push it.",
        "Ha, two sugars it is. Mostly I wanted to hear how you've been since the "
        "hospital. Whatever you want to tell me.",
        "How have things been since you got out?",
        "Sundays with Mia are the good bit, and the rest of the week just kind of passes.",
        "Supervised visits. What are those Sundays like for you?",
        "You want to be a normal dad for her. And you've tried hard, twice, and it "
        "didn't stick - that must have been gutting.",
        "Not stupid. You had real hope. Then it fell apart, and that's a hard thing to go through.",
        "Thank you for telling me that. It scared you. What was it like, afterwards?",
        "You did try, and that counts. Since the overdose, is there anything that would "
        "make it a bit safer for you, on your own terms?",
    ]
    for worker in turns[:-1]:
        s.say(worker)
    reply = s.say(turns[-1]).text
    assert reply.startswith("The thing in the hospital. Danny found me.")
    assert reply.count("Danny found me") == 1


def test_answer_before_move_an_open_question_naming_its_own_topic_is_answered_about_that():
    """Stop 42's blind round: an answer keyed on a topic named before the question ("Your
    husband works at night. In the morning he sleeps. And you? Where are you in the
    morning?" -> "Mornings... Omar is a big boy."; "...koulu on huolissaan... Millasta teidän
    arki on, miten aamut menee?" -> Eetu reads Donald Duck) answered it. An open question
    whose own sentence names a topic the client has an answer for is answered about that;
    one that points back or is short asks about what the turn said before it."""
    body = """
topics:
  rent:
    words: [rent]
  mia:
    words: [mia, daughter]
start: talking
fallback: ["Hm."]
states:
  talking:
    say: ["Alright."]
    on:
      - moves: [simple_reflection]
        go: planning
      - moves: [open_question]
        topics: [rent]
        reply: ["The rent's the big thing."]
      - moves: [open_question]
        topics: [mia]
        reply: ["Mia's my girl. I see her Sundays."]
  planning:
    say: ["So what now?"]
    on:
      - moves: [structuring]
        go: good_end
  good_end:
    ending: good
    say: ["Cheers."]
"""
    s = meet(body)
    turn = s.say(
        "The rent's behind, I know. How is your daughter doing at the moment?",
        moves=["simple_reflection", "open_question"],
    )
    assert turn.text == "Mia's my girl. I see her Sundays. So what now?"
    # a question that points back at what was said before it asks about that
    s = meet(body)
    turn = s.say(
        "The rent's behind, and your daughter worries. How do you feel about that?",
        moves=["simple_reflection", "open_question"],
    )
    assert turn.text == "The rent's the big thing. So what now?"
