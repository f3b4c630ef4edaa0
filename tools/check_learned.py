"""Retrain the recognizer's learned weights and compare them with the shipped files, byte for byte.

    python tools/check_learned.py [--lang fi|en] [--gate | --push-only]

The second opinion (`simulator/language/learned/<lang>.json`) is retrained as
`tools/train_recognizer.py` trains it (the pinned choice of moves, `SECOND_OPINION`); with
`--gate` the gate too (`<lang>-gate.json`, `<lang>-gate-groups.bin`; needs AnnoMI in
`../shared/data/annomi/` and scikit-learn, and takes minutes). Nothing is written. Exit status
1 when a shipped file is not what the script makes of the current tree: then the shipped
weights cannot be rebuilt, or the script, the corpora or the features the rules read have
moved since they were trained (the gate's last digits also depend on the machine's BLAS:
docs/recognizer.md, "Rebuilding the learned weights"). Not part of the test suite (under a
minute for both languages without the gate, about two more with it); run it after changing
the training script, a training corpus, the lexicons' fillers and colloquial forms, or the
stemming. `--push-only` retrains only the gate's push head beside the shipped group and
subtype models, as `train_recognizer.py --push-only` ships it: the group model reads the rules'
moves, so once the rules have moved a whole retrain differs even where the push head, shipped
alone since, rebuilds byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_recognizer as training  # noqa: E402


def _second_opinion_differences(made: dict, shipped: dict) -> list[str]:
    """What differs between two second-opinion files, move by move."""
    out = [
        f"{key}: {made[key]} (shipped {shipped.get(key)})"
        for key in ("language", "trained_on", "features")
        if made[key] != shipped.get(key)
    ]
    moves, kept = made["moves"], shipped.get("moves", {})
    out += [f"{m}: model made, none shipped" for m in moves if m not in kept]
    out += [f"{m}: model shipped, none made" for m in kept if m not in moves]
    for move in (m for m in moves if m in kept):
        a, b = moves[move], kept[move]
        out += [
            f"{move} {key}: {a[key]} (shipped {b.get(key)})"
            for key in ("threshold", "bias", "selection")
            if a[key] != b.get(key)
        ]
        weights = set(a["weights"]) | set(b["weights"])
        differ = [f for f in weights if a["weights"].get(f) != b["weights"].get(f)]
        if differ:
            out.append(f"{move}: {len(differ)} of {len(weights)} weights differ")
    return out or ["the same content, other bytes (key order or number format)"]


def _leaves(data, path: str = ""):
    """(path, value) of every leaf of a JSON value; a gate row (a string of numbers) as its
    numbers."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{path}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, f"{path}[{i}]")
    elif isinstance(data, str) and " " in data and "/weights/" in path:
        for i, value in enumerate(data.split()):
            yield f"{path}[{i}]", float(value)
    else:
        yield path, data


def _gate_differences(made: dict, shipped: dict) -> list[str]:
    """How far a retrained gate's JSON is from the shipped one: a different structure, or
    numbers a little apart (the gate is fitted with BLAS, whose last digits depend on the
    machine and its thread count)."""
    a, b = dict(_leaves(made)), dict(_leaves(shipped))
    if a.keys() != b.keys():
        made_only, shipped_only = len(a.keys() - b.keys()), len(b.keys() - a.keys())
        return [f"other entries: {made_only} made only, {shipped_only} shipped only"]
    differ = [(k, a[k], b[k]) for k in a if a[k] != b[k]]
    numbers = [(k, x, y) for k, x, y in differ if isinstance(x, float) and isinstance(y, float)]
    out = [f"{k}: {x!r} (shipped {y!r})" for k, x, y in differ if (k, x, y) not in numbers][:10]
    if numbers:
        k, x, y = max(numbers, key=lambda n: abs(n[1] - n[2]) / max(abs(n[2]), 1e-12))
        out.append(f"{len(numbers)} of {len(a)} numbers differ; most (relatively): {k}")
        out.append(f"  {x!r} made, {y!r} shipped")
    return out


def check(lang: str, gate: bool, push_only: bool = False) -> bool:
    """Whether every checked file of `lang` is made byte for byte as shipped (printed)."""
    made = {f"{lang}.json": training.learned_text(training.second_opinion(lang)).encode("utf-8")}
    if gate or push_only:
        trained = training.with_push_head(lang) if push_only else training.train_gate(lang)
        made.update(training.gate_files(trained, lang))
    same = True
    for name, content in made.items():
        shipped = (training.LEARNED_DIR / name).read_bytes()
        if content == shipped:
            print(f"  {name}: byte for byte as shipped")
            continue
        same = False
        print(f"  {name}: DIFFERS ({len(content)} bytes made, {len(shipped)} shipped)")
        if name.endswith(".bin"):
            if len(content) == len(shipped):
                differ = sum(x != y for x, y in zip(content, shipped, strict=True))
                print(f"    {differ} bytes differ")
            continue
        tell = _second_opinion_differences if name == f"{lang}.json" else _gate_differences
        for line in tell(json.loads(content), json.loads(shipped)):
            print(f"    {line}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--gate", action="store_true", help="retrain and compare the gate too")
    which.add_argument(
        "--push-only",
        action="store_true",
        help="retrain the gate's push head only, beside the shipped group and subtype models",
    )
    args = parser.parse_args()
    results = [check(lang, args.gate, args.push_only) for lang in args.lang or ["fi", "en"]]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
