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

The group model (which of the four) reads more than the subtype models and the push head: also
the turn's normalised words and word pairs, its first words, its character 2-5-grams, how many
of its character 4-grams the context shares, and whether it says "you" beside an obligation or
as a statement (`wide_features`), TF-IDF weighted and length-normalised. Those are hundreds of
thousands of features, so that model ships as binary data (`TfidfSoftmax`: the features, their
idf and their weights as 16-bit integers in `learned/<lang>-gate-groups.bin`).

Weights are data (`learned/<lang>-gate.json` and the `.bin` beside it), written by
`tools/train_recognizer.py`; the app only reads them. Pure Python at run time: a sum of a few
hundred short vectors.
"""

from __future__ import annotations

import json
import math
import operator
import sys
from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress, repeat
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


def _grams_by_size(words: Sequence[str], high: int) -> list[list[str]]:
    """The character n-grams of the words joined, with a space at each end: a list per size,
    1 to `high`. Each size is the one below it with the next character added (`map` over
    `str.__add__` runs in C: half the time of slicing every gram, issue 12 speed)."""
    joined = " " + " ".join(words) + " "  # words are never empty: every gram has a letter
    sizes = [list(joined)]
    for n in range(2, high + 1):
        sizes.append(list(map(operator.add, sizes[-1], joined[n - 1 :])))
    return sizes


def _grams(words: Sequence[str], low: int, high: int) -> set[str]:
    """The character n-grams (`low` to `high`) of the words joined, with a space at each end."""
    if not words:
        return set()
    found: set[str] = set()
    for grams in _grams_by_size(words, high)[low - 1 :]:
        found.update(grams)
    return found


@lru_cache(maxsize=256)
def _context_grams(words: tuple[str, ...]) -> frozenset[str]:
    """A piece of context's character 4-grams: the client's last line is context for the turn
    after it too, and the worker's turn for the next one (memoised)."""
    return frozenset(_grams(words, 4, 4))


#: The name of a character n-gram feature of the group model is this and the gram.
GRAM = "xc:"


def wide_features(
    words: Sequence[str],
    text: str,
    others: Sequence[tuple[str, Sequence[str]]],
    second_person: frozenset[str],
    obligation: frozenset[str],
) -> set[str]:
    """What the group model reads beyond `turn_features` and `context_features` (all named
    "x..."): normalised words and word pairs, the first one to three words, character
    2-5-grams, the share of the turn's character 4-grams each piece of context (name, its
    normalised words) has, "you" beside an obligation ("you need to") and "you" in a statement.
    Measured on AnnoMI CV (gate alone, recog5 0adb6ad): 0.705 -> 0.719 (en), 0.693 -> 0.732 (fi)."""
    return joined_wide(wide_parts(words, text, others, second_person, obligation))


def joined_wide(parts: tuple[set[str], set[str], list[str]]) -> set[str]:
    """`wide_parts` as the one set `wide_features` gives, built in the same order: the first
    part becomes it (the parts are used up)."""
    found, grams, rest = parts
    found.update(map(GRAM.__add__, grams))
    found.update(rest)
    return found


def wide_parts(
    words: Sequence[str],
    text: str,
    others: Sequence[tuple[str, Sequence[str]]],
    second_person: frozenset[str],
    obligation: frozenset[str],
) -> tuple[set[str], set[str], list[str]]:
    """`wide_features` in three parts: the word features, the character n-grams themselves
    (each a feature named `GRAM` + the gram) and the features after them. The recognizer sums
    the group model's rows of the grams without naming each (`TfidfSoftmax.probabilities_of`:
    some 300 grams a Finnish turn, issue 12 speed)."""
    found = {f"xw:{w}" for w in words}
    found.update(f"xb:{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    for n in (1, 2, 3):
        if len(words) >= n:
            found.add(f"xf{n}:" + "_".join(words[:n]))
    sizes = _grams_by_size(words, 5) if words else [[]] * 5
    grams = set(sizes[1])
    for size in sizes[2:]:
        grams.update(size)
    rest = []
    mine = set(sizes[3])
    for name, other in others:
        theirs = _context_grams(tuple(other)) if other else frozenset()
        if not theirs:
            rest.append(f"x{name}:c4none")
            continue
        share = len(mine & theirs) / max(len(mine), 1)
        rest.append(f"x{name}:c4ov{min(int(share * 10), 9)}")
    you = any(w in second_person for w in words)
    if you and any(w in obligation for w in words):
        rest.append("xyou_modal")
    if you and not text.rstrip().endswith("?"):
        rest.append("xyou_stmt")
    return found, grams, rest


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def strongest_words(model, found: set[str], label: str, count: int = 3) -> list[str]:
    """The word features that spoke most for `label` in either model (for the evidence)."""
    at = model.labels.index(label)
    scored = sorted(
        ((row[at], f) for f in found if f.startswith("w:") and (row := model.row(f)) is not None),
        reverse=True,
    )
    return [f[2:] for w, f in scored[:count] if w > 0]


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
        # The turn's rows found in C (map over dict.get), then each label's sum from its bias,
        # row by row in the order the turn's features come: the same additions as a loop
        # over the features, in a third of the time (issue 12, speed).
        rows = [r for r in map(self.weights.get, found) if r]
        if str in map(type, rows):  # a row not read into floats yet (found in C)
            rows = [r for r in map(self.row, [f for f in found if f in self.weights]) if r]
        if not rows:
            return _softmax(list(self.bias))
        columns = zip(*rows, strict=True)  # a row has one weight per label
        return _softmax([sum(col, b) for b, col in zip(self.bias, columns, strict=True)])

    def strongest(self, found: set[str], label: str, count: int = 3) -> list[str]:
        """The word features that spoke most for `label` (for the evidence)."""
        return strongest_words(self, found, label, count)

    @classmethod
    def from_json(cls, data: dict) -> Softmax:
        # The weights are used as JSON gave them (lists of floats, or strings read on first
        # use): converting ten thousand rows would cost more than the rest of building.
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(float(b) for b in data["bias"]),
            weights=dict(data["weights"]),
        )


#: Bits per field of a packed row (`TfidfSoftmax._pack`): weights and idf are 16-bit as shipped
#: (`from_bytes` reads them as int16), so a weight field holds the sum of 2**48 rows and the idf
#: field (idf squared, below 2**30) that of 2**34; a turn has a few thousand at most. Narrower
#: than the 96 bits before: a turn's sum of some 600 rows is of shorter integers (issue 12,
#: speed), and the same.
_FIELD = 64
_MASK = (1 << _FIELD) - 1
_OFFSET = 1 << 15  # added to each weight: a field holds no negative number


def int16_columns(data: bytes, at: int, n: int, count: int) -> list[array]:
    """`count` columns of `n` little-endian int16 numbers each, from byte `at` of a shipped
    learned file (the group model's idf and weights, the final reader's weights)."""
    columns = []
    for i in range(count):
        column = array("h")
        column.frombytes(data[at + 2 * n * i : at + 2 * n * (i + 1)])
        if sys.byteorder == "big":
            column.byteswap()
        columns.append(column)
    return columns


def int16_bytes(columns: Sequence[Sequence[int]]) -> bytes:
    """The bytes `int16_columns` reads back: each column's int16 numbers, little-endian."""
    parts = [array("h", c) for c in columns]
    if sys.byteorder == "big":
        for part in parts:
            part.byteswap()
    return b"".join(part.tobytes() for part in parts)


@dataclass(frozen=True)
class TfidfSoftmax:
    """A multinomial logistic model over TF-IDF weighted, length-normalised binary features:
    the score of label k is bias[k] + the sum of the turn's weights[k] divided by the length
    of its idf vector. `index` maps a feature to its row; `idf` and `weights` (one column per
    label) are 16-bit integers times their scales, as shipped. Keyed by the feature itself: a
    turn has some 500 features, and a dict lookup of each costs a fifth of hashing it to a
    CRC-32 first (measured: 45 against 245 us for 600 features)."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    idf: Sequence[int]
    weights: tuple[Sequence[int], ...]
    idf_scale: float
    weight_scale: float

    #: feature -> its row packed into one integer (`_pack`), for the model's own features met so
    #: far (no bigger than the model); and the same for the character n-grams by the gram
    #: alone (`probabilities_of`).
    _rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _gram_rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def _pack(self, feature: str) -> int:
        """The feature's row as one integer, a field of `_FIELD` bits each: 1 (a row to count),
        its idf squared, and each label's weight plus `_OFFSET`. Summing a turn's packed rows
        sums every field at once (no field reaches the next: the sums stay below 2**_FIELD), and
        sums of integers are exact in any order, so the scores are those of summing the
        columns one by one."""
        j = self.index.get(feature)
        if j is None:
            return 0
        idf = self.idf[j]
        packed = 1 | idf * idf << _FIELD
        for k, column in enumerate(self.weights, start=2):
            packed |= (column[j] + _OFFSET) << (_FIELD * k)
        return packed

    def _sum(self, found: Collection[str], grams: bool = False) -> int:
        """The sum of the packed rows of `found` (features, or with `grams` character n-grams
        named `GRAM` + each). Looked up in C (`map` over `dict.get`, and for those not met
        before `dict.__contains__` of the model's index); only a feature of the model met for
        the first time is packed in Python (issue 12, speed: the memo of every feature met,
        unknown ones included, was emptied every 1,500 new turns, and a turn's lookups were
        walked in Python whenever one was new)."""
        rows = self._gram_rows if grams else self._rows
        packed = list(map(rows.get, found))
        if None not in packed:
            return sum(packed)
        missing = list(compress(found, map(operator.is_, packed, repeat(None))))
        names = list(map(GRAM.__add__, missing)) if grams else missing
        total = sum(filter(None, packed))
        known = map(self.index.__contains__, names)
        for feature, name in compress(zip(missing, names, strict=True), known):
            row = rows[feature] = self._pack(name)
            total += row
        return total

    def probabilities(self, found: Collection[str]) -> list[float]:
        # One dict lookup and one addition per feature: less than half the time of picking the
        # turn's rows from the idf and each label's column (issue 12, speed: 100 -> 45 us a
        # Finnish turn, recognizer_outputs.py reads every turn the same).
        return self._scores(self._sum(found))

    def probabilities_of(self, found: Collection[str], grams: Collection[str]) -> list[float]:
        """`probabilities` of `found` and the features `GRAM` + each of `grams` (none of
        `found` so named): the same sum, without building the names of the grams."""
        return self._scores(self._sum(found) + self._sum(grams, grams=True))

    def _scores(self, total: int) -> list[float]:
        count = total & _MASK
        if not count:
            return _softmax(list(self.bias))
        norm = total >> _FIELD & _MASK
        scale = self.weight_scale / (self.idf_scale * math.sqrt(norm))
        offset = count * _OFFSET
        return _softmax(
            [
                b + scale * ((total >> (_FIELD * k) & _MASK) - offset)
                for k, b in enumerate(self.bias, start=2)
            ]
        )

    def row(self, feature: str) -> list[float] | None:
        j = self.index.get(feature)
        if j is None:
            return None
        return [column[j] * self.weight_scale for column in self.weights]

    def strongest(self, found: set[str], label: str, count: int = 3) -> list[str]:
        """The word features that spoke most for `label` (for the evidence)."""
        return strongest_words(self, found, label, count)

    @classmethod
    def from_bytes(cls, meta: dict, data: bytes) -> TfidfSoftmax:
        """The shipped file: the features (UTF-8, one a line; `names_bytes` long), then their
        idf (int16), then the weights (int16) of each label in turn, little-endian."""
        n, k, at = int(meta["count"]), len(meta["labels"]), int(meta["names_bytes"])
        names = data[:at].decode("utf-8").split("\n")
        if len(names) != n or len(data) != at + n * (2 + 2 * k):
            raise ValueError("not a gate group model of this shape")
        parts = int16_columns(data, at, n, k + 1)
        return cls(
            labels=tuple(meta["labels"]),
            bias=tuple(float(b) for b in meta["bias"]),
            index=dict(zip(names, range(n), strict=True)),
            idf=parts[0],
            weights=tuple(parts[1:]),
            idf_scale=float(meta["idf_scale"]),
            weight_scale=float(meta["weight_scale"]),
        )

    def to_bytes(self) -> tuple[bytes, int]:
        """The file's bytes, and how many of them the features take."""
        names = "\n".join(sorted(self.index, key=self.index.__getitem__)).encode("utf-8")
        return names + int16_bytes([self.idf, *self.weights]), len(names)


#: The moves of the push head: the worker's own pressure, blame or brush-off.
PUSH_MOVES = ("confront", "persuade", "dismiss")


@dataclass(frozen=True)
class Gate:
    groups: Softmax | TfidfSoftmax
    subtypes: dict[str, Softmax]
    threshold: float  # confidence needed to add a move the rules did not read
    drop_threshold: float = 0.0  # ...and to drop one they did (at least `threshold`)
    #: The push head: per move of PUSH_MOVES a two-label model ("none", move) over the same
    #: features less the rules' moves, and the confidence it needs to add the move.
    push: dict[str, Softmax] = field(default_factory=dict)
    push_threshold: float = 1.0
    #: A move's own confidence where it differs from `push_threshold` (the English blame
    #: head, trained on four more sets, reads "Excuse me, is this room free?" at 0.59).
    push_thresholds: dict[str, float] = field(default_factory=dict)

    def push_at(self, move: str) -> float:
        """The confidence the push head needs to add `move`."""
        return self.push_thresholds.get(move, self.push_threshold)

    @classmethod
    def from_json(cls, data: dict, binary: bytes | None = None) -> Gate:
        groups = data["groups"]
        return cls(
            groups=Softmax.from_json(groups)
            if binary is None
            else TfidfSoftmax.from_bytes(groups, binary),
            subtypes={g: Softmax.from_json(s) for g, s in data["subtypes"].items()},
            threshold=float(data["threshold"]),
            drop_threshold=float(data.get("drop_threshold", 0.0)),
            push={m: Softmax.from_json(s) for m, s in (data.get("push") or {}).items()},
            push_threshold=float(data.get("push_threshold", 1.0)),
            push_thresholds={m: float(t) for m, t in (data.get("push_thresholds") or {}).items()},
        )


@cache
def load_gate(lang: str) -> Gate | None:
    try:
        data = json.loads((LEARNED_DIR / f"{lang}-gate.json").read_text(encoding="utf-8"))
        name = data["groups"].get("binary")
        binary = (LEARNED_DIR / name).read_bytes() if name else None
        return Gate.from_json(data, binary)
    except (OSError, ValueError, KeyError):
        return None
