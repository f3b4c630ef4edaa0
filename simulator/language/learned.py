"""A learned second opinion beside the cue rules: per-move word weights from labelled turns.

The cue lexicons read what they were written for, precisely, and miss a move worded in a way
nobody listed. For the moves where that costs most, a small logistic model over the turn's
words and word pairs (stems, as the rules read them) adds the move when it is confident and
the rules found nothing. It only ever adds: the rules' readings, and their evidence, stay.

The weights are data (`learned/<lang>.json`), written by `tools/train_recognizer.py` from
the labelled corpora under `tests/data/`; nothing is trained or downloaded at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEARNED_DIR = Path(__file__).parent / "learned"


def features(stems: list[str], text: str) -> set[str]:
    """What the model sees of a turn: its stems, neighbouring stem pairs, how it opens and
    ends, and its length. Training and reading use this one function."""
    found = {f"w:{s}" for s in stems}
    found.update(f"b:{a}_{b}" for a, b in zip(stems, stems[1:], strict=False))
    if stems:
        found.add(f"first:{stems[0]}")
    if len(stems) > 1:
        found.add(f"first2:{stems[0]}_{stems[1]}")
    if text.rstrip().endswith("?"):
        found.add("q")
    if "!" in text:
        found.add("excl")
    found.add(f"len:{min(len(stems) // 5, 6)}")
    return found


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@dataclass(frozen=True)
class MoveModel:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, found: set[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in found))

    def strongest(self, found: set[str], count: int = 3) -> list[str]:
        """The word features that spoke most for the move (for the evidence)."""
        scored = sorted(
            ((self.weights.get(f, 0.0), f) for f in found if f.startswith(("w:", "b:"))),
            reverse=True,
        )
        return [f for weight, f in scored[:count] if weight > 0]


@cache
def load_learned(lang: str) -> dict[str, MoveModel]:
    """The models of one language, {} when none was trained (the rules then read alone)."""
    try:
        data = json.loads((LEARNED_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    models = {}
    for move, model in (data.get("moves") or {}).items():
        models[move] = MoveModel(
            bias=float(model["bias"]),
            weights={str(k): float(v) for k, v in model["weights"].items()},
            threshold=float(model["threshold"]),
        )
    return models
