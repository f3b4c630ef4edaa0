"""Readings that cost a student in whole meetings (stop 34, issue 12), fixed at their cause:
what the student sees is the reading and, in a meeting, the client's answer to it."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from simulator.scenario.loader import load_scenario
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.session import Session


def meeting(name: str) -> Session:
    return Session(load_scenario(bundled_scenarios_dir() / f"{name}.yaml"), seed=1)


# "what did you do" blames only when it asks what the client did to cause something.
@pytest.mark.parametrize(
    "text",
    ["What did you do last weekend?", "What did you do?", "What did you do when you noticed?"],
)
def test_asking_what_the_client_did_is_an_open_question(text: str) -> None:
    read = get_recognizer("en").recognize(text, client_before="I was at home mostly.")
    assert read.moves == ("open_question",), read.moves


@pytest.mark.parametrize(
    "text", ["What did you do to get kicked out?", "So what did you do to get yourself fired?"]
)
def test_asking_what_the_client_did_to_cause_it_still_blames(text: str) -> None:
    assert "confront" in get_recognizer("en").recognize(text).moves


def test_lee_answers_a_question_about_his_weekend_not_a_reproach() -> None:
    session = meeting("en-substance-use-no-treatment")
    session.say("Hi Lee, I'm Sam.")
    session.say("That's your call.")
    answer = session.say("What did you do last weekend?")
    assert answer.record.recognition.mode == "encountering"
    assert answer.text != "Yeah, cheers. Like I don't know that."


# A yes/no question about the client's view asks it; "sun mielestä" in it seeks no plan.
@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", "Onko noi ehdot sun mielestä reilut?"), ("en", "Do you think those terms are fair?")],
)
def test_a_yes_no_question_about_the_clients_view_is_a_closed_question(lang, text) -> None:
    assert get_recognizer(lang).recognize(text, client_before="Okei.").moves == ("closed_question",)


def test_riikka_answers_whether_the_terms_are_fair() -> None:
    session = meeting("fi-kokemusasiantuntija-kehittamisryhma")
    session.say("Hei Riikka, mä oon Anna.")
    session.say("Palkkio on 50 euroa tunnilta ja matkat korvataan.")
    answer = session.say("Onko noi ehdot sun mielestä reilut?")
    assert answer.text.startswith("Kuulostaa reilulta."), answer.text


def test_hei_sitten_takes_leave_of_jenni() -> None:
    session = meeting("fi-lastensuojelu-ensitapaaminen")
    session.say("Hei Jenni, mä oon Sanna.")
    answer = session.say("Hei sitten.")
    assert answer.ended
    assert answer.record.leaving == "hei sitten"


# "muuten" asked by the way and a past "if only" given back press nothing.
@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Miten sä muuten oot jaksanu, ihan ittes puolesta?",
            "Jos mä sais nukuttua kunnolla. Sit mä jaksaisin kaiken muunkin.",
        ),
        (
            "Sä näit sen maanantaina, se vaikutti ok:lta, ja nyt sä mietit, että jos et olis ollu "
            "kiireessä, olisit huomannu jotain. Tuo syyllisyys kuulostaa tosi raskaalta kantaa.",
            "Mun olis pitäny nähdä se. Mä näin sen maanantaina, ja se vaikutti ihan ok:lta. Mä "
            "olin kiireessä.",
        ),
    ],
)
def test_kind_finnish_turns_with_a_pressing_word_used_otherwise_listen(text, client) -> None:
    read = get_recognizer("fi").recognize(text, client_before=client)
    assert read.mode == "encountering", read.moves
    assert not {"persuade", "dismiss"} & set(read.moves)


@pytest.mark.parametrize(
    "text",
    [
        "Hae apua, muuten lapset otetaan huostaan.",
        "Jos et lopeta, menetät asunnon.",
        "Kaheksalta, eikä myöhästelyjä. Muuten et pääse huomenna takasin.",
    ],
)
def test_a_finnish_threat_still_pushes(text: str) -> None:
    assert "persuade" in get_recognizer("fi").recognize(text, client_before="En mä tiedä.").moves


def test_jenni_hears_how_she_is_coping_asked() -> None:
    session = meeting("fi-lastensuojelu-ensitapaaminen")
    session.say("Hei Jenni, mä oon Sanna.")
    answer = session.say("Miten sä muuten oot jaksanu, ihan ittes puolesta?")
    assert answer.record.recognition.mode == "encountering"
    assert "persuade" not in answer.record.recognition.moves


# A suggestion put to the client to take or leave works it out with them; an order does not.
@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "fi",
            "Toi on loistava idea. Sä voisit vetää sen osuuden. Käykö niin?",
            "Okei. Mä voisin tehdä semmosen nuorten palaverikäytännön. Miten nuori otetaan "
            "oikeesti mukaan: kuka puhuu ensin, saako tuoda kaverin, kysytäänkö ensin nuorelta.",
        ),
        (
            "en",
            "That's a great idea. You could lead that part. Would that work for you?",
            "I could write up how young people get a say in their own meetings.",
        ),
    ],
)
def test_the_clients_own_idea_handed_to_her_to_lead_is_no_advice(lang, text, client) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "advice" not in read.moves
    assert "seek_collaboration" in read.moves
    assert read.mode == "encountering"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Sun pitää soittaa lääkärille. Käykö?"),
        ("en", "You need to call them. Would that work?"),
    ],
)
def test_an_order_with_a_yes_asked_is_still_advice(lang: str, text: str) -> None:
    assert "advice" in get_recognizer(lang).recognize(text, client_before="En tiedä.").moves
