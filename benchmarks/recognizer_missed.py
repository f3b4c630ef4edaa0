"""Benchmark: where do the pushing, blaming and brushing-off turns the recognizer misses go?

    python benchmarks/recognizer_missed.py [--lang fi|en] [--sets dev9,...,dev14] [--show GROUP]

For every persuade, confront or dismiss label of the named development sets that the shipped
recognizer (the rules, the learned gate and its push head; the turn and the client's last line,
as benchmarks/recognizer_blind.py reads it) does not read, says what it read instead, grouped:
a reflection or summary (and whether the rules or the gate gave it), advice or information, a
question, another of the three harsh moves, nothing, or something else. `--show` prints the
turns of the groups whose name contains the given text. Issue 12's diagnosis: attack the
biggest group by mechanism. Development sets only: a `recognizer_blind*` folder is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language import get_recognizer  # noqa: E402

HARSH = ("persuade", "confront", "dismiss")
REFLECTING = frozenset({"simple_reflection", "complex_reflection", "summary"})


def group_of(move: str, got: set[str], evidence, learned_reason: str) -> str:
    """What the engine read instead of the missed `move`."""
    if got & REFLECTING:
        learned = all(e.reason == learned_reason for e in evidence if e.move in REFLECTING)
        return f"{move}: read as a reflection ({'gate' if learned else 'rules'})"
    if got & {"advice", "give_information"}:
        return f"{move}: read as advice or information"
    if got & {"open_question", "closed_question"}:
        return f"{move}: read as a question"
    if got & set(HARSH):
        return f"{move}: read as another harsh move"
    if not got:
        return f"{move}: no move"
    return f"{move}: read as {'+'.join(sorted(got))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), default="fi")
    parser.add_argument("--sets", default="dev9,dev10,dev11,dev12,dev13,dev14")
    parser.add_argument("--show", default="", help="print the turns of matching groups")
    args = parser.parse_args()
    rec = get_recognizer(args.lang)
    learned_reason = rec._reason("learned")
    groups: Counter[str] = Counter()
    turns: dict[str, list[str]] = defaultdict(list)
    labels = heard = 0
    for name in args.sets.split(","):
        if name.startswith("blind"):
            parser.error("blind sets are measured once, never diagnosed")
        path = ROOT / "tests" / "data" / f"recognizer_{name}" / f"{args.lang}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            wanted = [m for m in HARSH if m in item["moves"]]
            if not wanted:
                continue
            got = rec.recognize(item["text"], client_before=item.get("client_before", ""))
            for move in wanted:
                labels += 1
                if move in got.moves:
                    heard += 1
                    continue
                key = group_of(move, set(got.moves), got.evidence, learned_reason)
                groups[key] += 1
                turns[key].append(f"  [{name}] {item['text']}  -> {'+'.join(got.moves) or '-'}")
    print(f"{args.lang} {args.sets}: {heard} of {labels} persuade/confront/dismiss labels heard")
    for key, count in groups.most_common():
        print(f"{count:5d}  {key}")
        if args.show and args.show in key:
            print("\n".join(turns[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
