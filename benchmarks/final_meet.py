"""Benchmark: does the final reader learn meeting turns in a way that carries to a new round?

    python benchmarks/final_meet.py [--lang en|fi] [--weights 2] [--folds 4]
                                    [--checks meet,parts,dev] [--add-at A] [--push-at P]
                                    [--drop-below D] [--rows cache.pkl]
                                    [--variant confront,dismiss/summary] [--variant confront]

The final reader (simulator/language/final.py) as tools/train_final.py trains it: the training
corpora train1-7 (read by cross-fitted push heads, train_final.out_of_fold_rows) and the labelled
meeting turns of recognizer_meet1 at a weight (`--weights`; 0: the corpora alone, as final35's D4).
Every turn is read in its context as the app reads it. Three checks, beside the engine alone:

- `meet`: meet1 cross-validated by round (credibility.meeting_round of the meeting each turn
  comes from, meetings.json): the rounds, sorted, are dealt into `--folds` folds, and a fold's
  turns are read by a reader that learned the corpora and the other folds' meeting turns only,
  so no writer's turns train the reader that reads their other turns. The figures are over all
  meet1 turns read so (one macro-F1 over the set, as recognizer_blind.py --set meet1 gives it);
- `parts`: each training corpus held out (the reader learns the other six and every meet1 turn),
  against the cross-fitted engine; the mean of the seven corpora's figures;
- `dev`: the reader of the corpora and meet1 reads dev9-24 (dev24: blind set 19, development
  data now), train8 and recognizer_meet3 (the 354c960 development round's worker turns), none
  of which it learned, against the engine as shipped (its push head learned dev9-20).

Each `--variant ADDED[/DROPPED]` is a way the same fitted readers edit a reading: the moves
they never add (final.FinalModel.never_added) and, after a slash, never drop (never_dropped),
comma-separated ("" for none). Every figure is printed per variant, the readers fitted once.
Default: train_final.NEVER_ADDED, nothing kept. With `--list-harsh` every kind turn (labelled
encountering) the engine did not read as harsh and the reader does is listed with the push it
added and the features that weighed most for it.

Figures as benchmarks/recognizer_loso.py's. The engine's meet1 readings use the shipped push
head, which learned the skilled and neutral turns of the rounds up to 9351f3c (PUSH_MEETINGS):
its probabilities there are in-sample for the reader too. The thresholds are
train_final.MEET_THRESHOLDS unless given. recognizer_meet2 and blind sets are never read.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from final_heldout import figures  # noqa: E402
from recognizer_loso import HARSH, line, mean  # noqa: E402

from simulator.moves import mode_of  # noqa: E402


def readings(lang: str, cache: Path | None) -> tuple[list[dict], list]:
    """Every turn the checks read, with its engine reading (features, moves), kept in `cache`."""
    import train_final
    from credibility import meeting_round

    kept = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    if lang in kept:
        return kept[lang]
    train = train_final.turns(lang, train_final.CORPORA)
    rows = train_final.out_of_fold_rows(lang, train)
    dev = train_final.turns(
        lang,
        [
            f"dev{i}"
            for i in range(9, 25)
            if (ROOT / "tests" / "data" / f"recognizer_dev{i}" / f"{lang}.jsonl").exists()
        ],
    )
    fresh = train_final.turns(lang, ["train8", "meet3"], pinned=False)
    meet = train_final.turns(lang, train_final.MEETINGS)
    ids = json.loads((ROOT / "tests/data/recognizer_meet1/meetings.json").read_text("utf-8"))
    for it in meet:
        it["round"] = meeting_round(ids[it["key"].split("-")[0]])
    other = dev + fresh + meet
    got = (train + other, rows + train_final.engine_rows(lang, other))
    if cache:
        kept[lang] = got
        cache.write_bytes(pickle.dumps(kept))
    return got


def measure(lang: str, args: argparse.Namespace) -> None:
    """Every check of `args.checks` for one language, at each weight of `args.weights`."""
    import train_final

    corpora = set(train_final.CORPORA)
    items, rows = readings(lang, args.rows)
    train = [i for i, it in enumerate(items) if it["corpus"] in corpora]
    meet = [i for i, it in enumerate(items) if it["corpus"] in train_final.MEETINGS]

    def fit(use: list[int], weight: float):
        model = train_final.fit(
            [rows[i][0] for i in use],
            [items[i]["moves"] for i in use],
            [1.0 if items[i]["corpus"] in corpora else weight for i in use],
            train_final.C,
            **train_final.SHAPE,
        )
        add_at, push_at, drop_below = train_final.MEET_THRESHOLDS[lang]
        model.add_at = add_at if args.add_at is None else args.add_at
        model.push_at = push_at if args.push_at is None else args.push_at
        model.drop_below = drop_below if args.drop_below is None else args.drop_below
        model.questions_kept = train_final.QUESTIONS_KEPT
        return model

    def parsed(spec: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        added, _, dropped = spec.partition("/")
        return tuple(m for m in added.split(",") if m), tuple(m for m in dropped.split(",") if m)

    variants = [parsed(v) for v in (args.variant or [",".join(train_final.NEVER_ADDED[lang])])]

    def read(model, i: int, variant) -> list[str]:
        found, moves = rows[i]
        model.never_added, model.never_dropped = variant
        models[i] = model
        return model.decide(model.probabilities(found), moves) if found else moves

    def named(name: str, variant) -> str:
        if len(variants) == 1:
            return name
        added, dropped = variant
        return f"{name} [never adds {'+'.join(added) or '-'}, keeps {'+'.join(dropped) or '-'}]"

    models: dict[int, object] = {}

    def show(name: str, idx: list[int], final: list[list[str]]) -> tuple[dict, dict]:
        turns = [items[i] for i in idx]
        before, after = figures(turns, [rows[i][1] for i in idx]), figures(turns, final)
        print(line(f"  {name} main", before))
        print(line(f"  {name} final", after), flush=True)
        if args.list_harsh:
            for i, moves in zip(idx, final, strict=True):
                engine = rows[i][1]
                if (
                    items[i]["mode"] == "encountering"
                    and mode_of(moves) in HARSH
                    and mode_of(engine) not in HARSH
                ):
                    print(
                        f"    harsh: {'+'.join(engine)} -> {'+'.join(moves)} | {items[i]['text']}"
                    )
                    model = models.get(i)
                    for move in sorted(set(moves) - set(engine)):
                        if model is not None and move in model.moves:
                            print(f"      {move}: {weighed(model, i, move)}")
        return before, after

    def print_means(what: str, each: str, before: list, after: dict) -> None:
        """The engine's mean and each variant's, then each held-out part's gain in macro-F1."""
        print(line(f"  {what} main", mean(before)))
        for v in variants:
            print(line(named(f"  {what} final", v), mean(after[v])))
            pairs = zip(after[v], before, strict=True)
            gains = " ".join(f"{a['macro_f1'] - b['macro_f1']:+.3f}" for a, b in pairs)
            print(f"  {each}: {gains}", flush=True)

    def weighed(model, i: int, move: str) -> str:
        from simulator.language.final import feature_values

        values = feature_values(rows[i][0], model.length_scaled, model.without, model.scale_floor)
        column = model.weights[model.moves.index(move)]
        parts = sorted(
            (
                (column[model.index[f]] * model.weight_scale * v, f)
                for f, v in values.items()
                if f in model.index
            ),
            reverse=True,
        )
        p = model.probabilities(rows[i][0])[move]
        return f"p {p:.2f}; " + ", ".join(f"{f} {w:+.2f}" for w, f in parts[:6])

    for weight in (float(w) for w in args.weights.split(",")):
        start = time.perf_counter()
        print(f"{lang}, meeting turns at weight {weight}:", flush=True)
        if "meet" in args.checks:
            rounds = sorted({items[i]["round"] for i in meet})
            fold = {r: k % args.folds for k, r in enumerate(rounds)}
            final: dict = {v: {} for v in variants}
            for k in range(args.folds if weight > 0 else 1):
                use = train + [i for i in meet if weight > 0 and fold[items[i]["round"]] != k]
                model = fit(use, weight)
                for i in meet:
                    if weight == 0 or fold[items[i]["round"]] == k:
                        for v in variants:
                            final[v][i] = read(model, i, v)
            for v in variants:
                show(
                    named(f"meet1 by round ({args.folds} folds)", v),
                    meet,
                    [final[v][i] for i in meet],
                )
        if "parts" in args.checks:
            before, after = [], {v: [] for v in variants}
            for name in train_final.CORPORA:
                model = fit([i for i in train if items[i]["corpus"] != name] + meet, weight)
                idx = [i for i in train if items[i]["corpus"] == name]
                for v in variants:
                    b, a = show(named(name, v), idx, [read(model, i, v) for i in idx])
                    after[v].append(a)
                before.append(b)
            print_means("corpora", "per corpus", before, after)
        if "dev" in args.checks:
            model = fit(train + meet, weight)
            before, after = [], []
            names = sorted(
                {it["corpus"] for it in items if it["corpus"].startswith("dev")},
                key=lambda d: int(d[3:]),
            )
            after = {v: [] for v in variants}
            for name in names:
                idx = [i for i, it in enumerate(items) if it["corpus"] == name]
                for v in variants:
                    b, a = show(named(name, v), idx, [read(model, i, v) for i in idx])
                    after[v].append(a)
                before.append(b)
            print_means("dev", "per set", before, after)
            for name in ("train8", "meet3"):
                idx = [i for i, it in enumerate(items) if it["corpus"] == name]
                for v in variants:
                    show(named(name, v), idx, [read(model, i, v) for i in idx])
        print(f"  ({time.perf_counter() - start:.0f} s)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--weights", default="2")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--checks", default="meet,parts,dev")
    parser.add_argument("--add-at", type=float)
    parser.add_argument("--drop-below", type=float)
    parser.add_argument("--push-at", type=float)
    parser.add_argument("--rows", type=Path, help="a pickle of the readings, kept")
    parser.add_argument("--list-harsh", action="store_true", help="list kind turns read as harsh")
    parser.add_argument(
        "--variant",
        action="append",
        metavar="ADDED[/DROPPED]",
        help="moves never added [/ never dropped], comma-separated (repeatable)",
    )
    args = parser.parse_args()
    for lang in args.lang or ["en", "fi"]:
        measure(lang, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
