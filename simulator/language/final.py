"""The final reader: which moves a turn makes, learned from what the engine read of it.

The cue rules, the second opinion, the gate and the push head each read a turn their own way;
on talk the rules were never tuned on (the training corpora recognizer_train1-4) their joint
reading reaches an 18-move macro-F1 of 0.56 (en) / 0.62 (fi), and a fifth to a third of the
pushes are read as listening. Which of those readings to trust depends on the turn: a push
worded as a reflection, a question that is advice. So a last learned step reads the turn once
more, per move a logistic model (one against the rest) over

- the gate's wide features of the turn in its context (words, word pairs, first words,
  character n-grams, how much of it the client's last two turns and the worker's previous
  turn share, "you" beside an obligation: `gate.wide_features`), and
- the engine's own reading: the moves the rules read, the moves after the gate and the push
  head, its mode, and the gate's class and push-head probabilities in fifths,

and edits the engine's reading: a move the engine read goes when its model finds it unlikely
(`drop_below`), a move it did not read comes when its model is sure of it (`add_at`). Whether
the turn asks stays the rules' call (open and closed questions as the engine reads them).

Weights are data (`learned/<lang>-final.json` and the `.bin` beside it), written by
`tools/train_final.py` from the training corpora; the app only reads them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from simulator.language.gate import int16_bytes, int16_columns
from simulator.moves import HARMFUL, QUESTIONS, REFLECTIONS

LEARNED_DIR = Path(__file__).parent / "learned"

_FIELD = 40
_MASK = (1 << _FIELD) - 1
_OFFSET = 1 << 15  # added to each weight: a field holds no negative number
_MEMO_SIZE = 100_000


#: The prefixes of the features that are the engine's reading of a turn (`reading_features`);
#: every other feature is the turn's own text in its context.
READING = ("E:", "R:", "EM:", "G:", "P:")
#: The moves a "families" reader never leaves a listening turn without (final34: the reader
#: dropped skilled meeting reflections, and the client's path waits for them).
LISTENING = REFLECTIONS | {"summary", "affirmation", "support"}
#: The prefix of a move's adding model ("+persuade"): where a move has one, it alone decides
#: whether the move is added, and the move's own model (which reads the engine's reading too)
#: whether a move the engine read is kept. The push models on the turn's own words dropped the
#: engine's confronts and dismissals, which they could not see (meetlearn3, stop 37).
ADDING = "+"


def feature_values(
    found: Iterable[str],
    length_scaled: bool = False,
    without: tuple[str, ...] = (),
    floor: int = 1,
) -> dict[str, float]:
    """Each feature's value as the reader weighs it (training and reading use this one
    function): features starting with a prefix in `without` are left out; with
    `length_scaled` the turn's own features count 1/sqrt(their number) each and the
    reading's 1. Unscaled, a long turn sums many small negative weights: a skilled meeting
    turn has about twice a corpus turn's features, and the reader trained on the corpora
    dropped the engine's reflection in most of them (final34, English: 266 of 334 simple
    reflections; 195 scaled). `floor` is the fewest features the share is counted over: with
    1, a five-word question's few features each weigh several times a corpus turn's, and one
    word decided it ("Are you taking any medication?" read as confront, ship35)."""
    kept = [f for f in found if not f.startswith(without)] if without else list(found)
    if not length_scaled:
        return dict.fromkeys(kept, 1.0)
    own = sum(1 for f in kept if not f.startswith(READING))
    share = 1.0 / math.sqrt(max(own, floor, 1))
    return {f: 1.0 if f.startswith(READING) else share for f in kept}


def _fifth(p: float) -> int:
    return min(int(p * 5), 4)


def reading_features(
    moves: Iterable[str],
    rule_moves: Iterable[str],
    mode: str | None,
    group_labels: Sequence[str],
    group_probs: Sequence[float],
    push_probs: dict[str, float],
) -> set[str]:
    """The engine's reading of a turn as features (training and reading use this one
    function): its moves ("E:"), the rules' moves before the gate ("R:"), its mode, and the
    gate's class and push-head probabilities in fifths."""
    moves = list(moves)
    found = {"E:" + m for m in moves} | {"R:" + m for m in rule_moves}
    found.add(f"EM:{mode}")
    if not moves:
        found.add("E:none")
    found.update(f"G:{lab}:{_fifth(p)}" for lab, p in zip(group_labels, group_probs, strict=True))
    found.update(f"P:{m}:{_fifth(p)}" for m, p in push_probs.items())
    return found


@dataclass
class FinalModel:
    """Per move (`moves`) a binary logistic model: bias + the sum of the turn's weights. The
    weights are 16-bit integers times `weight_scale`, one column per move."""

    moves: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    weights: tuple[Sequence[int], ...]
    weight_scale: float
    #: The confidence a move the engine did not read needs to be added, and the one below
    #: which a move it read is dropped.
    add_at: float
    drop_below: float
    #: How the features are weighed (`feature_values`) and how the reading is edited
    #: (`decide`); the defaults are the reader stack33 measured.
    length_scaled: bool = False
    without: tuple[str, ...] = ()
    rule: str = "edit"
    #: `feature_values`' floor, and whether the reader may leave a turn the engine read as
    #: making a move with none (with `never_empty` it may not: advice pressed against the
    #: client's stand, read as persuade by the rules, lost its move when the reader dropped
    #: the push, ship35).
    scale_floor: int = 1
    never_empty: bool = False
    #: The confidence a push (HARMFUL) the engine did not read needs to be added, where it
    #: differs from `add_at` (None: the same): learning meeting turns, the reader hears pushes
    #: the engine missed at a lower confidence than other moves (meetlearn, stop 36).
    push_at: float | None = None
    #: Whether a push may be added to a turn the engine read as asking only. With
    #: `questions_kept` it may not: the corpora's writers put many confronts as closed
    #: questions, so the reader learned "a closed question" as a confront cue and read "Are
    #: you taking any medication?" as one (ship35, final36); in the meetings' own turns such
    #: additions were 2 of 253 (meetlearn, stop 36).
    questions_kept: bool = False
    #: Moves the reader never adds (it may still drop them): English confront, which the
    #: reader added to kind turns ("That was a dramatic change.") and which, held out on the
    #: meetings, turned no push heard as listening (meetlearn, stop 36).
    never_added: tuple[str, ...] = ()
    #: Moves the engine read that the reader never drops or swaps, and beside which, when one is
    #: a listening move, it adds nothing: the Finnish reader that learned meet1 turned skilled
    #: summaries into reflections ("Eli ranneke, ja talvella joku ulkoiluttais Nappia..." ->
    #: simple_reflection) and dropped them, and those meetings lost their good endings
    #: (meetlearn2, stop 36).
    never_dropped: tuple[str, ...] = ()
    #: A push is never added to a turn of at most this many words (0: no limit): the adding
    #: model on the turn's own words heard dismiss in short Finnish turns with no push in them
    #: ("Joo. Mm.", "Mulla on aikaa, ei kiirettä.", meetlearn3 and meetlearn4).
    short_words: int = 0
    #: The confidence a push needs to be added beside a listening move the engine read, where
    #: it differs from the push's own (None: the same): English kind reflections holding "but"
    #: ("You've got a roof, but you don't feel welcome under it.") gained persuade (meetlearn4).
    beside_listening_at: float | None = None
    #: Moves beside which the reader adds no push: advice, which the engine turns into a push
    #: itself where it is pressed against the client's stand (gated._pressed); the reader added
    #: persuade to advice asked for ("Sun pitää silti mennä sinne, vaikka et haluais." after
    #: "Mitä mä nyt teen?") and to "You need to stop using." (meetlearn4).
    push_not_beside: tuple[str, ...] = ()
    #: The listening moves added only to a turn the engine read with no listening move (the
    #: reader added support beside "Kuulostaa tosi pahalta."'s reflection); with
    #: `listening_unpushed` a listening move is added only to a turn whose reading holds no push
    #: (a complex reflection beside "Mut rehellisesti, sä et jaksa tätä yksin..."'s persuade;
    #: meetlearn4).
    listening_alone: tuple[str, ...] = ()
    listening_unpushed: bool = False
    #: With `subtypes_kept` a reflection the engine read keeps its subtype (the reader keeps or
    #: drops it): the English reader turned the double-sided "So you know it's not good for
    #: you, but it's also what gets you through. Is that fair?" into a simple one (meetlearn4).
    subtypes_kept: bool = False
    #: Moves the engine read that a push the reader adds replaces: advice the reader hears as
    #: pressed is persuading, as the engine's own rule reads advice pressed against the client's
    #: stand (gated._pressed); the labelled sets put persuade beside advice in 51 (en) / 68 (fi)
    #: turns of 2,616 / 2,750 persuading ones ("Sun pitää silti mennä sinne, vaikka et haluais."
    #: after "Mitä mä nyt teen?" is persuade, the lead's decision, stop 40).
    push_replaces: tuple[str, ...] = ()
    #: Moves never added to a turn the engine read as asking only (as a push with
    #: `questions_kept`): on AnnoMI's Finnish therapist turns the reflections the reader added
    #: to open questions were wrong in 8 of 9 (the experts' label: a question).
    asking_kept_from: tuple[str, ...] = ()
    #: What the weights were fitted on (tools/train_final.py `provenance`: the commit, the
    #: training turns and a digest of the engine's readings of them); never read to decide,
    #: only to tell when the engine has moved away from the readings learned
    #: (tests/test_recognizer_final.py).
    fitted_on: dict | None = None
    _packed: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def _pack(self, feature: str) -> int:
        """The feature's row as one integer, a field of `_FIELD` bits per move (its weight
        plus `_OFFSET`) after a field counting the row: summing packed rows sums every move's
        column at once, exactly and in any order."""
        j = self.index.get(feature)
        if j is None:
            return 0
        packed = 1
        for k, column in enumerate(self.weights, start=1):
            packed |= (column[j] + _OFFSET) << (_FIELD * k)
        return packed

    def _column_sums(self, found: Iterable[str]) -> tuple[int, list[int]]:
        """How many of `found` the reader knows, and each move's sum of their weights."""
        memo = self._packed
        total = 0
        for feature in found:
            row = memo.get(feature)
            if row is None:
                if len(memo) > _MEMO_SIZE:
                    memo.clear()
                row = memo[feature] = self._pack(feature)
            total += row
        count = total & _MASK
        offset = count * _OFFSET
        sums = [(total >> (_FIELD * k) & _MASK) - offset for k in range(1, len(self.moves) + 1)]
        return count, sums

    def probabilities(self, found: Iterable[str]) -> dict[str, float]:
        if self.length_scaled or self.without:
            values = feature_values(found, self.length_scaled, self.without, self.scale_floor)
            read = [f for f in values if f.startswith(READING)]
            own = [f for f in values if not f.startswith(READING)]
            share = values[own[0]] if own else 1.0
            _, read_sums = self._column_sums(read)
            _, own_sums = self._column_sums(own)
            sums = [r + share * o for r, o in zip(read_sums, own_sums, strict=True)]
        else:
            _, sums = self._column_sums(found)
        out = {}
        for move, b, total in zip(self.moves, self.bias, sums, strict=True):
            z = b + self.weight_scale * total
            out[move] = 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0
        return out

    def decide(
        self, probs: dict[str, float], engine_moves: Sequence[str], words: int | None = None
    ) -> list[str]:
        """The final moves: the engine's, less those the model finds unlikely (below
        `drop_below`), plus those it is sure of (`add_at`). Questions, and moves too rare in
        training to have a model, stay as the engine read them. With the rule "families"
        (final34's D4) only listening (LISTENING) and pushing (HARMFUL) moves are edited, a
        reflection goes only when both subtypes are unlikely (else it takes the likelier), and
        a turn the engine read as listening keeps its listening moves unless a push is added.
        `words` is the turn's length in words (`short_words`; None: not known, no limit)."""
        if self.rule == "families":
            moves = self._families(probs, list(engine_moves), words)
        else:
            moves = [
                m
                for m in engine_moves
                if m in self.never_dropped or probs.get(m, 1.0) >= self.drop_below
            ]
            moves += [
                m
                for m in self.moves
                if m not in engine_moves
                and self._sure(probs, m) >= self._at(m, engine_moves, words)
            ]
        if self.questions_kept and engine_moves and set(engine_moves) <= QUESTIONS:
            kept = HARMFUL | set(self.asking_kept_from)
            moves = [m for m in moves if m in engine_moves or m not in kept]
        if self.never_empty and engine_moves and not moves:
            return list(engine_moves)
        return moves

    def _sure(self, probs: dict[str, float], move: str) -> float:
        """How sure the reader is of adding `move`: its adding model's probability where it has
        one (ADDING + move), else its own; 0 for an adding model's own column."""
        if move.startswith(ADDING):
            return 0.0
        return probs.get(ADDING + move, probs[move])

    def _at(self, move: str, engine: Sequence[str] = (), words: int | None = None) -> float:
        """The confidence `move` needs to be added to a turn of `words` words the engine read
        as `engine`."""
        if move in self.never_added:
            return math.inf
        if move not in HARMFUL:
            return self.add_at
        if self.short_words and words is not None and words <= self.short_words:
            return math.inf
        at = self.push_at if self.push_at is not None else self.add_at
        if set(engine) & set(self.push_not_beside):
            return math.inf
        if self.beside_listening_at is not None and any(m in LISTENING for m in engine):
            at = max(at, self.beside_listening_at)
        return at

    def _families(
        self, probs: dict[str, float], engine: list[str], words: int | None = None
    ) -> list[str]:
        kept = [
            m
            for m in engine
            if (m not in LISTENING and m not in HARMFUL) or m in self.never_dropped
        ]
        edited = [m for m in engine if m not in kept]
        reflected = sum(probs.get(r, 0.0) for r in REFLECTIONS)
        moves = []
        for m in edited:
            if m in REFLECTIONS:
                if reflected >= self.drop_below:
                    likelier = max(sorted(REFLECTIONS), key=lambda r: probs.get(r, 0.0))
                    swap = probs.get(m, 0.0) < self.drop_below and not self.subtypes_kept
                    moves.append(likelier if swap else m)
            elif probs.get(m, 1.0) >= self.drop_below:
                moves.append(m)
        moves = list(dict.fromkeys(moves))
        added = [
            m
            for m in self.moves
            if m not in moves
            and m not in engine
            and self._sure(probs, m) >= self._at(m, engine, words)
        ]
        if any(m in LISTENING for m in engine):
            added = [m for m in added if m not in self.listening_alone]
        if self.listening_unpushed and any(m in HARMFUL for m in moves + added):
            added = [m for m in added if m not in LISTENING]
        moves += added
        if (
            not any(m in HARMFUL for m in moves)
            and any(m in LISTENING for m in edited)
            and not any(m in LISTENING for m in moves)
        ):
            moves += [m for m in edited if m in LISTENING and m not in moves]
        if self.never_dropped and any(m in LISTENING for m in kept):
            # The kept listening move is the turn's listening: nothing is added beside it, a
            # push neither. "Let me see if I've got this: you want to stay at home, but the
            # stairs are getting hard." gained persuade from "but"; of the meeting turns the
            # engine reads as a summary, 3 of 150 (en) are labelled with a push (meetlearn3).
            moves = [m for m in moves if m in edited]
        if self.push_replaces and any(m in HARMFUL and m not in engine for m in moves):
            kept = [m for m in kept if m not in self.push_replaces]
        return kept + [m for m in moves if m not in kept and (m in LISTENING or m in HARMFUL)]

    def strongest(self, found: Iterable[str], move: str, count: int = 8) -> list[str]:
        """The turn's words ("xw:" features) that spoke most for `move` (for the evidence)."""
        adding = ADDING + move
        column = self.weights[self.moves.index(adding if adding in self.moves else move)]
        scored = []
        for feature in found:
            if feature.startswith("xw:"):
                j = self.index.get(feature)
                if j is not None and column[j] > 0:
                    scored.append((-column[j], feature[3:]))
        return [w for _, w in sorted(scored)[:count]]

    def to_files(self, lang: str) -> dict[str, bytes]:
        """The shipped files: the JSON (moves, bias, scales, thresholds) and the binary (the
        features, UTF-8 one a line, then each move's int16 weights, little-endian)."""
        names = "\n".join(sorted(self.index, key=self.index.__getitem__)).encode("utf-8")
        meta = {
            "moves": list(self.moves),
            "bias": [round(b, 5) for b in self.bias],
            "weight_scale": self.weight_scale,
            "add_at": self.add_at,
            "drop_below": self.drop_below,
            # written only where they differ from the defaults
            **({"length_scaled": True} if self.length_scaled else {}),
            **({"without": list(self.without)} if self.without else {}),
            **({"rule": self.rule} if self.rule != "edit" else {}),
            **({"scale_floor": self.scale_floor} if self.scale_floor != 1 else {}),
            **({"never_empty": True} if self.never_empty else {}),
            **({"push_at": self.push_at} if self.push_at is not None else {}),
            **({"questions_kept": True} if self.questions_kept else {}),
            **({"never_added": list(self.never_added)} if self.never_added else {}),
            **({"never_dropped": list(self.never_dropped)} if self.never_dropped else {}),
            **({"short_words": self.short_words} if self.short_words else {}),
            **({"push_not_beside": list(self.push_not_beside)} if self.push_not_beside else {}),
            **({"listening_alone": list(self.listening_alone)} if self.listening_alone else {}),
            **({"listening_unpushed": True} if self.listening_unpushed else {}),
            **({"subtypes_kept": True} if self.subtypes_kept else {}),
            **({"push_replaces": list(self.push_replaces)} if self.push_replaces else {}),
            **({"asking_kept_from": list(self.asking_kept_from)} if self.asking_kept_from else {}),
            **(
                {"beside_listening_at": self.beside_listening_at}
                if self.beside_listening_at is not None
                else {}
            ),
            **({"fitted_on": self.fitted_on} if self.fitted_on else {}),
            "count": len(self.index),
            "names_bytes": len(names),
            "binary": f"{lang}-final.bin",
        }
        return {
            f"{lang}-final.json": (json.dumps(meta, indent=1) + "\n").encode("utf-8"),
            f"{lang}-final.bin": names + int16_bytes(self.weights),
        }

    @classmethod
    def from_files(cls, meta: dict, data: bytes) -> FinalModel:
        n, k, at = int(meta["count"]), len(meta["moves"]), int(meta["names_bytes"])
        names = data[:at].decode("utf-8").split("\n") if n else []
        if len(names) != n or len(data) != at + 2 * n * k:
            raise ValueError("not a final reader of this shape")
        parts = int16_columns(data, at, n, k)
        return cls(
            moves=tuple(meta["moves"]),
            bias=tuple(float(b) for b in meta["bias"]),
            index=dict(zip(names, range(n), strict=True)),
            weights=tuple(parts),
            weight_scale=float(meta["weight_scale"]),
            add_at=float(meta["add_at"]),
            drop_below=float(meta["drop_below"]),
            length_scaled=bool(meta.get("length_scaled", False)),
            without=tuple(meta.get("without", ())),
            rule=str(meta.get("rule", "edit")),
            scale_floor=int(meta.get("scale_floor", 1)),
            never_empty=bool(meta.get("never_empty", False)),
            push_at=None if meta.get("push_at") is None else float(meta["push_at"]),
            questions_kept=bool(meta.get("questions_kept", False)),
            never_added=tuple(meta.get("never_added", ())),
            never_dropped=tuple(meta.get("never_dropped", ())),
            short_words=int(meta.get("short_words", 0)),
            push_not_beside=tuple(meta.get("push_not_beside", ())),
            listening_alone=tuple(meta.get("listening_alone", ())),
            listening_unpushed=bool(meta.get("listening_unpushed", False)),
            subtypes_kept=bool(meta.get("subtypes_kept", False)),
            push_replaces=tuple(meta.get("push_replaces", ())),
            asking_kept_from=tuple(meta.get("asking_kept_from", ())),
            beside_listening_at=None
            if meta.get("beside_listening_at") is None
            else float(meta["beside_listening_at"]),
            fitted_on=meta.get("fitted_on"),
        )


@cache
def load_final(lang: str) -> FinalModel | None:
    """The shipped final reader of `lang`, or None where none ships."""
    try:
        meta = json.loads((LEARNED_DIR / f"{lang}-final.json").read_text(encoding="utf-8"))
        return FinalModel.from_files(meta, (LEARNED_DIR / meta["binary"]).read_bytes())
    except (OSError, ValueError, KeyError):
        return None
