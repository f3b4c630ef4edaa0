"""Benchmark: the recognizer on real counselling talk — AnnoMI, transcript-level 5-fold CV.

    python benchmarks/annomi_cv.py                  # the shipped recognizer (no training)
    python benchmarks/annomi_cv.py --train          # train the learned part per fold, then read
    python benchmarks/annomi_cv.py --train --lang fi  # the same on the Finnish translation

Data: the training fold of AnnoMI (Wu et al., "Anno-MI: A Dataset of Expert-Annotated
Counselling Dialogues", ICASSP 2022; public domain), kept outside the repository in
`../shared/data/annomi/` (84 transcripts, 3,046 therapist utterances). The rest of AnnoMI is
kept out of this project for measurement and is never looked for here. With `--lang fi` the
Finnish translation in `tests/data/annomi_fi/` is read instead (the same utterances and labels,
as far as it has been written).

Folds: the 84 transcripts are split into five folds, high- and low-quality transcripts dealt
out round-robin after a seeded shuffle, so every fold holds both kinds. With `--train`, for
each fold the learned part is trained (tools/train_recognizer.py) on the other four folds plus
the project's own corpora — never on a sentence of the fold it is measured on, nor on its
translation — and the rules plus that model then read the held-out fold. Without `--train` the
shipped recognizer reads every fold as it is (it was trained on no AnnoMI transcript unless its
weights say so; see `trained_on` in simulator/language/learned/<lang>.json).

Every therapist utterance is read with its context: the client's last turn (`client_before`)
and, when the recognizer takes them, the client's turn before that and the therapist's previous
turn.

Figures:
- 4-way main behaviour (AnnoMI-simple's label) macro-F1 and per-class F1. A reading's moves
  map to one class as ../shared/domain.md says: question = {open, closed question};
  reflection = {simple, complex reflection, summary}; therapist_input = {give_information,
  advice, offer_options, seek_collaboration, persuade}; anything else (including no move) =
  other. A turn with moves of several groups counts, if it ends in "?", as question first, then
  reflection, then input; otherwise as reflection, then input, then question.
- Subtype F1 (AnnoMI-full, the majority of the annotators per utterance; a tie goes to the
  label with a subtype, then alphabetically): open/closed question, simple/complex reflection,
  information/advice/options/negotiation against open_question, closed_question,
  simple_reflection, complex_reflection, give_information, advice, offer_options,
  seek_collaboration. An utterance can carry several subtypes (a question and a reflection).
- Transcript-level AUC of R:Q (reflections / questions, out-of-fold readings) for high vs low
  MI quality, beside the same AUC from the experts' own labels.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _annomi_dir() -> Path:
    """`../shared/data/annomi/` beside the repository (or beside the main checkout, from a
    worktree one level further down); KOHTAAMO_ANNOMI overrides."""
    if os.environ.get("KOHTAAMO_ANNOMI"):
        return Path(os.environ["KOHTAAMO_ANNOMI"])
    near = ROOT.parent / "shared" / "data" / "annomi"
    far = ROOT.parent.parent / "shared" / "data" / "annomi"
    return near if near.is_dir() or not far.is_dir() else far


ANNOMI = _annomi_dir()
ANNOMI_FI = ROOT / "tests" / "data" / "annomi_fi"
FOLDS = 5
SEED = 12

CLASSES = ("question", "reflection", "therapist_input", "other")
GROUPS = {
    "question": {"open_question", "closed_question"},
    "reflection": {"simple_reflection", "complex_reflection", "summary"},
    "therapist_input": {
        "give_information",
        "advice",
        "offer_options",
        "seek_collaboration",
        "persuade",
    },
}
SUBTYPES = {  # (AnnoMI-full field, value) -> our move
    ("question_subtype", "open"): "open_question",
    ("question_subtype", "closed"): "closed_question",
    ("reflection_subtype", "simple"): "simple_reflection",
    ("reflection_subtype", "complex"): "complex_reflection",
    ("therapist_input_subtype", "information"): "give_information",
    ("therapist_input_subtype", "advice"): "advice",
    ("therapist_input_subtype", "options"): "offer_options",
    ("therapist_input_subtype", "negotiation"): "seek_collaboration",
}


def four_way(moves: set[str] | list[str] | tuple[str, ...], text: str) -> str:
    """The AnnoMI main-behaviour class a reading's moves make (domain.md's mapping)."""
    present = [g for g in CLASSES[:3] if set(moves) & GROUPS[g]]
    if not present:
        return "other"
    order = (
        ("question", "reflection", "therapist_input")
        if text.rstrip().endswith("?")
        else ("reflection", "therapist_input", "question")
    )
    return next(g for g in order if g in present)


def _same_mapping_as_the_gate() -> None:
    """The gate (simulator/language/gate.py) uses this mapping too; they must not drift."""
    from simulator.language.gate import CLASS_MOVES

    assert {g: set(m) for g, m in CLASS_MOVES.items()} == GROUPS


def _majority(values: list[str]) -> str:
    counts = Counter(values)
    return sorted(counts, key=lambda v: (-counts[v], v in ("n/a", ""), v))[0]


def load_annomi() -> list[dict]:
    """Transcripts of the training fold: [{"id", "quality", "turns": [...]}], turns in order,
    each {"speaker", "text", "label", "subtypes"} (therapist turns carry labels)."""
    simple = ANNOMI / "AnnoMI-simple-train.csv"
    full = ANNOMI / "AnnoMI-full-train.csv"
    votes: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with full.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["interlocutor"] != "therapist":
                continue
            key = (row["transcript_id"], row["utterance_id"])
            for field in ("question_subtype", "reflection_subtype", "therapist_input_subtype"):
                votes[key][field].append(row[field])
    transcripts: dict[str, dict] = {}
    with simple.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tid = row["transcript_id"]
            script = transcripts.setdefault(
                tid, {"id": tid, "quality": row["mi_quality"], "turns": []}
            )
            turn = {
                "uid": int(row["utterance_id"]),
                "speaker": row["interlocutor"],
                "text": row["utterance_text"],
            }
            if row["interlocutor"] == "therapist":
                turn["label"] = row["main_therapist_behaviour"]
                fields = votes.get((tid, row["utterance_id"]), {})
                turn["subtypes"] = sorted(
                    SUBTYPES[(f, _majority(v))]
                    for f, v in fields.items()
                    if (f, _majority(v)) in SUBTYPES
                )
            script["turns"].append(turn)
    for script in transcripts.values():
        script["turns"].sort(key=lambda t: t["uid"])
    return [transcripts[k] for k in sorted(transcripts, key=int)]


def load_annomi_fi(english: list[dict]) -> list[dict]:
    """The Finnish translation, as far as it exists: the same transcripts (labels from the
    English original by transcript and utterance id), only those fully translated."""
    texts: dict[tuple[str, int], str] = {}
    for path in sorted(ANNOMI_FI.glob("*.jsonl")) if ANNOMI_FI.is_dir() else []:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                row = json.loads(line)
                tid = str(row.get("transcript_id"))
                uid = row.get("utterance_id")
                text = row.get("text_fi")
                if uid is not None and text:
                    texts[(tid, int(uid))] = text
    out = []
    for script in english:
        turns = script["turns"]
        if not all((script["id"], t["uid"]) in texts for t in turns):
            continue
        out.append(
            {
                **script,
                "turns": [{**t, "text": texts[(script["id"], t["uid"])]} for t in turns],
            }
        )
    return out


def folds(transcripts: list[dict]) -> list[list[str]]:
    """Five transcript folds, each with high- and low-quality transcripts (seeded)."""
    out: list[list[str]] = [[] for _ in range(FOLDS)]
    for quality in ("high", "low"):
        ids = sorted((t["id"] for t in transcripts if t["quality"] == quality), key=int)
        random.Random(f"{SEED}-{quality}").shuffle(ids)
        for i, tid in enumerate(ids):
            out[i % FOLDS].append(tid)
    return out


def therapist_items(script: dict) -> list[dict]:
    """Each therapist turn with its context: the client's last two turns, the therapist's
    previous turn."""
    items = []
    clients: list[str] = []
    worker_before = ""
    for turn in script["turns"]:
        if turn["speaker"] == "client":
            clients.append(turn["text"])
            continue
        items.append(
            {
                "transcript": script["id"],
                "quality": script["quality"],
                "text": turn["text"],
                "client_before": clients[-1] if clients else "",
                "client_earlier": clients[-2] if len(clients) > 1 else "",
                "worker_before": worker_before,
                "label": turn["label"],
                "subtypes": turn["subtypes"],
            }
        )
        worker_before = turn["text"]
    return items


def read_all(rec, items: list[dict]) -> list[tuple[str, ...]]:
    params = inspect.signature(rec.recognize).parameters
    extra = [k for k in ("client_earlier", "worker_before") if k in params]
    return [
        rec.recognize(
            it["text"], client_before=it["client_before"], **{k: it[k] for k in extra}
        ).moves
        for it in items
    ]


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def auc(high: list[float], low: list[float]) -> float:
    """Probability that a high-quality transcript scores above a low one (ties half)."""
    if not high or not low:
        return float("nan")
    wins = sum((h > lo) + 0.5 * (h == lo) for h in high for lo in low)
    return wins / (len(high) * len(low))


def r_to_q(classes: list[str]) -> float:
    counts = Counter(classes)
    return counts["reflection"] / max(counts["question"], 1)


def report(items: list[dict], readings: list[tuple[str, ...]], label: str) -> dict:
    gold4 = [it["label"] for it in items]
    got4 = [four_way(m, it["text"]) for m, it in zip(readings, items, strict=True)]
    per_class = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold4, got4, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold4, got4, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold4, got4, strict=True))
        per_class[c] = f1(tp, fp, fn)
    macro = sum(per_class.values()) / len(CLASSES)
    accuracy = sum(g == p for g, p in zip(gold4, got4, strict=True)) / len(items)
    subtype = {}
    for move in SUBTYPES.values():
        tp = fp = fn = 0
        for it, moves in zip(items, readings, strict=True):
            want, have = move in it["subtypes"], move in moves
            tp += want and have
            fp += have and not want
            fn += want and not have
        subtype[move] = (f1(tp, fp, fn), tp + fn)
    by_script: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_script[it["transcript"]].append(i)
    quality = {it["transcript"]: it["quality"] for it in items}
    ours = {t: r_to_q([got4[i] for i in idx]) for t, idx in by_script.items()}
    theirs = {t: r_to_q([gold4[i] for i in idx]) for t, idx in by_script.items()}

    def split(scores: dict) -> tuple[list[float], list[float]]:
        return (
            [s for t, s in scores.items() if quality[t] == "high"],
            [s for t, s in scores.items() if quality[t] == "low"],
        )

    print(f"\n== {label}: {len(items)} therapist utterances, {len(by_script)} transcripts ==")
    print(f"4-way macro-F1 {macro:.3f}   accuracy {accuracy:.3f}")
    print("  " + "  ".join(f"{c} {per_class[c]:.3f}" for c in CLASSES))
    print("subtype F1 (support):")
    for move, (score, support) in subtype.items():
        print(f"  {move:20} {score:.3f} ({support})")
    ours_auc, gold_auc = auc(*split(ours)), auc(*split(theirs))
    print(f"R:Q AUC high vs low quality: {ours_auc:.3f}   (experts' own labels: {gold_auc:.3f})")
    return {
        "macro_f1": macro,
        "accuracy": accuracy,
        "per_class": per_class,
        "subtypes": {m: s for m, (s, _) in subtype.items()},
        "rq_auc": ours_auc,
        "rq_auc_gold": gold_auc,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument(
        "--train", action="store_true", help="train the learned part on the other folds"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    _same_mapping_as_the_gate()
    english = load_annomi()
    transcripts = english if args.lang == "en" else load_annomi_fi(english)
    if not transcripts:
        print("no transcripts to read (is the Finnish translation there yet?)")
        return 1
    by_id = {t["id"]: t for t in transcripts}
    start = time.perf_counter()
    items: list[dict] = []
    readings: list[tuple[str, ...]] = []
    for fold in folds(english):
        held = [tid for tid in fold if tid in by_id]
        if not held:
            continue
        fold_items = [it for tid in held for it in therapist_items(by_id[tid])]
        if args.train:
            sys.path.insert(0, str(ROOT / "tools"))
            from train_recognizer import recognizer_trained_without

            rec = recognizer_trained_without(args.lang, set(fold))
        else:
            from simulator.language import get_recognizer

            rec = get_recognizer(args.lang)
        got = read_all(rec, fold_items)
        items += fold_items
        readings += got
    name = "trained per fold" if args.train else "shipped recognizer"
    figures = report(items, readings, f"AnnoMI {args.lang}, {name}, all folds out of fold")
    print(f"({time.perf_counter() - start:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
