"""Benchmark: does the push head learn, from more of our data, what carries to new writers?

    python benchmarks/push_heldout.py [--lang fi|en] [--config sets,meetings,both,train+both]
                                      [--push-at 0.5,0.6] [--held-rounds 2f80339,ea62896]
                                      [--group-with train1,train2] [--json out.json]

The push head (confront / persuade / dismiss; tools/train_recognizer.py `push_head`) is
retrained with more data than it ships with, always without what it is then measured on:

- `sets`: the development sets written by helpers who never read the recognizer
  (`DEV_SETS`: the later sets the training script names, recognizer_dev9 ... dev19), leaving
  out the set read;
- `meetings`: the judged worker turns of the free-text meetings (benchmarks/credibility_data;
  `train_recognizer.meeting_examples`: skilled and neutral turns as turns that push in none
  of the three ways), leaving out the round read (`credibility.ROUNDS`: the writers of one
  engine commit, so new writers and a new judge);
- `both`; and `pseudo`: both, and each pushing meeting turn taken as the push the head
  (trained without that turn's round) finds likeliest, when it gives it `PSEUDO_AT` or more;
- `recipe`: the sets and rounds the shipped head learns from (`GATE_EXTRA`, `PUSH_MEETINGS`),
  retrained without the held-out set or round, so that a set the shipped head learned from is
  compared held out with held out;
- `train`: the training corpora (`train_recognizer.TRAIN_CORPORA`, recognizer_train1/2: written
  to be learned from, never read here as a measure); parts join with "+", e.g. `train+both`.

With `--held-rounds`, the meetings of those rounds are left out of every head (for the sets
too) and only they are replayed, each read by heads that never saw them; without it each round
is left out in turn. With `--group-with`, the group and subtype models of every config (not of
"shipped") are trained once again on the gate's base corpora and the corpora named (never a
development set, so the held-out set stays out of every part).

Each trained head replaces the shipped one in the shipped gate (the group and subtype models
and every threshold stay as they ship; the Finnish group model has read dev9-13, the same
before and after). Read with it:

- each held-out development set (as benchmarks/recognizer_loso.py reads one): macro-F1,
  confront / persuade / dismiss recall, blaming or rejecting turns read as encountering,
  encountering turns read as blaming or rejecting;
- each held-out round of meetings, replayed through `Session` (as benchmarks/skilled_replay.py
  plays them): pushing turns read as encountering, skilled turns read as blaming or rejecting,
  skilled meetings at the good ending.

"shipped" is the gate as it ships (its push head learned from none of these). Needs
scikit-learn (`pip install -e '.[train]'`). Blind sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from credibility import (  # noqa: E402
    DATA,
    ROUNDS,
    judge,
    meeting_round,
    play,
    read_judgements,
    read_meetings,
    read_worker_kinds,
)
from recognizer_loso import CONTEXTS, add_context_option, figures, line, mean  # noqa: E402
from skilled_replay import figures as replay_figures  # noqa: E402
from train_recognizer import LATER_SETS, LATEST_SETS, NEW_SETS, TRAIN_CORPORA  # noqa: E402

DEV_SETS = (*NEW_SETS, *LATER_SETS, *LATEST_SETS)
PARTS = ("sets", "meetings", "train", "pseudo", "recipe")
ALIASES = {"base": (), "both": ("sets", "meetings"), "pseudo": ("sets", "meetings", "pseudo")}


def parts(config: str) -> frozenset[str]:
    """The parts a config name joins ("train+both" -> train, sets, meetings)."""
    out: set[str] = set()
    for part in config.split("+"):
        out.update(ALIASES.get(part, (part,)))
    return frozenset(out)


PSEUDO_AT = 0.2


def dev_sets(lang: str, names=DEV_SETS) -> list[str]:
    """The development sets (or other corpora) of `names` written in `lang` (dev16 is Finnish
    only)."""
    data = ROOT / "tests" / "data"
    return [s for s in names if (data / f"recognizer_{s}" / f"{lang}.jsonl").exists()]


def own_data(lang: str, names: list[str]) -> list[tuple[dict, str, set[str], float]]:
    """The labelled turns of the named corpora, in the form `train_recognizer.push_head` reads."""
    from train_recognizer import corpus, corpus_turn

    out = []
    for name in names:
        for it in corpus(lang, [name]):
            turn = {**corpus_turn(it), "corpus": name}
            out.append((turn, "", set(it["moves"]), 1.0))
    return out


def head(lang: str, data: list, pseudo: bool = False) -> dict:
    """The push head trained on `data`; with `pseudo`, pushing meeting turns join it as the push
    the head trained without them finds likeliest (at PSEUDO_AT or more)."""
    import train_recognizer as tr

    rows = tr.gate_rows(lang, learned_turns(lang, data))[0]
    push = tr.push_head(lang, data, rows)
    if not pseudo:
        return push
    added = []
    for d, row in zip(data, rows, strict=True):
        if d[0].get("kind") != "pushing":
            continue
        best = max(push, key=lambda m: push[m].probabilities(row)[push[m].labels.index(m)])
        if push[best].probabilities(row)[push[best].labels.index(best)] >= PSEUDO_AT:
            added.append(({**d[0], "kind": None}, "", {best}, 1.0))
    rest = [d for d in data if d[0].get("kind") != "pushing"]
    rows = tr.gate_rows(lang, learned_turns(lang, rest + added))[0]
    return tr.push_head(lang, rest + added, rows)


def learned_turns(lang: str, data: list) -> list[dict]:
    """The turns of `data` as the push head of `lang` learns them (`--train-context`)."""
    import train_recognizer as tr

    if tr.PUSH_IN_CONTEXT[lang]:
        return [d[0] for d in data]
    return [tr.without_context(d[0]) for d in data]


def meeting_data(turns: list[dict]) -> list[tuple[dict, str, set[str], float]]:
    from train_recognizer import MEETINGS

    return [({**t, "corpus": MEETINGS}, "", set(), 1.0) for t in turns]


def gates(trained: dict, held_set: str | None, held_round: str | None, config: str, push_at):
    """(name, gate): the gate (shipped, or with the group models `--group-with` trains) with
    the push head `config` trains without the held-out set or round, and the same at the
    confidences `push_at`."""
    lang = trained["lang"]
    joined = parts(config)
    data = own_data(lang, trained["base"])
    if "train" in joined:
        # A training corpus read as the held-out set (`--sets train1,...`) is one writer's
        # talk: the head then learns from the other writers' corpora only.
        data += own_data(lang, [c for c in trained["train"] if c != held_set])
    if "sets" in joined:
        data += own_data(lang, [s for s in trained["sets"] if s != held_set])
    if "recipe" in joined:
        # The shipped head's own sets and rounds, retrained without the held-out set: a set the
        # shipped head learned from is then compared held out with held out.
        data += own_data(lang, [s for s in trained["recipe_sets"] if s != held_set])
    if "meetings" in joined or "recipe" in joined:
        rounds = trained["recipe_rounds"] if "meetings" not in joined else None
        data += meeting_data(
            [
                t
                for t in trained["turns"]
                if t["round"] != held_round
                and t["round"] not in trained["held_rounds"]
                and (rounds is None or t["round"] in rounds)
            ]
        )
    gate = replace(grouped_for(trained, held_set), push=head(lang, data, pseudo="pseudo" in joined))
    yield config, gate
    for at in push_at:
        yield f"{config} at {at}", replace(gate, push_threshold=at, push_thresholds={})


def grouped_for(trained: dict, held_set: str | None):
    """The gate whose group and subtype models read a held-out set: the one of `--group-from`
    or `--group-with`, or the shipped one; with `--group-fold` those models as
    train_recognizer.train_gate trains them (GATE_IN_CONTEXT), without the held-out set when
    they would learn from it (trained once per held-out set they read, once for the rest)."""
    if not trained["group_fold"]:
        return trained["grouped"]
    import train_recognizer as tr

    lang = trained["lang"]
    read = [c for c in tr.gate_corpora(lang) if c not in tr.PUSH_ONLY[lang]]
    key = held_set if held_set in read else None
    if key not in trained["folds"]:
        start = time.perf_counter()
        # No meetings: they teach the push head only, which is trained apart for each fold.
        other = tr.train_gate(lang, own=[c for c in read if c != key], meetings=[])
        trained["folds"][key] = replace(
            trained["grouped"], groups=other.groups, subtypes=other.subtypes
        )
        print(
            f"  ({lang} group and subtype models trained without {key or 'no set'}: "
            f"{time.perf_counter() - start:.0f} s)"
        )
    return trained["folds"][key]


def replay_round(lang: str, rec, meetings: list, scenarios: dict, judgements, kinds) -> dict:
    """The meetings of one round played with the recognizer `rec`."""
    import simulator.language as language

    shipped = language.get_recognizer
    language.get_recognizer = lambda _lang: rec
    try:
        played = []
        for meeting in meetings:
            p = play(meeting, scenarios[meeting.scenario])
            judge(p, judgements, kinds)
            played.append(p)
    finally:
        language.get_recognizer = shipped
    return replay_figures(played)


def replay_line(name: str, f: dict) -> str:
    return (
        f"{name:<16} pushing read as encountering {f['pushing_read_encountering']}/"
        f"{f['pushing_turns']}  skilled read as harsh {f['skilled_read_harsh']}/"
        f"{f['skilled_turns']}  skilled good endings {f['skilled_good']}/{f['skilled_meetings']}"
    )


def add(rows: list[dict]) -> dict:
    return {k: sum(r[k] for r in rows) for k in rows[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--config", default="sets,meetings,both")
    parser.add_argument("--push-at", default="", help="also read with the head at these, e.g. 0.6")
    parser.add_argument("--skip-sets", action="store_true", help="only the meeting rounds")
    parser.add_argument(
        "--sets",
        default="",
        help="the sets held out in turn (default the development sets dev9...); training "
        "corpora too, e.g. train1,train2,train3,train4 (leave one writer out)",
    )
    parser.add_argument("--skip-meetings", action="store_true", help="only the development sets")
    parser.add_argument(
        "--held-rounds",
        default="",
        help="rounds (credibility.ROUNDS keys) left out of every head and replayed, e.g. "
        "2f80339,ea62896 (default: each round left out in turn)",
    )
    parser.add_argument(
        "--train",
        default=",".join(TRAIN_CORPORA),
        help="the training corpora the 'train' part adds (those written in the language)",
    )
    parser.add_argument(
        "--group-with",
        default="",
        help="train the group and subtype models of every config on the base corpora and "
        "these, e.g. train1,train2",
    )
    parser.add_argument(
        "--group-from",
        type=Path,
        help="take the group and subtype models of every config from the gate files in this "
        "folder (<lang>-gate.json and its .bin, e.g. the gate retrained on today's rules)",
    )
    add_context_option(parser)
    parser.add_argument(
        "--both-ways",
        action="store_true",
        help="read each held-out set the other way too (rows marked '(other way)'): the heads "
        "are trained once for both readings",
    )
    parser.add_argument(
        "--train-context",
        choices=CONTEXTS,
        default="",
        help="the trained heads learn the corpora's turns with the client's last line only "
        "(as heads did before ctx33) or with the app's context (default: as the language's "
        "head ships, train_recognizer.PUSH_IN_CONTEXT)",
    )
    parser.add_argument(
        "--group-fold",
        action="store_true",
        help="train the group and subtype models too, as train_recognizer trains them, "
        "without each held-out set they would read (leave one out of every learned piece)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import train_recognizer as tr

    if args.train_context:
        tr.PUSH_IN_CONTEXT.update(dict.fromkeys(tr.PUSH_IN_CONTEXT, args.train_context == "app"))

    from simulator.language.gate import Gate, load_gate
    from simulator.language.gated import GatedRecognizer
    from simulator.scenario.loader import load_library

    configs = args.config.split(",")
    unknown = [c for c in configs if not parts(c) <= set(PARTS)]
    if unknown:
        parser.error(f"unknown config {unknown}; join parts of {PARTS} (or both) with '+'")
    held_rounds = [r for r in args.held_rounds.split(",") if r]
    push_at = [float(x) for x in args.push_at.split(",") if x]
    scenarios = {s.id: s for s in load_library()[0]}
    judgements = read_judgements(DATA / "judgements")
    kinds = read_worker_kinds(DATA / "judgements")
    report: dict = {}
    for lang in args.lang or ["fi", "en"]:
        start = time.perf_counter()
        # The sets the shipped push head learns from ('recipe'), read before GROUP_ONLY is
        # cleared: here the push head reads every corpus named.
        recipe_sets = [
            c
            for c in tr.gate_corpora(lang)
            if c not in tr.GATE_CORPORA and c not in tr.GROUP_ONLY[lang]
        ]
        tr.GROUP_ONLY[lang] = frozenset()
        shipped = load_gate(lang)
        assert shipped is not None
        base = [c for c in tr.GATE_CORPORA if c not in DEV_SETS]
        sets = dev_sets(lang)
        held_sets = dev_sets(lang, [s for s in args.sets.split(",") if s]) if args.sets else sets
        by_round: dict[str, list] = {}
        for m in read_meetings(DATA / "meetings"):
            if scenarios[m.scenario].language == lang and m.id in kinds:
                by_round.setdefault(meeting_round(m.id), []).append(m)
        rounds = [r for r in ("hen", *ROUNDS) if r in by_round]
        turns = tr.meeting_examples(lang, rounds=frozenset(rounds))
        grouped = shipped
        if args.group_from:
            data = json.loads((args.group_from / f"{lang}-gate.json").read_text(encoding="utf-8"))
            binary = (args.group_from / data["groups"]["binary"]).read_bytes()
            other = Gate.from_json(data, binary)
            grouped = replace(shipped, groups=other.groups, subtypes=other.subtypes)
            print(f"{lang}: group and subtype models from {args.group_from}")
        group_with = dev_sets(lang, [c for c in args.group_with.split(",") if c])
        if group_with:
            trainer = tr.train_gate(lang, own=[*tr.GATE_CORPORA, *group_with], meetings=[])
            grouped = replace(shipped, groups=trainer.groups, subtypes=trainer.subtypes)
            print(f"{lang}: group and subtype models trained with {', '.join(group_with)}")
        trained = {
            "lang": lang,
            "shipped": shipped,
            "grouped": grouped,
            "group_fold": args.group_fold,
            "folds": {},
            "base": base,
            "sets": sets,
            "turns": turns,
            "train": dev_sets(lang, [c for c in args.train.split(",") if c]),
            "held_rounds": frozenset(held_rounds),
            "recipe_sets": recipe_sets,
            "recipe_rounds": frozenset(tr.PUSH_MEETINGS[lang]),
        }
        print(f"{lang}: training corpora {trained['train']}, sets {sets}")

        out: dict = {"sets": {}, "rounds": {}}
        if not args.skip_sets:
            for held in held_sets:
                items = tr.corpus(lang, [held])
                row = {"shipped": figures(items, GatedRecognizer(lang, gate=shipped), args.context)}
                print(f"\n{lang} {held} ({len(items)} turns) held out:")
                print(line("  shipped", row["shipped"]))
                for config in configs:
                    for name, gate in gates(trained, held, None, config, push_at):
                        rec = GatedRecognizer(lang, gate=gate)
                        row[name] = figures(items, rec, args.context)
                        print(line(f"  {name}", row[name]))
                        if args.both_ways:
                            other = next(c for c in CONTEXTS if c != args.context)
                            row[f"{name} (other way)"] = figures(items, rec, other)
                            print(line(f"  {name} ({other})", row[f"{name} (other way)"]))
                out["sets"][held] = row
                sys.stdout.flush()
            print(f"\n{lang} mean over {len(held_sets)} held-out sets:")
            for name in out["sets"][held_sets[0]]:
                print(line(f"  {name}", mean([r[name] for r in out["sets"].values()])))
        if not args.skip_meetings:
            for held in held_rounds or rounds:
                meetings = by_round[held]
                row = {
                    "shipped": replay_round(
                        lang,
                        GatedRecognizer(lang, gate=shipped),
                        meetings,
                        scenarios,
                        judgements,
                        kinds,
                    )
                }
                print(f"\n{lang} round {held} ({len(meetings)} meetings) held out:")
                print(replay_line("  shipped", row["shipped"]))
                for config in configs:
                    for name, gate in gates(trained, None, held, config, push_at):
                        row[name] = replay_round(
                            lang,
                            GatedRecognizer(lang, gate=gate),
                            meetings,
                            scenarios,
                            judgements,
                            kinds,
                        )
                        print(replay_line(f"  {name}", row[name]))
                out["rounds"][held] = row
                sys.stdout.flush()
            print(f"\n{lang} sum over {len(out['rounds'])} held-out rounds:")
            for name in next(iter(out["rounds"].values())):
                print(replay_line(f"  {name}", add([r[name] for r in out["rounds"].values()])))
        print(f"({time.perf_counter() - start:.0f} s)")
        report[lang] = out
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
