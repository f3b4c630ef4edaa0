"""Kind turns read as harsh, a push heard as listening (stop 36, issue 12): in the development
round at 354c960 a skilled worker's apology ("you clearly weren't treated the way you should have
been") was read as blame, "Fair enough, it's your call, you'll sort the loan yourself. Let's get
the claim in then." as a brush-off, "You are not a bad mother." and "I know you're short on time."
as dismissals; a hurried worker's "Kahdeksanvuotiaan ei pitäis joutua hoitamaan aamuja itse." as
nothing, so the question after it made the turn a listening one. What the student sees is the
reading (its mode in the debrief) and, in the meeting, the client's answer."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from tests.test_meeting_misreadings35 import replayed


def test_the_apology_for_last_time_is_no_blame_and_denise_stays() -> None:
    # hen35, turn 4: read as confront ("should have"); Denise said "I knew I shouldn't have come."
    answer = replayed("en-humiliated-before-skilled-hen35-1", 4)
    read = answer.record.recognition
    assert "confront" not in read.moves
    assert "emphasize_autonomy" in read.moves  # "You don't have to tell me anything..."
    assert read.mode == "encountering"
    assert answer.text != "I knew I shouldn't have come.", answer.text


def test_leaving_the_loan_to_jordan_is_no_brush_off() -> None:
    # hen35, turn 17: the learned words "you'll", "now", "get" made it a dismissal; the debrief
    # then said the client's choice was pushed aside.
    read = replayed("en-income-support-young-adult-skilled-hen35-1", 17).record.recognition
    assert "emphasize_autonomy" in read.moves
    assert "dismiss" not in read.moves
    assert read.mode == "encountering"


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "You are not a bad mother. You and your husband work very hard. But Omar is nine. "
            "Waking up alone is hard for him. We can look for help together. Is that okay?",
            "I am a bad mother?",
        ),
        (
            "I won't forget it. You tried. And you want to be around for Mia. I know you're "
            "short on time. Could I mention a couple of things that might keep you safer?",
            "Just don't forget I tried, yeah?",
        ),
        ("You choose.", "Do I need the interpreter?"),
        ("Nobody should have to go through that.", "They shouted at me in front of everyone."),
    ],
)
def test_kind_turns_are_not_read_as_harsh(text: str, client: str) -> None:
    read = get_recognizer("en").recognize(text, client_before=client)
    assert read.mode == "encountering", read.moves


def test_you_choose_honours_the_choice() -> None:
    read = get_recognizer("en").recognize("You choose.", client_before="Do I need one?")
    assert read.moves == ("emphasize_autonomy",)


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "fi",
            "Kahdeksanvuotiaan ei pitäis joutua hoitamaan aamuja itse. Entä Aava, kuka Aavan "
            "kanssa on aamulla?",
            "Mä oon töissä iltaan asti, niin Eetu hoitaa aamut.",
        ),
        ("en", "She's seven, she shouldn't have to see that.", "She saw us arguing."),
        ("en", "You should have told me.", "I didn't say anything."),
    ],
)
def test_what_someone_else_should_not_have_to_bear_still_blames(
    lang: str, text: str, client: str
) -> None:
    read = get_recognizer(lang).recognize(text, client_before=client)
    assert "confront" in read.moves, read.moves
    assert read.mode == "blaming"


@pytest.mark.parametrize(
    "text",
    [
        "Sun ei pitäis joutua jahtaamaan omia rahojas.",
        "Ei kenenkään pitäis joutua kuulemaan tuollaista.",
        "Sua ois pitäny kuunnella silloin.",
    ],
)
def test_what_the_client_was_owed_is_no_blame_fi(text: str) -> None:
    read = get_recognizer("fi").recognize(text, client_before="Mua ei kuunneltu yhtään.")
    assert "confront" not in read.moves, read.moves
    assert read.mode not in ("blaming", "rejecting"), read.moves


def test_the_eight_year_old_push_is_no_longer_heard_as_listening() -> None:
    # hgj, turn 5: read as an open question only (encountering); the judge called it pushing.
    read = replayed("fi-lastensuojelu-ensitapaaminen-hurried-hgj-1", 5).record.recognition
    assert "confront" in read.moves
    assert read.mode == "blaming"
