"""Benchmark: the app with and without a final reader on labelled talk neither ever learned.

    python benchmarks/final_fresh.py [--lang en] [--sets train8] [--json out.json]

Reads every turn of the named sets (tests/data/recognizer_<set>/<lang>.jsonl) in its context as
the app reads it (tools/train_final.py `context`: the client's last line, the one before it, the
worker's previous turn) twice: with the engine alone (the final reader off) and with the final
reader on (the shipped one, or where none ships the one tools/train_final.py's recipe trains,
in this process only: about two and a half minutes), and prints recognizer_loso's figures for
both (18-move macro-F1, confront / persuade / dismiss recall, complex reflection precision, mode
accuracy, pushing or blaming turns read as encountering, encountering turns read as harsh) and
how many readings differ. Only a set that neither the final reader (tools/train_final.py
CORPORA) nor the push heads (train_recognizer.gate_corpora) learned is a fresh check; the
script refuses any other. Blind sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from recognizer_loso import figures_of, line  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), default="en")
    parser.add_argument("--sets", default="train8")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import train_final

    from simulator.language.gated import GatedRecognizer

    sets = [s for s in args.sets.split(",") if s]
    learned = set(train_final.CORPORA) | set(train_final.push_learned(args.lang))
    if any(s in learned or s.startswith("blind") for s in sets):
        raise SystemExit(f"not fresh: {sorted(set(sets) & learned)} (or a blind set)")
    items = train_final.turns(args.lang, sets, pinned=False)
    from simulator.language.final import load_final

    engine = GatedRecognizer(args.lang, use_final=False)
    final = load_final(args.lang)
    if final is None:
        print(f"no final reader ships for {args.lang}: trained by the recipe", flush=True)
        final = train_final.train(args.lang)
    app = GatedRecognizer(args.lang, final=final)
    report = {}
    for name, rec in (("engine", engine), ("app", app)):
        readings = []
        for it in items:
            client_before, client_earlier, worker_before = train_final.context(it)
            got = rec.recognize(
                it["text"],
                client_before=client_before,
                client_earlier=client_earlier,
                worker_before=worker_before,
            )
            readings.append((list(got.moves), got.mode))
        report[name] = (figures_of(items, readings), readings)
        print(line(f"{args.lang} {name}", report[name][0]))
    changed = sum(
        set(a[0]) != set(b[0]) for a, b in zip(report["engine"][1], report["app"][1], strict=True)
    )
    print(f"{len(items)} turns ({', '.join(sets)}), {changed} readings changed by the final reader")
    if args.json:
        args.json.write_text(
            json.dumps({k: v[0] for k, v in report.items()}, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
