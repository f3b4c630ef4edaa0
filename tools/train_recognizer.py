"""Train the recognizer's learned second opinion (simulator/language/learned/<lang>.json).

    python tools/train_recognizer.py [--lang fi|en] [--dry-run]

A development script: the app never trains. For each language and each move it fits a
logistic model over the turn's features (`simulator.language.learned.features`, read the
way the rules read: fillers out, colloquial forms normalised, Snowball stems).

Which moves get a model, and at what confidence it may add one, is decided on the newest
development sets (`SELECTION`, now `recognizer_dev5/` to `recognizer_dev7/`), which the cue
rules were not tuned on: models trained on the other corpora are tried beside the rules
there, and a move keeps its model only if rules + model read it clearly better than the
rules alone. The kept models are then trained again on all the corpora and written out.
(Once the rules are tuned on a selection set, new ones have to be written for the next.)

Never read here: the held-out split and the blind sets (`recognizer_blind2`, `..._blind3`),
which measure the result.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language.learned import LEARNED_DIR, MoveModel, sigmoid  # noqa: E402
from simulator.language.recognizer import RuleRecognizer  # noqa: E402
from simulator.moves import MOVES, QUESTIONS  # noqa: E402

DATA = ROOT / "tests" / "data"
EPOCHS = 30
RATE = 0.2
L2 = 1e-4
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)
MIN_GAIN = 0.04  # F1 a model must add on the selection set to be kept
MIN_SUPPORT = 8  # turns with the move in the selection set, to judge it at all
PRUNE = 0.2  # smaller weights are left out of the shipped file


# Whether a turn asks, and openly or not, is a matter of form the rules read from question
# words, clitics and word order; a bag of words cannot, so questions get no model.
LEARNABLE = [m for m in MOVES if m not in QUESTIONS]
TRAINING = ["dev", "blind1", "dev2", "dev3", "dev4"]
SELECTION = ["dev5", "dev6", "dev7"]


def corpus(lang: str, names: list[str]) -> list[dict]:
    """The labelled turns of the named corpora ("dev": the tuning split, "blind1": the former
    blind set, "devN": tests/data/recognizer_devN/)."""
    items = []
    for name in names:
        if name == "dev":
            path = DATA / "recognizer" / f"{lang}_dev.jsonl"
        else:
            path = DATA / ("recognizer_blind" if name == "blind1" else f"recognizer_{name}")
            path = path / f"{lang}.jsonl"
        with path.open(encoding="utf-8") as handle:  # a missing corpus is an error, not less data
            items += [json.loads(line) for line in handle if line.strip()]
    return items


def train(rows: list[set[str]], labels: list[int]) -> tuple[float, dict[str, float]]:
    """Logistic regression by stochastic gradient descent, seeded: the same data gives the
    same weights."""
    weights: dict[str, float] = defaultdict(float)
    bias = 0.0
    order = list(range(len(rows)))
    shuffle = random.Random(1)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for i in order:
            error = sigmoid(bias + sum(weights[f] for f in rows[i])) - labels[i]
            bias -= RATE * error
            for f in rows[i]:
                weights[f] -= RATE * (error + L2 * weights[f])
    return bias, dict(weights)


def f1(counts: Counter) -> float:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def select(lang: str, rules: RuleRecognizer) -> dict[str, dict]:
    """Moves whose model, trained without the selection set, reads it better beside the rules."""
    base = corpus(lang, TRAINING)
    held = corpus(lang, SELECTION)
    rows = [rules.learned_features(it["text"]) for it in base]
    held_rows = [rules.learned_features(it["text"]) for it in held]
    ruled = [
        set(rules.recognize(it["text"], client_before=it.get("client_before", "")).moves)
        for it in held
    ]
    chosen = {}
    for move in LEARNABLE:
        support = sum(move in it["moves"] for it in held)
        if support < MIN_SUPPORT:
            continue
        bias, weights = train(rows, [int(move in it["moves"]) for it in base])
        model = MoveModel(bias=bias, weights=weights, threshold=0.0)
        probs = [model.probability(r) for r in held_rows]
        alone = Counter()
        for got, it in zip(ruled, held, strict=True):
            alone[_cell(move in got, move in it["moves"])] += 1
        best = (f1(alone), None)
        for threshold in THRESHOLDS:
            both = Counter()
            for got, p, it in zip(ruled, probs, held, strict=True):
                both[_cell(move in got or p >= threshold, move in it["moves"])] += 1
            if f1(both) > best[0]:
                best = (f1(both), threshold)
        gain = best[0] - f1(alone)
        print(f"  {lang} {move:20} rules {f1(alone):.2f}  with model {best[0]:.2f}  ({support})")
        if best[1] is not None and gain >= MIN_GAIN:
            chosen[move] = {"threshold": best[1], "rules_f1": f1(alone), "with_model_f1": best[0]}
    return chosen


def _cell(have: bool, want: bool) -> str:
    return "tp" if have and want else "fp" if have else "fn" if want else "tn"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--dry-run", action="store_true", help="select, but write nothing")
    args = parser.parse_args()
    for lang in args.lang or ["fi", "en"]:
        rules = RuleRecognizer(lang, learned=False)
        chosen = select(lang, rules)
        items = corpus(lang, [*TRAINING, *SELECTION])
        rows = [rules.learned_features(it["text"]) for it in items]
        moves = {}
        for move, picked in chosen.items():
            bias, weights = train(rows, [int(move in it["moves"]) for it in items])
            kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
            moves[move] = {
                "threshold": picked["threshold"],
                "bias": round(bias, 4),
                "weights": kept,
                "selection": {k: round(v, 3) for k, v in picked.items() if k != "threshold"},
            }
        out = {
            "language": lang,
            "trained_on": {
                "corpora": [*TRAINING, *SELECTION],
                "selected_on": SELECTION,
                "turns": len(items),
            },
            "features": "simulator.language.learned.features",
            "moves": moves,
        }
        print(f"{lang}: models for {', '.join(moves) or 'no move'} ({len(items)} turns)")
        if not args.dry_run:
            LEARNED_DIR.mkdir(exist_ok=True)
            path = LEARNED_DIR / f"{lang}.json"
            path.write_text(
                json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
            )
            print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
