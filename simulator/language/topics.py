"""Which of a scenario's topics, cues and choices a turn mentions, at a cost that does not
grow with the turn times the word lists.

A phrase of a list counts when every one of its words is related (text.related) to some word
of the turn. Read naively that is every phrase word against every turn word: with 60,000
topic words one turn took 79 s (issue 18). Here the lists are read once per scenario into a
`TopicIndex`, and a turn is matched with set look-ups: each of `related`'s rules is turned
into "is this key among the keys of the turn's words", so a phrase word costs a few hashed
look-ups whatever the length of the turn. The answer is the same as `related`'s, pair by
pair (tests/test_topic_index.py checks it against the pairwise reading).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: Heads of these lengths join related words (text.related): a stem head, a word that is its
#: own stem heading another, a shared word head.
_STEM_HEAD, _WORD_HEAD, _SHARED_HEAD = 4, 3, 5


@dataclass(frozen=True)
class _Part:
    """One word of a phrase, with the keys `related` needs, computed when the lists are read."""

    word: str
    stem: str
    #: prefixes of the stem of at least _STEM_HEAD letters (a turn stem that heads this one)
    stem_heads: frozenset[str]
    #: prefixes of the word of at least _WORD_HEAD letters (a turn word that is its own stem
    #: and heads this word)
    word_heads: frozenset[str]


class _Turn:
    """The keys of a turn's words, built once per turn (a few per letter of the turn)."""

    def __init__(self, words: Sequence[str], stems: Sequence[str]) -> None:
        self.words = set(words)
        self.stems = set(stems)
        self.stem_heads: set[str] = set()  # prefixes (>= 4) of the turn's stems
        self.word_heads: set[str] = set()  # prefixes (>= 3) of the turn's words
        self.shared_heads: set[str] = set()  # first five letters of words of five or more
        self.own_stem_words: set[str] = set()  # words that are their own stem (>= 3 letters)
        self.heading_stems: set[str] = set()  # stems (>= 3) that head their own word
        for word, stem in zip(words, stems, strict=True):
            self.stem_heads.update(stem[:n] for n in range(_STEM_HEAD, len(stem) + 1))
            self.word_heads.update(word[:n] for n in range(_WORD_HEAD, len(word) + 1))
            if len(word) >= _SHARED_HEAD:
                self.shared_heads.add(word[:_SHARED_HEAD])
            if len(word) >= _WORD_HEAD and word == stem:
                self.own_stem_words.add(word)
            if len(stem) >= _WORD_HEAD and word.startswith(stem):
                self.heading_stems.add(stem)


def _matches(part: _Part, turn: _Turn, shared_heads: bool) -> bool:
    """Is `part` related (text.related) to some word of the turn?"""
    stem, word = part.stem, part.word
    if stem in turn.stems:
        return True  # equal stems
    if not shared_heads:
        return False
    # One stem heads the other, the shorter of at least four letters.
    if len(stem) >= _STEM_HEAD and stem in turn.stem_heads:
        return True
    if not turn.stems.isdisjoint(part.stem_heads):
        return True
    # The shorter word, of three letters or more, is one of the two stems and heads the
    # longer word. This phrase word is the shorter: it is its own stem, or the turn word's.
    if len(word) >= _WORD_HEAD:
        if word == stem and word in turn.word_heads:
            return True
        if word in turn.heading_stems:
            return True
    # The turn word is the shorter: it is its own stem, or it is this word's stem.
    if not turn.own_stem_words.isdisjoint(part.word_heads):
        return True
    if len(stem) >= _WORD_HEAD and word.startswith(stem) and stem in turn.words:
        return True
    # The words share a head of five letters.
    return len(word) >= _SHARED_HEAD and word[:_SHARED_HEAD] in turn.shared_heads


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
                        s = stem(w)
                        parts[w] = _Part(
                            w,
                            s,
                            frozenset(s[:n] for n in range(_STEM_HEAD, len(s) + 1)),
                            frozenset(w[:n] for n in range(_WORD_HEAD, len(w) + 1)),
                        )
                read.append(tuple(parts[w] for w in words))
            self.lists.append((str(list_id), read))
        self.parts = tuple(parts.values())

    def find(self, words: Sequence[str], stems: Sequence[str]) -> tuple[str, ...]:
        """The ids of the lists one of whose phrases the turn's words say, in list order."""
        if not words:
            return ()
        turn = _Turn(words, stems)
        said = {p.word for p in self.parts if _matches(p, turn, self.shared_heads)}
        return tuple(
            list_id
            for list_id, phrases in self.lists
            if any(all(p.word in said for p in phrase) for phrase in phrases)
        )


def lists_key(lists: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable copy of the word lists: the same lists give the same index."""
    return tuple(
        (str(k), (v,) if isinstance(v, str) else tuple(x for x in v or () if isinstance(x, str)))
        for k, v in lists.items()
    )
