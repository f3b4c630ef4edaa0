"""Cue lexicons: YAML data per language, compiled once into fast matchers.

Pattern syntax (one cue per list item, matched against a sentence's normalised words):

- words are separated by spaces and must follow each other: `sinun pitäisi`
- `word*` matches any word that starts with `word`: `miettin*` (miettinyt, miettinyt, ...)
- `*end` matches any word that ends with `end`: `*aa` (ottaa, hakea is `*ea`)
- `_` matches any one word; `...` lets up to four words come between (`....` up to ten)
- `a|b` inside one position matches either word: `sinä|te päätät`
- a leading `^` ties the cue to the start of the sentence: `^hei`; a trailing `$` to its end

See docs/recognizer.md for the sections a lexicon has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from simulator.language.compiled import CompiledCues

LEXICON_DIR = Path(__file__).parent / "lexicons"

_WORD = r"\S+"


def _word_regex(word: str) -> str:
    alternatives = []
    for alt in word.split("|"):
        if alt == "_":
            alternatives.append(_WORD)
        elif alt.startswith("*"):
            alternatives.append(r"\S*" + re.escape(alt[1:]))
        elif alt.endswith("*"):
            alternatives.append(re.escape(alt[:-1]) + r"\S*")
        else:
            alternatives.append(re.escape(alt))
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _cue_words(cue: str) -> tuple[bool, bool, list[str]]:
    """A cue's words (gaps included), and whether it is tied to the start and to the end."""
    cue = cue.strip().lower()
    return cue.startswith("^"), cue.endswith("$"), cue.lstrip("^").rstrip("$").split()


def compile_cue(cue: str) -> tuple[bool, str]:
    """One cue as a regular expression over space-joined words, and whether it is anchored."""
    anchored, at_end, words = _cue_words(cue)
    parts: list[str] = []
    gap = 0
    for word in words:
        if word in ("...", "...."):
            gap = 4 if word == "..." else 10
            continue
        if parts:
            parts.append(rf" (?:\S+ ){{0,{gap}}}" if gap else " ")
        parts.append(_word_regex(word))
        gap = 0
    return anchored, "".join(parts) + (r"$" if at_end else _WORD_END)


#: What ends a cue that is not tied to the end of the sentence: the end of a word.
_WORD_END = r"(?= |$)"


def _anchor(cue: str) -> tuple[frozenset[str], tuple[list[str], list[str], list[str]] | None]:
    """What a sentence must hold for `cue` to match in it. Each word of a cue's expression
    (`_word_regex`) is a whole space-delimited piece of the sentence: it follows the sentence's
    start or a space and is followed by a space or the end. So the sentence holds every word
    the cue puts alone at a position (the first part); and, for a cue without such a word, one
    of the words it puts at one position, as (whole words, word starts, word ends), the
    position with the longest shortest word (long words are rare ones), or None when every
    position may be any word."""
    required: set[str] = set()
    best: tuple[list[str], list[str], list[str]] | None = None
    best_length = -1
    for word in _cue_words(cue)[2]:
        if word in ("...", "...."):
            continue
        alternatives = word.split("|")
        if "_" in alternatives:
            continue
        whole, starts, ends = [], [], []
        for alt in alternatives:  # as `_word_regex` reads them, in its order
            if alt.startswith("*"):
                ends.append(alt[1:])
            elif alt.endswith("*"):
                starts.append(alt[:-1])
            else:
                whole.append(alt)
        if len(whole) == 1 and len(alternatives) == 1:
            required.add(whole[0])
        length = min(len(alt.strip("*")) for alt in alternatives)
        if length > best_length:
            best, best_length = (whole, starts, ends), length
    return frozenset(required), best


#: A sentence's space-delimited pieces, for the cue sets' pre-check (`CueSet._may_match`): a
#: sentence is looked up by some forty sets, so its pieces are found once (bounded memo).
@lru_cache(maxsize=512)
def _pieces(sentence: str) -> frozenset[str] | None:
    """None for a sentence ending in a newline: every set scans it (`$` also matches before
    the newline)."""
    return None if sentence.endswith("\n") else frozenset(sentence.split(" "))


def _alternation(bodies: list[str]) -> str:
    """Cue bodies as one alternation, the shared word-end lookahead written once per run of
    cues that end in it: `(?:a(?=X)|b(?=X))` and `(?:a|b)(?=X)` try the same things in the
    same order (backtracking re-enters the group), so they match the same, and the shorter
    pattern compiles in about two thirds of the time."""
    runs: list[str] = []
    plain: list[str] = []
    for body in bodies:
        if body.endswith(_WORD_END):
            plain.append(body[: -len(_WORD_END)])
            continue
        if plain:
            runs.append("(?:" + "|".join(plain) + ")" + _WORD_END)
            plain = []
        runs.append(body)
    if plain:
        runs.append("(?:" + "|".join(plain) + ")" + _WORD_END)
    return "|".join(runs)


#: What a cue set needs of a sentence (`CueSet._need`): the words that key each cue's required
#: words, those required words by key, and the whole words and the expression of word starts
#: and ends of the cues that require none; and the keys and whole words together.
_Needs = tuple[
    frozenset[str],
    dict[str, list[frozenset[str]]],
    frozenset[str],
    "re.Pattern[str] | None",
    frozenset[str],
]


class CueSet:
    """Many cues compiled into one regular expression; finds the words that matched.

    The expression is compiled on first use: compiling a lexicon's sixty-odd sets was most of
    the time to build a recognizer (issue 12: 160-180 ms against 150), and many sets are only
    consulted by rules a turn rarely reaches. What a set finds is the same either way."""

    def __init__(self, cues: list[str] | tuple[str, ...], kept: CompiledCues | None = None) -> None:
        self.cues = tuple(c for c in cues if c and c.strip())
        self._kept = kept  # the lexicon's expressions kept between runs (compiled.py)
        self._compiled: re.Pattern[str] | None = None
        self._empty = not self.cues
        #: What a sentence must hold for any cue of the set to match (`_need`), worked out on
        #: first use; False before that.
        self._needs: _Needs | None | bool = False

    def _need(self) -> _Needs | None:
        """What a sentence must hold for a cue of the set to match in it (`_anchor`): all the
        words one cue puts alone at a position (kept by the longest of them), or one of the
        whole words, word starts or word ends of the cues without such words; None when some
        cue can match anywhere."""
        by_word: dict[str, list[frozenset[str]]] = {}
        whole: set[str] = set()
        starts: dict[str, None] = {}
        ends: dict[str, None] = {}
        for cue in self.cues:
            required, anchor = _anchor(cue)
            if required:
                by_word.setdefault(max(sorted(required), key=len), []).append(required)
                continue
            if anchor is None:
                return None
            whole.update(anchor[0])
            starts.update(dict.fromkeys(anchor[1]))
            ends.update(dict.fromkeys(anchor[2]))
        # Word starts and ends as one small expression: testing each piece of the sentence
        # against them in Python cost as much as the scan it spares.
        parts = []
        if starts:
            parts.append("(?<![^ ])(?:" + "|".join(map(re.escape, starts)) + ")")
        if ends:
            parts.append("(?:" + "|".join(map(re.escape, ends)) + ")" + _WORD_END)
        partial = re.compile("|".join(parts)) if parts else None
        return frozenset(by_word), by_word, frozenset(whole), partial, frozenset(by_word) | whole

    def _may_match(self, sentence: str) -> bool:
        """Whether a cue of the set can match in `sentence`: most sets match in few sentences,
        and telling that from the sentence's words takes a tenth of scanning it with the set's
        alternation of hundreds of cues (issue 12, speed). Only a sentence that cannot hold a
        match is skipped, so what the set finds is the same. A sentence ending in a newline is
        always scanned (`$` also matches before it)."""
        needs = self._needs
        if needs is False:
            needs = self._needs = self._need()
        pieces = _pieces(sentence)
        if needs is None or pieces is None:
            return True
        keys, by_word, whole, partial, either = needs  # type: ignore[misc]
        if not either.isdisjoint(pieces):  # most sentences hold none of the words
            for word in keys.intersection(pieces):
                for required in by_word[word]:
                    if required <= pieces:
                        return True
            if not whole.isdisjoint(pieces):
                return True
        return partial is not None and partial.search(sentence) is not None

    def _compile(self) -> re.Pattern[str] | None:
        """The set's expression, compiled now if it was not yet (None for an empty set)."""
        if self._compiled is None and not self._empty:
            if self._kept is not None:
                self._compiled = self._kept.compile(self.cues, self._pattern)
            else:
                self._compiled = re.compile(self._pattern())
        return self._compiled

    def _pattern(self) -> str:
        compiled = [compile_cue(c) for c in self.cues]
        anchored = [body for at_start, body in compiled if at_start]
        floating = [body for at_start, body in compiled if not at_start]
        # One shared word-start guard instead of one per cue: the engine then tries the
        # alternatives only where a word begins, which is most of the speed.
        branches = []
        if anchored:
            branches.append("^(?:" + _alternation(anchored) + ")")
        if floating:
            branches.append("(?<![^ ])(?:" + _alternation(floating) + ")")
        return "|".join(branches)

    def find(self, sentence: str) -> list[str]:
        """Every cue found in `sentence` (space-joined normalised words), as the matched words."""
        if not self._may_match(sentence):
            return []
        regex = self._compiled or self._compile()
        if regex is None:
            return []
        if not regex.groups:  # cues make no capturing group: findall gives the whole matches
            return [found for found in regex.findall(sentence) if found]  # no Match objects
        return [m.group(0) for m in regex.finditer(sentence) if m.group(0)]

    def matches(self, sentence: str) -> list[re.Match[str]]:
        if not self._may_match(sentence):
            return []
        regex = self._compiled or self._compile()
        return list(regex.finditer(sentence)) if regex is not None else []

    def match(self, sentence: str, at: int) -> re.Match[str] | None:
        """A cue that starts exactly at character `at`."""
        if not self._may_match(sentence):
            return None
        regex = self._compiled or self._compile()
        return regex.match(sentence, at) if regex is not None and at >= 0 else None

    def first(self, sentence: str) -> re.Match[str] | None:
        if not self._may_match(sentence):
            return None
        regex = self._compiled or self._compile()
        return regex.search(sentence) if regex is not None else None

    def __bool__(self) -> bool:
        return bool(self.cues)


@dataclass
class Lexicon:
    """One language's cues and word lists (see `lexicons/<lang>.yaml`)."""

    language: str
    stemmer: str
    shared_heads: bool = True  # join words by a shared head (Finnish inflection), not only stems
    normalise: dict[str, str] = field(default_factory=dict)
    #: Words Snowball cuts to another word's stem, with a stem of their own when a turn's
    #: topics are read (the learned weights were fitted on Snowball's stems: not there).
    topic_stems: dict[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    second_person: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    #: Words never shown as evidence (`Evidence.words`, `reflected`): pronouns, articles,
    #: "it's", "that's" say nothing of why a move was read (issue 12: the evidence names
    #: content words). Shown only; no reading depends on them.
    not_evidence: frozenset[str] = frozenset()
    colloquial_suffixes: tuple[tuple[str, str], ...] = ()
    question_clitics: tuple[tuple[str, str], ...] = ()
    question_words: CueSet = field(default_factory=lambda: CueSet(()))
    closed_wh: CueSet = field(default_factory=lambda: CueSet(()))
    open_request: CueSet = field(default_factory=lambda: CueSet(()))
    yes_no_start: CueSet = field(default_factory=lambda: CueSet(()))
    not_clitic: frozenset[str] = frozenset()
    question_endings: tuple[str, ...] = ()
    not_question_endings: tuple[str, ...] = ()
    embedded_question_words: frozenset[str] = frozenset()
    embedded_yes_no: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()
    discourse_particles: frozenset[str] = frozenset()  # "so", "eli": before the subject
    negation: frozenset[str] = frozenset()
    softeners: frozenset[str] = frozenset()  # adverbs cues may skip ("you really need to")
    softener_stops: frozenset[str] = frozenset()  # ...but not before these ("really did not")
    relative_heads: frozenset[str] = frozenset()
    second_person_heads: frozenset[str] = frozenset()
    #: Words of obligation ("need", "must"; "pitää", "pakko"): beside "you" a feature of the
    #: learned gate (the worker's own view of what the client has to do, gate.py).
    obligation: frozenset[str] = frozenset()
    feelings: tuple[str, ...] = ()
    not_feelings: frozenset[str] = frozenset()  # words that only look like feelings ("hardly")
    fillers: tuple[str, ...] = ()  # regular expressions for spoken fillers ("you know,", "niinku")
    synonyms: tuple[frozenset[str], ...] = ()
    cues: dict[str, CueSet] = field(default_factory=dict)
    extra: dict[str, CueSet] = field(default_factory=dict)
    # "move X outranks moves Y" in one sentence, applied in this order (`outranks` section)
    outranks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: what a question asks of the client, by kind: regular expressions, not cues, read by
    #: the client's holding answers (`client_questions` section, simulator/client/asking.py)
    client_questions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: How the worker's own voice is read (`own_voice_reading` section; reflection.py
    #: `_own_voice`): which of the reflection test's cues the client did not name also frame a
    #: statement as the client's (`framed_by`: some of OWN_VOICE_FRAMES; a reflective opener
    #: always does), whether a negation just before lifts a hit (`negation_lifts`), and whether
    #: a hit whose own word the client used is theirs (`own_word`; else only all its words).
    own_voice_framed_by: tuple[str, ...] = ()
    own_voice_negation_lifts: bool = False
    own_voice_own_word: bool = False

    #: `cue`'s answers by name: a turn asks for some thirty sets, and the `or` chain below
    #: calls CueSet.__bool__ each time (issue 12, speed). The lexicon is not changed once built.
    _cue_memo: dict[str, CueSet] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def cue(self, name: str) -> CueSet:
        known = self._cue_memo.get(name)
        if known is None:
            known = self.cues.get(name) or self.extra.get(name) or CueSet(())
            self._cue_memo[name] = known
        return known


#: What `own_voice_reading: framed_by` may name: a summary opener; a feeling, a meaning, a
#: double-sided or an inferring cue.
OWN_VOICE_FRAMES = ("summary", "feeling", "meaning", "double_sided", "inference")

#: Sections that hold cue lists but are not moves (modifiers the rules combine).
EXTRA_SECTIONS = (
    "pressure",
    "not_pressing",
    "proposal_check",
    "suggestion_form",
    "intensifier",
    "topic_change",
    "not_moving_on",
    "reflection_opener",
    "inference",
    "summary_opener",
    "check_back",
    "advice_question",
    "info_question",
    "double_sided",
    "meaning",
    "permission_to_ask",
    "reported_speech",
    "evaluative",
    "procedural",
    "scheduling",
    "history_question",
    "hypothetical",
    "brush_aside",
    "attention_particle",
    "first_singular",
    "question_aux",
    "subordinators",
    "we_forms",
    "scale",
    "relative_after_wh",
    "wh_lead_in",
    "backchannel",
    "backchannel_alone",
    "modal_echo",
    "third_person",
    "victim_judgement",
    "wh_statement",
    "hedges",
    "question_only_collaboration",
    "explanation",
    "question_tag",
    "owning_up",
    "reproach_modal",
    "denial_frame",
    "owed_frame",
    "feeling_aimed",
    "passed_on",
    "choice_taken_back",
    "self_blame_frame",
    "self_blame_frame_ends",
    "worker_aim",
    "validation",
    "reason_given",
    "worker_stance",
    "worker_stance_blame",
    "stance_disclosure",
    "pressed_obligation",
    "client_stand",
    "counter_assertion",
    "decided_for",
    "client_agrees",
    "client_wants",
    "client_refuses",
    "client_unable",
    "client_stand_strong",
    "own_voice",
    "own_voice_persuade",
    "own_voice_confront",
    "own_voice_dismiss",
    "own_voice_theirs",
    "own_voice_frame",
    "own_voice_general",
    "sides_with",
    "sides_with_held",
    "sides_with_not",
    "warning",
    "warning_held",
    "warning_not",
    "own_voice_denial",
    "own_voice_denial_kept",
    "own_voice_denial_fronted",
    "client_supposition",
    "client_denial",
    "agreement_tag",
    "offer_made",
)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


@cache
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon for `lang`, read from `lexicons/<lang>.yaml` (safe YAML) and compiled."""
    path = LEXICON_DIR / f"{lang}.yaml"
    kept = CompiledCues(lang, (path, Path(__file__)))

    def read() -> dict:
        import yaml  # here: a run with the lexicon kept in the cache folder needs no parser

        # The C loader is the same safe loader, ten times faster where libyaml is installed.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506

    data = kept.data(read)

    def cue_set(items: object) -> CueSet:
        return CueSet(_as_list(items), kept)

    cues = {move: cue_set(items) for move, items in (data.get("cues") or {}).items()}
    extra = {name: cue_set(data.get(name)) for name in EXTRA_SECTIONS}
    synonyms = tuple(frozenset(_as_list(group)) for group in data.get("synonyms") or ())
    voice = data.get("own_voice_reading") or {}
    framed_by = tuple(_as_list(voice.get("framed_by")))
    unknown = (set(voice) - {"framed_by", "negation_lifts", "own_word"}) | (
        set(framed_by) - set(OWN_VOICE_FRAMES)
    )
    if unknown:
        raise ValueError(f"{path.name}: own_voice_reading does not know {sorted(unknown)}")
    return Lexicon(
        language=lang,
        stemmer=str(data.get("stemmer", "english")),
        shared_heads=bool(data.get("shared_heads", True)),
        normalise={str(k): str(v) for k, v in (data.get("normalise") or {}).items()},
        topic_stems={str(k): str(v) for k, v in (data.get("topic_stems") or {}).items()},
        stopwords=frozenset(_as_list(data.get("stopwords"))),
        second_person=frozenset(_as_list(data.get("second_person"))),
        first_person=frozenset(_as_list(data.get("first_person"))),
        not_evidence=frozenset(_as_list(data.get("not_evidence"))),
        colloquial_suffixes=tuple(
            (str(pair[0]), str(pair[1])) for pair in data.get("colloquial_suffixes") or ()
        ),
        question_clitics=tuple(
            (str(pair[0]), str(pair[1])) for pair in data.get("question_clitics") or ()
        ),
        question_words=cue_set(data.get("question_words")),
        closed_wh=cue_set(data.get("closed_wh")),
        open_request=cue_set(data.get("open_request")),
        yes_no_start=cue_set(data.get("yes_no_start")),
        not_clitic=frozenset(_as_list(data.get("not_clitic"))),
        question_endings=tuple(_as_list(data.get("question_endings"))),
        not_question_endings=tuple(_as_list(data.get("not_question_endings"))),
        embedded_question_words=frozenset(_as_list(data.get("embedded_question_words"))),
        embedded_yes_no=frozenset(_as_list(data.get("embedded_yes_no"))),
        list_words=frozenset(_as_list(data.get("list_words"))),
        discourse_particles=frozenset(_as_list(data.get("discourse_particles"))),
        negation=frozenset(_as_list(data.get("negation"))),
        softeners=frozenset(_as_list(data.get("softeners"))),
        softener_stops=frozenset(_as_list(data.get("softener_stops"))),
        relative_heads=frozenset(_as_list(data.get("relative_heads"))),
        second_person_heads=frozenset(_as_list(data.get("second_person_heads"))),
        obligation=frozenset(_as_list(data.get("obligation"))),
        feelings=tuple(_as_list(data.get("feelings"))),
        fillers=tuple(_as_list(data.get("fillers"))),
        not_feelings=frozenset(_as_list(data.get("not_feelings"))),
        synonyms=synonyms,
        outranks=tuple(
            (str(move), tuple(_as_list(lower)))
            for move, lower in (data.get("outranks") or {}).items()
        ),
        cues=cues,
        extra=extra,
        client_questions={
            str(kind): tuple(_as_list(patterns))
            for kind, patterns in (data.get("client_questions") or {}).items()
        },
        own_voice_framed_by=framed_by,
        own_voice_negation_lifts=bool(voice.get("negation_lifts", False)),
        own_voice_own_word=bool(voice.get("own_word", False)),
    )
