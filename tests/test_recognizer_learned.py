"""The learned second opinion beside the cue rules (simulator/language/learned.py)."""

from __future__ import annotations

from simulator.language.learned import MoveModel, features, load_learned
from simulator.language.recognizer import RuleRecognizer
from simulator.moves import MOVES


def with_model(lang: str, move: str, word: str) -> RuleRecognizer:
    """A recognizer whose only learned model is sure of `move` whenever `word` is said."""
    recognizer = RuleRecognizer(lang, learned=False)
    stem = recognizer._stem(word)
    recognizer._learned = {move: MoveModel(bias=-6.0, weights={f"w:{stem}": 12.0}, threshold=0.7)}
    return recognizer


def test_a_confident_model_adds_its_move_with_the_words_that_spoke_for_it() -> None:
    recognizer = with_model("en", "confront", "slacker")
    got = recognizer.recognize("Honestly, what a slacker.", client_before="I missed it again.")
    assert "confront" in got.moves
    assert got.mode == "blaming"
    evidence = next(e for e in got.evidence if e.move == "confront")
    assert evidence.words == ("slacker",)
    assert "learned" in evidence.reason


def test_the_model_only_adds_never_takes_away() -> None:
    plain = RuleRecognizer("en", learned=False)
    text, client = "What brings you here today?", "Hi."
    ruled = plain.recognize(text, client_before=client).moves
    got = with_model("en", "affirmation", "banana").recognize(text, client_before=client)
    assert got.moves == ruled


def test_an_unsure_model_adds_nothing() -> None:
    recognizer = with_model("fi", "dismiss", "banaani")
    got = recognizer.recognize("Kerro lisää.", client_before="Mä oon väsyny.")
    assert got.moves == ("open_question",)


def test_the_model_reads_the_turn_as_the_rules_do() -> None:
    recognizer = RuleRecognizer("fi", learned=False)
    seen = recognizer.learned_features("No, tota, sun pitäis niinku vähentää?")
    assert "q" in seen  # it ends in a question mark
    assert f"w:{recognizer._stem('sinun')}" in seen  # "sun" read in standard spelling
    assert not any("tota" in f or "niinku" in f for f in seen)  # fillers are not read
    assert features([], "") == {"len:0"}


def test_shipped_models_name_known_moves_and_sane_thresholds() -> None:
    for lang in ("fi", "en"):
        for move, model in load_learned(lang).items():
            assert move in MOVES
            assert 0.5 <= model.threshold < 1.0
            assert model.weights


def test_what_the_rules_turned_down_stays_down() -> None:
    recognizer = with_model("fi", "confront", "laiska")
    assert (
        "confront" in recognizer.recognize("Laiska.", client_before="En saa mitään aikaan.").moves
    )
    got = recognizer.recognize("Et sinä ole laiska.", client_before="En saa mitään aikaan.")
    assert "confront" not in got.moves


def test_a_learned_reflection_needs_the_clients_words() -> None:
    recognizer = with_model("en", "complex_reflection", "low")
    assert "complex_reflection" not in recognizer.recognize("Feeling low, then.").moves
    got = recognizer.recognize("Feeling low, then.", client_before="Everything is grey lately.")
    assert "complex_reflection" in got.moves


def test_a_blaming_turn_gets_no_learned_push() -> None:
    recognizer = with_model("en", "persuade", "properly")
    got = recognizer.recognize("You haven't looked after your kids properly.", client_before="Hi.")
    assert got.moves == ("confront",)
