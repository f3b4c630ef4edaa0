"""Benchmark: AnnoMI CV of the recognizer under other gate policies (the same folds' gates).

    python benchmarks/annomi_policy.py --gates /tmp/gate_en [--lang fi] VARIANT...

Reads the gates `annomi_diagnose.py --gates` kept (one per fold, trained without it) and reads
every fold's therapist turns with `GatedRecognizer` attributes set as each VARIANT says
("decide_at=0.45,echo_kept=0"; "threshold=0.4" and "drop_threshold=0.4" set the gate's own;
"base" changes nothing). Prints 4-way macro-F1, per-class F1 and how many readings changed.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from annomi_cv import CLASSES, folds, four_way, load_annomi, load_annomi_fi, therapist_items  # noqa: E402
from annomi_diagnose import macro  # noqa: E402


def parse(variant: str) -> dict[str, object]:
    out: dict[str, object] = {}
    if variant == "base":
        return out
    for part in variant.split(","):
        key, value = part.split("=")
        if value in ("True", "False"):
            out[key] = value == "True"
        elif key == "protected":
            out[key] = frozenset(v for v in value.split("+") if v)
        else:
            out[key] = float(value) if "." in value else int(value)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument("--gates", type=Path, required=True)
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    from simulator.language.gated import GatedRecognizer

    english = load_annomi()
    transcripts = english if args.lang == "en" else load_annomi_fi(english)
    by_id = {t["id"]: t for t in transcripts}
    plan = []
    for k, fold in enumerate(folds(english)):
        gate = pickle.loads(args.gates.with_suffix(f".{k}").read_bytes())
        test = [it for tid in fold if tid in by_id for it in therapist_items(by_id[tid])]
        plan.append((gate, test))
    gold = [it["label"] for _, test in plan for it in test]
    base = None
    for variant in args.variants:
        settings = parse(variant)
        on_gate = {k: settings.pop(k) for k in ("threshold", "drop_threshold") if k in settings}
        got = []
        for gate, test in plan:
            rec = GatedRecognizer(args.lang, gate=replace(gate, **on_gate))
            for key, value in settings.items():
                setattr(rec, key, value)
            got += [
                four_way(
                    rec.recognize(
                        it["text"],
                        client_before=it["client_before"],
                        client_earlier=it["client_earlier"],
                        worker_before=it["worker_before"],
                    ).moves,
                    it["text"],
                )
                for it in test
            ]
        base = base or got
        score, per = macro(gold, got)
        changed = sum(a != b for a, b in zip(base, got, strict=True))
        print(
            f"{variant:50} macro-F1 {score:.4f}  "
            + " ".join(f"{c[:5]} {per[c]:.3f}" for c in CLASSES)
            + f"  changed {changed}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
