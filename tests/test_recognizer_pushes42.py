"""Pushes the recognizer heard as listening on the development sets (issue 12; fixed by the
helper rules42), each fixed at its cause. What the student sees is the reading: the moves and
the mode."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer


def read(lang: str, text: str, client: str):
    return get_recognizer(lang).recognize(text, client_before=client)


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "Gavin's right, it's a lot of money.", "Gavin says we can't afford it."),
        ("en", "Your brother's only trying to protect you.", "My brother keeps checking my phone."),
        ("en", "Your nan only wants what's best for you.", "Nan won't let me see my mates."),
        ("en", "He's got a point about the stairs.", "My son thinks I should move."),
        ("fi", "Kyllä Pekka tarkottaa ihan hyvää.", "Pekka käskee mun lopettaa tupakan."),
        ("fi", "Naapurilla voi olla pointti.", "Naapuri sanoo et koira haukkuu öisin."),
        ("fi", "Sun äiti on varmaan vaan huolissaan susta.", "Äiti soittaa mulle joka ilta."),
    ],
)
def test_siding_with_someone_else_pushes(lang: str, text: str, client: str) -> None:
    # The worker's own verdict for the other person's view presses it on the client; it gives
    # none of the client's words back, though it names the person they spoke of.
    got = read(lang, text, client)
    assert "persuade" in got.moves
    assert got.mode == "rejecting"


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "Part of you wonders whether Gavin's right.", "Gavin says I drink too much."),
        ("en", "You know she means well, and it still stings.", "Mum fusses over everything."),
        ("en", "The kettle's right there, help yourself.", "Could I have a tea?"),
        ("fi", "Sä mietit, onks Pekka oikeessakin.", "Pekka sanoo et mä en pärjää yksin."),
    ],
)
def test_the_client_holding_the_thought_is_no_push(lang: str, text: str, client: str) -> None:
    # The same words held by the client ("part of you wonders", "sä mietit") say their thought
    # back; a place ("right there") sides with no one.
    got = read(lang, text, client)
    assert "persuade" not in got.moves
    assert got.mode not in ("rejecting", "blaming")


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "Your allotment won't be much use to you if you're back on the ward.",
            "I need to get back to my allotment.",
        ),
        ("en", "You won't be going anywhere if that leg gets infected.", "I want a holiday."),
        ("fi", "Pelkkä kahvi ei riitä, jos lenkkeilet joka aamu.", "Mä juon aamulla vaan kahvin."),
    ],
)
def test_a_warning_of_what_follows_pushes(lang: str, text: str, client: str) -> None:
    # "X won't matter if..." warns of what follows unless the client does as told; it takes
    # up the client's words only to set them aside.
    got = read(lang, text, client)
    assert "persuade" in got.moves
    assert got.mode == "rejecting"


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "I won't tell anyone if you'd rather I didn't.", "Please don't tell my mum."),
        ("en", "You're scared it won't get better if you stop.", "What if it gets worse?"),
        ("fi", "Ei se auta, jos mä sanon sulle mitä tehdä.", "Sano vaan mitä mun pitää tehdä."),
    ],
)
def test_the_workers_own_promise_or_the_clients_fear_is_no_warning(
    lang: str, text: str, client: str
) -> None:
    got = read(lang, text, client)
    assert "persuade" not in got.moves
    assert got.mode not in ("rejecting", "blaming")
