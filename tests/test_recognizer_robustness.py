"""Any text in, a valid reading out: the recognizer (which has no catch-all of its own: an error
would fail this test) never raises on odd input and stays within the contract."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.language import get_recognizer
from simulator.moves import MODES, MOVES

_texts = st.text(max_size=300) | st.sampled_from(
    ["", " ", "?", "...", "Mitä?", "ootko", "you?", "Kerro", "\u200b", "ääää", "\x00"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(["fi", "en"]), text=_texts, client=_texts)
def test_any_text_gives_a_valid_recognition(lang: str, text: str, client: str) -> None:
    got = get_recognizer(lang).recognize(text, client_before=client, topics={"t": [client[:20]]})
    assert got.text == text
    assert set(got.moves) <= set(MOVES)
    assert len(set(got.moves)) == len(got.moves)  # a set, in text order
    assert got.mode is None or got.mode in MODES
    assert [e.move for e in got.evidence] == list(got.moves)
    assert set(got.topics) <= {"t"}
