"""Benchmark: how far two human labellers agree, beside how far the recognizer agrees with each.

    python benchmarks/recognizer_agreement.py [--set dev15] [--lang fi|en] [--worst N]
    python benchmarks/recognizer_agreement.py --train [--lang fi|en]   # the training corpora

Issue 12 asks for macro-F1 0.80 over the moves against one writer's labels. A second labeller,
who never saw the first writer's labels (nor the recognizer), labelled the same turns from the
text, the client's line and the context, under the same labelling rules
(`tests/data/<set>/<lang>.second.jsonl`, one `{"n", "moves", "mode"}` per turn, in order; how
it was made is in the set's README). Three comparisons, each in the figures of
benchmarks/recognizer_blind.py:

1. the second labeller read against the first (the first as reference): the human ceiling of
   the recognizer's figure, as far as one pair of labellers shows it;
2. the recognizer against the first (the figure issue 12 reports);
3. the recognizer against the second.

With `--train`, the same for a random sample of the training corpora (`recognizer_train1` ...
`train4`, 75 turns of each per language; `tests/data/recognizer_train_second/<lang>.second.jsonl`,
one `{"id": "trainN:line", "moves", "mode"}` per sampled turn): how consistent the labels the
learned parts would learn from are.

Per-move F1 is symmetric in the two labellings; macro-F1 averages over the moves that occur in
the reference, so 1. read the other way round differs a little.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recognizer_blind import SETS, compare, load_items, print_comparison  # noqa: E402


def load_second(which: str, lang: str) -> list[dict] | None:
    path = SETS[which] / f"{lang}.second.jsonl"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows


TRAIN_SECOND = Path(__file__).resolve().parent.parent / "tests" / "data" / "recognizer_train_second"


def load_train_pairs(lang: str) -> tuple[list[dict], list[dict]] | None:
    """(first labels, second labels) of the sampled training turns, in the sample's order."""
    path = TRAIN_SECOND / f"{lang}.second.jsonl"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        second = [json.loads(line) for line in handle if line.strip()]
    corpora: dict[str, list[dict]] = {}
    first = []
    for row in second:
        name, line = row["id"].split(":")
        if name not in corpora:
            path = TRAIN_SECOND.parent / f"recognizer_{name}" / f"{lang}.jsonl"
            with path.open(encoding="utf-8") as handle:
                corpora[name] = [json.loads(line) for line in handle if line.strip()]
        first.append(corpora[name][int(line) - 1])
    return first, second


def cohen_kappa(pairs: list[tuple[str | None, str | None]]) -> float:
    """Agreement on the mode beyond what the two labellings' own mode shares give by chance."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    labels = {a for a, _ in pairs} | {b for _, b in pairs}
    expected = sum(
        (sum(a == label for a, _ in pairs) / n) * (sum(b == label for _, b in pairs) / n)
        for label in labels
    )
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev15")
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--worst", type=int, default=0, help="disagreements to list")
    parser.add_argument("--train", action="store_true", help="the training corpora's sample")
    args = parser.parse_args(argv)
    from simulator.language import get_recognizer

    found = False
    for lang in args.lang or ("fi", "en"):
        if args.train:
            pairs = load_train_pairs(lang)
            if pairs is None:
                continue
            first, second = pairs
        else:
            second = load_second(args.set, lang)
            if second is None:
                continue
            first = load_items(lang, args.set)
            if [row["n"] for row in second] != list(range(1, len(first) + 1)):
                print(f"{lang}: the second labelling does not cover turns 1..{len(first)} in order")
                return 1
        found = True
        second_items = [
            {**item, "moves": row["moves"], "mode": row["mode"]}
            for item, row in zip(first, second, strict=True)
        ]
        recognizer = get_recognizer(lang)
        machine = []
        for item in first:
            result = recognizer.recognize(item["text"], client_before=item.get("client_before", ""))
            machine.append((list(dict.fromkeys(result.moves)), result.mode))
        as_reading = [(row["moves"], row["mode"]) for row in second]
        print(f"\n##### {'training sample' if args.train else args.set} {lang}: {len(first)} turns")
        print("\n=== 1. second labeller against the first ===")
        print_comparison(compare(first, as_reading), args.worst)
        kappa = cohen_kappa(
            [(item["mode"], row["mode"]) for item, row in zip(first, second, strict=True)]
        )
        print(f"mode agreement, Cohen's kappa: {kappa:.3f}")
        print("\n=== 2. recognizer against the first ===")
        print_comparison(compare(first, machine), 0)
        print("\n=== 3. recognizer against the second ===")
        print_comparison(compare(second_items, machine), 0)
    if not found:
        where = TRAIN_SECOND if args.train else SETS[args.set]
        print(f"no second labelling in {where} (<lang>.second.jsonl)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
