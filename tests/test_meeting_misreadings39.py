"""Misreadings named in issue 12 and still there at stop 37: a push the learned second opinion
read from little words alone ("Let's do both then. Have you got your bank details on you?" as a
brush-off, "What were you expecting?" as blame: its evidence named "got your", "were you"), a
colleague's worry passed on read as a reflection ("Kollega on huolissaan susta."), Finnish
pushes heard as listening (a prohibition or a verdict given after the client's own words, "Mut
sun pitää ottaa se vastaan" beside a permission) and "No, niin se vaan menee." read as nothing.
What the student sees is the reading (its mode in the debrief, the words shown as evidence)
and, in the meeting, the client's answer."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from tests.test_meeting_misreadings35 import replayed

PUSHES = ("persuade", "confront", "dismiss")


def test_asking_for_the_bank_details_after_a_yes_is_no_brush_off() -> None:
    read = get_recognizer("en").recognize(
        "Let's do both then. Have you got your bank details on you?", client_before="Yes please."
    )
    assert read.moves == ("closed_question",)
    assert read.mode == "noticing"


def test_what_were_you_expecting_blames_no_one() -> None:
    # hen23, turn 3: read as confront from "what were", "were you"; the debrief said blaming.
    read = replayed("en-substance-use-no-treatment-skilled-hen23-1", 3).record.recognition
    assert "confront" not in read.moves
    assert read.mode == "encountering"


def test_leaving_the_loan_to_jordan_keeps_jordan_talking() -> None:
    # hen27, turn 14: "you'll", "now", "get" made it a dismissal and Jordan answered "Yeah. Sure.
    # Whatever you say."
    answer = replayed("en-income-support-young-adult-skilled-hen27-1", 14)
    assert "dismiss" not in answer.record.recognition.moves
    assert answer.record.recognition.mode == "encountering"
    assert "Whatever you say" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        # the push head reads these from little words only, and showed no word at all
        ("fi", "Et sä ole ensimmäinen, kyllä tää tästä.", "Joo. Eka et lapset saa iltapalaa."),
        (
            "fi",
            "No ehkä jos sä viitsisit panostaa, niin se auttais.",
            "Mä en ees tiiä miks mun pitää käydä täällä. Ei tää auta mitään.",
        ),
    ],
)
def test_every_push_shows_the_words_it_was_read_from(lang: str, text: str, client: str) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    pushes = [e for e in read.evidence if e.move in PUSHES]
    assert pushes, read.moves
    for evidence in pushes:
        assert evidence.words, (evidence.move, read.moves)


def test_a_colleagues_worry_passed_on_is_no_reflection() -> None:
    # hgd, turn 2: read as a complex reflection ("huolissaan"), so the push to move Jere to
    # another worker was heard as listening.
    read = replayed("fi-tyonohjaus-raskas-viikko-hurried-hgd-1", 2).record.recognition
    assert not {"simple_reflection", "complex_reflection"} & set(read.moves), read.moves
    assert read.mode != "encountering"
    alone = get_recognizer("fi").recognize(
        "Kollega on huolissaan susta.", client_before="Okei. Mä meen takasin töihin."
    )
    assert alone.mode is None, alone.moves


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("fi", "Äiti on huolissaan susta.", "Äiti on huolissaan musta, se soittaa joka päivä."),
        ("fi", "Sä oot huolissas sun pojasta.", "Mä en saa nukuttua, kun mietin poikaa."),
        ("en", "You're worried about your son.", "My son hasn't called."),
    ],
)
def test_the_clients_own_worry_is_still_reflected(lang: str, text: str, client: str) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert read.mode == "encountering", read.moves


KIRJAA = "Mulla on kuuskyt asiakasta. Mä en ehdi kirjata. Mä kirjaan illalla kotona."


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Kotona ei saa kirjata, se on tietoturvariski. Lopeta se heti. Mä voin siirtää Jeren "
            "toiselle työntekijälle, niin sulla kevenee.",
            KIRJAA,
        ),
        (
            "Kotona ei saa kirjata, se on tietoturvajuttu. Sun pitää hoitaa ne työajalla.",
            KIRJAA,
        ),
        (
            "Perunaa ja makkaraa ei oo kovin monipuolista. Ateriapalvelu tois valmiin ruoan "
            "kotiin, se ois parempi.",
            "Itse minä teen. Perunaa ja makkaraa, ei siinä mitään. Kauppa-auto käy tiistaisin.",
        ),
    ],
)
def test_a_verdict_on_what_the_client_said_is_no_reflection(text: str, client: str) -> None:
    read = get_recognizer("fi").recognize(text, client_before=client)
    assert not {"simple_reflection", "complex_reflection"} & set(read.moves), read.moves
    assert read.mode == "noticing"


def test_kotona_ei_saa_kirjata_is_heard_as_the_order_it_is() -> None:
    # hgj, turn 3: heard as a reflection of "mä kirjaan illalla kotona"; now Sanna refuses.
    answer = replayed("fi-tyonohjaus-raskas-viikko-hurried-hgj-1", 3)
    assert answer.record.recognition.mode == "noticing"
    assert answer.text.startswith("Ei."), answer.text


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Puoli kahdeltatoista kotiin, ja sitten ei saa unta.",
            "Mä tuun kotiin puoli kahdeltatoista.",
        ),
        ("Vuokranantaja ei oota.", "Vuokranantaja soitti taas, se haluu rahat tällä viikolla."),
        ("Kotona ei saa rauhaa.", "Kotona en saa rauhaa, lapset riitelee koko ajan."),
    ],
)
def test_the_clients_situation_given_back_is_still_a_reflection(text: str, client: str) -> None:
    read = get_recognizer("fi").recognize(text, client_before=client)
    assert read.mode == "encountering", read.moves


def test_but_you_must_take_it_presses_past_the_permission() -> None:
    # hgj, turn 15: advice beside "Sopiiko että perhetyöntekijä soittaa?" read as listening.
    read = get_recognizer("fi").recognize(
        "Mä sanon että ei tarvii olla yksin, tukea on. Mut sun pitää ottaa se vastaan. Sopiiko "
        "että perhetyöntekijä soittaa?",
        client_before="Perhetyö... Mä en tiedä. Mua pelottaa, että joku tulee kattomaan.",
    )
    assert "persuade" in read.moves
    assert read.mode == "rejecting"


def test_thats_just_how_it_goes_brushes_the_client_aside() -> None:
    read = get_recognizer("fi").recognize(
        "No, niin se vaan menee. Lähetänkö sulle sopimuspaperit sähköpostiin, niin voit "
        "allekirjoittaa ne ennen ekaa kertaa?",
        client_before="Hmm. Tätä mä oon kuullu ennenkin.",
    )
    assert "dismiss" in read.moves
    assert read.mode == "rejecting"
    said_back = get_recognizer("fi").recognize(
        "Sä haluut itse päättää, mikä lähtee ja mikä jää. Ja niin se menee.",
        client_before="Mä haluun ite päättää mitä mä heitän pois.",
    )
    assert "dismiss" not in said_back.moves
