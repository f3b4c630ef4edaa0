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
import operator
from dataclasses import dataclass
from functools import cache
from itertools import compress, repeat
from pathlib import Path

from simulator.language.gate import PUSH_MOVES
from simulator.language.words import BLAME_HIDES, _ClientWords, _Found
from simulator.moves import REFLECTIONS

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


def joint_rows(
    owner, attr: str, models, found, row_of, weights
) -> tuple[tuple[str, ...], list[tuple]]:
    """The names of `models` and, for each feature of `found` that any of them has, its row:
    every model's weights for it side by side (`row_of(names, feature)`; an empty tuple when
    all are 0.0), kept on `owner` under `attr` while the same models are in use, so that one
    pass over a turn's features sums several models (issue 12, speed). `weights(model)` is a
    model's features (the keys of its weights): a feature none of them has gets its empty row
    without `row_of` (most new features of new text). Models of one's own (tests) are read
    anew."""
    joint = owner.__dict__.get(attr)
    if joint is None or joint[0] is not models:
        known = frozenset().union(*(weights(model) for model in models.values()))
        joint = owner.__dict__[attr] = (models, tuple(models), {}, known)
    names, memo, known = joint[1], joint[2], joint[3]
    rows = list(map(memo.get, found))
    if None in rows:
        if len(memo) > 100_000:
            memo.clear()
        # Only the features not met before go through Python, and only those some model has.
        features = list(found)  # in the order of `rows`
        for i in compress(range(len(rows)), map(operator.is_, rows, repeat(None))):
            feature = features[i]
            row = row_of(names, feature) if feature in known else ()
            rows[i] = memo[feature] = row if any(row) else ()
    return names, [row for row in rows if row]


@dataclass(frozen=True)
class MoveModel:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, found: set[str]) -> float:
        # map over dict.get runs in C: a Python generator here was a fifth of the rules' time
        # (issue 12, speed); the same sum in the same order (adding 0.0 changes nothing).
        return sigmoid(self.bias + sum(map(self.weights.get, found, repeat(0.0))))

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
            # JSON gives the weights as floats already (train_recognizer.py writes rounded
            # floats): converting 18,000 of them again was a few ms of building.
            weights=dict(model["weights"]),
            threshold=float(model["threshold"]),
        )
    return models


class SecondOpinion:
    """The learned second opinion as the recognizer applies it (mixed into RuleRecognizer)."""

    def learned_features(self, text: str) -> set[str]:
        """The features the learned models read of a turn (training uses this too)."""
        return self._features(" ".join(self._turn_parts(text)[1]))[0]

    def _features(self, joined_parts: str) -> tuple[set[str], list[str], list[str]]:
        """The features, and the stems and typed words they come from."""
        words, typed = self._read(joined_parts)
        stems = [self._stem(w) for w in words]
        return features(stems, joined_parts), stems, typed

    def _learned_moves(
        self, parts: list[str], found: list[_Found], client: _ClientWords
    ) -> list[_Found]:
        """Moves the rules did not read, nor turned down, but the learned weights are sure of."""
        have = {f.move for f in found}
        missing = [m for m in self._learned if m not in have and m not in client.ruled_out]
        if "give_information" in have:
            # What the rules read as an explanation is no reflection, however it is worded.
            missing = [m for m in missing if m not in REFLECTIONS]
        if "confront" in have:
            missing = [m for m in missing if m not in BLAME_HIDES]  # blame colours the turn
        if not client.said_something:
            # A reflection or summary needs the client's words to give back.
            missing = [m for m in missing if m not in REFLECTIONS and m != "summary"]
        if not missing:
            return []
        found_features, stems, typed = self._features(" ".join(parts))
        words = self._read(" ".join(parts))[0]
        sentence_of: list[int] | None = None
        out = []
        sums = self._learned_sums(found_features)
        for move in missing:
            model = self._learned[move]
            # MoveModel.probability, its sum taken with the other models' (`_learned_sums`)
            if sigmoid(model.bias + sums[move]) < model.threshold:
                continue
            if sentence_of is None:  # only once a move is added (most turns add none)
                # Which sentence each word is in, to place a learned move after the rules'.
                sentence_of = [i for i, part in enumerate(parts) for _ in self._words(part)]
            spans = [_span(stems, f) for f in model.strongest(found_features)]
            spans = [span for span in spans if span]
            if move in PUSH_MOVES and not any(self._content(words[a:b]) for a, b in spans):
                # A push the weights add from little words alone ("got your", "let's"; "what
                # were", "were you") names nothing of what the turn says (issue 12: "its
                # evidence names content words"): the app's reader withholds it (gated.py),
                # though the rules and the gate read the turn with it as before (and as the
                # gate was trained). Of the pushes no longer read so, the labels had 13 of 13
                # meeting turns (meet1-4) and 103 of 122 corpus turns (dev9-24, train1-8)
                # without.
                client.unexplained.add(move)
            at = [first for first, _ in spans]
            shown = tuple(dict.fromkeys(" ".join(dict.fromkeys(typed[a:b])) for a, b in spans))
            sentence = sentence_of[at[0]] if at and at[0] < len(sentence_of) else len(parts) - 1
            out.append(_Found(move, sentence + 0.9, shown, reason="learned"))
        return out

    def _learned_sums(self, found: set[str]) -> dict[str, float]:
        """Each model's sum of the turn's weights, all in one pass: a feature's weights in
        every model are kept together (0.0 where a model lacks it; none for a feature no model
        has), and each model's column is summed in the order of `found`, as
        `MoveModel.probability` sums it (adding 0.0 changes no sum): some ten walks over a
        turn's features were a tenth of reading it (issue 12, speed)."""
        models = self._learned
        names, rows = joint_rows(
            self,
            "_learned_joint",
            models,
            found,
            lambda names, feature: tuple(models[n].weights.get(feature, 0.0) for n in names),
            lambda model: model.weights,
        )
        if not rows:
            return dict.fromkeys(names, 0.0)
        return dict(zip(names, map(sum, zip(*rows, strict=True)), strict=True))


def _span(stems: list[str], feature: str) -> tuple[int, int] | None:
    """Where a word ("w:stem") or word-pair ("b:one_two") feature sits among the stems."""
    kind, _, body = feature.partition(":")
    wanted = [body] if kind == "w" else body.split("_", 1)
    size = len(wanted)
    return next(
        ((i, i + size) for i in range(len(stems) - size + 1) if stems[i : i + size] == wanted),
        None,
    )
