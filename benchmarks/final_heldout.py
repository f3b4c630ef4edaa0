"""Benchmark: does the final reader (simulator/language/final.py) carry to writers it never read?

    python benchmarks/final_heldout.py [--lang fi|en] [--check parts,sets] [--dev-weight 0,0.3]
                                       [--add-at 0.6] [--drop-below 0.1] [--c 1.0] [--json out.json]
                                       [--without P:]

- `parts`: leave one training corpus out (train_final.CORPORA; each written by one helper per
  language who never read the recognizer, and never tuned on): the reader is trained as
  tools/train_final.py trains it on the other three (with the development sets dev9-20 at
  `--dev-weight` when above 0) and reads the held-out corpus;
- `sets`: leave one development set out (dev9-21): trained on the corpora (and the other sets at
  `--dev-weight`), read on the held-out set. The rules were tuned on these sets, so the
  engine's figures there are flattered; the question is only whether the reader costs there.

Beside each, the engine on main (the final reader off) on the same turns. Every turn is read
in its context as the app reads it (tools/train_final.py `context`). Figures as
benchmarks/recognizer_loso.py's: 18-move macro-F1, confront / persuade / dismiss recall,
complex reflection precision, mode accuracy, blaming or rejecting turns read as encountering,
encountering turns read as blaming or rejecting. Blind sets are never read.

`--without P:,E:` leaves the features of those prefixes out of training and reading. The push
heads learn the training corpora (tools/train_recognizer.py TRAIN_CORPORA), so on a held-out
corpus their probabilities ("P:") and the moves they set ("E:", "EM:") are in-sample: a reader
that trusts them looks better held out than it will on a new writer's talk (final34, English,
train1-6 each held out: pushing read as encountering 414 of 2,233 by the engine, 183 by a
reader with "P:", 379 by one without).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from recognizer_loso import figures_of  # noqa: E402

from simulator.moves import mode_of  # noqa: E402

DEV = tuple(f"dev{i}" for i in range(9, 22))


def figures(items: list[dict], readings: list[list[str]]) -> dict:
    """recognizer_loso.figures over readings already made (the mode follows the moves)."""
    return figures_of(items, [(moves, mode_of(moves) if moves else None) for moves in readings])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--check", default="parts,sets")
    parser.add_argument("--dev-weight", default="0")
    parser.add_argument("--add-at", type=float)
    parser.add_argument("--drop-below", type=float)
    parser.add_argument("--c", type=float)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--without",
        default="",
        help="leave out the features starting with these prefixes, e.g. 'P:,E:,EM:' "
        "(the push heads' readings, in-sample on the training corpora)",
    )
    args = parser.parse_args()
    without = tuple(p for p in args.without.split(",") if p)
    import train_final
    from recognizer_loso import line, mean

    c = train_final.C if args.c is None else args.c
    report = {}
    for lang in args.lang or ["en", "fi"]:
        start = time.perf_counter()
        train = train_final.turns(lang, train_final.CORPORA)
        dev = train_final.turns(
            lang,
            [
                d
                for d in DEV
                if (ROOT / "tests" / "data" / f"recognizer_{d}" / f"{lang}.jsonl").exists()
            ],
        )
        every = train + dev
        fitted: dict = {}
        rows = train_final.engine_rows(lang, every)
        if without:
            rows = [({f for f in r if not f.startswith(without)}, moves) for r, moves in rows]
        print(
            f"{lang}: {len(train)} training turns, {len(dev)} development turns read "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        for check in args.check.split(","):
            groups = (
                train_final.CORPORA
                if check == "parts"
                else sorted({it["corpus"] for it in dev}, key=lambda d: int(d[3:]))
            )
            for weight in (float(w) for w in args.dev_weight.split(",")):
                before, after = [], []
                for held in groups:
                    use = [
                        i
                        for i, it in enumerate(every)
                        if it["corpus"] != held and (it["corpus"].startswith("train") or weight > 0)
                    ]
                    test = [i for i, it in enumerate(every) if it["corpus"] == held]
                    # Without the sets every held-out set is read by one reader (the corpora's).
                    key = (check, weight, held if weight > 0 or check == "parts" else "")
                    if key not in fitted:
                        fitted[key] = train_final.fit(
                            [rows[i][0] for i in use],
                            [every[i]["moves"] for i in use],
                            [
                                1.0 if every[i]["corpus"].startswith("train") else weight
                                for i in use
                            ],
                            c,
                        )
                    model = fitted[key]
                    if args.add_at is not None:
                        model.add_at = args.add_at
                    if args.drop_below is not None:
                        model.drop_below = args.drop_below
                    items = [every[i] for i in test]
                    engine = [rows[i][1] for i in test]
                    final = [
                        model.decide(model.probabilities(rows[i][0]), rows[i][1])
                        if rows[i][0]
                        else rows[i][1]
                        for i in test
                    ]
                    before.append(figures(items, engine))
                    after.append(figures(items, final))
                    print(line(f"  {held} main", before[-1]))
                    print(line(f"  {held} final", after[-1]), flush=True)
                b, a = mean(before), mean(after)
                name = f"{lang} {check} dev-weight {weight}"
                print(
                    f"{name}, mean over {len(groups)} held out "
                    f"({time.perf_counter() - start:.0f} s):"
                )
                print(line("  main", b))
                print(line("  final", a), flush=True)
                report[name] = {
                    "held": list(groups),
                    "before": before,
                    "after": after,
                    "mean_before": b,
                    "mean_after": a,
                }
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
