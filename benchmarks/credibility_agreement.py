"""Benchmark: how far two judges of the same meetings agree on which replies misfit.

    python benchmarks/credibility_agreement.py [--first DIR] [--second DIR]

Issue 14's target (misfits ≤ 5 % of replies) is read from one judge per meeting. A second judge,
who never saw the first one's verdicts, judged some rounds again
(`benchmarks/credibility_data/second_judgements/`, how in the README there). For every reply both
judged, on the same words: how often they agree, Cohen's kappa, each judge's misfit rate, and the
same for the worker-turn labels (skilled / pushing / neutral) that give issue 12's free-text check.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recognizer_agreement import cohen_kappa  # noqa: E402

DATA = Path(__file__).resolve().parent / "credibility_data"


def verdicts(folder: Path) -> dict[tuple[str, int], dict]:
    """(meeting, turn) -> the judged turn, for turns with a verdict."""
    found = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data["turns"]:
            if item.get("fits") is not None:
                found[(data["meeting"], int(item["turn"]))] = item
    return found


def compare(first: dict, second: dict) -> dict:
    # Only a reply both judges read in the same words is compared: a changed engine would
    # otherwise count a disagreement about two different replies.
    shared = sorted(
        key for key in first.keys() & second.keys() if first[key]["client"] == second[key]["client"]
    )
    fits = [(first[k]["fits"], second[k]["fits"]) for k in shared]
    kinds = [
        (first[k].get("worker_kind"), second[k].get("worker_kind"))
        for k in shared
        if first[k].get("worker_kind") and second[k].get("worker_kind")
    ]
    n = len(fits)
    return {
        "replies": n,
        "agree": sum(a == b for a, b in fits) / n if n else 0.0,
        "kappa": cohen_kappa(fits) if n else 0.0,
        "misfits_first": sum(not a for a, _ in fits),
        "misfits_second": sum(not b for _, b in fits),
        "misfits_both": sum(not a and not b for a, b in fits),
        "kinds": len(kinds),
        "kinds_agree": sum(a == b for a, b in kinds) / len(kinds) if kinds else 0.0,
        "kinds_kappa": cohen_kappa(kinds) if kinds else 0.0,
        "kind_pairs": Counter(kinds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=Path, default=DATA / "judgements")
    parser.add_argument("--second", type=Path, default=DATA / "second_judgements")
    args = parser.parse_args(argv)
    first, second = verdicts(args.first), verdicts(args.second)
    groups: dict[str, tuple[dict, dict]] = {"all": (first, second)}
    for lang in ("en", "fi"):
        groups[lang] = (
            {k: v for k, v in first.items() if k[0].startswith(lang + "-")},
            {k: v for k, v in second.items() if k[0].startswith(lang + "-")},
        )
    for name, (a, b) in groups.items():
        result = compare(a, b)
        n = result["replies"]
        if not n:
            continue
        print(
            f"{name}: {n} replies judged twice; agree {result['agree']:.1%}, "
            f"kappa {result['kappa']:.2f}; misfits first {result['misfits_first']} "
            f"({result['misfits_first'] / n:.1%}), second {result['misfits_second']} "
            f"({result['misfits_second'] / n:.1%}), both {result['misfits_both']}"
        )
        if result["kinds"]:
            print(
                f"    worker turns labelled twice: {result['kinds']}; agree "
                f"{result['kinds_agree']:.1%}, kappa {result['kinds_kappa']:.2f}"
            )
            for (a_kind, b_kind), count in sorted(result["kind_pairs"].items()):
                if a_kind != b_kind:
                    print(f"      first {a_kind}, second {b_kind}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
