"""The final reader (simulator/language/final.py): how it edits the engine's reading, its files,
and what the engine hands it. No final reader ships yet (docs/recognizer.md, "Measured": the
one trained on recognizer_train1-4 did not meet the conditions set for it), so these tests
build small ones by hand."""

from __future__ import annotations

import math

import pytest

from simulator.language.final import FinalModel, load_final
from simulator.language.gated import GatedRecognizer


def _model(**changes) -> FinalModel:
    # Two moves: support, which the word "bed" speaks for, and advice, which the model drops
    # wherever the engine read it.
    values = dict(
        moves=("support", "advice"),
        bias=(-3.0, 0.0),
        index={"xw:bed": 0, "E:advice": 1},
        weights=([200, 0], [0, -200]),
        weight_scale=0.05,
        add_at=0.6,
        drop_below=0.1,
    )
    values.update(changes)
    return FinalModel(**values)


def test_the_packed_sum_is_the_plain_sum_of_the_weights():
    model = _model()
    probs = model.probabilities({"xw:bed", "E:advice", "xw:unknown"})
    assert probs["support"] == pytest.approx(1 / (1 + math.exp(-(-3.0 + 0.05 * 200))))
    assert probs["advice"] == pytest.approx(1 / (1 + math.exp(-(0.0 + 0.05 * -200))))
    assert model.probabilities(set())["support"] == pytest.approx(1 / (1 + math.exp(3.0)))


def test_it_drops_what_it_finds_unlikely_adds_what_it_is_sure_of_and_keeps_questions():
    model = _model()
    probs = {"support": 0.9, "advice": 0.05}
    assert model.decide(probs, ["advice", "closed_question"]) == ["closed_question", "support"]
    # A move with no model of its own stays as the engine read it.
    assert model.decide({"support": 0.2, "advice": 0.5}, ["greeting"]) == ["greeting"]


def test_the_files_read_back_as_written():
    model = _model()
    files = model.to_files("xx")
    import json

    again = FinalModel.from_files(json.loads(files["xx-final.json"]), files["xx-final.bin"])
    assert again.moves == model.moves and again.index == model.index
    assert [list(c) for c in again.weights] == [list(c) for c in model.weights]
    assert (again.add_at, again.drop_below) == (model.add_at, model.drop_below)


def test_the_engine_hands_over_its_reading_and_the_turn_in_context():
    rec = GatedRecognizer("en", final=_model())
    ruled: set[str] = set()
    text = "Go to bed early tonight."
    raw = rec._recognize(text, "I can't sleep.", None, ruled)
    found, wide, _ = rec.gate_features(raw.text, raw.moves, "I can't sleep.")
    read = GatedRecognizer("en", use_final=False).recognize(text, client_before="I can't sleep.")
    features = rec.engine_features(read, raw.moves, found, wide)
    assert "xw:bed" in features and f"EM:{read.mode}" in features
    assert {f"E:{m}" for m in read.moves} <= features
    assert any(f.startswith("G:reflection:") for f in features)
    assert any(f.startswith("P:confront:") for f in features)


def test_a_move_it_adds_names_the_content_words_that_weighed():
    before = GatedRecognizer("en", use_final=False).recognize(
        "Go to bed early tonight.", client_before="I can't sleep."
    )
    assert "advice" in before.moves
    got = GatedRecognizer("en", final=_model()).recognize(
        "Go to bed early tonight.", client_before="I can't sleep."
    )
    assert "advice" not in got.moves and "support" in got.moves
    assert got.mode == "encountering"
    (shown,) = [e for e in got.evidence if e.move == "support"]
    assert shown.words == ("bed",)


def test_without_the_final_reader_the_engine_reads_as_before():
    # No final reader ships: the app's recognizer is the engine as it was.
    assert load_final("en") is None and load_final("fi") is None
    assert GatedRecognizer("en").final is None
