"""Benchmark: the free-text meetings replayed with a final reader that does not ship.

    python benchmarks/final_replay.py [--lang en|fi] [--oof] [--rows cache.pkl]
                                      [--variants main,scaled+noxc+families] [--write PREFIX]

Trains the final reader (simulator/language/final.py) as tools/train_final.py would, on the
training corpora train_final.CORPORA, in each variant of benchmarks/final_heldout.py
(`scaled`, `noxc`, `noP`, `noE`, `families`; `main` is the app with no final reader), puts it
in the app's recognizer (only in this process: no weights are written) and replays every
meeting of the language as benchmarks/skilled_replay.py does: skilled turns read as blaming or
rejecting, pushing turns read as encountering, skilled and hurried meetings at the good
ending. `--oof` trains it on the readings of cross-fitted push heads
(train_final.out_of_fold_rows); `--rows` shares final_heldout's pickle of readings. `--write`
keeps each variant's readings as PREFIX-<variant>.json, for `skilled_replay.against`.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from final_heldout import DEV  # noqa: E402


def shape_of(variant: str) -> dict:
    """The FinalModel settings a variant name stands for (as benchmarks/final_heldout.py)."""
    flags = set(variant.split("+"))
    dropped = {"xc:"} if "noxc" in flags else set()
    dropped |= {"P:"} if "noP" in flags else set()
    dropped |= {"P:", "E:", "EM:"} if "noE" in flags else set()
    return {
        "length_scaled": "scaled" in flags,
        "without": tuple(sorted(dropped)),
        "rule": "families" if "families" in flags else "edit",
    }


def training_rows(lang: str, oof: bool, cache: Path | None):
    """The training corpora's turns and their readings (shared with final_heldout's cache,
    which holds the development sets after them)."""
    import train_final

    items = train_final.turns(lang, train_final.CORPORA)
    if cache and cache.exists():
        kept = pickle.loads(cache.read_bytes()).get((lang, oof))
        if kept is not None:
            return items, kept[1][: len(items)]
    if oof:
        every = items + train_final.turns(
            lang,
            [
                d
                for d in DEV
                if (ROOT / "tests" / "data" / f"recognizer_{d}" / f"{lang}.jsonl").exists()
            ],
        )
        return items, train_final.out_of_fold_rows(lang, every)[: len(items)]
    return items, train_final.engine_rows(lang, items)


def replay_with(lang: str, model):
    """Every meeting of `lang` played with `model` as the app's final reader (None: none)."""
    from credibility import DATA, judge, play, read_judgements, read_meetings, read_worker_kinds

    from simulator import language
    from simulator.language import gated
    from simulator.scenario.loader import load_library

    gated.load_final = lambda _lang: model
    language._build.cache_clear()
    scenarios = {s.id: s for s in load_library()[0]}
    judgements = read_judgements(DATA / "judgements")
    kinds = read_worker_kinds(DATA / "judgements")
    out = []
    for meeting in read_meetings(DATA / "meetings"):
        scenario = scenarios[meeting.scenario]
        if scenario.language != lang:
            continue
        played = play(meeting, scenario)
        judge(played, judgements, kinds)
        out.append(played)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--oof", action="store_true")
    parser.add_argument("--rows", type=Path)
    parser.add_argument("--variants", default="main,scaled+noxc+families")
    parser.add_argument("--write", help="keep each variant's readings as PREFIX-<variant>.json")
    args = parser.parse_args()
    import skilled_replay
    import train_final

    for lang in args.lang or ["en", "fi"]:
        items, rows = training_rows(lang, args.oof, args.rows)
        base = None
        for variant in args.variants.split(","):
            model = None
            if variant != "main":
                model = train_final.fit(
                    [r for r, _ in rows], [it["moves"] for it in items], **shape_of(variant)
                )
            played = replay_with(lang, model)
            print(f"{variant}{' (cross-fitted push heads)' if args.oof and model else ''}:")
            print("\n".join(skilled_replay.report({lang: played})[:4]))
            now = skilled_replay.readings({lang: played})
            if base is None:
                base = now
            else:
                changes = skilled_replay.against(base, now)
                print(f"  {len(changes)} changes against {args.variants.split(',')[0]}")
            if args.write:
                path = Path(f"{args.write}-{lang}-{variant}.json")
                path.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
