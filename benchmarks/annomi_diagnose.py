"""Benchmark: where the recognizer loses on AnnoMI against its own gate and a plain model.

    python benchmarks/annomi_diagnose.py [--lang fi] [--json out.json]

The same transcript folds as `annomi_cv.py --train` (the gate retrained without each fold).
Per fold, three readers of the held-out transcripts' therapist turns, in AnnoMI's 4 classes:

- **gate**: the gate's group model alone, its most likely class for every turn;
- **plain**: a TF-IDF logistic regression over the turn's words (1-2) and character 2-5-grams
  (scikit-learn, C 10), trained on the other folds' AnnoMI turns only — the issue's baseline;
  and the same with the client's last turn's words as features of their own ("plain+ctx");
- **app**: the whole recognizer as `annomi_cv.py --train` reads it.

Then stage by stage (the rules; after the gate; after the push head, "kyllä" countered and
advice pressed) which stage makes a turn the gate had right come out wrong, by class and by
why (the rules' class kept below the gate's threshold, a question form protected, a
reflection of two client words kept, a question as the vehicle of advice...), and the moves of
several groups that domain.md's order resolves against the gold label.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from annomi_cv import CLASSES, folds, four_way, load_annomi, load_annomi_fi, therapist_items  # noqa: E402

from simulator.language.recognizer import _QUESTION_VEHICLES  # noqa: E402


def macro(gold: list[str], got: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, got, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, got, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, got, strict=True))
        per[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(CLASSES), per


def plain_model(train: list[dict], test: list[dict], context: bool, c: float = 10.0) -> list[str]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizers = [
        (TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2), "text"),
        (
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
            "text",
        ),
    ]
    if context:
        vectorizers.append(
            (TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=2), "client_before")
        )
    xs_train = [v.fit_transform([it[k] for it in train]) for v, k in vectorizers]
    xs_test = [v.transform([it[k] for it in test]) for v, k in vectorizers]
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(hstack(xs_train).tocsr(), [it["label"] for it in train])
    return list(model.predict(hstack(xs_test).tocsr()))


def read_stages(rec, it: dict) -> dict:
    """The turn read stage by stage as GatedRecognizer.recognize reads it."""
    from simulator.language.gate import TfidfSoftmax

    text, cb = it["text"], it["client_before"]
    ruled_out: set[str] = set()
    read = rec._recognize(text, cb, None, ruled_out)
    out = {"rules": list(read.moves)}
    if not read.text.strip():
        return {**out, "gated": list(read.moves), "app": list(read.moves), "probs": None}
    found, parts, reading = rec._gate_reading(
        read.text, read.moves, cb, it["client_earlier"], it["worker_before"]
    )
    groups = rec.gate.groups
    assert isinstance(groups, TfidfSoftmax)
    head, grams, rest = parts
    probs = groups.probabilities_of([*found, *head, *rest], grams)
    gated = rec._gated(read, found, probs, reading, cb)
    pushed = rec._pushed(gated, found, reading, ruled_out)
    countered = rec._countered(pushed, found, cb)
    pressed = rec._pressed(countered, cb)
    app = rec.recognize(
        text,
        client_before=cb,
        client_earlier=it["client_earlier"],
        worker_before=it["worker_before"],
    )
    assert tuple(pressed.moves) == tuple(app.moves), (text, pressed.moves, app.moves)
    return {
        **out,
        "gated": list(gated.moves),
        "app": list(app.moves),
        "probs": dict(zip(groups.labels, probs, strict=True)),
        "rule_evidence": [(e.move, list(e.words), len(e.reflected)) for e in read.evidence],
    }


#: The rule reader's own list: a question whose sentence reads as one of these is its vehicle.
_VEHICLES = frozenset(_QUESTION_VEHICLES)


def why_differs(r: dict) -> str:
    """Which of the gate's policies (GatedRecognizer._gated) kept the gate's class from the
    app's reading of a turn (the first that applies)."""
    p, gate, app, rules = r["gate_p"], r["gate"], r["app4"], set(r["rules"])
    if p < 0.42:
        return "below the gate's threshold"
    if gate == "question" and rules & _VEHICLES:
        return "a question read as a vehicle of input"
    if gate == "other" and app == "question":
        return "other: the question form kept"
    if gate == "other" and p < 0.7:
        return "other: drops only at 0.7"
    if gate == "reflection" and rules & {"advice", "persuade", "confront", "dismiss"} and p < 0.6:
        return "a reflection beside counsel below 0.6"
    if app == "question" and r["text"].rstrip().endswith("?"):
        return "a '?' turn: the question outranks"
    if app == "question":
        return "the question form kept"
    return f"other ({gate} read as {app})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument("--json", type=Path, help="write every turn's readings here")
    parser.add_argument("--gates", type=Path, help="keep each fold's gate here (pickle)")
    args = parser.parse_args()
    from train_recognizer import train_gate

    from simulator.language.gated import GatedRecognizer

    english = load_annomi()
    transcripts = english if args.lang == "en" else load_annomi_fi(english)
    by_id = {t["id"]: t for t in transcripts}
    start = time.perf_counter()
    rows: list[dict] = []
    fold_scores = []
    for k, fold in enumerate(folds(english)):
        held = [tid for tid in fold if tid in by_id]
        test = [it for tid in held for it in therapist_items(by_id[tid])]
        train = [it for t in transcripts if t["id"] not in fold for it in therapist_items(t)]
        plain = plain_model(train, test, context=False)
        plain_ctx = plain_model(train, test, context=True)
        gate = None
        if args.gates and args.gates.with_suffix(f".{k}").exists():
            gate = pickle.loads(args.gates.with_suffix(f".{k}").read_bytes())
        if gate is None:
            gate = train_gate(args.lang, set(fold))
            if args.gates:
                args.gates.with_suffix(f".{k}").write_bytes(pickle.dumps(gate))
        rec = GatedRecognizer(args.lang, gate=gate)
        for it, p, pc in zip(test, plain, plain_ctx, strict=True):
            stages = read_stages(rec, it)
            probs = stages["probs"]
            gate = max(probs, key=probs.get) if probs else "other"
            rows.append(
                {
                    "fold": k,
                    "transcript": it["transcript"],
                    "text": it["text"],
                    "client_before": it["client_before"],
                    "worker_before": it["worker_before"],
                    "label": it["label"],
                    "subtypes": it["subtypes"],
                    "plain": p,
                    "plain_ctx": pc,
                    "gate": gate,
                    "gate_p": probs[gate] if probs else None,
                    "rules4": four_way(stages["rules"], it["text"]),
                    "gated4": four_way(stages["gated"], it["text"]),
                    "app4": four_way(stages["app"], it["text"]),
                    **stages,
                }
            )
        part = [r for r in rows if r["fold"] == k]
        gold = [r["label"] for r in part]
        fold_scores.append(
            {
                name: macro(gold, [r[name] for r in part])[0]
                for name in ("plain", "plain_ctx", "gate", "rules4", "gated4", "app4")
            }
        )
        print(
            f"fold {k}: {len(part)} turns  "
            + "  ".join(f"{n} {v:.3f}" for n, v in fold_scores[-1].items()),
            flush=True,
        )
    gold = [r["label"] for r in rows]
    print(f"\n== AnnoMI {args.lang}: {len(rows)} therapist turns, out of fold ==")
    for name in ("plain", "plain_ctx", "gate", "rules4", "gated4", "app4"):
        score, per = macro(gold, [r[name] for r in rows])
        acc = sum(r[name] == r["label"] for r in rows) / len(rows)
        print(
            f"{name:10} macro-F1 {score:.3f} acc {acc:.3f}  "
            + "  ".join(f"{c[:5]} {per[c]:.3f}" for c in CLASSES)
        )
    for name in ("app4", "gate"):
        print(f"confusion gold (rows) -> {name} (columns {', '.join(CLASSES)}):")
        for g in CLASSES:
            counts = Counter(r[name] for r in rows if r["label"] == g)
            print(f"  {g:16}" + " ".join(f"{counts[p]:6d}" for p in CLASSES))
    print("\nturns the gate alone and the app read differently, by why (gate right / app right):")
    why: dict[str, Counter] = {}
    for r in rows:
        if r["gate"] != r["app4"] and r["probs"]:
            who = "gate" if r["label"] == r["gate"] else "app" if r["label"] == r["app4"] else "-"
            why.setdefault(why_differs(r), Counter())[who] += 1
    for reason, counts in sorted(why.items(), key=lambda x: -sum(x[1].values())):
        print(f"  {sum(counts.values()):4d} {reason:42} {counts['gate']:4d} / {counts['app']:4d}")
    print("\nper fold: " + json.dumps(fold_scores))
    print(f"({time.perf_counter() - start:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
