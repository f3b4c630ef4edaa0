"""Say the ordinary questions workers ask in every reachable state; report those passed over.

Every blind meeting round found new places where a plain question ("who else lives at home?",
"do you want to keep living at home?") got the state's next line instead of an answer: the
places were wherever a writer happened to ask. This asks every question of a bank
(questions/<language>.yaml, gathered from the stored meetings' worker turns) in every
reachable non-ending state, through the real `Session`, so the engine's own steps choose
the words and its own readings (`Session.about`) say what they are about.

A state is reached by the shortest path the explorer's stepper finds (moves and topics, no
sentences), replayed through a fresh Session with the readings pinned, as the explorer's
tests replay its paths; then one question is said. Nothing here decides a reply.

A question is passed over when
- it names no topic the scenario knows: no `answers:` entry can ever be keyed on it, so the
  client answers it with whatever the state says next (said once for the scenario, not per
  state: the fix is a topic, not a line);
- it names topics, and the reply is about none of them (`off_topic`);
- it asks for an act (leave, a plan, a check, `topical: false` in the bank) and nothing the
  scenario wrote answered it: the state's fallback or the engine's (`unanswered`).
"""

from __future__ import annotations

import inspect
from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from simulator.authoring.explore import Action
    from simulator.language.base import Recognition, Recognizer
    from simulator.scenario.model import Scenario, Where

BANK_DIR = Path(__file__).with_name("questions")
#: situations the breadth-first search for paths may visit (the explorer's default budget)
MAX_NODES = 5000
#: turns at most on a path (the explorer's default)
DEPTH = 30

OFF_TOPIC = "off_topic"
#: the source of words no scenario line has: the engine's own (simulator/i18n/session.yaml)
ENGINE = "engine"
UNANSWERED = "unanswered"


@dataclass(frozen=True)
class Question:
    kind: str
    text: str
    topical: bool


@cache
def bank(language: str) -> tuple[Question, ...]:
    """The questions of one language's bank, in file order."""
    data = yaml.safe_load((BANK_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    return tuple(
        Question(kind, text, bool(entry.get("topical", True)))
        for kind, entry in data["kinds"].items()
        for text in entry["questions"]
    )


@dataclass(frozen=True)
class Gap:
    """One question the client passes over in one state."""

    state: str
    question: Question
    reason: str  # OFF_TOPIC | UNANSWERED
    reply: str
    source: str  # where the words were written: "file:line (id)", or the engine's
    asked: tuple[str, ...] = ()  # the topics the question names
    about: tuple[str, ...] = ()  # what the reply is about

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "kind": self.question.kind,
            "question": self.question.text,
            "reason": self.reason,
            "reply": self.reply,
            "source": self.source,
            "asked": list(self.asked),
            "about": list(self.about),
        }


@dataclass
class Report:
    scenario: str
    states: list[str]  # the reachable non-ending states checked, in file order
    unreached: list[str]  # non-ending states no path was found to
    asked: int  # questions said, over all states
    gaps: list[Gap] = field(default_factory=list)
    #: the turns that reached each state (the explorer's labels: moves [topics])
    paths: dict[str, str] = field(default_factory=dict)
    #: topical questions that name no topic, cue or choice of the scenario
    unknown: list[Question] = field(default_factory=list)

    def per_state(self) -> dict[str, int]:
        counts = dict.fromkeys(self.states, 0)
        for gap in self.gaps:
            counts[gap.state] += 1
        return counts

    def per_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for gap in self.gaps:
            counts[gap.question.kind] = counts.get(gap.question.kind, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "states": self.states,
            "unreached": self.unreached,
            "asked": self.asked,
            "paths": self.paths,
            "passed_over": len(self.gaps),
            "no_topic": [{"kind": q.kind, "question": q.text} for q in self.unknown],
            "per_state": self.per_state(),
            "per_kind": self.per_kind(),
            "gaps": [g.to_dict() for g in self.gaps],
        }


def paths(
    scenario: Scenario, variant: str | None, wanted: Collection[str] | None = None
) -> dict[str, tuple[Action, ...]]:
    """The shortest path the explorer's stepper finds into each reachable state (of `wanted`,
    when given: the walk stops once it has them; the paths are the same, as breadth-first
    finds each state's first path before any later one)."""
    from simulator.authoring.explore import PathSearch, Stepper, actions, node_maker, turn_horizon
    from simulator.client.machine import clamp

    targets = set(scenario.states if wanted is None else wanted)
    horizon = turn_horizon(scenario)
    stepper = Stepper(scenario, variant)
    tried = {sid: actions(scenario, sid, idle=horizon > 0) for sid in scenario.states}
    make = node_maker(scenario, stepper, horizon)
    root = make(scenario.start, {k: clamp(float(v)) for k, v in stepper.start.items()}, 0, ())
    found: dict[str, tuple[Action, ...]] = {scenario.start: ()}
    missing = targets - found.keys()
    seen = {root.key}
    queue = deque([root])
    try:
        while queue and len(seen) < MAX_NODES and missing:
            node = queue.popleft()
            if node.ended:
                continue
            for action in tried[node.state]:
                after, changed = stepper.step(node.state, node.variables, node.key[2], action)
                child = make(after, changed, node.key[2] + 1, (*node.path, action))
                if child.key in seen:
                    continue
                seen.add(child.key)
                found.setdefault(after, child.path)
                missing.discard(after)
                queue.append(child)
        # States deep behind thresholds: the explorer's guided search, aimed at each.
        for sid in [sid for sid in scenario.states if sid in missing]:
            path, _ = PathSearch(scenario, sid, stepper, tried, make, root, DEPTH).run(MAX_NODES)
            if path is not None:
                found[sid] = path
    finally:
        stepper.close()
    return found


class _Remembering:
    """The scenario's recognizer, each reading kept by everything the reading is of (the
    words, the context the Session passes, the word lists).

    Every question is said in every state on a fresh Session, so the same words come back:
    the question read on its own (`_read_question`), the client's lines read for what they
    are about, the whole turn wherever two states' last lines are the same. The recognizer is
    a function of its arguments, so a kept reading is the reading.
    """

    def __init__(self, recognizer: Recognizer) -> None:
        self._recognizer = recognizer
        self.language = recognizer.language
        self._readings: dict[Any, Recognition] = {}
        # The Session passes the context a recognizer takes; this takes every keyword, so it
        # passes on only those the recognizer does (one written before the context existed).
        params = inspect.signature(recognizer.recognize).parameters
        self._takes = None if any(p.kind is p.VAR_KEYWORD for p in params.values()) else params

    def recognize(self, text: str, **context: Any) -> Recognition:
        if self._takes is not None:
            context = {k: v for k, v in context.items() if k in self._takes}
        topics = context.get("topics")
        words = tuple(topics.items()) if topics is not None else None
        rest = tuple(sorted((k, v) for k, v in context.items() if k != "topics"))
        key = (text, words, rest)
        found = self._readings.get(key)
        if found is None:
            found = self._readings[key] = self._recognizer.recognize(text, **context)
        return found

    def __getattr__(self, name: str) -> Any:  # question_form and the like: the recognizer's
        return getattr(self._recognizer, name)


def _sources(scenario: Scenario) -> dict[str, tuple[Where, str, Any, tuple[str, ...]]]:
    """line -> (where it is written, by what, its pool's gates, the topics its reaction is
    keyed on): the first place in file order that has the line."""
    found: dict[str, tuple[Where, str, Any, tuple[str, ...]]] = {}

    def add(lines: Any, where: Where, label: str, gates: Any, keyed: tuple[str, ...]) -> None:
        for line in lines:
            found.setdefault(line, (where, label, gates, keyed))

    for state in scenario.states.values():
        add(state.say, state.where, f"{state.id}.say", state.gates, ())
        add(state.fallback, state.where, f"{state.id}.fallback", state.gates, ())
        add(state.exhausted, state.where, f"{state.id}.exhausted", {}, ())
    for variant in scenario.client.variants:
        for sid, said in variant.say.items():
            add(said, variant.where, f"variants.{variant.id}.say.{sid}", {}, ())
    everything = (
        *scenario.transitions,
        *scenario.reactions,
        *scenario.answers,
        *scenario.defaults,
        *scenario.holding,
    )
    for transition in everything:
        add(transition.reply, transition.where, transition.id, transition.gates, transition.topics)
        add(transition.exhausted, transition.where, transition.id, {}, ())
    return found


def check(
    scenario: Scenario,
    state: str | None = None,
    variant: str | None = None,
    questions: tuple[Question, ...] | None = None,
) -> Report:
    """Every bank question in every reachable non-ending state (or the one named)."""
    from simulator.language import get_recognizer
    from simulator.language.base import Recognition
    from simulator.session import Session

    if variant is None and scenario.client.variants:
        variant = scenario.client.variants[0].id
    questions = questions if questions is not None else bank(scenario.language)
    recognizer = _Remembering(get_recognizer(scenario.language))
    lists = scenario.word_lists()
    if state is not None and state not in scenario.states:
        raise ValueError(state)
    wanted = [
        sid
        for sid, s in scenario.states.items()
        if not s.is_ending and (state is None or sid == state)
    ]
    reached = paths(scenario, variant, wanted)
    report = Report(scenario.id, [s for s in wanted if s in reached], [], 0)
    report.unreached = [s for s in wanted if s not in reached]
    sources = _sources(scenario)
    named = {
        q.text: frozenset(recognizer.recognize(q.text, topics=lists).topics) for q in questions
    }
    report.unknown = [q for q in questions if q.topical and not named[q.text]]
    report.paths = {
        sid: " → ".join(a.label() for a in reached[sid]) or "-" for sid in report.states
    }
    asking = [q for q in questions if q not in report.unknown]
    for sid in report.states if asking else ():
        # The path is replayed once per state; each question is said in a copy of that session.
        standing = Session(scenario, recognizer=recognizer, seed=0, variant=variant)
        try:
            for action in reached[sid]:
                standing.say("", recognition=Recognition("", action.moves, topics=action.topics))
            if standing.state != sid:  # the Session disagrees with the stepper: say so
                report.unreached.append(sid)
                continue
            for question in asking:
                session = standing.copy()
                try:
                    turn = session.say(question.text)
                finally:
                    session.close()
                report.asked += 1
                gap = _judge(sid, question, turn.text, named[question.text], sources, session)
                if gap is not None:
                    report.gaps.append(gap)
        finally:
            standing.close()
    report.states = [s for s in report.states if s not in report.unreached]
    return report


def _judge(
    state: str,
    question: Question,
    reply: str,
    asked: frozenset[str],
    sources: dict[str, Any],
    session: Any,
) -> Gap | None:
    from simulator.session import LineAbout

    # A reply may join an answer to the state's line ("There's me. That's who there is. Just
    # tell me what to sign."): each written line in it counts, with its own pool's readings.
    parts = [line for line in sources if line and line in reply]
    parts = [p for p in parts if not any(p != o and p in o for o in parts)]
    parts.sort(key=reply.find)
    about = session.about(reply)
    written = []
    for part in parts:
        where, label, gates, keyed = sources[part]
        about |= session.about(part, LineAbout(gates or {}, keyed))
        written.append((where, label))
    source = "; ".join(f"{w.file}:{w.line} ({label})" for w, label in written) or ENGINE
    if question.topical:
        if about & asked:
            return None
        reason = OFF_TOPIC
    elif not written or all(label.endswith((".fallback", ".exhausted")) for _, label in written):
        reason = UNANSWERED
    else:
        return None
    return Gap(state, question, reason, reply, source, tuple(sorted(asked)), tuple(sorted(about)))


def lines(report: Report, lang: str | None = None) -> Iterator[str]:
    """The text report: the gaps per state, then the counts per state and per kind."""
    from simulator.i18n import t
    from simulator.safetext import one_line

    current = None
    for gap in report.gaps:
        if gap.state != current:
            current = gap.state
            path = report.paths.get(gap.state, "-")
            yield t("authoring.questions_state", lang, state=gap.state, path=path)
        yield t(
            f"authoring.questions_{gap.reason}",
            lang,
            kind=gap.question.kind,
            question=one_line(gap.question.text),
            topics=", ".join(gap.asked) or "-",
            about=", ".join(gap.about) or "-",
        )
        yield t(
            "authoring.questions_reply",
            lang,
            reply=one_line(gap.reply),
            source=one_line(gap.source),
        )
    for question in report.unknown:
        yield t(
            "authoring.questions_no_topic",
            lang,
            kind=question.kind,
            question=one_line(question.text),
        )
    for sid in report.unreached:
        yield t("authoring.questions_unreached", lang, state=sid)
    yield t("authoring.questions_per_state", lang)
    for sid, count in report.per_state().items():
        yield f"  {sid}: {count}"
    yield t("authoring.questions_per_kind", lang)
    for kind, count in sorted(report.per_kind().items(), key=lambda kv: -kv[1]):
        yield f"  {kind}: {count}"
    yield t(
        "authoring.questions_summary",
        lang,
        gaps=len(report.gaps),
        asked=report.asked,
        states=len(report.states),
    )
