"""Strict means playable: what `check --strict` adds beyond a file that loads (K51x).

    K511 warning  a state without `suggestions`: in suggested-responses mode the student meets
                  an empty menu there
    K512 warning  a file without `tests`: nothing shows the scenario plays as meant
    K513 warning  a state no test visits (its lines and reactions were never played)
    K514 warning  the client would say the engine's default lines: a pool that can run dry
                  with no `exhausted:` for it, a state with no `fallback:` for it, or no
                  `when_worker_leaves:` for a worker who takes leave
    K515 warning  a closing state without its own `when_worker_leaves:`: a goodbye after the
                  work is done would end the meeting as an early leave does
    K516 warning  a state where a closed question, a permission question or a plan for the
                  next meeting gets no sure answer: the client would say a fallback line
                  written for something else ("Both, yeah." to "Would you take one today?")
    K517 warning  no `defaults:` holding answer for a kind of question (question_when, ...) or
                  no yes/no to an offer (offer_yes, offer_no): "When was your last shift?" and
                  "Shall I email the landlord?" would get the state's next disclosure
    K518 warning  a topic, cue or choice whose phrase is one very common word of the
                  scenario's language ("itse", "help", "home"): any turn saying it reads as
                  that topic, and the client answers a topic nobody asked about
    K519 warning  two client lines give different numbers or days for the same thing ("four,
                  five times a night" and "two or three times" a night): whichever line a path
                  reaches, the client may contradict itself (simulator/authoring/facts.py)

These are warnings every author should fix before sharing a scenario, but a draft may have
them, so plain `check` stays quiet about them and `--strict` (CI, "ready to share") fails.
Running the tests needs the recognizer only for turns without pinned `moves`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.i18n import t
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.model import HOLDING_QUESTIONS, OFFER_ANSWERS, Where

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


def _warn(code: str, where: Where, key: str, lang: str | None, **values: object) -> Diagnostic:
    return Diagnostic(
        code, "warning", where,
        t(f"authoring.{key}", lang, **values), t(f"authoring.{key}_hint", lang, **values),
    )  # fmt: skip


def playability(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    from simulator.authoring.facts import differing_facts
    from simulator.authoring.lint import reachable

    found = []
    live = reachable(scenario, respect_conditions=False)
    for sid, state in scenario.states.items():
        if not state.is_ending and sid in live and not state.suggestions:
            found.append(_warn("K511", state.where, "no_suggestions", lang, state=sid))
    found += default_lines(scenario, lang)
    found += everyday_questions(scenario, lang)
    found += holding_answers(scenario, lang)
    found += common_phrases(scenario, lang)
    found += differing_facts(scenario, lang)
    if not scenario.tests:
        found.append(_warn("K512", Where(scenario.path, 1, 1), "no_tests", lang))
        return found
    from simulator.authoring.testing import run_tests

    coverage = run_tests(scenario).coverage
    for sid in coverage.missed("states"):
        found.append(_warn("K513", scenario.states[sid].where, "not_visited", lang, state=sid))
    return found


def default_lines(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """K514 and K515: where the client would fall back on the engine's generic lines ("We've
    been over this...", "Oh. Okay. Bye, then.") instead of its own voice."""
    found = []
    top = Where(scenario.path, 1, 1)
    live = [(sid, s) for sid, s in scenario.states.items() if not s.is_ending]
    if not scenario.exhausted:
        # Every pool's last authored tier is the scenario's `exhausted:`; without it, a
        # state or transition without its own runs dry into the engine's lines.
        dry = [sid for sid, s in live if not s.exhausted]
        dry += [
            tr.id
            for tr in (*scenario.transitions, *scenario.reactions, *scenario.defaults)
            if tr.reply and not tr.exhausted and not (tr.sources and all(
                scenario.states[src].exhausted for src in tr.sources if src in scenario.states
            ))
        ]  # fmt: skip
        if dry:
            found.append(
                _warn("K514", top, "default_exhausted", lang, places=_some(dry), count=len(dry))
            )
    if not scenario.fallback:
        bare = [sid for sid, s in live if not s.fallback]
        if bare:
            found.append(
                _warn("K514", top, "default_fallback", lang, places=_some(bare), count=len(bare))
            )
    if scenario.leave is None:
        bare = [sid for sid, s in live if s.leave is None]
        if bare:
            found.append(
                _warn("K514", top, "default_leave", lang, places=_some(bare), count=len(bare))
            )
    for sid, state in live:
        if state.leave is None and scenario.closes_well(sid):
            found.append(_warn("K515", state.where, "closing_without_leave", lang, state=sid))
    return found


#: what every student asks in any state: a yes/no question, leave to ask or tell ("Would it be
#: okay if I told you about naloxone?"), and a plan or the next meeting (read as structuring)
EVERYDAY_MOVES = ("closed_question", "ask_permission", "structuring")


def everyday_questions(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """K516: per move of EVERYDAY_MOVES, the states where it gets no sure answer (no
    transition on it without topics or a condition, no `defaults:` entry): one warning per
    move, naming the states, as a `defaults:` entry answers it everywhere at once."""
    from simulator.authoring.lint import answered_for_sure, reachable

    live = reachable(scenario, respect_conditions=False)
    states = [sid for sid, s in scenario.states.items() if not s.is_ending and sid in live]
    sure = {sid: answered_for_sure(scenario, sid) for sid in states}
    found = []
    for move in EVERYDAY_MOVES:
        bare = [sid for sid in states if move not in sure[sid]]
        if bare:
            found.append(
                _warn(
                    "K516", Where(scenario.path, 1, 1), "everyday_unanswered", lang,
                    move=move, name=t(f"scoring.move_{move}", lang), places=_some(bare),
                    count=len(bare),
                )
            )  # fmt: skip
    return found


def holding_answers(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """K517: the `defaults:` keys by question kind and for offers the scenario does not write:
    one warning naming them, as each is written once for the whole file (`confirm` has the
    engine's own short yes and is not asked for)."""
    written = {key for h in scenario.holding for key in h.moves}
    missing = [key for key in HOLDING_QUESTIONS + OFFER_ANSWERS if key not in written]
    if not missing:
        return []
    return [
        _warn(
            "K517", Where(scenario.path, 1, 1), "holding_missing", lang,
            keys=", ".join(missing), count=len(missing),
        )
    ]  # fmt: skip


#: Words too common to name a topic alone, per scenario language: pronouns, question words and
#: everyday verbs and nouns that worker turns say about anything. One word of a phrase here
#: matched a large share of the stored meetings' worker turns, mostly turns about something
#: else (stop 43: "itse" 174 of 767 Finnish home-visit turns read as pride, "apu" 111 of 952,
#: "koti"/"kotiin" 114; "work" 104 of 1058, "yourself" 89 of 1018).
COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "i",
            "me",
            "my",
            "myself",
            "you",
            "your",
            "yours",
            "yourself",
            "he",
            "him",
            "his",
            "she",
            "her",
            "it",
            "we",
            "us",
            "our",
            "they",
            "them",
            "their",
            "this",
            "that",
            "who",
            "what",
            "when",
            "where",
            "why",
            "how",
            "which",
            "help",
            "helps",
            "helping",
            "helped",
            "home",
            "work",
            "day",
            "days",
            "time",
            "times",
            "thing",
            "things",
            "people",
            "get",
            "make",
            "take",
            "go",
            "do",
            "have",
            "say",
            "tell",
            "talk",
            "ask",
            "know",
            "think",
            "feel",
            "want",
            "need",
            "now",
            "today",
        ]
    ),
    "fi": frozenset(
        [
            "minä",
            "mä",
            "sinä",
            "sä",
            "hän",
            "se",
            "me",
            "te",
            "he",
            "ne",
            "itse",
            "oma",
            "omin",
            "apu",
            "apua",
            "avun",
            "auttaa",
            "koti",
            "kotiin",
            "kotona",
            "kertoa",
            "kysyä",
            "puhua",
            "kuulla",
            "soittaa",
            "pitää",
            "käyttää",
            "jatkaa",
            "tehdä",
            "olla",
            "saada",
            "mennä",
            "tulla",
            "aika",
            "päivä",
            "asia",
            "asiat",
            "nyt",
            "liikaa",
        ]
    ),
}


def common_phrases(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """K518: the topic, cue and choice phrases that are one word of `COMMON_WORDS` (as
    written, in any case): a phrase of two words or more says what it is about together."""
    common = COMMON_WORDS.get(scenario.language, frozenset())
    found = []
    for kind in (scenario.topics, scenario.cues, scenario.choices):
        for item in kind.values():
            for phrase in item.words:
                words = phrase.split()
                if len(words) == 1 and words[0].lower() in common:
                    found.append(
                        _warn("K518", item.where, "common_phrase", lang, id=item.id, word=phrase)
                    )
    return found


def _some(names: list[str]) -> str:
    """The first few names of a list (a file may have dozens)."""
    from simulator.scenario.labels import label

    shown = ", ".join(label(n) for n in names[:4])
    return shown + (", …" if len(names) > 4 else "")
