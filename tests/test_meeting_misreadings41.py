"""Misreadings found in the lead's tmux plays at stop 41 (issue 12), each fixed at its cause. What
the student sees is the reading: the moves and the mode."""

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
