"""Leave-taking: does the worker close or leave the meeting with this turn?

"Goodbye.", "See you Thursday", "Ei muuta tällä kertaa, nähdään", "hei hei" name no move the
recognizer reads (they are neither questions nor reflections), yet a client has to hear them:
a meeting the worker ends must end. This reads them from word lists kept as data
(`lexicons/leaving.yaml`, one place for both languages and both registers) and is independent
of the recognizer, so the same words count as leaving however the turn was read (free text,
a suggested response, a scripted test turn).

The rule, kept narrow because a wrong "yes" ends a meeting the worker meant to go on with:
- a clause (a sentence cut at , ; : and dashes) must be leave-taking as a whole, after the
  lead-ins ("okay, thanks, bye then"); "Goodbyes are hard for you" or "I need to go through
  the forms" are not;
- a leave-taking clause asked as a question ("Nothing else?") does not count; a short check
  after it ("See you Thursday, is that okay?") does not undo it;
- any other question after it means the worker is not done ("Bye for now — but how is
  Derek?"), and so does more talk than two sentences after it;
- words that greet as well as part ("moikka", "hei hei", "thanks for coming") count only
  from the worker's third turn on (`late_turn` in the data);
- thanks that also part ("cheers") count as those do, and only when nothing but leave-taking
  follows in their sentence ("Cheers Lee, that means something." thanks and goes on).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from simulator.i18n import LANGUAGES
from simulator.language.text import clean, sentences, tokens

#: A sentence is cut into clauses here; "Kiitos, nähdään" is two clauses.
_CLAUSE = re.compile(r"\s*[,;:–—]\s*|\s+-\s+")
#: One word in a pattern ({w}): letters, digits, inner apostrophes and hyphens.
_WORD = r"[^\W_]+(?:['\-][^\W_]+)*"
#: How many sentences may follow the goodbye ("Bye. I'll ring you on Thursday.").
MAX_AFTER = 2


@dataclass(frozen=True)
class Leaving:
    """The worker's leave-taking in a turn: the words that were read as it."""

    words: str


@dataclass(frozen=True)
class _Lists:
    lead_in: tuple[tuple[str, ...], ...]
    farewell: tuple[re.Pattern[str], ...]
    late: tuple[re.Pattern[str], ...]
    parting_thanks: tuple[re.Pattern[str], ...]
    confirm: tuple[re.Pattern[str], ...]
    not_before: frozenset[str]
    late_turn: int


@cache
def _data() -> dict:
    text = files("simulator.language").joinpath("lexicons", "leaving.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _lists(lang: str) -> _Lists:
    data = _data()
    own = data.get(lang) or data["en"]

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.replace("{w}", _WORD)) for p in own.get(key, ()))

    lead_in = sorted((tuple(p.split()) for p in own.get("lead_in", ())), key=len, reverse=True)
    return _Lists(
        lead_in=tuple(lead_in),
        farewell=compiled("farewell"),
        late=compiled("late"),
        parting_thanks=compiled("parting_thanks"),
        confirm=compiled("confirm"),
        not_before=frozenset(str(w) for w in own.get("not_before", ())),
        late_turn=int(data.get("late_turn", 3)),
    )


def _strip(words: list[str], lists: _Lists, names: frozenset[str] = frozenset()) -> list[str]:
    """The words after one lead-in, or the same words when none opens them. The client's
    name is a lead-in too: "Kiitos Jenni, nähdään ensi viikolla", "Thanks Lee, see you"."""
    if words and words[0] in names:
        return words[1:]
    for lead in lists.lead_in:
        if tuple(words[: len(lead)]) == lead:
            return words[len(lead) :]
    return words


def _matches(
    patterns: tuple[re.Pattern[str], ...],
    words: list[str],
    lists: _Lists,
    names: frozenset[str] = frozenset(),
) -> bool:
    """Whether the clause's words, as they stand or after lead-ins, match a pattern whole."""
    rest = list(words)
    while rest:
        if any(p.fullmatch(" ".join(rest)) for p in patterns):
            return True
        stripped = _strip(rest, lists, names)
        if len(stripped) == len(rest):
            return False
        rest = stripped
    return False


def _only_lead_ins(words: list[str], lists: _Lists, names: frozenset[str] = frozenset()) -> bool:
    rest = list(words)
    while rest:
        stripped = _strip(rest, lists, names)
        if len(stripped) == len(rest):
            return False
        rest = stripped
    return True


def _only_parting_after(
    clauses: list[tuple[int, list[str], bool, str]],
    position: int,
    patterns: tuple[re.Pattern[str], ...],
    lists: _Lists,
    names: frozenset[str],
) -> bool:
    """Whether the clauses after `position` in its sentence are leave-taking or lead-ins only."""
    index = clauses[position][0]
    return all(
        _matches(patterns, words, lists, names) or _only_lead_ins(words, lists, names)
        for at, words, _, _ in clauses[position + 1 :]
        if at == index
    )


def detect(
    text: str, lang: str, turn: int | None = None, names: Iterable[str] = ()
) -> Leaving | None:
    """The worker's leave-taking in `text` (in `lang`), or None when the turn does not close
    the meeting. `turn` is the worker's turn number (1-based); None reads as a late turn.
    `names` (the client's name) may stand among the lead-ins, as a worker says it."""
    lists = _lists(lang if lang in LANGUAGES else "en")
    named = frozenset(w for name in names for w in tokens(name))
    patterns = lists.farewell
    late = turn is None or turn >= lists.late_turn
    if late:
        patterns = patterns + lists.late
    parting_thanks = lists.parting_thanks if late else ()
    # (sentence index, clause words, asked, next clause's first word): asked = the clause
    # that carries a '?'
    clauses: list[tuple[int, list[str], bool, str]] = []
    for index, sentence in enumerate(sentences(clean(text))):
        parts = [tokens(part) for part in _CLAUSE.split(sentence)]
        parts = [words for words in parts if words]
        question = sentence.rstrip().endswith("?")
        for position, words in enumerate(parts):
            following = parts[position + 1][0] if position + 1 < len(parts) else ""
            clauses.append((index, words, question and position == len(parts) - 1, following))
    if not clauses:
        return None
    last_sentence = clauses[-1][0]
    found: tuple[int, int] | None = None  # (clause position, sentence index)
    # The goodbye opens its sentence: only lead-ins or other leave-taking may come before it
    # ("Okay, thanks, bye"), not a greeting or talk ("Hi, thanks for coming in", "Tänään
    # vaan jutellaan, ei muuta").
    opens = True
    sentence_of_previous = -1
    for position, (index, words, asked, following) in enumerate(clauses):
        if index != sentence_of_previous:
            opens, sentence_of_previous = True, index
        leaving = (
            opens
            and not asked
            and following not in lists.not_before
            and (
                _matches(patterns, words, lists, named)
                or (
                    _matches(parting_thanks, words, lists, named)
                    and _only_parting_after(clauses, position, patterns, lists, named)
                )
            )
        )
        if leaving:
            found = (position, index)
        elif not _only_lead_ins(words, lists, named):
            opens = False
    if found is None:
        return None
    position, index = found
    if last_sentence - index > MAX_AFTER:
        return None
    for _, words, asked, _ in clauses[position + 1 :]:
        if asked and not _matches(lists.confirm, words, lists, named):
            return None
    return Leaving(words=" ".join(clauses[position][1]))


def is_leaving(text: str, lang: str, turn: int | None = None, names: Iterable[str] = ()) -> bool:
    return detect(text, lang, turn, names) is not None
