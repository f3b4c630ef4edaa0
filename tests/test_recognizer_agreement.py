"""The agreement benchmark's own arithmetic (benchmarks/recognizer_agreement.py,
benchmarks/recognizer_blind.py `compare`): what its report says two labellings share."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import recognizer_agreement as agreement  # noqa: E402
import recognizer_blind as blind  # noqa: E402

ITEMS = [
    {
        "text": "You've had a hard week.",
        "client_before": "",
        "moves": ["simple_reflection"],
        "mode": "encountering",
    },
    {
        "text": "You should just call them.",
        "client_before": "",
        "moves": ["advice"],
        "mode": "noticing",
    },
    {"text": "Stop making excuses.", "client_before": "", "moves": ["confront"], "mode": "blaming"},
    {"text": "Mm.", "client_before": "", "moves": [], "mode": None},
]


def test_identical_labellings_agree_fully():
    tally = blind.compare(ITEMS, [(item["moves"], item["mode"]) for item in ITEMS])
    assert tally["macro_f1"] == 1.0
    assert tally["mode_accuracy"] == 1.0
    assert tally["harsh_as_warm"] == (0, 1)
    assert agreement.cohen_kappa([(item["mode"], item["mode"]) for item in ITEMS]) == 1.0


def test_a_blame_read_as_a_reflection_counts_as_pushing_read_as_listening():
    readings = [(item["moves"], item["mode"]) for item in ITEMS]
    readings[2] = (["complex_reflection"], "encountering")
    tally = blind.compare(ITEMS, readings)
    assert tally["harsh_as_warm"] == (1, 1)
    assert tally["warm_as_harsh"] == (0, 1)
    # confront missed (F1 0), the other two moves right: (1 + 1 + 0) / 3.
    assert abs(tally["macro_f1"] - 2 / 3) < 1e-9
    assert tally["mode_accuracy"] == 0.75


def test_kappa_is_zero_when_agreement_is_what_chance_gives():
    pairs = [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]
    assert agreement.cohen_kappa(pairs) == 0.0


def test_the_training_sample_pairs_each_second_label_with_the_turn_it_names():
    first, second = agreement.load_train_pairs("en")
    assert len(first) == len(second) == 300
    for row, item in zip(second[:20], first[:20], strict=True):
        name, line = row["id"].split(":")
        path = agreement.TRAIN_SECOND.parent / f"recognizer_{name}" / "en.jsonl"
        expected = path.read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert item["text"] in expected
    # The second labeller's modes agree with the first on most turns, as the README reports.
    agreed = sum(item["mode"] == row["mode"] for item, row in zip(first, second, strict=True))
    assert agreed == 276
