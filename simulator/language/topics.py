"""Which of a scenario's topics, cues and choices a turn mentions, by a rule a trainer can
predict, at a cost that does not grow with the turn times the word lists.

A phrase of a list counts when each of its words has a form (`same_word`) in one sentence of
the turn, in any order: "letter say" is found in "The letter from your landlord, what does it
say?", not in a long turn that names the letter in one sentence and says "say" in another
(issue 14).

A form of a listed word has its stem, or, where the language joins words by their heads
(Finnish inflection that Snowball leaves apart: `lääke` / `lääkkeet`), is related to it
(text.related) and goes beyond the stem the two share by an ending only, not by another word:
`aamu` does not take `aamupala`, nor `lääke` `lääkärille`. A compound or a form the
ending rule misses is listed as a word of its own (issue 14).

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
from os.path import commonprefix

from simulator.language.text import related

#: Every rule of text.related but equal stems needs this shared beginning of word or stem.
_HEAD = 3
#: How far the stem of a word said may go beyond the stem it shares with a listed word:
#: `_TAIL` letters when they share at least `_LONG_SHARED` (`ilmoitus` / `ilmoituks`), else
#: `_SHORT_TAIL` (`työ` / `työs`; `lääk` / `lääkär` and `aamu` / `aamupal` are other words).
_TAIL, _SHORT_TAIL, _LONG_SHARED = 2, 1, 5
#: A listed word of `_WORD_BASE` letters or more takes an ending of at most `_WORD_ENDING`
#: letters after it or after all but its last letter, where Snowball cuts the word short
#: (`tarina` -> `tar`, `tarinaa` -> `tarin`; `lääke` / `lääkkeet`, not `lääkärille`); a
#: word of `_SHORT_WORD` letters only after the whole word (`työ` / `työtä`).
_WORD_BASE, _SHORT_WORD, _WORD_ENDING = 4, 3, 3


def same_word(
    listed_stem: str, said_stem: str, listed: str, said: str, *, shared_heads: bool = True
) -> bool:
    """Is the word said a form of the listed word: equal stems, or (with `shared_heads`)
    related by text.related where what is said goes beyond the stem the two share by a
    short ending only. A listed compound takes its first part said alone where the two
    share five letters of stem (`asiakasmäärä`, `asiakkaat`), not a short head (`kahvikerho`
    is not found in "kahvi maistuu", `vastaanotto` not in "vasta yhdentoista jälkeen",
    `yliannostus` not in "yli kuuskyt")."""
    if listed_stem == said_stem:
        return True
    if not shared_heads or not related(listed_stem, said_stem, listed, said, shared_heads=True):
        return False
    shared = len(commonprefix((listed_stem, said_stem)))
    if len(said_stem) > shared and len(listed_stem) - shared > _SHORT_TAIL:
        return False  # the stems fork after their shared head: `työpaik` / `työpar`
    if len(said_stem) == shared and len(listed_stem) - shared > _TAIL and shared < _LONG_SHARED:
        return False  # a short head said is not the listed compound: `kahvi` / `kahvikerho`
    if len(said_stem) - shared <= (_TAIL if shared >= _LONG_SHARED else _SHORT_TAIL):
        return True
    # A short word heads its forms only with its own letters: `työ` / `työtä`.
    head = listed[:-1] if len(listed) >= _WORD_BASE else listed
    return (
        len(listed) >= _SHORT_WORD
        and said.startswith(head)
        and len(said) - len(listed) <= _WORD_ENDING
    )


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
                if at not in found and same_word(
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
