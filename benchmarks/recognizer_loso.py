"""Benchmark: does training on other writers' labelled sets carry over to a new writer?

    python benchmarks/recognizer_loso.py [--lang fi|en] [--sets dev9,...,dev13]
                                         [--part configured|whole|group|push] [--json out.json]

Leave one set out over the development sets written by helpers who never read the recognizer
(`tests/data/recognizer_dev9/` ... `dev13/`, each a blind set until it was measured once): for
each held-out set the learned gate and its push head (tools/train_recognizer.py `train_gate`)
are trained on the base corpora (`GATE_CORPORA`) **plus the other sets** (the part of the gate
`PUSH_ONLY` and `GROUP_ONLY` name for the language), and the held-out set is read with it (the
turn and the client's last line, as benchmarks/recognizer_blind.py reads it). The baseline
beside it is the gate trained on `GATE_CORPORA` alone (none of the sets). Per set and as a
mean, before -> after: macro-F1 over the moves, confront / persuade / dismiss recall, complex
reflection precision, mode accuracy, blaming or rejecting turns read as encountering (pushing
read as listening), and encountering turns read as blaming or rejecting. The second opinion's
models (`learned/<lang>.json`) and every threshold stay as they are.

Needs scikit-learn (`pip install -e '.[train]'`). Blind sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from simulator.moves import MOVES  # noqa: E402

SETS = ("dev9", "dev10", "dev11", "dev12", "dev13")
HARSH = frozenset({"blaming", "rejecting"})


#: How a labelled turn can be read: with the client's last line only ("before", as every
#: figure before ctx33) or with all the Session gives ("app").
CONTEXTS = ("before", "app")


def add_context_option(parser: argparse.ArgumentParser) -> None:
    """The `--context` option of the benchmarks that read labelled turns (read_as)."""
    parser.add_argument(
        "--context",
        choices=CONTEXTS,
        default="before",
        help="read each turn with the client's last line only (default, as older figures) or "
        "with the context the app gives (the client's two last lines, the worker's turn before)",
    )


def read_as(item: dict, context: str = "before") -> dict[str, str]:
    """What `recognize` is given of a labelled turn's context: the client's last line only
    ("before", as every figure before ctx33 was read) or all the Session gives ("app": the
    client's two last lines and the worker's previous turn, train_recognizer.turn_context)."""
    if context == "app":
        from train_recognizer import turn_context

        return turn_context(item)
    return {"client_before": item.get("client_before", "")}


def figures(items: list[dict], rec, context: str = "before") -> dict:
    """The figures issue 12 names, for one recognizer over one labelled set, read with the
    `context` of `read_as`."""
    readings = []
    for item in items:
        got = rec.recognize(item["text"], **read_as(item, context))
        readings.append((got.moves, got.mode))
    return figures_of(items, readings)


def figures_of(items: list[dict], readings: list[tuple[Sequence[str], str | None]]) -> dict:
    """The figures of `figures` over readings already made: (moves, mode) per item."""
    tp, fp, fn = Counter(), Counter(), Counter()
    mode_ok = harsh = harsh_warm = warm = warm_harsh = 0
    for item, (moves, mode) in zip(items, readings, strict=True):
        want, have = set(item["moves"]), set(moves)
        for m in want & have:
            tp[m] += 1
        for m in have - want:
            fp[m] += 1
        for m in want - have:
            fn[m] += 1
        mode_ok += mode == item["mode"]
        if item["mode"] in HARSH:
            harsh += 1
            harsh_warm += mode == "encountering"
        elif item["mode"] == "encountering":
            warm += 1
            warm_harsh += mode in HARSH
    f1s = [
        2 * tp[m] / (2 * tp[m] + fp[m] + fn[m]) if tp[m] else 0.0 for m in MOVES if tp[m] + fn[m]
    ]

    def recall(m: str) -> float:
        return tp[m] / (tp[m] + fn[m]) if tp[m] + fn[m] else 0.0

    complex_read = tp["complex_reflection"] + fp["complex_reflection"]
    return {
        "macro_f1": sum(f1s) / len(f1s),
        "confront_recall": recall("confront"),
        "persuade_recall": recall("persuade"),
        "dismiss_recall": recall("dismiss"),
        "complex_precision": tp["complex_reflection"] / complex_read if complex_read else 0.0,
        "mode_accuracy": mode_ok / len(items),
        "harsh_read_warm": harsh_warm,
        "harsh": harsh,
        "warm_read_harsh": warm_harsh,
        "warm": warm,
    }


def line(name: str, f: dict) -> str:
    return (
        f"{name:<16} macro-F1 {f['macro_f1']:.3f}  confront/persuade/dismiss recall "
        f"{f['confront_recall']:.2f}/{f['persuade_recall']:.2f}/{f['dismiss_recall']:.2f}  "
        f"complex precision {f['complex_precision']:.2f}  mode {f['mode_accuracy']:.1%}  "
        f"harsh read as encountering {f['harsh_read_warm']}/{f['harsh']}  "
        f"encountering read as harsh {f['warm_read_harsh']}/{f['warm']}"
    )


def mean(rows: list[dict]) -> dict:
    out = {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]}
    for count in ("harsh_read_warm", "harsh", "warm_read_harsh", "warm"):
        out[count] = sum(r[count] for r in rows)
    return out


def variants(gate, spec: str):
    """(name, gate) with the push head's confidence changed: "confront=0.6,0.7;all=0.5"."""
    from dataclasses import replace

    for part in filter(None, spec.split(";")):
        move, _, values = part.partition("=")
        for value in values.split(","):
            at = float(value)
            if move == "all":
                yield f"push at {at}", replace(gate, push_threshold=at, push_thresholds={})
            else:
                thresholds = {**gate.push_thresholds, move: at}
                yield f"{move} at {at}", replace(gate, push_thresholds=thresholds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--json", type=Path)
    add_context_option(parser)
    parser.add_argument(
        "--push-at",
        default="",
        help="also read each held-out set with the push head at these confidences, e.g. "
        "'confront=0.6,0.7;all=0.5,0.6' (the trained gate otherwise as shipped)",
    )
    parser.add_argument(
        "--part",
        choices=("configured", "whole", "group", "push"),
        default="configured",
        help="which part of the gate learns from the sets: as GROUP_ONLY / PUSH_ONLY say for "
        "the language (default), the whole gate, the group and subtype models only, or the "
        "push head only",
    )
    args = parser.parse_args()
    import train_recognizer
    from train_recognizer import GATE_CORPORA, corpus, train_gate

    from simulator.language.gated import GatedRecognizer

    sets = args.sets.split(",")
    base_corpora = [c for c in GATE_CORPORA if c not in sets]
    report = {}
    for lang in args.lang or ["fi", "en"]:
        start = time.perf_counter()
        if args.part != "configured":
            named = frozenset(sets)
            train_recognizer.GROUP_ONLY[lang] = named if args.part == "group" else frozenset()
            train_recognizer.PUSH_ONLY[lang] = named if args.part == "push" else frozenset()
        base = GatedRecognizer(lang, gate=train_gate(lang, own=base_corpora))
        rows = {}
        for held in sets:
            items = corpus(lang, [held])
            others = [s for s in sets if s != held]
            rec = GatedRecognizer(lang, gate=train_gate(lang, own=[*base_corpora, *others]))
            rows[held] = {
                "before": figures(items, base, args.context),
                "after": figures(items, rec, args.context),
            }
            print(f"\n{lang} {held} ({len(items)} turns), trained with {', '.join(others)} added:")
            print(line("  before", rows[held]["before"]))
            print(line("  after", rows[held]["after"]))
            for name, gate in variants(rec.gate, args.push_at):
                rows[held][name] = figures(items, GatedRecognizer(lang, gate=gate), args.context)
                print(line(f"  {name}", rows[held][name]))
            sys.stdout.flush()
        before = mean([r["before"] for r in rows.values()])
        after = mean([r["after"] for r in rows.values()])
        for name in [k for k in next(iter(rows.values())) if k not in ("before", "after")]:
            print(line(f"  mean {name}", mean([r[name] for r in rows.values()])))
        gains = [r["after"]["macro_f1"] - r["before"]["macro_f1"] for r in rows.values()]
        print(f"\n{lang} mean over {len(rows)} held-out sets:")
        print(line("  before", before))
        print(line("  after", after))
        print(
            f"  macro-F1 gain per set {', '.join(f'{g:+.3f}' for g in gains)}; "
            f"mean {sum(gains) / len(gains):+.3f}, spread {min(gains):+.3f}..{max(gains):+.3f}"
            f" ({time.perf_counter() - start:.0f} s)"
        )
        report[lang] = {"sets": rows, "mean_before": before, "mean_after": after}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
