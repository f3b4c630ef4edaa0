"""Replies of the English scenarios that, on replay of the credibility meetings, did not fit
what the worker had just said (issue 14), played again through Session with the real
recognizer as the writer typed them: what the student now sees."""

import json

from stored_meetings import MEETINGS, ROOT, play

from simulator.scenario.loader import load_scenario
from simulator.session import Session

HEN8 = "en-school-concern-plain-language-hurried-hen8-1"


def replies(meeting_id: str, turns: int) -> list[str]:
    return play(meeting_id, turns)[1]


def test_advice_denise_asked_for_is_taken_as_the_plan_not_as_unasked_advice():
    # She asked "What do I do with the letters?"; the worker answers with two suggestions.
    said = replies("en-humiliated-before-skilled-hen13-1", 17)
    assert said[-2].endswith("What do I do with the letters?")
    assert "advice" not in said[-1]
    assert said[-1].startswith("So someone in the mornings")


def test_go_on_is_not_handed_back_as_go_on():
    # "Go on then." and "Go on. Whatever it is, I'd like to hear it." are read as no move.
    for meeting, turn in (
        ("en-humiliated-before-hurried-hen14-1", 7),
        ("en-humiliated-before-skilled-hen7-1", 13),
    ):
        assert not replies(meeting, turn)[-1].lower().startswith("go on")


def test_lee_does_not_insist_on_a_fear_he_has_already_owned():
    # He said "the overdose scared me more than I let on" two turns before; the night itself
    # still comes, without "It scared me. Alright? It did." as if doubted.
    said = replies("en-substance-use-no-treatment-skilled-hen7-1", 9)
    assert "scared me" in said[5]
    assert said[-1].startswith("The thing in the hospital.")
    assert "Alright? It did." not in said[-1]


def test_when_the_last_shift_was_is_answered_with_a_time():
    # "When was your last shift, roughly?" Since stop 36 turn 4 ("Fair enough, you don't have to
    # go into it. ...") is heard as leaving it to Jordan (rules38), and he tells when the shifts
    # stopped a turn earlier, so by this question the time has been told.
    said = replies("en-income-support-young-adult-skilled-hen13-1", 6)
    assert any("Five weeks ago" in line for line in said[-2:]), said[-2:]
    assert not said[-1].startswith("Not at the moment")


def test_a_question_about_statements_and_papers_is_answered_about_them():
    # "Have you got anything in writing from the agency ...? ... bank statements." and
    # "Have you got those with you, or on your phone?": not the job, savings or a stock hedge.
    said = replies("en-income-support-young-adult-hurried-hen14-1", 3)
    assert said[-1].startswith("It's all on my phone.")
    said = replies("en-income-support-young-adult-skilled-hen13-1", 12)
    assert said[-1] != "Hard to say." and "on my phone" in said[-1]


def test_a_question_asked_with_a_reflection_is_answered_not_agreed_with():
    # "Your way, then. What would your way look like?"
    # Lee says what he wants (a line written for the question), whichever of them is drawn.
    said = replies("en-substance-use-no-treatment-skilled-hen13-1", 16)
    assert said[-1] != "Yeah. That's about it."
    assert said[-1] in {
        "I want to see Mia grow up. That's about all I know for sure.",
        "I don't want Danny finding me again.",
        "I just want to be around. That's the whole plan.",
    }


def test_the_plan_spelled_out_after_denise_agreed_it_is_not_unasked_advice():
    # In the closing, "A carer could come in the mornings ... How does that sound?"
    said = replies("en-humiliated-before-skilled-hen-1", 25)
    assert said[-2].startswith("So someone in the mornings")
    assert "advice" not in said[-1]


def test_a_short_plain_line_is_not_called_too_many_words():
    # "Omar. On time. Every day. From Monday. Okay?" as Farida gives up following. The threat
    # the writer typed before it ("if it carries on we'll have to escalate it ... on time from
    # Monday?") is heard as persuade since the English push head learns in context (ctx33en)
    # and Farida leaves on it, so the short line is said straight after "I am a bad mother?".
    meeting_id = "en-school-concern-plain-language-hurried-hen-1"
    session, _ = play(meeting_id, 6)
    threat, short = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))[
        "turns"
    ][6:8]
    reply = session.say(short).text
    assert "Too many words" not in reply
    assert reply == "Okay... Sorry. One more time, slowly?"
    session, _ = play(meeting_id, 6)
    session.say(threat)
    assert session.outcome == "poor"


def test_is_omar_alone_is_answered_about_omar():
    # "Ok but in the morning. You are at work. Is Omar alone?" Since the English push head
    # learns in context (ctx33en), "But the lateness has to stop, it's going on his attendance
    # record." earlier is heard as persuade, so Farida answers on guard, still about him.
    # Turn 8's hurry ends the meeting since stop 36 (next test), so it is played without it.
    meeting = json.loads((MEETINGS / f"{HEN8}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    turns = meeting["turns"][:7] + meeting["turns"][8:12]
    said = [session.say(worker).text for worker in turns]
    # not "Omar is a big boy. He can." again after "Mornings... Omar is a big boy. He can."
    # (a line said almost word for word counts as said, issue 14)
    assert said[-1] == "Yes. In the morning, yes. I go at five, my husband sleeps. I know."
    assert "Thank you" not in said[-1]


def test_no_time_to_hear_her_and_farida_leaves():
    # Turn 8, "No, I do want to hear, but we don't have much time today. Interpreter, yes or
    # no?", after Farida's "You don't want to hear. Okay.": the worker's own hurry is a
    # brush-off (stop 36), and she goes.
    session, _ = play(HEN8, 7)
    meeting = json.loads((MEETINGS / f"{HEN8}.json").read_text(encoding="utf-8"))
    answer = session.say(meeting["turns"][7])
    assert "dismiss" in answer.record.recognition.moves
    assert session.outcome == "poor"
    assert "I go now" in answer.text


def test_mia_is_not_introduced_again_once_lee_has_named_her():
    said = replies("en-substance-use-no-treatment-skilled-hen13-1", 4)
    # Lee names her himself first (since b97387c his t2 answers 'You said you're not well?'
    # with 'Rattling a bit...', so 'Who's Mia?' gets 'Mia. My daughter...' at t3)
    assert "Mia" in said[-2] and "daughter" in said[-2].lower()
    assert "my daughter, Mia" not in said[-1]
    assert said[-1].startswith("It's just... days.")


def test_lee_s_neutral_goodbye_says_no_yes_to_the_question_it_ends_on():
    # "I need an answer for the form. How much a day, and are you injecting?" ends the meeting
    session, said = play("en-substance-use-no-treatment-hurried-hen16-1", 4)
    text = said[-1]
    assert session.outcome == "neutral"
    assert not text.startswith("Yeah")
    assert "enough for today" in text
