"""Lines whose premise the turn did not make (issue 14, stop 43).

Some client lines presume what the worker just did: "You're not really listening to what I'm
saying." presumes that what the client said or asked went unheard, "Right. So I fill this in
and then what?" presumes that its question is still open. Said right after a turn that
answered the client's question ("Ei viedä. Tää on arvio..." to "Sanokaa vaan suoraan,
viettekö te ne multa."; "...usually two to three weeks for the first payment" to "How long
before it's paid?"), the line answers a turn nobody took: a reaction's line is drawn for the
moves the whole turn was read as, and a pushing sentence in it does not undo the answer.

The premise is read from the line's own words (the `reply_unheard` and `reply_presses` lists of
the `client_questions` section of simulator/language/lexicons/<lang>.yaml) and from the client's
own last words (a question it asked, asked again), and checked against the turn read sentence
by sentence. The check needs no authoring; the session gives the picker the test
(`ReplyPicker.pick(unfit=...)`), which passes such a line over for the pool's next fitting
line, and says it only where every other line is spent.

Pure functions of the text and of a per-sentence reading the caller gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from simulator.client import asking
from simulator.language.lexicon import load_lexicon
from simulator.language.text import sentences, tokens

#: A sentence of the worker's turn read alone: its moves, and its words.
Read = tuple[frozenset[str], str]

#: Moves by which the worker pushes back against what the client said: a complaint of not being
#: heard may fit whatever else the turn did.
_PUSHING_BACK = frozenset({"confront", "dismiss"})
#: The shortest word the client's question and a line's question must both have, to count as
#: the same question asked again ("then what", "viekö/viettekö" by their first four letters).
_STEM = 4


def _listed(language: str, key: str, lead: str = r"\b") -> re.Pattern[str]:
    lists = load_lexicon("fi" if language.startswith("fi") else "en").client_questions
    found = lists.get(key, ())
    if not found:
        return re.compile(r"(?!)")  # a list the lexicon leaves out finds nothing
    return re.compile(lead + "(?:" + "|".join(found) + r")\b", re.IGNORECASE)


@cache
def _unheard(language: str) -> re.Pattern[str]:
    return _listed(language, "reply_unheard")


@cache
def _presses(language: str) -> re.Pattern[str]:
    return _listed(language, "reply_presses")


@cache
def _yes_no_form(language: str) -> re.Pattern[str]:
    return _listed(language, "yes_no_form", r"^\W*")


def complains_unheard(line: str, language: str) -> bool:
    """Does the line complain it was not heard ("You're not really listening", "Mä sanoin jo.
    Ette te kuuntele yhtään.")."""
    return bool(_unheard(language).search(line))


def presses(line: str, language: str) -> bool:
    """Does the line press for an answer ("Sano vaan, viekö te ne.", "Just tell me what to
    sign"); "Sano vaan. Mä haluun tietää." invites the worker to go on and does not."""
    return bool(_presses(language).search(line))


def _questions(line: str) -> list[str]:
    return [part for part in sentences(line) if part.rstrip().endswith("?")]


def _stems(sentence: str) -> set[str]:
    return {word[:_STEM] for word in tokens(sentence) if len(word) >= _STEM}


def reasks(line: str, earlier: str) -> bool:
    """Does the line ask again a question the client's words `earlier` asked ("Okay. So first
    the form, and then what?" -> "Right. So I fill this in and then what?"): a question of
    the line with two words of four letters or more (by their first four) in a question of
    `earlier`."""
    asked = [_stems(question) for question in _questions(earlier)]
    return any(
        len(_stems(question) & before) >= 2 for question in _questions(line) for before in asked
    )


def _asked(earlier: str, language: str) -> list[str]:
    """The sentences of the client's words `earlier` that ask the worker something: a question,
    or a sentence that presses for an answer without a question mark ("Sanokaa vaan suoraan,
    viettekö te ne multa.")."""
    return [
        part
        for part in sentences(earlier)
        if part.rstrip().endswith("?") or presses(part, language)
    ]


def _asks_yes_or_no(question: str, language: str) -> bool:
    """Is `question` asked yes or no: by the language's list (asking.question_kind), or by its
    last clause's first word ("I mean, is that on the form?", "Sanokaa vaan suoraan,
    viettekö te ne multa.")."""
    if asking.question_kind(question, question, language) == asking.YES_NO:
        return True
    return bool(_yes_no_form(language).match(re.split(r"[,;:]", question)[-1]))


def answered(earlier: str, said: str, read: Sequence[Read], language: str) -> bool:
    """Did the worker's turn `said` answer what the client's words `earlier` asked: the turn
    opens on no question and pushes nothing back, and a yes/no question is answered by a turn
    that opens on yes or no ("Ei viedä. Tää on arvio..."), any other by that or by a sentence
    that gives information ("Once it's in, they usually decide within a couple of weeks.")."""
    asked = _asked(earlier, language)
    if not asked or not read or read[0][1].rstrip().endswith("?"):
        return False
    if any(moves & _PUSHING_BACK for moves, _ in read):
        return False
    if asking.opens_on_yes_or_no(read[0][1], language):
        return True
    if _asks_yes_or_no(asked[-1], language):
        return False
    return any(
        "give_information" in moves for moves, part in read if not part.rstrip().endswith("?")
    )


def unmade(
    line: str, earlier: str, said: str, read: Callable[[], Sequence[Read]], language: str
) -> str | None:
    """The premise of `line` that the turn `said` did not make, if any: "answered" (the line
    complains of not being heard, presses for an answer or asks again the client's last
    question, and the turn answered it). `read`
    reads the turn sentence by sentence, called only for a line that presumes something."""
    if not (complains_unheard(line, language) or presses(line, language) or reasks(line, earlier)):
        return None
    return "answered" if answered(earlier, said, read(), language) else None
