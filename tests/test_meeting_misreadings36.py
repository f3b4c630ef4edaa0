"""A kind turn of the blind meeting round at df78299 (hge; stop 35, issue 12) read as harsh, fixed
at its cause: the client's own reproach said back ("you blame yourself - you think you should
have noticed") was read as the worker's reproach. What the student sees is the reading and, in
the meeting, the client's answer."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from tests.test_meeting_misreadings35 import replayed

HGE_MEETING = "fi-tyonohjaus-raskas-viikko-skilled-hge-1"


def test_the_supervisors_reflection_of_self_blame_does_not_hurt_mikko() -> None:
    # Turn 5: "Kuulen että sä syytät itteäs – että sun ois pitäny huomata maanantaina. Se on
    # tosi raskas ajatus kantaa. Saanko…?" was blaming, and Mikko answered "Tuo osu."
    answer = replayed(HGE_MEETING, 5)
    assert "confront" not in answer.record.recognition.moves
    assert answer.record.recognition.mode == "encountering"
    assert not answer.text.startswith("Tuo osu"), answer.text


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("fi", "Sä ajattelet, että äitinä sun olis pitäny nähdä.", "Mun ois pitäny nähdä se."),
        ("fi", "Sä syytät itteäs siitä, että sun ois pitäny huomata.", "Mä en huomannu mitään."),
        ("en", "You blame yourself - you think you should have noticed on Monday.", "I missed it."),
        ("en", "You feel like you should've handled it alone.", "I didn't want to bother anyone."),
    ],
)
def test_the_clients_own_reproach_said_back_blames_no_one(
    lang: str, text: str, client: str
) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "confront" not in read.moves, read.moves
    assert read.mode not in ("blaming", "rejecting"), read.moves


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Sun ois pitäny huomata se."),
        ("fi", "Sä pelkäät et se jättää, mut sun ois pitäny ajatella sitä aiemmin."),
        ("en", "You should have noticed on Monday."),
        ("en", "You feel bad, but you should have called."),
        ("en", "You knew you should have called."),
    ],
)
def test_the_workers_own_reproach_still_blames(lang: str, text: str) -> None:
    read = get_recognizer(lang).recognize(
        text, client_before="En tiennyt." if lang == "fi" else "I didn't know."
    )
    assert "confront" in read.moves, read.moves
