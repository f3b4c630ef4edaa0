"""Misreadings found in the lead's tmux plays at stop 40 (issue 12; fixed by the helper rules41),
each fixed at its cause. What the student sees is the reading: the moves and the mode."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "No need to be sorry. A weird few weeks - what's been going on?",
            "Sorry I missed the last two appointments.",
        ),
        ("en", "Rough week — how are you holding up?", "It's been a lot."),
        ("fi", "Raskas viikko – mitä on tapahtunut?", "Anteeks et mä en tullu."),
    ],
)
def test_a_wh_question_after_a_dash_is_open(lang: str, text: str, client: str) -> None:
    # The asking word after a dash heads the question as it would after a full stop ("A weird
    # few weeks. What's been going on?"); the bare "?" read it closed.
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "open_question" in read.moves, read.moves
    assert "closed_question" not in read.moves, read.moves


def test_a_hyphenated_word_is_no_dash() -> None:
    read = get_recognizer("en").recognize("Is the check-in what worries you?", client_before="Hm.")
    assert "closed_question" in read.moves, read.moves


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Sä mietit, että jos sulla olis ollu enemmän aikaa maanantaina, sä olisit ehkä "
            "huomannu jotain.",
            "Mun olis pitäny nähdä se.",
        ),
        (
            "Sä ajattelet, että jos sä olisit ollu enemmän kotona, tää ei olis käyny.",
            "Mä oon huono äiti.",
        ),
    ],
)
def test_the_clients_if_only_said_back_whole_is_no_blame(text: str, client: str) -> None:
    # The learned second opinion read confront from "olisit", "aikaa", "enemmän": under "sä
    # mietit, että" the whole sentence is the client's own thought said back.
    read = get_recognizer("fi").recognize(text, client_before=client)
    assert "confront" not in read.moves, read.moves
    assert read.mode == "encountering", (read.moves, read.mode)


def test_the_workers_own_verdict_after_the_frame_still_blames() -> None:
    read = get_recognizer("fi").recognize(
        "Sä mietit, että olisit voinu tehdä enemmän, mut sun olis pitäny soittaa heti.",
        client_before="En tiennyt.",
    )
    assert "confront" in read.moves, read.moves


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "fi",
            "Ehditään hyvin ennen kolmea, mä pidän huolen ajasta.",
            "Mun pitää lähtee kolmelta.",
        ),
        ("fi", "Moi Mikko. Kiitti että tulit. Ehditään hyvin ennen kolmea.", "Moi."),
        ("en", "Okay, bus at twenty past - we'll keep an eye on the time.", "I've got a bus."),
    ],
)
def test_minding_the_clients_time_structures_the_meeting(lang: str, text: str, client: str) -> None:
    # The labelled sets read "Ehditään hyvin ennen kolmea." and "I'll keep an eye on the time"
    # as structuring; these turns were read as nothing (or a greeting only).
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "structuring" in read.moves, read.moves


@pytest.mark.parametrize(
    "text",
    [
        "I want to make sure you're still around",
        "Honestly? The hospital rang us after you went over ten days ago. I want to make sure "
        "you're still around. That's all.",
    ],
)
def test_the_workers_own_aim_is_no_advice(text: str) -> None:
    # client38lee's meeting: "make sure you" under "I want to" says what the worker is there
    # for (labelled give_information in meet sets), not what the client should do.
    read = get_recognizer("en").recognize(text, client_before="Why are you here?")
    assert "advice" not in read.moves, read.moves


def test_make_sure_said_to_the_client_still_advises() -> None:
    read = get_recognizer("en").recognize("Make sure you're eating.", client_before="I'm fine.")
    assert "advice" in read.moves, read.moves


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, Jordan. And the last day you actually worked a shift - roughly when was that?",
        "And the savings, roughly how much is in there right now?",
    ],
)
def test_a_later_asking_word_for_one_fact_is_closed(text: str) -> None:
    # After a lead-in, "roughly when" asks for one fact as "when" does; only "roughly" stood
    # before the asking word, and the later part was read open.
    read = get_recognizer("en").recognize(text, client_before="I'm not sure.")
    assert "closed_question" in read.moves, read.moves
    assert "open_question" not in read.moves, read.moves
