"""Benchmark: the recognizer on a blind evaluation set (tests/data/recognizer_blind*/).

    python benchmarks/recognizer_blind.py [--set blind|blind2] [--lang fi|en] [--worst N]
                                          [--context before|app]

`blind` (the first set) has since been used for development and is no longer blind, nor are
`dev9`-`dev33` (blind sets 4-28 until each was measured once, 2026-12-05/07); `blind2`
(AnnoMI-style transcribed sessions and chat, 2026-11-23) and `blind3` are validation sets: their
errors were never read, but their figures were read while choosing between versions.
Each set was written without looking at the recognizer or its corpus (see the README there), so
on a set nobody tuned on these figures estimate how it reads turns it was never tuned on. For each
language prints per-move precision / recall / F1 with support, macro-F1 over the moves that
occur, micro-F1, open-vs-closed question F1, exact-match rate, mode accuracy with a confusion
table, and the worst misreadings (text, expected, got).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from simulator.moves import MODES, MOVES

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {
    "blind": DATA / "recognizer_blind",
    "blind2": DATA / "recognizer_blind2",
    "blind3": DATA / "recognizer_blind3",
    # Blind set 4 (issue 12), measured once on 7766021, then renamed: a development set now.
    "dev9": DATA / "recognizer_dev9",
    # Blind set 5 (issue 12), measured once on c9f5da5, then renamed: a development set now.
    "dev10": DATA / "recognizer_dev10",
    # Blind set 6 (issue 12), measured once on 4ceeb07, then renamed: a development set now.
    "dev11": DATA / "recognizer_dev11",
    # Blind set 7 (issue 12), measured once on 43c89ad, then renamed: a development set now.
    "dev12": DATA / "recognizer_dev12",
    # Blind set 8 (issue 12), measured once on cabbe9e, then renamed: a development set now.
    "dev13": DATA / "recognizer_dev13",
    # Blind set 9 (issue 12), measured once on 4bc3b13, then renamed: a development set now.
    "dev14": DATA / "recognizer_dev14",
    # Blind set 10 (issue 12), measured once on 03e2b61, then renamed: a development set now.
    "dev15": DATA / "recognizer_dev15",
    # Blind set 11 (Finnish only, issue 12), measured once on 03e2b61, then renamed.
    "dev16": DATA / "recognizer_dev16",
    # Blind set 12 (issue 12), measured once on dc17972, then renamed: a development set now.
    "dev17": DATA / "recognizer_dev17",
    # Blind set 13 (issue 12), measured once on 2f80339, then renamed: a development set now.
    "dev18": DATA / "recognizer_dev18",
    # Blind set 14 (issue 12), measured once on ea62896, then renamed: a development set now.
    "dev19": DATA / "recognizer_dev19",
    # Blind set 15 (issue 12), measured once on 9351f3c, then renamed: a development set now.
    "dev20": DATA / "recognizer_dev20",
    # Blind set 16 (issue 12), measured once on 6d6baad, then renamed: a development set now.
    "dev21": DATA / "recognizer_dev21",
    # Blind set 17 (issue 12), measured once on 26b2b05, then renamed: a development set now.
    "dev22": DATA / "recognizer_dev22",
    # Blind set 18 (issue 12), measured once on df78299, then renamed: a development set now.
    "dev23": DATA / "recognizer_dev23",
    # Blind set 19 (issue 12), measured once on 50ca891, then renamed: a development set now.
    "dev24": DATA / "recognizer_dev24",
    # Blind set 20 (issue 12), measured once on 52c532e, then renamed: a development set now.
    "dev25": DATA / "recognizer_dev25",
    # Blind set 21 (issue 12), measured once on 9eff199, then renamed: a development set now.
    "dev26": DATA / "recognizer_dev26",
    # Blind set 22 (issue 12), measured once on d9172f3, then renamed: a development set now.
    "dev27": DATA / "recognizer_dev27",
    # Blind set 23 (issue 12), measured once on 7e75443, then renamed: a development set now.
    "dev28": DATA / "recognizer_dev28",
    # Blind set 24 (issue 12), measured once on 546a3fb, then renamed: a development set now.
    "dev29": DATA / "recognizer_dev29",
    # Blind set 25 (issue 12), measured once on 6ca7bf8, then renamed: a development set now.
    "dev30": DATA / "recognizer_dev30",
    # Blind set 26 (issue 12), measured once on 61467d0, then renamed: a development set now.
    "dev31": DATA / "recognizer_dev31",
    # Blind set 27 (issue 12), measured once on 9eed2ab, then renamed: a development set now.
    "dev32": DATA / "recognizer_dev32",
    # Blind set 28 (issue 12), measured once on 7af87c8, then renamed: a development set now.
    "dev33": DATA / "recognizer_dev33",
    # Every judged worker turn of the stored meetings, labelled by helpers who never read the
    # recognizer (stop 35): development and training data, read while the app was tuned on them.
    "meet1": DATA / "recognizer_meet1",
    # The next round's worker turns (hen31/hen32/hge/hgf, engine df78299), labelled the same way
    # by two fresh helpers (stop 36): nothing trained on these labels; an acceptance set.
    "meet2": DATA / "recognizer_meet2",
    # The development round of stop 36 (hen35/hen36/hgi/hgj, engine 354c960), labelled the same way.
    "meet3": DATA / "recognizer_meet3",
    # The worker turns of stop 36's blind round (hen33/hen34/hgg/hgh, engine 50ca891), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet4": DATA / "recognizer_meet4",
    # The development round at the start of stop 37 (hen37/hgk, engine ddcfd50), labelled the same
    # way by two fresh helpers: read once as an acceptance check of the meeting-trained reader.
    "meet5": DATA / "recognizer_meet5",
    # The worker turns of stop 37's blind round (hen38/hen39/hgl/hgm, engine 52c532e), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet6": DATA / "recognizer_meet6",
    # The development round at the start of stop 38 (hen40/hgn, engine 58c1459), labelled the same
    # way by two fresh helpers: read once as an acceptance check of the meeting-trained reader.
    "meet7": DATA / "recognizer_meet7",
    # The worker turns of stop 38's blind round (hen41/hen42/hgo/hgp, engine 9eff199), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet8": DATA / "recognizer_meet8",
    # The worker turns of stop 39's blind round (hen44/hen45/hgr/hgs, engine d9172f3), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet9": DATA / "recognizer_meet9",
    # The development round at the start of stop 40 (hen46/hen47/hgt/hgu, engine 3c51175), labelled
    # the same way by two fresh helpers (meet10en/fi); development data from the start.
    "meet10": DATA / "recognizer_meet10",
    # The worker turns of stop 40's blind round (hen50/hen51/hgx/hgy, engine 7e75443), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet11": DATA / "recognizer_meet11",
    # The worker turns of stop 41's blind round (hen54-57/hhb-hhe, engine 546a3fb), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet12": DATA / "recognizer_meet12",
    # The worker turns of stop 42's blind round (hen60-63/hhh-hhk, engine 6ca7bf8), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet13": DATA / "recognizer_meet13",
    # The worker turns of stop 43's blind round (hen66-69/hhn-hhq, engine 61467d0), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet14": DATA / "recognizer_meet14",
    # The worker turns of stop 44's blind round (hen70-73/hhr-hhu, engine 9eed2ab), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet15": DATA / "recognizer_meet15",
    # The worker turns of stop 45's blind round (hen74-77/hhv-hhy, engine 7af87c8), labelled by
    # two fresh helpers after the round and read once with the frozen engine; development data now.
    "meet16": DATA / "recognizer_meet16",
    # Training corpora: nothing was ever tuned on them, so their readings are as fresh as a
    # blind set's until a learned part trains on them.
    **{f"train{n}": DATA / f"recognizer_train{n}" for n in range(1, 9)},
}
LANGUAGES = ("fi", "en")
# Moves whose misreading changes how the trainee is judged most: a blame or dismissal
# missed (or invented) weighs more than a greeting.
HEAVY_MOVES = frozenset({"confront", "dismiss", "persuade", "advice", "complex_reflection"})
WARM_MODES = frozenset({"encountering"})
HARSH_MODES = frozenset({"blaming", "rejecting"})


def load_items(lang: str, which: str = "blind") -> list[dict]:
    path = SETS[which] / f"{lang}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def severity(expected: dict, got_moves: list[str], got_mode: str | None) -> float:
    """How badly one turn was misread: missed and invented moves, plus a wrong mode."""
    want, have = set(expected["moves"]), set(got_moves)
    score = sum(2.0 if m in HEAVY_MOVES else 1.0 for m in want ^ have)
    if got_mode != expected["mode"]:
        # Reading blame as presence (or the reverse) misleads the trainee most.
        opposite = {got_mode, expected["mode"]}
        score += 3.0 if opposite & WARM_MODES and opposite & HARSH_MODES else 1.5
    return score


def compare(items: list[dict], readings: list[tuple[list[str], str | None]]) -> dict:
    """Tally labelled turns against readings of them (the recognizer's, or a second labeller's)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    mode_pairs: Counter = Counter()
    exact = 0
    misreadings = []
    for item, (got, got_mode) in zip(items, readings, strict=True):
        want, have = set(item["moves"]), set(got)
        for move in want & have:
            tp[move] += 1
        for move in have - want:
            fp[move] += 1
        for move in want - have:
            fn[move] += 1
        mode_pairs[(item["mode"], got_mode)] += 1
        exact += want == have
        cost = severity(item, got, got_mode)
        if cost:
            misreadings.append((cost, item, got, got_mode))
    f1_by_move = {
        move: f1(tp[move], fp[move], fn[move])[2] for move in MOVES if tp[move] + fn[move]
    }
    harsh = sum(n for (want, _), n in mode_pairs.items() if want in HARSH_MODES)
    warm = sum(n for (want, _), n in mode_pairs.items() if want in WARM_MODES)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "mode_pairs": mode_pairs,
        "exact": exact,
        "turns": len(items),
        "misreadings": misreadings,
        "f1_by_move": f1_by_move,
        "macro_f1": sum(f1_by_move.values()) / len(f1_by_move) if f1_by_move else 0.0,
        "micro_f1": f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))[2],
        "mode_accuracy": sum(n for (want, got), n in mode_pairs.items() if want == got)
        / len(items),
        # Pushing read as listening, and listening read as pushing: the two errors that
        # teach the wrong thing.
        "harsh_as_warm": (
            sum(
                n
                for (want, got), n in mode_pairs.items()
                if want in HARSH_MODES and got in WARM_MODES
            ),
            harsh,
        ),
        "warm_as_harsh": (
            sum(
                n
                for (want, got), n in mode_pairs.items()
                if want in WARM_MODES and got in HARSH_MODES
            ),
            warm,
        ),
    }


def print_comparison(tally: dict, worst: int) -> None:
    tp, fp, fn, mode_pairs = tally["tp"], tally["fp"], tally["fn"], tally["mode_pairs"]
    turns = tally["turns"]
    print(f"{'move':<20}{'prec':>7}{'rec':>7}{'F1':>7}{'support':>9}{'predicted':>11}")
    for move in MOVES:
        support = tp[move] + fn[move]
        predicted = tp[move] + fp[move]
        if not support and not predicted:
            continue
        precision, recall, score = f1(tp[move], fp[move], fn[move])
        print(f"{move:<20}{precision:7.2f}{recall:7.2f}{score:7.2f}{support:9d}{predicted:11d}")
    open_f1 = f1(tp["open_question"], fp["open_question"], fn["open_question"])[2]
    closed_f1 = f1(tp["closed_question"], fp["closed_question"], fn["closed_question"])[2]
    mode_ok = round(tally["mode_accuracy"] * turns)
    print(f"macro-F1 over moves: {tally['macro_f1']:.3f}   micro-F1: {tally['micro_f1']:.3f}")
    print(
        f"open/closed questions: open F1 {open_f1:.3f}, closed F1 {closed_f1:.3f}, "
        f"mean {(open_f1 + closed_f1) / 2:.3f}"
    )
    print(f"exact move sets: {tally['exact']}/{turns} ({tally['exact'] / turns:.1%})")
    print(f"mode accuracy: {mode_ok}/{turns} ({tally['mode_accuracy']:.1%})")
    print("pushing (blaming/rejecting) read as encountering: {}/{}".format(*tally["harsh_as_warm"]))
    print("encountering read as blaming/rejecting: {}/{}".format(*tally["warm_as_harsh"]))
    labels = [*MODES, None]
    print("mode confusion (rows expected, columns got):")
    print(" " * 14 + "".join(f"{str(m)[:10]:>12}" for m in labels))
    for want in labels:
        row = "".join(f"{mode_pairs[(want, got)]:12d}" for got in labels)
        print(f"{str(want)[:13]:<14}{row}")

    misreadings = sorted(tally["misreadings"], key=lambda entry: -entry[0])
    print(f"worst misreadings ({min(worst, len(misreadings))} of {len(misreadings)}):")
    for cost, item, got, got_mode in misreadings[:worst]:
        print(f"  [{cost:.1f}] {item['text']}")
        if item["client_before"]:
            print(f"        client before: {item['client_before']}")
        print(f"        expected: {item['moves']} / {item['mode']}")
        print(f"        got:      {got} / {got_mode}")


def evaluate(lang: str, worst: int, which: str = "blind", context: str = "before") -> dict:
    """The figures of one language's half of a set, each turn read with the client's last line
    only (`context` "before", as every older figure) or with all the app gives ("app")."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from recognizer_loso import read_as

    from simulator.language import get_recognizer

    recognizer = get_recognizer(lang)
    items = load_items(lang, which)
    readings = []
    for item in items:
        result = recognizer.recognize(item["text"], **read_as(item, context))
        readings.append((list(dict.fromkeys(result.moves)), result.mode))
    tally = compare(items, readings)
    print(f"\n=== {lang}: {len(items)} turns ===")
    print_comparison(tally, worst)
    return {key: tally[key] for key in ("macro_f1", "micro_f1", "mode_accuracy")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    parser.add_argument("--worst", type=int, default=10, help="misreadings to list")
    parser.add_argument("--set", choices=sorted(SETS), default="blind", help="which set")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from recognizer_loso import add_context_option

    add_context_option(parser)
    args = parser.parse_args(argv)
    try:
        import simulator.language  # noqa: F401
    except ImportError:
        print("the recognizer (simulator.language) is not in the tree yet", file=sys.stderr)
        return 1
    # A set may hold one language only (dev16 is Finnish): measure the halves that exist.
    present = [lang for lang in LANGUAGES if (SETS[args.set] / f"{lang}.jsonl").exists()]
    for lang in args.lang or present:
        evaluate(lang, args.worst, args.set, args.context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
