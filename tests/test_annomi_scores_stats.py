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


def test_pairs_lost_per_transcript_add_up_to_the_auc_from_either_class():
    # --compare-languages ranks transcripts by the high-low pairs each stands in wrong order.
    scores = [90, 40, 70, 40, 55]
    high = [True, True, True, False, False]
    lost = bench.pairs_lost(scores, high)
    # The high one at 40 ties the low 40 (half) and is below the low 55; the low 55 is above
    # the high 40 only.
    assert lost == [0, 1.5, 0, 0.5, 1]
    n_pairs = 3 * 2
    on_highs = sum(v for v, h in zip(lost, high, strict=True) if h)
    on_lows = sum(v for v, h in zip(lost, high, strict=True) if not h)
    assert on_highs == on_lows == (1 - bench.auc(scores, high)) * n_pairs


def test_the_experts_codes_are_joined_per_worker_turn_as_the_transcript_joins_utterances():
    doc = bench.Doc(
        "1",
        True,
        "t",
        [
            ("client", "Hi.", ()),
            ("worker", "So you came.", ("simple_reflection",)),
            ("worker", "What brings you?", ("open_question",)),
            ("client", "Work.", ()),
            ("worker", "Tell me more.", ()),
        ],
    )
    assert bench._expert_turns(doc) == [("simple_reflection", "open_question"), ()]


def test_reading_kinds_counts_what_one_language_counts_and_whom_the_experts_back():
    from simulator.scoring.meeting_files import Line, build_transcript

    doc = bench.Doc(
        "1",
        True,
        "t",
        [
            ("client", "I drink too much.", ()),
            ("worker", "You drink more than you want.", ("simple_reflection",)),
        ],
    )

    def read(moves: tuple[str, ...], lang: str) -> bench.Transcript:
        lines = [Line(s, t, moves if s == "worker" else None) for s, t, _ in doc.lines]
        return build_transcript(lines, lang, None)

    fi = read(("simple_reflection",), "fi")
    en = read(("advice",), "en")
    rows = {
        tuple(line.split()[:-5]): line.split()[-5:]
        for line in bench.reading_kinds([doc], [fi], [en])[2:]
    }
    # The reflection is counted in Finnish only, in a high transcript, and the experts' code
    # backs the Finnish reading; the lecture is the English reading's only.
    assert rows[("reflection", "fi", "only")] == ["1", "0", "1", "/", "0"]
    assert rows[("reflection", "en", "only")] == ["0", "0", "0", "/", "0"]
    lecture = bench.reading_kinds([doc], [fi], [en])
    assert any(
        line.split()[:4] == ["lecture", "(slip)", "en", "only"] and line.split()[4] == "1"
        for line in lecture
    )
