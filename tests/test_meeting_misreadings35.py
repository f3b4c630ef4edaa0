"""Readings that cost a student in whole meetings of the stop-34 blind round (hen29, hgc, hgd;
stop 35, issue 12), fixed at their cause: what the student sees is the reading and, in the
meeting, the client's answer to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.language import get_recognizer
from simulator.scenario.loader import load_scenario
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.session import Session

MEETINGS = Path(__file__).resolve().parent.parent / "benchmarks" / "credibility_data" / "meetings"


def replayed(meeting_id: str, turns: int):
    """The stored meeting played through a Session as its writer typed it, up to `turns`
    worker turns; the answer to the last one."""
    meeting = json.loads((MEETINGS / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(bundled_scenarios_dir() / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    answer = None
    for text in meeting["turns"][:turns]:
        answer = session.say(text)
    return answer


# "plenty" as a quantity the worker asserts ("plenty of chances") pushes; "you've heard it
# plenty" grants the client's own "heard it" and pushes nothing.
LEE_CLOSING = (
    "Fair enough, you've heard it plenty. I'll leave it there. So - spray for you and Danny "
    "today, and I ring the nurse about the methadone. Shall I see you here Thursday to tell you "
    "what she said?"
)


def test_a_closing_that_grants_the_clients_heard_it_plenty_pushes_nothing() -> None:
    read = get_recognizer("en").recognize(
        LEE_CLOSING, client_before="Yeah, heard it. Twice. From the hospital and my sister."
    )
    assert "persuade" not in read.moves, read.moves
    assert read.mode == "encountering"


@pytest.mark.parametrize(
    "text", ["You've had plenty of chances.", "Plenty of people your age find work."]
)
def test_plenty_of_as_the_workers_claim_still_pushes(text: str) -> None:
    read = get_recognizer("en").recognize(text, client_before="I know.")
    assert read.mode == "rejecting", read.moves


def test_lee_takes_the_closing_summary_as_heard() -> None:
    answer = replayed("en-substance-use-no-treatment-skilled-hen29-1", 15)
    assert answer.record.recognition.mode == "encountering"
    # Since 5e55013 his t14 tip about using alone is answered in own_plan (no lecture), so
    # the summary that follows closes the meeting well instead of getting a yes in checking.
    assert answer.record.state_after == "good_end", answer.text
    assert answer.text.startswith("Right. That's that, then."), answer.text


# "miten sä haluut että sen kanssa jatketaan" hands the going on to the client; a bare
# "jatketaan" after a disclosure still moves on.
MIKKO_JERE = (
    "Hyvä, sano ihan suoraan. Entä Jere, miten sä haluut että sen kanssa jatketaan, kun hän "
    "pääsee teholta?"
)


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (MIKKO_JERE, "Okei. Mä sanon, jos ei käy."),
        ("Ei tarvii päättää mitään nyt. Jatketaan sun tahdissa.", "Mä en tiedä vielä."),
        ("Tulen huomenna uudestaan, ja jatketaan siitä, mihin jäätiin.", "Mä oon ihan poikki."),
    ],
)
def test_going_on_put_in_the_clients_hands_is_no_change_of_subject(text, client) -> None:
    read = get_recognizer("fi").recognize(text, client_before=client)
    assert "dismiss" not in read.moves, read.moves
    assert read.mode != "rejecting"


def test_a_bare_jatketaan_after_a_disclosure_still_brushes_it_aside() -> None:
    read = get_recognizer("fi").recognize(
        "No niin, jatketaan.", client_before="Mä oon niin väsyny, en jaksa enää mitään."
    )
    assert read.moves == ("dismiss",)


def test_mikko_answers_the_question_about_jere() -> None:
    answer = replayed("fi-tyonohjaus-raskas-viikko-skilled-hgc-1", 9)
    assert answer.record.recognition.mode == "encountering"
    assert answer.text != "Niin. Helppo sanoa.", answer.text
    # since stop 41 "miten sä haluut että sen kanssa jatketaan?" is asked about his decision
    # (jere_stays): he says it, then the state's line
    assert answer.text.startswith("Jere pysyy mulla."), answer.text
    assert "Mä en oo nukkunu kunnolla viikkoihin." in answer.text, answer.text


# "jos et halua" at the end of a sentence leaves the choice to the client; a condition with a
# consequence still threatens.
def test_you_need_not_tell_it_if_you_dont_want_to_is_autonomy_only() -> None:
    read = get_recognizer("fi").recognize(
        "Sun ei tarvii kertoa sun omaa tarinaa ollenkaan, jos et halua. Se on sun päätös.",
        client_before="Mä en halua olla mikään näyteikkuna.",
    )
    assert read.moves == ("emphasize_autonomy",), read.moves
    assert read.mode == "encountering"


def test_if_you_dont_want_to_lose_the_children_still_threatens() -> None:
    read = get_recognizer("fi").recognize("Jos et halua menettää lapsia, sun pitää mennä hoitoon.")
    assert "persuade" in read.moves


# "Mut rehellisesti, ..." turns against what came before with the worker's own view.
def test_but_frankly_about_the_client_pushes() -> None:
    read = get_recognizer("fi").recognize(
        "Mut rehellisesti, sä et jaksa tätä yksin, ja silloin Aarnekin kärsii.",
        client_before="Mä hoidan sen kyllä itse.",
    )
    assert read.moves == ("persuade",), read.moves


@pytest.mark.parametrize(
    "text",
    [
        "Mut rehellisesti, mä oon huolissani susta.",
        "Rehellisesti: hankkeen aihe on päätetty, mutta mitään ratkaisuja ei oo vielä tehty.",
        "Kiitos että kerroit rehellisesti.",
    ],
)
def test_frankness_about_oneself_the_service_or_the_client_is_no_push(text: str) -> None:
    assert "persuade" not in get_recognizer("fi").recognize(text).moves


# "for X's sake" presses as a reason for what the client should do; naming the client's own
# motive for what they did is no push.
@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "So it took a lot to come back through that door today. I'm guessing you came for "
            "Derek's sake.",
            "After last time I said I'd never set foot in here again. Yet here I am.",
        ),
        ("Keeping quiet about him must take some restraint. That's for Mia's sake.", ""),
    ],
)
def test_the_clients_own_motive_for_what_they_did_is_no_push(text: str, client: str) -> None:
    read = get_recognizer("en").recognize(text, client_before=client)
    assert "persuade" not in read.moves, read.moves
    assert read.mode != "rejecting"


@pytest.mark.parametrize(
    "text",
    [
        "Well, you need to make your mind up, for Leo's sake.",
        "Can't you just go for your mum's sake?",
    ],
)
def test_for_someones_sake_as_a_reason_to_act_still_pushes(text: str) -> None:
    assert "persuade" in get_recognizer("en").recognize(text).moves


# A preposition heading the sentence makes "what" the head of what it starts from, not a
# question; and one option named the safest or the only one is the worker's verdict, no menu.
LEE_OPENING = (
    "Ok Lee, the hospital asked us to follow up on the referral. After what happened ten days "
    "ago, rehab really is the safest option, you know that?"
)


def test_rehab_named_the_safest_option_after_what_happened_pushes() -> None:
    read = get_recognizer("en").recognize(
        LEE_OPENING,
        client_before="I've got ten minutes, yeah? I'm not well. And I'm not going to rehab, so "
        "if that's what this is, don't bother.",
    )
    assert "open_question" not in read.moves and "offer_options" not in read.moves, read.moves
    assert read.mode == "rejecting"


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("After what you did to that guy, can you blame them?", "closed_question"),
        ("From what you said, how are things at home?", "open_question"),
    ],
)
def test_a_later_part_after_the_lead_in_still_asks(text: str, move: str) -> None:
    assert move in get_recognizer("en").recognize(text).moves


def test_a_list_of_options_is_still_offered() -> None:
    read = get_recognizer("en").recognize("There are a few options. One is the day centre.")
    assert read.moves == ("offer_options",)


def test_lee_hears_the_push_in_the_opening() -> None:
    answer = replayed("en-substance-use-no-treatment-hurried-hen30-1", 1)
    assert answer.record.recognition.mode == "rejecting"
    assert answer.text.startswith("Yeah, heard it."), answer.text
