"""Misreadings named in issue 12 at stop 38, in the stop-37 blind round (hen38, hgl, hgm): kind
turns read as blaming ("When you say you're just tired...", "...unless you say otherwise.", "You
don't have to trust me yet."), so the client answered with a hurt line; Finnish pushes heard as
listening: a verdict with "kyllä" after the client's words, a verdict of who is responsible, a
third party's words or call passed on as a reflection, and the worker deciding for the client
("laitan sut listalle"). What the student sees is the reading (its mode in the debrief, the
words shown as evidence) and, in the meeting, the client's answer."""

from __future__ import annotations

import pytest

from simulator.i18n import t
from simulator.language import get_recognizer
from tests.test_meeting_misreadings35 import replayed

PUSHES = ("persuade", "confront", "dismiss")
REFLECTIONS = ("simple_reflection", "complex_reflection", "summary")


def test_keeping_it_between_us_unless_jordan_says_otherwise_blames_nothing() -> None:
    # hen38, turn 18: "say otherwise" read as blame, and Jordan answered "Wow. Okay. I know I
    # messed up, I don't need you telling me."
    answer = replayed("en-income-support-young-adult-skilled-hen38-1", 18)
    read = answer.record.recognition
    assert not set(PUSHES) & set(read.moves), read.moves
    assert read.mode == "noticing"
    assert "messed up" not in answer.text, answer.text


def test_what_the_client_said_given_back_under_when_you_say_is_theirs() -> None:
    # hen38, turn 8: "you're just" in "When you say you're just tired" read as blame.
    read = replayed("en-humiliated-before-skilled-hen38-1", 8).record.recognition
    assert "confront" not in read.moves, read.moves
    assert read.mode == "encountering"


@pytest.mark.parametrize(
    ("text", "client", "pushed"),
    [
        ("Okay. You don't have to trust me yet.", "Maybe. We'll see.", False),
        ("Yes. I promise. You can trust me.", "You promise? ...Okay. I want to believe.", False),
        ("Trust me, the car's the thing that has to go.", "I need the car for work.", True),
        ("Oh, the clinic is nothing like that any more, trust me.", "Clinics scare me.", True),
        ("It stays between us unless you say otherwise.", "Yeah?", False),
        ("You think you've cut down, but these results say otherwise.", "I'm fine.", True),
    ],
)
def test_trust_me_and_say_otherwise_push_only_as_the_workers_own(
    text: str, client: str, pushed: bool
) -> None:
    read = get_recognizer("en").recognize(text, client_before=client)
    assert bool(set(PUSHES) & set(read.moves)) is pushed, read.moves


def test_a_verdict_with_kylla_after_the_clients_words_is_not_heard_as_listening() -> None:
    # hgm, turn 8: "Perunaa ja makkaraa ei kyllä oo kovin monipuolista." read as a simple
    # reflection of "perunaa", "makkaraa"; the "kyllä" stood between the denial and its verb.
    read = replayed("fi-kotikaynti-yksin-asuva-hurried-hgm-1", 8).record.recognition
    assert not set(REFLECTIONS) & set(read.moves), read.moves
    assert read.mode != "encountering"


@pytest.mark.parametrize(
    ("text", "blames"),
    [
        ("Kahdeksanvuotiaan pitää saada aamupala ja lähteä ajoissa, se on vanhemman vastuu.", True),
        ("No kasivuotiaan nukkumaanmeno on kyllä vanhemman vastuulla.", True),
        ("Sarin asiakkaat mä voin jakaa uudestaan, se on mun vastuulla eikä sun.", False),
    ],
)
def test_a_verdict_of_who_is_responsible_blames(text: str, blames: bool) -> None:
    read = get_recognizer("fi").recognize(text, client_before="Ei meillä mitään hätää oo.")
    assert ("confront" in read.moves) is blames, read.moves


def test_the_daughters_call_passed_on_is_news_not_a_reflection() -> None:
    # hgm, turn 1: "Teidän tytär soitti meille siitä kaatumisesta." read as a complex
    # reflection, so a form read out at the door was heard as listening.
    read = replayed("fi-kotikaynti-yksin-asuva-hurried-hgm-1", 1).record.recognition
    assert "give_information" in read.moves
    assert not set(REFLECTIONS) & set(read.moves), read.moves
    assert read.mode == "noticing"


@pytest.mark.parametrize(
    ("lang", "text", "client", "passed_on"),
    [
        (
            "fi",
            "Eetu on sanonu opettajalle et äiti nukkuu aina.",
            "Nukun mä. Huonosti vaan.",
            True,
        ),
        ("en", "Your daughter phoned us about the fall.", "I am fine here. I manage.", True),
        # the client told of it: their words given back
        (
            "fi",
            "Jeren äiti soitti sulle.",
            "Sen äiti soitti mulle. Mä en tiennyt, mitä sanoa.",
            False,
        ),
        ("en", "Mia told you something scary.", "Mia said it smells like a balloon.", False),
    ],
)
def test_a_third_partys_words_are_passed_on_unless_the_client_told_them(
    lang: str, text: str, client: str, passed_on: bool
) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    reflected = bool(set(REFLECTIONS) & set(read.moves))
    assert reflected is not passed_on, read.moves


@pytest.mark.parametrize(
    ("lang", "text", "client", "decided"),
    [
        (
            "fi",
            "Selvä. Eli sä tuut ekaan kokoontumiseen ja kerrot sen tarinan, laitan sut listalle.",
            "Riittää toistaseks. Mä kysyn, jos tulee jotain.",
            True,
        ),
        ("fi", "Okei, laitan et kyllä. Missä iässä sä olit sijoitettuna?", "Hmm. Katotaan.", True),
        ("fi", "Hyvä. Mä varaan sulle ajan ensi viikolle.", "Joo, varaa vaan.", False),
        ("fi", "Laitanko sut listalle?", "Riittää toistaseks.", False),
        ("fi", "Tilaan rannekkeen.", "Jos sen rannekkeen sais.", False),
        (
            "en",
            "Fair. I'll just put you down for twelve Thursday.",
            "Heard it all before, mate.",
            True,
        ),
        ("en", "Great, I'll book you in for Thursday then.", "Yeah, go on then.", False),
    ],
)
def test_the_worker_deciding_for_the_client_pushes(
    lang: str, text: str, client: str, decided: bool
) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    why = t("language.why_decided", lang)
    shown = [e for e in read.evidence if e.move == "persuade" and e.reason == why]
    assert bool(shown) is decided, read.evidence
    if decided:
        assert read.mode == "rejecting"
        assert any(w.lower().startswith(("laitan", "i'll")) for e in shown for w in e.words)


def test_not_that_you_are_weak_takes_the_judgement_back() -> None:
    # hgl, turn 9 (skilled): "ei että sä oisit heikko" read as blaming from "heikko".
    read = replayed("fi-tyonohjaus-raskas-viikko-skilled-hgl-1", 9).record.recognition
    assert "confront" not in read.moves, read.moves
    assert read.mode == "encountering"


def test_agreeing_someone_should_have_said_sorry_is_no_blame_and_denise_hears_the_apology() -> None:
    # hen50, turn 7 (stop-40 blind round): "No, and someone should have. So I'll say it
    # properly: I'm sorry for how you were treated here." read as confront ("should have"), and
    # Denise said "There it is. Knew it." (a misfit to all three judges).
    answer = replayed("en-humiliated-before-skilled-hen50-1", 7)
    read = answer.record.recognition
    assert "confront" not in read.moves, read.moves
    assert read.mode == "encountering"
    assert "Nobody's ever said that" in answer.text, answer.text
    # a reproach of someone in the room stays one
    blame = get_recognizer("en").recognize("Someone should have been watching the kids.")
    assert "confront" in blame.moves
