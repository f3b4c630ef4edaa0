"""Preparing a turn's words: cleaning, spoken fillers, normalised words and stems, the client's
previous words prepared once per turn (`_ClientWords`), feeling words and synonym groups,
topics.

A mixin of `RuleRecognizer` (recognizer.py), which holds the lexicon and the memos it uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.language.lexicon import CueSet
from simulator.language.text import clean, related, sentences, tokens
from simulator.language.topics import TopicIndex, lists_key

#: A question this short ("Is that right?", "Pitääkö paikkansa?") is about the sentence
#: before it: a topic phrase may have words in both.
TAG_QUESTION = 3

_SPACES = re.compile(r"\s{2,}")
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.!?])")
_CLAUSE_MARK = re.compile(r"[,;:]")

#: Blaming colours the whole sentence: its kind words and advice are part of the blame.
BLAME_HIDES = (
    "advice",
    "persuade",
    "dismiss",
    "seek_collaboration",
    "offer_time",
    "affirmation",
    "support",
    "emphasize_autonomy",
    "give_information",
)


@dataclass
class _Found:
    move: str
    position: float
    words: tuple[str, ...] = ()
    reflected: tuple[str, ...] = ()
    reason: str = ""


@dataclass
class _ClientWords:
    """The client's previous words, prepared once per turn."""

    words: list[str] = field(default_factory=list)
    content: dict[str, str] = field(default_factory=dict)  # stem -> word as the client said it
    groups: dict[int, str] = field(default_factory=dict)  # synonym group -> client's word
    feelings: set[str] = field(default_factory=set)  # feeling word starts the client used
    clauses: int = 0
    feeling_groups: set[int] = field(default_factory=set)  # synonym groups of those feelings
    asked: bool = False  # the client's last sentence was a question
    greeted: bool = False  # the client's words greet ("Hi.", "Moi.")
    clause_of: dict[str, int] = field(default_factory=dict)  # client word -> its clause
    # Stems of the content words the client said in a clause they denied ("En oo nukkunu"):
    # "Ette ole nukkunut." gives that denial back, "Ei siihen kuole." after "luulin et mä
    # kuolen" denies what they said.
    denied: dict[str, str] = field(default_factory=dict)  # stem -> word
    # Content words (by stem) of what the client supposed ("Jos tää on taas niistä
    # tilastoinneista, ..."): a denial of it answers them ("Ei oo tilastoista.").
    supposed: dict[str, str] = field(default_factory=dict)
    # Moves the rules weighed and turned down in this turn ("Et sinä ole laiska." denies the
    # judgement): the learned second opinion must not bring them back.
    ruled_out: set[str] = field(default_factory=set)
    # Pushes the learned second opinion read from little words alone (learned.py): withheld
    # from the reading once the turn is read.
    unexplained: set[str] = field(default_factory=set)

    @property
    def said_something(self) -> bool:
        # Words alone count: "I wasn't there for them." has no content word yet can be reflected.
        return bool(self.words)


class WordPreparation:
    """How the recognizer prepares words before it reads cues (mixed into RuleRecognizer)."""

    def _related(self, stem_a: str, stem_b: str, word_a: str, word_b: str) -> bool:
        return related(stem_a, stem_b, word_a, word_b, shared_heads=self._shared_heads)

    def _unfill(self, text: str) -> str:
        """`text` without spoken fillers ("you know,", "I mean,", ", like,", "niinku", "tota")."""
        if self._fillers is None:
            return text
        # Memoised like `_read`: a turn's sentences and the client's last line are unfilled by
        # the rules and again by the gate, and the client's line again as context next turn.
        known = self._unfill_memo.get(text)
        if known is None:
            out = self._fillers.sub(" ", text)
            known = _SPACE_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", out)).strip(" ,")
            if len(self._unfill_memo) >= 4096:
                self._unfill_memo.clear()
            self._unfill_memo[text] = known
        return known

    def _words(self, text: str) -> list[str]:
        return self._read(text)[0]

    def _read(self, text: str) -> tuple[list[str], list[str]]:
        """Normalised words, and beside each the word as it was typed (for the evidence)."""
        known = self._read_memo.get(text)
        if known is None:
            known = self._read_fresh(text)
            if len(self._read_memo) >= 4096:
                self._read_memo.clear()  # a bounded memo: turns and clauses repeat within a turn
            self._read_memo[text] = known
        return list(known[0]), list(known[1])

    def _read_fresh(self, text: str) -> tuple[list[str], list[str]]:
        out: list[str] = []
        typed: list[str] = []
        lead = True  # still at the head of the sentence, where a question clitic can sit
        memo = self._normal_memo
        for word in tokens(text):
            standard = memo.get((word, lead))
            if standard is None:
                standard = self._normalise(word, lead)
                if len(memo) >= 50_000:
                    memo.clear()
                memo[word, lead] = standard
            lead = not out and word in self.lexicon.stopwords
            out.extend(standard)
            typed.extend([word] * len(standard))
        return out, typed

    def _normalise(self, word: str, lead: bool) -> list[str]:
        """One typed word in standard spelling (one word may stand for two: `ootsä`); the
        same word in the same place always reads the same, so `_read_fresh` keeps it."""
        lex = self.lexicon
        if word in lex.normalise:
            return lex.normalise[word].split()
        if word in lex.not_clitic or len(word) < 4:
            return [word]
        # A clitic question ending sits on the first word, or the second after a particle
        # ("onks", "no meniks"); elsewhere the same ending is the colloquial -ksi ("aluks").
        rules = lex.question_clitics + lex.colloquial_suffixes if lead else lex.colloquial_suffixes
        for ending, standard in rules:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                return (word[: -len(ending)] + standard).split()
        return [word]

    def _content(self, words: list[str], typed: list[str] | None = None) -> dict[str, str]:
        """Content words by stem (pronouns and little words left out), shown as typed."""
        skip = self.__dict__.get("_not_content")
        if skip is None:  # the lexicon does not change: its little words are joined once
            lex = self.lexicon
            skip = lex.stopwords | lex.second_person | lex.first_person
            self.__dict__["_not_content"] = skip
        shown = typed or words
        stem = self._stem
        return {
            stem(w): shown[i]
            for i, w in enumerate(words)
            if len(w) > 2 and w not in skip and w.isalpha()
        }

    def _word_groups(self, word: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The synonym groups and feeling heads one word belongs to (memoised per word): the
        groups whose words start it, the one-word feeling heads that start it (unless it only
        looks like a feeling), each in the lexicon's order."""
        known = self._word_info.get(word)
        if known is None:
            starts = self._word_starts_index or self._index_word_starts()
            groups: set[int] = set()
            feelings: set[int] = set()
            for length in starts[0]:
                if length > len(word):
                    break
                found = starts[1].get(word[:length])
                if found:
                    groups.update(found[0])
                    feelings.update(found[1])
            lex = self.lexicon
            known = (
                tuple(sorted(groups)),
                tuple(lex.feelings[i] for i in sorted(feelings))
                if word not in lex.not_feelings
                else (),
            )
            if len(self._word_info) < 50_000:
                self._word_info[word] = known
        return known

    def _index_word_starts(
        self,
    ) -> tuple[list[int], dict[str, tuple[list[int], list[int]]]]:
        """The synonym groups' words and the one-word feeling heads by themselves, with their
        lengths: a new word is then looked up by its own starts (a dozen lookups) instead of
        being tried against every group and head (most of a cold turn's `_word_groups`)."""
        lex = self.lexicon
        index: dict[str, tuple[list[int], list[int]]] = {}
        for i, group in enumerate(lex.synonyms):
            for start in group:
                index.setdefault(start, ([], []))[0].append(i)
        for i, head in enumerate(lex.feelings):
            if " " not in head:
                index.setdefault(head, ([], []))[1].append(i)
        self._word_starts_index = (sorted({len(start) for start in index}), index)
        return self._word_starts_index

    def _group_hits(self, words: list[str]) -> dict[int, str]:
        hits: dict[int, str] = {}
        for word in words:
            for group in self._word_groups(word)[0]:
                hits.setdefault(group, word)
        return hits

    def _feelings(self, words: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for word in words:
            for head in self._word_groups(word)[1]:
                found.setdefault(head, word)
        joined = " " + " ".join(words) + " "
        for head in self._phrase_feelings:
            if f" {head}" in joined:
                found[head] = head
        return found

    def _client(self, client_before: str) -> _ClientWords:
        """The client's last line prepared, with nothing ruled out yet. Memoised by the line
        (only `ruled_out` is ever changed, per turn): labelled sets and batches give several
        replies to one client line, and preparing it was a tenth of reading a turn."""
        known = self._client_memo.get(client_before)
        if known is None:
            known = self._client_fresh(client_before)
            if len(self._client_memo) >= 1024:
                self._client_memo.clear()
            self._client_memo[client_before] = known
        # A shallow copy with a set of its own (`copy` and `dataclasses.replace` took longer
        # than preparing most lines).
        fresh = object.__new__(_ClientWords)
        fresh.__dict__.update(known.__dict__)
        fresh.ruled_out = set()
        fresh.unexplained = set()
        return fresh

    def _client_fresh(self, client_before: str) -> _ClientWords:
        text = self._unfill(clean(client_before))
        if not text:
            return _ClientWords()
        words, typed = self._read(text)
        parts = sentences(text) or [text]
        last = parts[-1]
        last_words = self._words(last)
        kind = self._question_kind(last, last_words, " ".join(last_words)) if last_words else None
        # Without "?" only a question form at the head counts: "En tiedä onko tää ongelma."
        # wonders aloud, it asks the worker nothing.
        asked = bool(kind) and (
            last.rstrip().endswith("?") or (kind[1].split() or [""])[0] == last_words[0]
        )
        # Without "?", "When I drink I forget" is no question: an English asking word must be
        # followed by its auxiliary ("when does the money come").
        aux = self.lexicon.cue("question_aux")
        if asked and not last.rstrip().endswith("?") and aux and len(last_words) > 1:
            asked = bool(aux.find(last_words[1])) or bool(
                self.lexicon.yes_no_start.first(" ".join(last_words))
            )
        feelings = self._feelings(words)
        lex = self.lexicon
        clauses = len(sentences(text)) + text.count(",") + sum(w in lex.list_words for w in words)
        return _ClientWords(
            words=words,
            content=self._content(words, typed),
            groups={g: typed[words.index(w)] for g, w in self._group_hits(words).items()},
            feelings=set(feelings),
            feeling_groups={g for w in feelings.values() for g in self._word_groups(w)[0]},
            clauses=clauses,
            asked=asked,
            greeted=bool(self.lexicon.cue("greeting").find(" ".join(words))),
            clause_of=self._clause_index(parts),
            denied=self._denied_stems(parts),
            supposed={
                stem: word
                for p in parts
                if lex.cue("client_supposition").find(" ".join(self._words(p)))
                for stem, word in self._content(self._words(p)).items()
            },
        )

    def _denied_stems(self, parts: list[str]) -> dict[str, str]:
        """The content words (by stem) of the client's clauses that carry a denial
        (`client_denial`)."""
        denial = self.lexicon.cue("client_denial")
        out: dict[str, str] = {}
        if not denial:
            return out
        for part in parts:
            for chunk in _CLAUSE_MARK.split(part):
                words = self._words(chunk)
                if denial.find(" ".join(words)):
                    out.update(self._content(words))
        return out

    def _clause_index(self, parts: list[str]) -> dict[str, int]:
        """Which clause of the client's turn each of their words (as typed) first came in."""
        index: dict[str, int] = {}
        number = 0
        for part in parts:
            for chunk in _CLAUSE_MARK.split(part):
                words, typed = self._read(chunk)
                for word, as_typed in zip(words, typed, strict=True):
                    if word in self.lexicon.list_words or word in ("but", "mutta", "mut"):
                        number += 1
                    index.setdefault(as_typed, number)
                number += 1
        return index

    def _clauses(self, sentence: str) -> list[list[str]]:
        """The sentence's parts between commas, colons and list words ("and", "ja")."""
        out: list[list[str]] = []
        for chunk in _CLAUSE_MARK.split(sentence):
            part: list[str] = []
            for word in self._words(chunk):
                if word in self.lexicon.list_words:
                    if part:
                        out.append(part)
                    part = []
                else:
                    part.append(word)
            if part:
                out.append(part)
        return out

    def _reason(self, key: str) -> str:
        if self._reasons is None:
            self._reasons = _reason_texts(self.language)
        return self._reasons.get(key, "")

    def _topics(self, text: str, topics: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
        if not topics or not isinstance(topics, Mapping):
            return ()
        # A phrase's words count in one sentence (topics.py); a short question goes with
        # the sentence it asks about ("Eetu myöhästelee. Pitääkö paikkansa?").
        words: list[str] = []
        sentence_of: list[int] = []
        at = 0
        for sentence in sentences(text):
            read = self._words(sentence)
            if not (words and sentence.rstrip().endswith("?") and len(read) <= TAG_QUESTION):
                at += 1
            words.extend(read)
            sentence_of.extend([at] * len(read))
        return self._topic_index(topics).find(
            words, [self._topic_stem(w) for w in words], sentence_of
        )

    def _topic_stem(self, word: str) -> str:
        """A word's stem when topics are read: Snowball's, but a word it cuts to another
        word's stem keeps its own (`useful` names no using; `topic_stems` in the lexicon)."""
        return self.lexicon.topic_stems.get(word) or self._stem(word)

    def _topic_index(self, topics: Mapping[str, Sequence[str]]) -> TopicIndex:
        """The scenario's word lists read once (topics.py), not phrase by phrase every turn:
        a few scenarios' indexes are kept, as one recognizer serves every open meeting."""
        memo: dict[tuple, TopicIndex] = self.__dict__.setdefault("_topic_indexes", {})
        key = lists_key(topics)
        index = memo.get(key)
        if index is None:
            index = TopicIndex(topics, self._words, self._topic_stem, self._shared_heads)
            if len(memo) >= 8:
                memo.pop(next(iter(memo)))  # the oldest: a bounded memo
            memo[key] = index
        return index


def _reason_texts(language: str) -> dict[str, str]:
    """The evidence reasons in the recognizer's language, looked up once."""
    from simulator.i18n import t

    keys = (
        "cue",
        "open",
        "closed",
        "advice_question",
        "pressure",
        "topic_change",
        "reflection_simple",
        "reflection_complex",
        "summary",
        "learned",
        "stance",
        "pressed",
        "counter",
        "decided",
    )
    return {key: t(f"language.why_{key}", language) for key in keys}


def _word_starts(words: list[str]) -> list[int]:
    """Where each word starts in the space-joined sentence."""
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word) + 1
    return starts


def _soft_hits(cue_set: CueSet, words: list[str], soft: str, kept: list[int]) -> list[str]:
    """Cue hits in the softened sentence, given back as the original words they span (so
    the evidence and the word positions stay those of what was typed)."""
    found = cue_set.matches(soft)
    if not found:
        return []  # most sets find nothing: where the words start is not needed
    starts = _word_starts([words[i] for i in kept])
    out = []
    for match in found:
        if match.start() not in starts or not match.group(0):
            continue
        first = starts.index(match.start())
        last = first + match.group(0).count(" ")
        out.append(" ".join(words[kept[first] : kept[last] + 1]))
    return out
