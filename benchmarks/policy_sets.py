"""Benchmark: a gate policy change (GatedRecognizer attributes) on the labelled sets, shipped gate.

    python benchmarks/policy_sets.py [--lang fi] [--sets dev14,...] VARIANT...

Reads the development sets and training corpora as the app reads them (`--context app` of
recognizer_loso.py) with the shipped gate, once as it is and once per VARIANT
(annomi_policy.py's syntax: "threshold=0.38,decide_other=0.6"), and prints the mean 18-move
macro-F1, pushing read as encountering and encountering read as harsh, with the readings that
changed. The shipped English group model learned none of dev9-21 or train1-7 (PUSH_ONLY), the
Finnish one learned dev9-13: on the others a policy's change is a held-out change for the
group model (the push head, which learned them, reads the same in both).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from annomi_policy import parse  # noqa: E402
from recognizer_loso import figures_of, mean, read_as  # noqa: E402

SETS = {
    "en": [f"dev{n}" for n in range(9, 22) if n != 16] + [f"train{n}" for n in range(1, 8)],
    "fi": [f"dev{n}" for n in range(14, 22)] + [f"train{n}" for n in range(1, 8)],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument("--sets", default="")
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    import json

    from simulator.language.gate import load_gate
    from simulator.language.gated import GatedRecognizer

    names = args.sets.split(",") if args.sets else SETS[args.lang]
    data = {}
    for name in names:
        path = ROOT / "tests" / "data" / f"recognizer_{name}" / f"{args.lang}.jsonl"
        if path.exists():
            data[name] = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
    shipped = load_gate(args.lang)
    base_readings = None
    for variant in ["base", *args.variants]:
        settings = parse(variant)
        on_gate = {k: settings.pop(k) for k in ("threshold", "drop_threshold") if k in settings}
        rec = GatedRecognizer(args.lang, gate=replace(shipped, **on_gate))
        for key, value in settings.items():
            setattr(rec, key, value)
        per, readings = [], {}
        for name, items in data.items():
            got = []
            for it in items:
                r = rec.recognize(it["text"], **read_as(it, "app"))
                got.append((r.moves, r.mode))
            readings[name] = got
            per.append(figures_of(items, got))
        f = mean(per)
        changed = 0
        if base_readings is not None:
            changed = sum(
                a != b for n in data for a, b in zip(base_readings[n], readings[n], strict=True)
            )
        else:
            base_readings = readings
        print(
            f"{variant:42} {len(data)} sets  mean macro-F1 {f['macro_f1']:.4f}  mode "
            f"{f['mode_accuracy']:.3f}  pushing as encountering {f['harsh_read_warm']}/"
            f"{f['harsh']}  encountering as harsh {f['warm_read_harsh']}/{f['warm']}  "
            f"changed {changed}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
