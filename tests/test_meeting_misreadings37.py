"""The worker's own hurry read as noticing (stop 36, issue 12): in the stored meetings the
hurried workers' "Mulla on aika tiukka aikataulu, niin mennään suoraan asiaan", "Ei kiitos, ei
oo aikaa", "I just need the amount for the form", "I've got someone else waiting" and "let's
crack on" were read as structuring or information only, so the client answered a brush-off as
if it had been heard. Labelled meeting turns (recognizer_meet1) call such turns dismiss; the
rules listed only a few wordings of the worker's hurry. What the student sees is the reading
(its mode in the debrief) and, in the meeting, the client's answer."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from tests.test_meeting_misreadings35 import replayed


def test_fenced_off_with_the_form_the_client_stops_cooperating() -> None:
    # hen18, turn 6: "I'm not, I just need the answers for the form or the home support can't
    # start. ..." read as information and options (encountering); the client said "Right.
    # What else?".
    answer = replayed("en-humiliated-before-hurried-hen18-1", 6)
    assert "dismiss" in answer.record.recognition.moves
    assert answer.record.recognition.mode == "rejecting"
    assert answer.text != "Right. What else?", answer.text


def test_no_time_for_the_coffee_and_the_old_man_closes_up() -> None:
    # hft, turn 2: "Ei kiitos, ei oo aikaa. Eli peseytyminen onnistuu. ..." read as
    # information and a reflection (encountering); Eino went on about his cooking and his fall.
    answer = replayed("fi-kotikaynti-yksin-asuva-hurried-hft-1", 2)
    assert "dismiss" in answer.record.recognition.moves
    assert answer.record.recognition.mode == "rejecting"
    assert not answer.text.startswith("Itse minä teen"), answer.text


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "fi",
            "Moi Riikka. Mulla on aika tiukka aikataulu, niin mennään suoraan asiaan: ryhmä "
            "kokoontuu kerran kuussa tiistaisin, sopiiko se sulle?",
            "Moi! Mä oon Riikka. Mä oon vähän jännittyny, tää on mun eka tällanen ryhmä.",
        ),
        (
            "fi",
            "Mikä siinä mietityttää? Mulla on kohta toinen palaveri, niin sano lyhyesti.",
            "Mä en oo ihan varma tästä.",
        ),
        ("fi", "Kiitos, ei tarvii, mulla on aika tiukka aikataulu.", "Ottakaa kahvia."),
        ("en", "Fine. I just need the amount for the form. How much?", "I know I messed up."),
        ("en", "Okay. I've got someone else waiting, so we'll leave it there.", "Everyone does."),
        ("en", "Hi, I've only got twenty minutes, so let's crack on.", "Hi."),
        ("en", "No, I do want to hear, we just haven't got long.", "You don't want to hear."),
    ],
)
def test_the_workers_own_hurry_brushes_the_client_aside(lang: str, text: str, client: str) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "dismiss" in read.moves, read.moves
    assert read.mode == "rejecting", read.moves


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Meillä on tunti aikaa, ei oo mikään kiire."),
        ("fi", "Mulla on aikaa, ei kiirettä."),
        ("fi", "Kirjaan sen lomakkeeseen, jos se sopii sulle."),
        ("en", "There's no rush, we've got the whole hour."),
        ("en", "For the form I'll need a couple of things, but you decide how we go about it."),
    ],
)
def test_time_given_or_the_form_explained_is_no_brush_off(lang: str, text: str) -> None:
    read = get_recognizer(lang).recognize(
        text, client_before="Mä en tiedä." if lang == "fi" else "I don't know."
    )
    assert "dismiss" not in read.moves, read.moves
