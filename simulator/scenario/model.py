"""The scenario model: what a loaded, validated scenario file becomes.

Plain frozen dataclasses. The loader builds them; the client, session, scorer, TUI and
authoring tools only read them. `Where` keeps the file position of each part so later
tools (lint, graph) can point back into the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: A scenario's difficulty, easiest first (the library sorts and filters by it).
DIFFICULTIES = ("easy", "medium", "hard")


#: `defaults:` keys that name the kind of question a turn asks, not a move (docs/format.md,
#: "Which transition fires"): the client's short holding answer to a content question it has
#: no answer for ("When was your last shift?" -> "A while back. Don't remember exactly."),
#: and its yes or no to an offer or a plan ("Shall I email the landlord?"). An either/or
#: the worker offers ("Shall we go through it now, or will you read it at home?") is
#: answered by `question_either_or`: a yes or no would not say which.
HOLDING_QUESTIONS = (
    "question_when",
    "question_how_much",
    "question_why",
    "question_remember",
    "question_yes_no",
    "question_either_or",
)
OFFER_ANSWERS = ("offer_yes", "offer_no")
#: the client's yes to a turn that says back what it told and checks it ("...Is that right?");
#: optional: where a scenario has none the engine's own short yes is said (session.yaml)
CONFIRM = "confirm"
#: the client's words when the worker has done what it asked ("Slowly, please." and the worker
#: said it short): optional, the engine's own lines where a scenario has none (session.yaml)
UNDERSTOOD = "understood"
#: the client's words to a question asked again that it has no answer for ("I'd rather not go
#: into that."): optional, the engine's own lines where a scenario has none (session.yaml)
DECLINES = "declines"
#: the client's words when the worker asks it to hand something over or give a detail ("Can you
#: pass them over?", "I'll need your name and date of birth."): it gives it or says it will;
#: optional, the engine's own lines where a scenario has none (session.yaml)
ASKED_FOR = "asked_for"
#: the client's holding answer to a question for a time of day it has no answer for ("What time
#: does he leave?", "Mihin aikaan sun vuoro alkaa?"): not `question_when`, whose lines tell a
#: moment long past ("A while back. Don't remember exactly."); optional, the engine's own lines
#: where a scenario has none (session.yaml)
WHAT_TIME = "question_what_time"
#: the client's holding answer to a question for a plain fact of its own life it has no answer
#: for ("How old are you?", "How many kids have you got?", "Missä sä asut?"): it knows, so not
#: "Don't know exactly. Too much." nor a yes/no hedge ("Voi olla."); optional, the engine's own
#: lines where a scenario has none (session.yaml)
OWN_FACT = "question_own_fact"
HOLDING_KEYS = HOLDING_QUESTIONS + OFFER_ANSWERS + (
    CONFIRM,
    UNDERSTOOD,
    DECLINES,
    ASKED_FOR,
    WHAT_TIME,
    OWN_FACT,
)


@dataclass(frozen=True)
class Where:
    """A position in a scenario file (1-based line and column)."""

    file: str = "<memory>"
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Briefing:
    setting: str
    background: str
    voluntary: bool
    goal: str


@dataclass(frozen=True)
class Variant:
    id: str
    description: str = ""
    weight: float = 1.0
    variables: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    say: dict[str, tuple[str, ...]] = field(default_factory=dict)
    where: Where = Where()


@dataclass(frozen=True)
class Client:
    name: str
    persona: str
    variables: dict[str, float]
    thresholds: dict[str, float] = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()
    declared_at: dict[str, Where] = field(default_factory=dict)  # variable/threshold -> position

    def start(self, variant: Variant | None) -> tuple[dict[str, float], dict[str, float]]:
        """The variables and thresholds a meeting starts from: the client's, the variant's
        over them. One place, so the session, the explorer, lint and the debrief agree."""
        if variant is None:
            return dict(self.variables), dict(self.thresholds)
        return (
            {**self.variables, **variant.variables},
            {**self.thresholds, **variant.thresholds},
        )


@dataclass(frozen=True)
class Topic:
    id: str
    words: tuple[str, ...]
    sensitive: bool = False
    where: Where = Where()


@dataclass(frozen=True)
class Cue:
    id: str
    label: str
    words: tuple[str, ...]
    where: Where = Where()


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    words: tuple[str, ...] = ()
    where: Where = Where()


@dataclass(frozen=True)
class Suggestion:
    text: str
    moves: tuple[str, ...]
    where: Where = Where()


@dataclass(frozen=True)
class Effect:
    """Change one variable: add `amount`, or set it when `absolute` is true."""

    variable: str
    amount: float
    absolute: bool = False


#: How a state the client has stood in is marked among the names that came up (a state id may
#: also be a topic or cue id: "reading" is Denise's state and her cue).
VISITED = "state:"


def visited(state_id: str) -> str:
    return f"{VISITED}{state_id}"


@dataclass(frozen=True)
class LineGate:
    """When one line of dialogue may be said (docs/format.md, "Lines that fit the moment").

    `condition` is checked against the variables after the turn's effects (bands such as
    `trust < 40` / `trust >= 40` let the client visibly warm up); `touched` names topics, cues
    or choices of which at least one must have come up on an earlier turn (the client refers
    back to them). `heard` names topics of which at least one came up on this turn or an
    earlier one (the client says back what the worker said: "Omar goes to breakfast club"
    only once somebody said breakfast club). `untouched` names topics, cues, choices or
    states of which none may have come up (or been passed through) on an earlier turn: a line
    for before something was settled ("What about the fee?" not asked again once the fee was
    agreed). A line whose gate holds and names `touched` or `heard` is preferred over plain
    lines. `about` says what the line is about.
    """

    condition: Any = None
    condition_text: str = ""
    touched: tuple[str, ...] = ()
    heard: tuple[str, ...] = ()
    #: what the line is about (topics, cues, choices), where the authors say so: it replaces
    #: what the engine reads from the line's words (docs/format.md, "What a line is about").
    #: Not a gate: a line with `about:` alone is said like a plain one.
    about: tuple[str, ...] = ()
    #: none of these may have come up on an earlier turn; a state id counts once the client
    #: has stood in that state (VISITED marks it in the touched names)
    untouched: tuple[str, ...] = ()

    def holds(self, env: Any, touched: Any, now: Any = ()) -> bool:
        if self.touched and not any(name in touched for name in self.touched):
            return False
        if self.untouched and any(
            name in touched or visited(name) in touched for name in self.untouched
        ):
            return False
        if self.heard and not any(name in touched or name in now for name in self.heard):
            return False
        return self.condition is None or bool(self.condition.evaluate(env))

    @property
    def refers(self) -> tuple[str, ...]:
        """The names the line refers back to (preferred when its gate holds)."""
        return (*self.touched, *self.heard)


@dataclass(frozen=True)
class Transition:
    """One reaction of the client. `sources` is empty for a global reaction."""

    id: str  # stable id, e.g. "opening.on[2]", "transitions[0]", "reactions[1]"
    sources: tuple[str, ...]
    moves: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # topic, cue or choice ids
    condition: Any = None  # a parsed Condition (simulator.scenario.conditions) or None
    condition_text: str = ""
    effects: tuple[Effect, ...] = ()
    target: str | None = None  # None: stay in the current state
    reply: tuple[str, ...] = ()
    note: str = ""
    better: str = ""
    cues: tuple[str, ...] = ()
    choice: str | None = None
    is_reaction: bool = False
    where: Where = Where()
    #: `moves: any`: `moves` holds every move, but the transition answers whatever move the
    #: state does not handle otherwise (it never overrides a global reaction).
    any_move: bool = False
    #: a `when_unrecognised:` reaction: fires only on a turn in which no move was recognised
    unrecognised: bool = False
    #: a scenario-level `defaults:` answer to one move, checked after everything else
    is_default: bool = False
    #: line text -> its gate, for the reply lines that have one
    gates: dict[str, LineGate] = field(default_factory=dict, compare=False, hash=False)
    #: said in character when every reply line has been said already in this meeting
    exhausted: tuple[str, ...] = ()
    #: a `when_worker_leaves:` reaction: fires when the worker takes leave (language/leaving)
    leaving: bool = False


@dataclass(frozen=True)
class State:
    id: str
    say: tuple[str, ...] = ()
    thought: str = ""
    cues: tuple[str, ...] = ()
    ready: tuple[str, ...] = ()
    choice: str | None = None
    fallback: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    ending: str | None = None  # good | neutral | poor
    where: Where = Where()
    #: line text -> gate for the state's fallback lines that have one
    gates: dict[str, LineGate] = field(default_factory=dict, compare=False, hash=False)
    #: said when the state's lines (entry or fallback) have all been said in this meeting
    exhausted: tuple[str, ...] = ()
    #: `when_worker_leaves:` of this state: how the meeting ends when the worker takes leave
    #: here (a closing state may end well; elsewhere the scenario's reaction applies)
    leave: Transition | None = None

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class ScriptedTurn:
    say: str = ""
    moves: tuple[str, ...] | None = None
    expect: str | None = None
    expect_ending: str | None = None
    #: words the client's reply to this turn must contain / must not contain (each compared
    #: without regard to case), so a test can pin what the client says, not only where it goes
    says: tuple[str, ...] = ()
    not_says: tuple[str, ...] = ()
    where: Where = Where()


@dataclass(frozen=True)
class Sweep:
    """Many wordings of one turn, each tried in the situation the test's turns lead to."""

    says: tuple[tuple[str, Where], ...]
    expect: str | None = None  # the state after the wording
    expect_transition: str | None = None  # a transition id, or "fallback" (nothing fires)
    where: Where = Where()


@dataclass(frozen=True)
class ScenarioTest:
    name: str
    turns: tuple[ScriptedTurn, ...]
    seed: int | None = None
    variant: str | None = None
    where: Where = Where()
    sweep: Sweep | None = None


@dataclass(frozen=True)
class ClientFeedback:
    """The client's own words on the meeting, written by the scenario's authors (ideally
    with an experience expert): shown in the debrief beside the scores.

    `answers`: question (heard, mattered, changed) -> answer (yes, partly, no) -> line.
    `endings`: ending state id or outcome (good, neutral, poor) -> line.
    `states`: key moment: state id -> line, said when the meeting passed through it.
    `choices`: choice id -> honoured / overridden -> line.
    """

    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    endings: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    where: Where = Where()


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    language: str
    authors: tuple[str, ...]
    reviewed_by: tuple[str, ...]
    difficulty: str
    minutes: int
    content_notes: tuple[str, ...]
    tags: tuple[str, ...]
    briefing: Briefing
    client: Client
    start: str
    states: dict[str, State]  # in file order
    transitions: tuple[Transition, ...]  # every state `on`, top-level `transitions`, in order
    reactions: tuple[Transition, ...]
    topics: dict[str, Topic] = field(default_factory=dict)
    cues: dict[str, Cue] = field(default_factory=dict)
    choices: dict[str, Choice] = field(default_factory=dict)
    fallback: tuple[str, ...] = ()
    tests: tuple[ScenarioTest, ...] = ()
    path: str = "<memory>"
    #: scenario-level answers per move when nothing else in a state answers it
    defaults: tuple[Transition, ...] = ()
    #: topic-keyed answers to a question wherever the client stands (words only, no effects)
    answers: tuple[Transition, ...] = ()
    #: `defaults:` keyed by what a question asks rather than by a move (HOLDING_KEYS):
    #: the client's holding answer to a question of that kind, and yes or no to an offer.
    #: Words only: never reactions, never fired by the machine.
    holding: tuple[Transition, ...] = ()
    #: gates of the scenario-level fallback lines; lines said when a pool has run dry
    fallback_gates: dict[str, LineGate] = field(default_factory=dict, compare=False)
    exhausted: tuple[str, ...] = ()
    #: the client's own feedback lines (None: the debrief uses default lines)
    client_feedback: ClientFeedback | None = None
    #: the other-language version of this scenario: its file (relative to this one) or its id
    translation_of: str = ""
    #: the shared parts `include:` merged in, at every level (file names as in positions)
    includes: tuple[str, ...] = ()
    #: `when_worker_leaves:` at the top: how the meeting ends when the worker takes leave in
    #: a state without its own (never at a good ending: the work is not done)
    leave: Transition | None = None

    def candidates(self, state_id: str) -> list[tuple[Transition, tuple[str, ...]]]:
        """What the client may answer with in the state, in the order the engine tries it,
        each with the moves it answers there: global reactions (less the moves the state
        handles itself; `moves: any` takes none from them), the state's own transitions,
        then the `when_unrecognised` ones, then the scenario's defaults per move. The
        machine, the linter and the explorer all read this one list."""
        own = self.transitions_from(state_id)
        handled = {move for t in own if not t.any_move for move in t.moves}
        found: list[tuple[Transition, tuple[str, ...]]] = []
        for reaction in self.reactions:
            if reaction.unrecognised:
                continue
            moves = reaction.moves
            if moves:
                moves = tuple(m for m in moves if m not in handled)
                if not moves:
                    continue
            found.append((reaction, moves))
        found += [(t, t.moves) for t in own if not t.unrecognised]
        found += [(t, ()) for t in (*own, *self.reactions) if t.unrecognised]
        found += [(d, d.moves) for d in self.defaults]
        return found

    def leave_from(self, state_id: str) -> Transition | None:
        """The authored reaction to the worker taking leave in the state: the state's own
        `when_worker_leaves`, else the scenario's; None leaves it to the engine's default."""
        state = self.states.get(state_id)
        own = state.leave if state is not None else None
        return own or self.leave

    def closes_well(self, state_id: str) -> bool:
        """Whether the state is a closing state: one of its own transitions reaches a good
        ending. Only there may taking leave end the meeting well."""
        return any(
            tr.target is not None and self.states[tr.target].ending == "good"
            for tr in self.transitions_from(state_id)
            if tr.target in self.states
        )

    def transitions_from(self, state_id: str) -> tuple[Transition, ...]:
        """The state's own transitions, in the order the engine checks them."""
        return self._transitions_by_source.get(state_id, ())

    @cached_property
    def _transitions_by_source(self) -> dict[str, tuple[Transition, ...]]:
        # Lint and explore ask this per state many times; a scan per call was quadratic.
        index: dict[str, list[Transition]] = {}
        for transition in self.transitions:
            for source in dict.fromkeys(transition.sources):
                index.setdefault(source, []).append(transition)
        return {source: tuple(found) for source, found in index.items()}

    @property
    def endings(self) -> dict[str, State]:
        return {sid: s for sid, s in self.states.items() if s.is_ending}

    def word_lists(self) -> dict[str, tuple[str, ...]]:
        """Topic, cue and choice ids with their words: what the recognizer looks for."""
        words: dict[str, tuple[str, ...]] = {t.id: t.words for t in self.topics.values()}
        words.update({c.id: c.words for c in self.cues.values()})
        words.update({c.id: c.words for c in self.choices.values() if c.words})
        return words
