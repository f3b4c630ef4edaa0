"""Benchmark: does the final reader learn meeting turns in a way that carries to a new round?

    python benchmarks/final_meet.py [--lang en|fi] [--weights 2] [--checks meet,parts,dev]
                                    [--sets meet1,meet3,meet4] [--nested] [--push-reading]
                                    [--add-at A] [--push-at P] [--drop-below D] [--rows cache.pkl]
                                    [--variant confront,dismiss/summary] [--list-harsh]

The final reader (simulator/language/final.py) as tools/train_final.py trains it: the training
corpora train1-7 and the labelled meeting turns of `--sets` (default train_final.MEETINGS) at a
weight (`--weights`; 0: the corpora alone, as final35's D4), every turn read in its context as the
app reads it, by cross-fitted push heads (train_final.out_of_fold_rows: a corpus the push head
learned by a head trained without it, a meeting turn of a round it learned by a head trained
without that turn's fold of rounds). Three checks, beside the engine alone:

- `meet`: the meeting turns cross-validated by round (credibility.meeting_round of the meeting
  each turn comes from): the rounds, sorted, are dealt into train_final.MEET_FOLDS folds, and a
  fold's turns are read by a reader that learned the corpora and the other folds' meeting turns
  only. With `--nested` the thresholds (add_at, push_at, drop_below) a fold is read at are chosen
  on the other folds' turns, each read by a reader that learned neither that fold nor the one
  being chosen for (`choose`), so no figure is read at thresholds chosen on it; the thresholds
  chosen the same way on every fold's readings are what the shipped reader would use (printed,
  in-sample). Figures over all meeting turns read so and per set;
- `parts`: each training corpus held out (the reader learns the other six and every meeting
  turn), against the cross-fitted engine; the mean of the seven corpora's figures;
- `dev`: the reader of the corpora and the meeting sets reads dev9 on, train8 and the meeting
  sets it did not learn (those not in `--sets`), none of which it learned, against the engine
  as shipped (its push head learned dev9-20).

Each `--variant ADDED[/DROPPED[/SHORT[/BESIDE]]]` is a way the same fitted readers edit a
reading: the moves they never add (final.FinalModel.never_added) and, after slashes, never drop
(never_dropped), comma-separated ("" for none), the most words of a turn no push is added to
(short_words) and the confidence a push beside a listening move needs (beside_listening_at).
Default: train_final's settings of the language. With `--push-reading`
the push models also learn from the engine's own reading (train_final.fit's push_own off). With
`--list-harsh` every kind turn (labelled encountering) the engine did not read as harsh and the
reader does is listed with the push it added and the features that weighed most for it.

Figures as benchmarks/recognizer_loso.py's. The thresholds are train_final.MEET_THRESHOLDS unless
given or `--nested`. Blind sets are never read.
"""

from __future__ import annotations

import argparse
import itertools
import math
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

#: The thresholds `--nested` chooses among: add_at, push_at, drop_below.
GRID = ((0.4, 0.5, 0.6), (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, math.inf), (0.1, 0.2, 0.3))
#: The folds the development sets are dealt into by set with `--push-dev`.
DEV_FOLDS = 4


def numbered(prefix: str, first: int) -> tuple[str, ...]:
    """The labelled sets tests/data/recognizer_<prefix><n> from n = `first` on, by number: a
    blind round's turns, once read, become the next of them (never the blind sets themselves)."""
    found = [
        int(p.name.removeprefix(f"recognizer_{prefix}"))
        for p in (ROOT / "tests" / "data").glob(f"recognizer_{prefix}*")
        if p.name.removeprefix(f"recognizer_{prefix}").isdigit()
    ]
    return tuple(f"{prefix}{n}" for n in sorted(found) if n >= first)


#: The meeting sets that can be learned or read (each blind round's turns are development data
#: once read: meet9, meet10 and meet11 since stop 41).
MEETING_SETS = numbered("meet", 1)


def readings(lang: str, sets: tuple[str, ...], cache: Path | None) -> tuple[list[dict], list]:
    """Every turn the checks read, with its engine reading (features, moves), kept in `cache`."""
    import train_final

    key = (lang, sets)
    kept = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    if key in kept:
        return kept[key]
    learned = train_final.turns(lang, train_final.CORPORA) + train_final.turns(lang, sets)
    rows = train_final.out_of_fold_rows(lang, learned)
    dev = train_final.turns(
        lang,
        [
            name
            for name in numbered("dev", 9)
            if (ROOT / "tests" / "data" / f"recognizer_{name}" / f"{lang}.jsonl").exists()
        ],
    )
    fresh = train_final.turns(lang, ["train8"], pinned=False)
    fresh += train_final.turns(lang, [s for s in MEETING_SETS if s not in sets])
    other = dev + fresh
    got = (learned + other, rows + train_final.engine_rows(lang, other))
    if cache:
        kept = pickle.loads(cache.read_bytes()) if cache.exists() else {}
        kept[key] = got
        cache.write_bytes(pickle.dumps(kept))
    return got


def better(got: dict, best: dict | None, engine: dict) -> bool:
    """Whether thresholds reading `got` beat those reading `best` on the same turns: kind turns
    read as harsh not above the engine's count first (fewest if every choice is above), then
    macro-F1."""

    def key(f: dict) -> tuple:
        over = max(0, f["warm_read_harsh"] - engine["warm_read_harsh"])
        return (-over, round(f["macro_f1"], 6))

    return best is None or key(got) > key(best)


def measure(lang: str, args: argparse.Namespace) -> None:
    """Every check of `args.checks` for one language, at each weight of `args.weights`."""
    import train_final

    corpora = set(train_final.CORPORA)
    sets = tuple(args.sets.split(","))
    items, rows = readings(lang, sets, args.rows)
    train = [i for i, it in enumerate(items) if it["corpus"] in corpora]
    meet = [i for i, it in enumerate(items) if it["corpus"] in sets]
    fold = train_final.round_folds([items[i] for i in meet])
    shape = dict(train_final.SHAPE)
    if args.push_reading:
        shape.update(push_own=False, push_add=False)
    if args.add_without is not None:
        shape["add_without"] = tuple(p for p in args.add_without.split(",") if p)

    dev = [i for i, it in enumerate(items) if it["corpus"].startswith("dev")]
    dev_sets = sorted({items[i]["corpus"] for i in dev}, key=lambda d: int(d[3:]))
    #: With `--push-dev` the development sets, dealt by set into DEV_FOLDS folds, are learned
    #: by the adding push models: a set is read by a reader that learned none of its fold.
    dev_fold = {name: k % DEV_FOLDS for k, name in enumerate(dev_sets)}

    def fit(use: list[int], weight: float, dev_out: int | None = None):
        adding = None
        if args.push_dev:
            extra = [i for i in dev if dev_fold[items[i]["corpus"]] != dev_out]
            adding = (
                [rows[i][0] for i in extra],
                [items[i]["moves"] for i in extra],
                [args.push_dev] * len(extra),
            )
        model = train_final.fit(
            [rows[i][0] for i in use],
            [items[i]["moves"] for i in use],
            [1.0 if items[i]["corpus"] in corpora else weight for i in use],
            train_final.C,
            adding=adding,
            **shape,
        )
        model.questions_kept = train_final.QUESTIONS_KEPT
        return model

    fixed = train_final.MEET_THRESHOLDS[lang]
    fixed = tuple(
        f if a is None else a
        for f, a in zip(fixed, (args.add_at, args.push_at, args.drop_below), strict=True)
    )

    def moves_of(spec: str) -> tuple[str, ...]:
        return tuple(m for m in spec.split(",") if m)

    def parsed(spec: str) -> tuple:
        parts = spec.split("/")
        added, dropped, short, beside = (parts + ["", "", "", ""])[:4]
        not_beside = moves_of(parts[4]) if len(parts) > 4 else train_final.PUSH_NOT_BESIDE[lang]
        alone = moves_of(parts[5]) if len(parts) > 5 else train_final.LISTENING_ALONE[lang]
        subtypes = parts[6] == "1" if len(parts) > 6 else train_final.SUBTYPES_KEPT[lang]
        replaces = moves_of(parts[7]) if len(parts) > 7 else train_final.PUSH_REPLACES[lang]
        asking = moves_of(parts[8]) if len(parts) > 8 else train_final.ASKING_KEPT_FROM[lang]
        return (
            moves_of(added),
            moves_of(dropped),
            int(short or 0),
            float(beside) if beside else None,
            not_beside,
            alone,
            subtypes,
            replaces,
            asking,
        )

    default = "/".join(
        (
            ",".join(train_final.NEVER_ADDED[lang]),
            ",".join(train_final.NEVER_DROPPED[lang]),
            str(train_final.SHORT_WORDS[lang]),
            ""
            if train_final.BESIDE_LISTENING_AT[lang] is None
            else str(train_final.BESIDE_LISTENING_AT[lang]),
        )
    )
    variants = [parsed(v) for v in (args.variant or [default])]
    probs: dict = {}  # (reader key, turn) -> the reader's probabilities
    models: dict = {}
    # With `--probs` the readers' probabilities (and their shapes, without weights) are kept
    # per weight: a run that finds them edits readings only, and variants take minutes.
    kept_probs = pickle.loads(args.probs.read_bytes()) if args.probs and args.probs.exists() else {}

    def read(reader, i: int, variant, at) -> list[str]:
        found, moves = rows[i]
        if not found:
            return moves
        model = models[reader]
        (
            model.never_added,
            model.never_dropped,
            model.short_words,
            model.beside_listening_at,
            model.push_not_beside,
            model.listening_alone,
            model.subtypes_kept,
            model.push_replaces,
            model.asking_kept_from,
        ) = variant
        model.listening_unpushed = train_final.LISTENING_UNPUSHED[lang]
        model.add_at, model.push_at, model.drop_below = at
        if (reader, i) not in probs:
            probs[reader, i] = model.probabilities(found)
        return model.decide(probs[reader, i], moves, len(items[i]["text"].split()))

    def named(name: str, variant) -> str:
        if len(variants) == 1:
            return name
        added, dropped, short, beside, not_beside, alone, subtypes, replaces, asking = variant
        return (
            f"{name} [never adds {'+'.join(added) or '-'}, keeps {'+'.join(dropped) or '-'}"
            f", no push to <= {short} words, beside listening at {beside}, no push beside "
            f"{'+'.join(not_beside) or '-'}, {'+'.join(alone) or '-'} alone"
            f"{', subtypes kept' if subtypes else ''}"
            f"{', a push added replaces ' + '+'.join(replaces) if replaces else ''}"
            f"{', not added to questions ' + '+'.join(asking) if asking else ''}]"
        )

    def show(name: str, idx: list[int], final: list[list[str]], reader=None) -> tuple[dict, dict]:
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
                    model = models.get(reader(i) if callable(reader) else reader)
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

    def reader_without(out: frozenset, weight: float) -> frozenset:
        """The key of the reader that learned the corpora and the meeting folds not in `out`."""
        if out not in models:
            models[out] = stubs.get(out) or fit(
                train + [i for i in meet if weight > 0 and fold[items[i]["round"]] not in out],
                weight,
            )
        return out

    def dev_reader(i: int, weight: float):
        """The key of the reader that reads development turn `i`: the reader of every learned
        turn, or with `--push-dev` the one whose adding models learned the other dev folds."""
        if not args.push_dev:
            return reader_without(frozenset(), weight)
        key = ("dev", dev_fold[items[i]["corpus"]])
        if key not in models:
            models[key] = stubs.get(key) or fit(train + meet, weight, key[1])
        return key

    def part_reader(name: str, weight: float):
        """The key of the reader that learned every meeting turn and the corpora but `name`."""
        key = ("without", name)
        if key not in models:
            models[key] = stubs.get(key) or fit(
                [i for i in train if items[i]["corpus"] != name] + meet, weight
            )
        return key

    def kind_harsh(idx_reader, variant, at=None) -> tuple[int, ...]:
        """Kind turns (labelled encountering) read as harsh: by the engine where `at` is None;
        one count per part of `idx_reader` (a list of lists)."""
        counts = []
        for part in idx_reader:
            count = 0
            for i, r in part:
                if items[i]["mode"] != "encountering":
                    continue
                moves = rows[i][1] if at is None else read(r, i, variant, at)
                count += mode_of(moves) in HARSH
            counts.append(count)
        return tuple(counts)

    allowed: dict = {}

    def admissible(variant, weight: float) -> list[tuple]:
        """The thresholds of GRID under which the corpora's kind turns are read as harsh no
        more often than the engine reads them, in dev9-26 together and in each of train1-8 on
        its own (each training corpus by the reader that did not learn it, train8 by the reader
        of every learned turn): the meetings' kind turns are few and the engine reads few of
        them as harsh, so a choice guarded by them alone added persuade to kind "but" turns
        elsewhere (meetlearn3), and one guarded by train1-8's sum read train8's kind turns as
        harsh 13 -> 20 (meetlearn4)."""
        if variant in allowed:
            return allowed[variant]
        whole = reader_without(frozenset(), weight)
        parts = [[(i, dev_reader(i, weight)) for i in dev]]
        for name in train_final.CORPORA:
            key = part_reader(name, weight)
            parts.append([(i, key) for i in train if items[i]["corpus"] == name])
        parts.append([(i, whole) for i, it in enumerate(items) if it["corpus"] == "train8"])
        base = kind_harsh(parts, variant)
        ok = []
        for at in itertools.product(*GRID):
            got = kind_harsh(parts, variant, at)
            if all(g <= b for g, b in zip(got, base, strict=True)):
                ok.append(at)
        print(
            f"  guard: kind read as harsh by the engine dev9-26 {base[0]}, train1-8 each "
            f"{'/'.join(map(str, base[1:]))}; {len(ok)} of {len(list(itertools.product(*GRID)))}"
            " thresholds keep every one",
            flush=True,
        )
        allowed[variant] = ok or [(max(GRID[0]), math.inf, min(GRID[2]))]
        return allowed[variant]

    def choose(idx_reader: list[tuple[int, frozenset]], variant) -> tuple:
        """The thresholds of GRID that read these turns (each by its reader) best (`better`)."""
        idx = [i for i, _ in idx_reader]
        turns = [items[i] for i in idx]
        engine = figures(turns, [rows[i][1] for i in idx])
        best, best_at = None, fixed
        grid = admissible(variant, current_weight[0]) if args.guard else itertools.product(*GRID)
        for at in grid:
            got = figures(turns, [read(r, i, variant, at) for i, r in idx_reader])
            if better(got, best, engine):
                best, best_at = got, at
        return best_at

    thresholds: dict = {v: fixed for v in variants}
    current_weight = [0.0]
    for weight in (float(w) for w in args.weights.split(",")):
        start = time.perf_counter()
        print(f"{lang}, meeting turns of {'+'.join(sets)} at weight {weight}:", flush=True)
        models.clear()
        probs.clear()
        allowed.clear()
        stubs, got = kept_probs.get(weight, ({}, {}))
        probs.update(got)
        current_weight[0] = weight
        folds = sorted(set(fold.values()))
        if "meet" in args.checks:
            for v in variants:
                final: dict = {}
                outer: list[tuple[int, frozenset]] = []
                for k in folds:
                    at = fixed
                    if args.nested:
                        inner = [
                            (i, reader_without(frozenset({k, j}), weight))
                            for j in folds
                            if j != k
                            for i in meet
                            if fold[items[i]["round"]] == j
                        ]
                        at = choose(inner, v)
                        print(f"  fold {k}: thresholds {at} (chosen on the other folds)")
                    r = reader_without(frozenset({k}), weight)
                    for i in meet:
                        if fold[items[i]["round"]] == k:
                            final[i] = read(r, i, v, at)
                            outer.append((i, r))
                show(
                    named(f"meetings by round ({len(folds)} folds)", v),
                    meet,
                    [final[i] for i in meet],
                    reader=dict(outer).get,
                )
                for name in sets:
                    idx = [i for i in meet if items[i]["corpus"] == name]
                    show(named(f"  {name}", v), idx, [final[i] for i in idx])
                if args.nested:
                    thresholds[v] = choose(outer, v)
                    print(
                        f"  chosen on every fold's readings (the shipped reader's): {thresholds[v]}"
                    )
        if "parts" in args.checks:
            before, after = [], {v: [] for v in variants}
            for name in train_final.CORPORA:
                key = part_reader(name, weight)
                idx = [i for i in train if items[i]["corpus"] == name]
                for v in variants:
                    b, a = show(
                        named(name, v), idx, [read(key, i, v, thresholds[v]) for i in idx], key
                    )
                    after[v].append(a)
                before.append(b)
            print_means("corpora", "per corpus", before, after)
        if "dev" in args.checks:
            whole = reader_without(frozenset(), weight)
            names = sorted(
                {it["corpus"] for it in items if it["corpus"].startswith("dev")},
                key=lambda d: int(d[3:]),
            )
            before, after = [], {v: [] for v in variants}
            for name in names:
                idx = [i for i, it in enumerate(items) if it["corpus"] == name]
                key = dev_reader(idx[0], weight)
                for v in variants:
                    b, a = show(
                        named(name, v), idx, [read(key, i, v, thresholds[v]) for i in idx], key
                    )
                    after[v].append(a)
                before.append(b)
            print_means("dev", "per set", before, after)
            key = whole
            for name in ["train8", *(s for s in MEETING_SETS if s not in sets)]:
                idx = [i for i, it in enumerate(items) if it["corpus"] == name]
                for v in variants:
                    show(named(name, v), idx, [read(key, i, v, thresholds[v]) for i in idx], key)
        if args.probs:
            from dataclasses import replace

            shapes = {k: replace(m, index={}, weights=(), _packed={}) for k, m in models.items()}
            kept_probs[weight] = ({**stubs, **shapes}, dict(probs))
            args.probs.write_bytes(pickle.dumps(kept_probs))
        print(f"  ({time.perf_counter() - start:.0f} s)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--weights", default="2")
    parser.add_argument("--checks", default="meet,parts,dev")
    parser.add_argument("--sets", default=None, help="the meeting sets learned, comma-separated")
    parser.add_argument("--nested", action="store_true", help="choose thresholds nested by fold")
    parser.add_argument(
        "--push-reading", action="store_true", help="push models read the engine's reading too"
    )
    parser.add_argument("--add-at", type=float)
    parser.add_argument("--drop-below", type=float)
    parser.add_argument("--push-at", type=float)
    parser.add_argument("--rows", type=Path, help="a pickle of the readings, kept")
    parser.add_argument(
        "--guard",
        action="store_true",
        help="choose only thresholds that read no more kind turns of dev9-26, train1-8 as harsh",
    )
    parser.add_argument(
        "--add-without",
        metavar="PREFIXES",
        help="features the adding push models leave out, comma-separated (SHAPE's by default)",
    )
    parser.add_argument(
        "--push-dev",
        type=float,
        default=0.0,
        metavar="WEIGHT",
        help="the adding push models also learn the development sets at this weight, by fold",
    )
    parser.add_argument(
        "--probs", type=Path, help="a pickle of the readers' probabilities, kept (variants only)"
    )
    parser.add_argument("--list-harsh", action="store_true", help="list kind turns read as harsh")
    parser.add_argument(
        "--variant",
        action="append",
        metavar="ADDED[/DROPPED[/SHORT[/BESIDE[/NOT_BESIDE[/ALONE[/SUBTYPES[/REPLACES[/ASKING]]]]]]]]",
        help="moves never added [/ never dropped, comma-separated / no push added to a turn of at"
        " most SHORT words / a push beside a listening move added at BESIDE / no push beside"
        " NOT_BESIDE / ALONE added only without a listening move / 1: subtypes kept / a push"
        " added replaces REPLACES / ASKING never added to a question alone]"
        " (repeatable)",
    )
    args = parser.parse_args()
    if args.sets is None:
        import train_final

        args.sets = ",".join(train_final.MEETINGS)
    for lang in args.lang or ["en", "fi"]:
        measure(lang, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
