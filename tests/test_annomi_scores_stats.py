"""The AnnoMI benchmark's own statistics (benchmarks/annomi_scores.py): what its report says
about an axis beside length must be right on data where the answer is known."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import annomi_scores as bench  # noqa: E402


def test_auc_counts_ties_half_and_ranks_high_above_low():
    assert bench.auc([3, 2, 1], [True, True, False]) == 1.0
    assert bench.auc([1, 1], [True, False]) == 0.5
    assert bench.auc([1, 2], [True, False]) == 0.0


def test_an_axis_that_only_counts_turns_adds_nothing_beyond_length():
    rng = random.Random(1)
    length = [rng.randint(10, 80) for _ in range(80)]
    high = [n + rng.gauss(0, 15) > 40 for n in length]
    # The axis is (log) length itself, as the model takes length.
    counting = [10 * math.log(n) for n in length]
    said = bench.beyond_length(counting, [float(n) for n in length], high)
    assert said["lr_p"] > 0.5
    assert abs(bench.partial_spearman(counting, [float(h) for h in high], length)) < 1e-6


def test_an_axis_that_knows_quality_beyond_length_is_found_so():
    rng = random.Random(2)
    length = [float(rng.randint(10, 80)) for _ in range(80)]
    high = [rng.random() < 0.8 for _ in length]  # quality independent of length
    axis = [60 + 20 * h + rng.gauss(0, 8) for h in high]
    said = bench.beyond_length(axis, length, high)
    assert said["coef_per_sd"] > 1 and said["lr_p"] < 0.001
    assert bench.partial_spearman(axis, [float(h) for h in high], length) > 0.4


def test_the_reading_cache_key_follows_the_recognizer(tmp_path, monkeypatch):
    (tmp_path / "simulator" / "language").mkdir(parents=True)
    rules = tmp_path / "simulator" / "language" / "rules.py"
    rules.write_text("A = 1\n")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    before = bench.fingerprint("en", tmp_path)
    assert bench.fingerprint("en", tmp_path) == before
    assert bench.fingerprint("fi", tmp_path) != before
    rules.write_text("A = 2\n")
    assert bench.fingerprint("en", tmp_path) != before
