"""Benchmark helper: write every reading of the development sets and AnnoMI, or diff two such files.

    python benchmarks/recognizer_outputs.py write before.jsonl     # this tree's readings
    python benchmarks/recognizer_outputs.py diff before.jsonl after.jsonl
    python benchmarks/recognizer_outputs.py write --keep DIR after.jsonl   # twice: the
        # first run keeps the compiled cue expressions in DIR, the second reads them from there

A speed change must not change what is recognised. `write` reads the labelled corpus
(`tests/data/recognizer/`) and development sets 2-33 (`tests/data/recognizer_dev2/` ...
`dev33/`) twice: with the client's last line alone, as benchmarks/recognizer_blind.py reads
them, and with the row before it as context (its client line as the client's turn before, its
text as the worker's previous turn), as a session reads a turn; then every therapist turn of
AnnoMI's training fold and its Finnish translation (with the client's last two turns and the
worker's previous turn, as benchmarks/annomi_cv.py reads them), in both languages. One line per
turn: the text read, the moves, the mode, the topics and the evidence. `diff` prints the turns
whose reading differs and exits 1 if any does. Blind sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DEV_SETS = tuple(f"dev{n}" for n in range(2, 34))


def turns(lang: str) -> list[tuple[str, dict]]:
    """(where, the recognize arguments) for every turn read."""
    from annomi_cv import load_annomi, load_annomi_fi, therapist_items

    out = []
    data = ROOT / "tests" / "data"
    paths = [
        (f"corpus-{split}", data / "recognizer" / f"{lang}_{split}.jsonl")
        for split in ("dev", "heldout")
    ]
    for name in DEV_SETS:  # dev16 is Finnish only
        path = data / f"recognizer_{name}" / f"{lang}.jsonl"
        if path.exists():
            paths.append((name, path))
    for name, path in paths:
        before: dict = {}
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                item = json.loads(line)
                kwargs = {"text": item["text"], "client_before": item.get("client_before", "")}
                out.append((f"{name}:{i}", kwargs))
                # The row before stands in for the meeting so far, to read the context paths.
                context = {
                    "client_earlier": before.get("client_before", ""),
                    "worker_before": before.get("text", ""),
                }
                out.append((f"{name}:{i}:context", {**kwargs, **context}))
                before = item
    english = load_annomi()
    scripts = english if lang == "en" else load_annomi_fi(english)
    for script in scripts:
        for i, it in enumerate(therapist_items(script)):
            keys = ("text", "client_before", "client_earlier", "worker_before")
            out.append((f"annomi:{script['id']}:{i}", {k: it[k] for k in keys}))
    return out


def write(path: Path, keep: Path | None = None) -> None:
    from simulator.language import get_recognizer
    from simulator.language.compiled import keep_compiled

    if keep is not None:
        keep_compiled(keep, _write_text)

    count = 0
    with path.open("w", encoding="utf-8") as out:
        for lang in ("fi", "en"):
            rec = get_recognizer(lang)
            for where, kwargs in turns(lang):
                r = rec.recognize(**kwargs)
                reading = {
                    "at": f"{lang}:{where}",
                    "text": r.text,
                    "moves": list(r.moves),
                    "mode": r.mode,
                    "topics": list(r.topics),
                    "evidence": [
                        [e.move, list(e.words), list(e.reflected), e.reason] for e in r.evidence
                    ],
                }
                out.write(json.dumps(reading, ensure_ascii=False) + "\n")
                count += 1
    print(f"{count} readings written to {path}")


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def diff(before: Path, after: Path) -> int:
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if [r["at"] for r in old] != [r["at"] for r in new]:
        print("the two files read different turns")
        return 1
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    for a, b in changed[:20]:
        print(f"{a['at']}:\n  before {a}\n  after  {b}")
    print(f"{len(changed)} of {len(old)} readings differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("path", type=Path)
    w.add_argument("--keep", type=Path, help="keep compiled cue expressions in this folder")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.path, args.keep)
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
