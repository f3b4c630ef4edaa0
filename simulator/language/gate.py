"""The learned gate: which of AnnoMI's four behaviours a turn is, read in its context.

The cue rules read a turn's moves precisely where a cue was written for them, and misread the
rest: a push that says "you" reads as a reflection, a real reflection in words of its own reads
as nothing. The gate is a multinomial logistic model over the turn's words and word pairs
(Snowball stems, as the rules read them), its form (question mark, length, sentences), how much
it re-says the client's last two turns and the worker's previous turn, and the moves the rules
read. It says whether the turn is a question, a reflection, the worker's own input or none of
these; when it is confident, the rules' moves of the other three groups go and, if the rules
read nothing of its group, the most likely move of that group (open/closed question,
simple/complex reflection or summary, information/advice/options/collaboration) is added with
the words that spoke for it. Moves outside the three groups (greeting, praise, autonomy,
pushing, blaming, brushing off, time...) are the rules' and the second opinion's alone.

Weights are data (`learned/<lang>-gate.json`), written by `tools/train_recognizer.py`; the
app only reads them. Pure Python at run time: a sum of a few hundred short vectors.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEARNED_DIR = Path(__file__).parent / "learned"

CLASSES = ("question", "reflection", "therapist_input", "other")
#: The moves each group manages (AnnoMI's behaviour classes in our moves; domain.md).
GROUP_MOVES = {
    "question": ("open_question", "closed_question"),
    "reflection": ("simple_reflection", "complex_reflection", "summary"),
    "therapist_input": ("give_information", "advice", "offer_options", "seek_collaboration"),
}
#: Moves of a group that the gate never removes nor adds: pushing is the rules' to judge, and
#: a summary gathers the meeting (the rules read its list form better than words can).
KEPT = frozenset({"persuade", "summary"})
#: A reading's moves in AnnoMI's classes (domain.md): input includes pushing.
CLASS_MOVES = {
    "question": frozenset(GROUP_MOVES["question"]),
    "reflection": frozenset(GROUP_MOVES["reflection"]),
    "therapist_input": frozenset(GROUP_MOVES["therapist_input"]) | {"persuade"},
}


def class_order(text: str) -> tuple[str, ...]:
    """Which class a turn with moves of several groups counts as: a turn ending in "?" is a
    question first, any other a reflection first (domain.md)."""
    if text.rstrip().endswith("?"):
        return ("question", "reflection", "therapist_input")
    return ("reflection", "therapist_input", "question")


def four_way(moves, text: str) -> str:
    """The AnnoMI main-behaviour class a reading's moves make."""
    present = set(moves)
    return next((c for c in class_order(text) if present & CLASS_MOVES[c]), "other")


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    for i, edge in enumerate(edges):
        if value < edge:
            return i
    return len(edges)


def context_features(content: set[str], others: list[tuple[str, set[str], int, bool]]) -> set[str]:
    """How much the turn's content stems re-say each piece of context: (name, the context's
    content stems, its length in words, whether it ended in "?")."""
    found: set[str] = set()
    for name, stems, length, asked in others:
        if not length:
            found.add(f"{name}:none")
            continue
        shared = content & stems
        found.add(f"{name}:ov{_bucket(len(shared) / max(len(content), 1), (0.01, 0.2, 0.4, 0.6))}")
        found.add(f"{name}:n{min(len(shared), 4)}")
        found.add(f"{name}:len{min(length // 5, 5)}")
        if asked:
            found.add(f"{name}:q")
    return found


def turn_features(stems: list[str], text: str, sentence_count: int, rule_moves) -> set[str]:
    """The turn's own features: stems, stem pairs, how it opens and ends, its length, and
    the moves the rules read."""
    found = {f"w:{s}" for s in stems}
    found.update(f"b:{a}_{b}" for a, b in zip(stems, stems[1:], strict=False))
    if stems:
        found.add(f"first:{stems[0]}")
        found.add(f"last:{stems[-1]}")
    if len(stems) > 1:
        found.add(f"first2:{stems[0]}_{stems[1]}")
    stripped = text.rstrip()
    if stripped.endswith("?"):
        found.add("q")
    if "?" in stripped:
        found.add("qany")
    found.add(f"len:{min(len(stems) // 4, 8)}")
    found.add(f"ns:{min(sentence_count, 4)}")
    found.update(f"r:{m}" for m in rule_moves)
    if not rule_moves:
        found.add("r:none")
    return found


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class Softmax:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    #: feature -> one weight per label; in the shipped JSON a row is a string of numbers
    #: ("0.12 -0.3 0.0 0.05"), read into floats the first time a turn has the feature: parsing
    #: every row's floats at load was a tenth of building a recognizer (10.6 -> 2.6 ms for
    #: fi-gate.json), and a turn meets a few dozen of the ten thousand features.
    weights: dict[str, list[float] | str]

    def row(self, feature: str) -> list[float] | None:
        row = self.weights.get(feature)
        if isinstance(row, str):
            row = [float(x) for x in row.split()]
            self.weights[feature] = row  # the dict is the model's own, filled as it is read
        return row

    def probabilities(self, found: set[str]) -> list[float]:
        scores = list(self.bias)
        for feature in found:
            row = self.row(feature)
            if row:
                for i, w in enumerate(row):
                    scores[i] += w
        return _softmax(scores)

    def strongest(self, found: set[str], label: str, count: int = 3) -> list[str]:
        """The word features that spoke most for `label` (for the evidence)."""
        at = self.labels.index(label)
        scored = sorted(
            (
                (row[at], f)
                for f in found
                if f.startswith("w:") and (row := self.row(f)) is not None
            ),
            reverse=True,
        )
        return [f[2:] for w, f in scored[:count] if w > 0]

    @classmethod
    def from_json(cls, data: dict) -> Softmax:
        # The weights are used as JSON gave them (lists of floats, or strings read on first
        # use): converting ten thousand rows would cost more than the rest of building.
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(float(b) for b in data["bias"]),
            weights=dict(data["weights"]),
        )


#: The moves of the push head: the worker's own pressure, blame or brush-off.
PUSH_MOVES = ("confront", "persuade", "dismiss")


@dataclass(frozen=True)
class Gate:
    groups: Softmax
    subtypes: dict[str, Softmax]
    threshold: float  # confidence needed to add a move the rules did not read
    drop_threshold: float = 0.0  # ...and to drop one they did (at least `threshold`)
    #: The push head: per move of PUSH_MOVES a two-label model ("none", move) over the same
    #: features less the rules' moves, and the confidence it needs to add the move.
    push: dict[str, Softmax] = field(default_factory=dict)
    push_threshold: float = 1.0

    @classmethod
    def from_json(cls, data: dict) -> Gate:
        return cls(
            groups=Softmax.from_json(data["groups"]),
            subtypes={g: Softmax.from_json(s) for g, s in data["subtypes"].items()},
            threshold=float(data["threshold"]),
            drop_threshold=float(data.get("drop_threshold", 0.0)),
            push={m: Softmax.from_json(s) for m, s in (data.get("push") or {}).items()},
            push_threshold=float(data.get("push_threshold", 1.0)),
        )


@cache
def load_gate(lang: str) -> Gate | None:
    try:
        data = json.loads((LEARNED_DIR / f"{lang}-gate.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Gate.from_json(data)
