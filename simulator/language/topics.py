"""Which of a scenario's topics, cues and choices a turn mentions, by a rule a trainer can
predict, at a cost that does not grow with the turn times the word lists.

A phrase of a list counts when each of its words is related (text.related) to a word of one
sentence of the turn, in any order: "letter say" is found in "The letter from your
landlord, what does it say?", not in a long turn that names the letter in one sentence and
says "say" in another (issue 14).

Read naively that is every phrase word against every turn word: with 60,000 topic words one
turn took 79 s (issue 18). Here the lists are read once per scenario into a `TopicIndex`; a
turn's words are filed by stem and by their first three letters (every rule of `related`
but equal stems needs that shared beginning of word or stem), so a phrase word is compared
only with the few turn words that could be its forms. tests/test_topic_index.py checks the
index against the pairwise reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from simulator.language.text import related

#: Every rule of text.related but equal stems needs this shared beginning of word or stem.
_HEAD = 3


def said_together(positions: Sequence[set[int]], sentence_of: Sequence[int]) -> bool:
    """Do the phrase's words (each with the turn positions of its forms) all stand in one
    sentence of the turn, in any order."""
    if not positions or not all(positions):
        return False
    shared = {sentence_of[p] for p in positions[0]}
    for found in positions[1:]:
        shared &= {sentence_of[p] for p in found}
    return bool(shared)


@dataclass(frozen=True)
class _Part:
    """One word of a phrase, with its stem, computed when the lists are read."""

    word: str
    stem: str


class _Turn:
    """A turn's words filed by stem and by first letters, built once per turn."""

    def __init__(self, words: Sequence[str], stems: Sequence[str]) -> None:
        self.words = words
        self.stems = stems
        self.by_stem: dict[str, list[int]] = {}
        self.by_head: dict[str, list[int]] = {}
        for at, (word, stem) in enumerate(zip(words, stems, strict=True)):
            self.by_stem.setdefault(stem, []).append(at)
            for key in {word[:_HEAD], stem[:_HEAD]}:
                if len(key) == _HEAD:
                    self.by_head.setdefault(key, []).append(at)

    def positions(self, part: _Part, shared_heads: bool) -> set[int]:
        """Where in the turn a form of `part` stands."""
        found = set(self.by_stem.get(part.stem, ()))
        if not shared_heads:
            return found
        for key in {part.word[:_HEAD], part.stem[:_HEAD]}:
            for at in self.by_head.get(key, ()):
                if at not in found and related(
                    part.stem, self.stems[at], part.word, self.words[at]
                ):
                    found.add(at)
        return found


class TopicIndex:
    """A scenario's word lists read once: what `find` needs for every turn."""

    def __init__(
        self,
        lists: Mapping[str, Sequence[str]],
        words_of: Callable[[str], list[str]],
        stem: Callable[[str], str],
        shared_heads: bool,
    ) -> None:
        self.shared_heads = shared_heads
        parts: dict[str, _Part] = {}  # one entry per distinct phrase word
        #: (list id, its phrases, each phrase as the words all of which must be said)
        self.lists: list[tuple[str, list[tuple[_Part, ...]]]] = []
        for list_id, phrases in lists.items():
            if isinstance(phrases, str):
                phrases = [phrases]
            read: list[tuple[_Part, ...]] = []
            for phrase in phrases or ():
                if not isinstance(phrase, str):
                    continue
                words = words_of(phrase)
                if not words:
                    continue
                for w in words:
                    if w not in parts:
                        parts[w] = _Part(w, stem(w))
                read.append(tuple(parts[w] for w in words))
            self.lists.append((str(list_id), read))
        self.parts = tuple(parts.values())

    def find(
        self,
        words: Sequence[str],
        stems: Sequence[str],
        sentence_of: Sequence[int] | None = None,
    ) -> tuple[str, ...]:
        """The ids of the lists one of whose phrases the turn's words say, in list order;
        `sentence_of` numbers the sentence of each word (None: the turn is one sentence)."""
        if not words:
            return ()
        turn = _Turn(words, stems)
        where = sentence_of if sentence_of is not None else [0] * len(words)
        at = {p.word: turn.positions(p, self.shared_heads) for p in self.parts}
        return tuple(
            list_id
            for list_id, phrases in self.lists
            if any(said_together([at[p.word] for p in phrase], where) for phrase in phrases)
        )


def lists_key(lists: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable copy of the word lists: the same lists give the same index."""
    return tuple(
        (str(k), (v,) if isinstance(v, str) else tuple(x for x in v or () if isinstance(x, str)))
        for k, v in lists.items()
    )
