"""Benchmark: does the final reader (simulator/language/final.py) carry to writers it never read?

    python benchmarks/final_heldout.py [--lang fi|en] [--check parts,sets] [--dev-weight 0,0.3]
                                       [--add-at 0.6] [--drop-below 0.1] [--c 1.0] [--json out.json]
                                       [--without P:] [--oof] [--variants scaled+noxc+families,...]
                                       [--rows cache.pkl]

- `parts`: leave one training corpus out (train_final.CORPORA; each written by one helper per
  language who never read the recognizer, and never tuned on): the reader is trained as
  tools/train_final.py trains it on the other three (with the development sets dev9-20 at
  `--dev-weight` when above 0) and reads the held-out corpus;
- `sets`: leave one development set out (dev9-22): trained on the corpora (and the other sets at
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

`--oof` reads every turn of a corpus the push head learned (train1-4, dev9-20) with an engine
whose push head was trained without that corpus (train_final.out_of_fold_rows): "P:", "E:" and
"EM:" are then honest inputs, and the engine's own figures ("main") on those turns are the
cross-fitted engine's too (`--oof` prints the shipped engine's beside them). `--variants` measures
several readers over the same readings, each a "+"-joined list of: `scaled` (the turn's own
features weighed 1/sqrt(their number), final.feature_values), `noxc` (no character n-grams),
`noP` (no push-head probabilities), `noE` (no "P:", "E:", "EM:"), `families` (the "families"
rule of FinalModel.decide), `floorN` (the scaling counts at least N own features), `nonempty`
(FinalModel.never_empty); `edit` alone is stack33's reader. `--rows` keeps the readings in a
pickle (read again when it exists).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from recognizer_loso import figures_of  # noqa: E402

from simulator.moves import mode_of  # noqa: E402

DEV = tuple(f"dev{i}" for i in range(9, 23))


def figures(items: list[dict], readings: list[list[str]]) -> dict:
    """recognizer_loso.figures over readings already made (the mode follows the moves)."""
    return figures_of(items, [(moves, mode_of(moves) if moves else None) for moves in readings])


def held_out(every, rows, shipped, groups, check, weight, shape, c, args, name) -> dict:
    """Each of `groups` held out: the reader trained on the rest reads it (figures beside the
    engine's: as it read the turns the reader learned from, and as shipped)."""
    import train_final
    from recognizer_loso import line, mean

    before, after, app = [], [], []
    fitted: dict = {}
    for held in groups:
        use = [
            i
            for i, it in enumerate(every)
            if it["corpus"] != held and (it["corpus"].startswith("train") or weight > 0)
        ]
        test = [i for i, it in enumerate(every) if it["corpus"] == held]
        # Without the sets every held-out set is read by one reader (the corpora's).
        key = held if weight > 0 or check == "parts" else ""
        if key not in fitted:
            fitted[key] = train_final.fit(
                [rows[i][0] for i in use],
                [every[i]["moves"] for i in use],
                [1.0 if every[i]["corpus"].startswith("train") else weight for i in use],
                c,
                **shape,
            )
        model = fitted[key]
        if args.add_at is not None:
            model.add_at = args.add_at
        if args.drop_below is not None:
            model.drop_below = args.drop_below
        items = [every[i] for i in test]
        final = [
            model.decide(model.probabilities(rows[i][0]), rows[i][1]) if rows[i][0] else rows[i][1]
            for i in test
        ]
        app.append(figures(items, [shipped[i][1] for i in test]))
        before.append(figures(items, [rows[i][1] for i in test]))
        after.append(figures(items, final))
        if args.oof:
            print(line(f"  {held} as shipped", app[-1]))
        print(line(f"  {held} main", before[-1]))
        print(line(f"  {held} final", after[-1]), flush=True)
    b, a = mean(before), mean(after)
    print(f"{name}, mean over {len(groups)} held out:")
    if args.oof:
        print(line("  as shipped", mean(app)))
    print(line("  main", b))
    print(line("  final", a))
    print(
        "  macro-F1 per held out: "
        + " ".join(
            f"{x['macro_f1'] - y['macro_f1']:+.3f}" for x, y in zip(after, before, strict=True)
        ),
        flush=True,
    )
    return {
        "held": list(groups),
        "shipped": app,
        "before": before,
        "after": after,
        "mean_shipped": mean(app),
        "mean_before": b,
        "mean_after": a,
    }


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
    parser.add_argument("--oof", action="store_true", help="cross-fitted push heads")
    parser.add_argument("--variants", default="edit")
    parser.add_argument("--rows", type=Path, help="a pickle of the readings, kept")
    args = parser.parse_args()
    without = tuple(p for p in args.without.split(",") if p)
    import train_final

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
        cached = None
        if args.rows and args.rows.exists():
            cached = pickle.loads(args.rows.read_bytes()).get((lang, args.oof))
        if cached is None:
            shipped = train_final.engine_rows(lang, every)
            rows = train_final.out_of_fold_rows(lang, every) if args.oof else shipped
            if args.rows:
                kept = pickle.loads(args.rows.read_bytes()) if args.rows.exists() else {}
                kept[(lang, args.oof)] = (shipped, rows)
                args.rows.write_bytes(pickle.dumps(kept))
        else:
            shipped, rows = cached
        print(
            f"{lang}: {len(train)} training turns, {len(dev)} development turns read "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        for variant in args.variants.split(","):
            flags = set(variant.split("+"))
            dropped = set(without)
            dropped |= {"xc:"} if "noxc" in flags else set()
            dropped |= {"P:"} if "noP" in flags else set()
            dropped |= {"P:", "E:", "EM:"} if "noE" in flags else set()
            shape = {
                "length_scaled": "scaled" in flags,
                "without": tuple(sorted(dropped)),
                "rule": "families" if "families" in flags else "edit",
                "scale_floor": next((int(f[5:]) for f in flags if f.startswith("floor")), 1),
                "never_empty": "nonempty" in flags,
            }
            for check in args.check.split(","):
                groups = (
                    train_final.CORPORA
                    if check == "parts"
                    else sorted({it["corpus"] for it in dev}, key=lambda d: int(d[3:]))
                )
                for weight in (float(w) for w in args.dev_weight.split(",")):
                    name = f"{lang} {variant} {check} dev-weight {weight}"
                    report[name] = held_out(
                        every, rows, shipped, groups, check, weight, shape, c, args, name
                    )
                    print(f"  ({time.perf_counter() - start:.0f} s)", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
