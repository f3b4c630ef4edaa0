"""The client's state machine: one `transitions` Machine per scenario, shared by its sessions.

The selection rule of docs/format.md ("Which transition fires") is encoded in the order the
transitions are added: for every state, first the global reactions it does not override,
then its own transitions in file order, then the `when_unrecognised:` reactions (the
state's, then the global ones: they fire only on a turn with no recognised move), and last
the scenario's `defaults:` per move. `transitions` checks a trigger's transitions in the
order they were added and fires the first whose conditions hold, so the machine itself
decides which reaction fires. Its callbacks do what follows from that: entering a state
drops the state's cues and states its choice (`on_enter`), the transition that fired
records itself, applies its effects and drops its own cues (`after`). The session only
picks the words.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.moves import QUESTIONS  # open and closed: either is answered by topic
from simulator.scenario.model import Effect, Scenario, State, Transition

if TYPE_CHECKING:
    from transitions import EventData

#: The one trigger the machine knows. Scenario names cannot clash with it: transitions only
#: adds `is_<state>` helpers to the model (auto_transitions is off).
RESPOND = "respond"

#: The worker asks leave to tell or to ask something ("Would it be okay if I told you about
#: naloxone?"); a permission the client gave stands for the rest of the meeting.
ASKING = "ask_permission"
#: Moves that inform: once permission stands they follow it, even turns later.
INFORMING = frozenset({"give_information", "offer_options"})
#: A state ready for one of these takes information (docs/format.md, `ready`).
READY_FOR_INFORMATION = frozenset({"information", "advice"})
#: The conventional variable a refusal costs (docs/format.md: trust, openness, distress).
TRUST = "trust"
#: Blame ("You should have applied straight away"): a client hears it as an accusation.
BLAME = "confront"
#: Moves that show the worker is listening. A turn that carries one of these and also read
#: as blame ("So there's the rent, and the loan on top. No wonder you're lying awake.") is
#: answered as the listening it also is: a client does not answer a reflection with "I don't
#: need you telling me", an accusation nobody voiced.
LISTENING = frozenset(
    {"simple_reflection", "complex_reflection", "summary", "affirmation", "open_question"}
)
#: A brush-off ("Okay, fair. Let's focus on Derek.") in a turn that hands the client the
#: floor: asks openly, asks leave, or leaves the choice to them. The client answers the
#: question, not "Right. Not important. Got it." A brush-off with only a reflection is still
#: heard as one: hurried turns are often read as reflections ("So that's a no then, you're
#: the only carer.").
BRUSH_OFF = "dismiss"
GIVES_FLOOR = frozenset({"open_question", "ask_permission", "emphasize_autonomy"})

LOWEST, HIGHEST = 0.0, 100.0


@dataclass
class TurnInput:
    """One turn through the machine: what the worker did, as the conditions see it
    (`moves`, `topics`, `env`), and what the machine's callbacks made of it: the transition
    that fired, the variables after its effects, the cues the client dropped (the entered
    state's, then the transition's) and the choice the client stated."""

    moves: frozenset[str]
    topics: frozenset[str]
    env: Mapping[str, float]
    variables: Mapping[str, float] = field(default_factory=dict)
    fired: Transition | None = None
    cues: list[str] = field(default_factory=list)
    choice: str | None = None

    def drop(self, cues: Iterable[str], choice: str | None) -> None:
        self.cues.extend(c for c in cues if c not in self.cues)
        if choice:
            self.choice = choice


class ClientModel:
    """The object `transitions` drives for one session.

    Deliberately empty: the machine adds `state`, `trigger`, `respond`, `may_respond` and
    `is_<state>`, and an attribute of our own with one of those names would shadow them.
    """


class ClientMachine:
    """The scenario's states and transitions as a `transitions` Machine."""

    def __init__(self, scenario: Scenario) -> None:
        from transitions import Machine  # imported here: `kohtaamo check` never needs it
        from transitions import State as MachineState

        self.scenario = scenario
        self._machine = Machine(
            model=None,
            states=[
                MachineState(state_id, on_enter=[_entered(state)])
                for state_id, state in scenario.states.items()
            ],
            initial=scenario.start,
            auto_transitions=False,
            ignore_invalid_triggers=True,
            send_event=True,  # conditions and callbacks get the turn as event data
        )
        for state_id, state in scenario.states.items():
            if not state.is_ending:
                for transition, moves in scenario.candidates(state_id):
                    self._add(state_id, transition, moves)

    def _add(self, source: str, transition: Transition, moves: tuple[str, ...]) -> None:
        # target None makes an internal transition: the client stays where it is.
        target = transition.target
        wanted_moves = frozenset(moves)
        wanted_topics = frozenset(transition.topics)
        condition = transition.condition
        only_unrecognised = transition.unrecognised

        def matches(event: EventData) -> bool:
            turn: TurnInput = event.kwargs["turn"]
            if only_unrecognised and turn.moves:
                return False
            if wanted_moves and wanted_moves.isdisjoint(turn.moves):
                return False
            if wanted_topics and wanted_topics.isdisjoint(turn.topics):
                return False
            return condition is None or condition.evaluate(turn.env)

        effects, cues, choice = transition.effects, transition.cues, transition.choice

        def fired(event: EventData) -> None:
            turn: TurnInput = event.kwargs["turn"]
            turn.fired = transition
            turn.variables = apply_effects(turn.variables, effects)
            turn.drop(cues, choice)

        self._machine.add_transition(RESPOND, source, target, conditions=[matches], after=[fired])

    def attach(self) -> ClientModel:
        """A new model for one session, standing in the start state."""
        model = ClientModel()
        self._machine.add_model(model, initial=self.scenario.start)
        return model

    def detach(self, model: ClientModel) -> None:
        if model in self._machine.models:
            self._machine.remove_model(model)

    def react(
        self,
        model: ClientModel,
        moves: Iterable[str],
        topics: Iterable[str],
        env: Mapping[str, float],
        variables: Mapping[str, float] | None = None,
    ) -> TurnInput:
        """Fire the first matching transition (`fired` None when nothing matched: the state
        stays); `variables` are the ones the effects apply to."""
        turn = TurnInput(frozenset(moves), frozenset(topics), env, variables or {})
        model.trigger(RESPOND, turn=turn)  # type: ignore[attr-defined]
        return turn

    def react_after_permission(
        self,
        model: ClientModel,
        moves: Iterable[str],
        topics: Iterable[str],
        env: Mapping[str, float],
        variables: Mapping[str, float] | None = None,
    ) -> TurnInput | None:
        """The turn as it goes when it follows a permission the client gave earlier.

        Information or options in a state ready for information, where asking permission
        would have taken the client on to another state ready for it (Lee's "Go on, then. As
        long as it's not rehab."), is answered as it would be right after that question:
        the client passes through the state the question leads to and answers the
        information there, and both transitions' effects apply. Without this, a worker who
        asked at turn 13 and explained at turn 15 met "What kind of options? You're not going
        to sneak rehab back in?", the line for information nobody asked leave for. Returns
        None, the client unmoved, when the turn does not go that way; the caller then
        reacts as on any turn."""
        moves = frozenset(moves)
        source = self.state_of(model)
        state = self.scenario.states[source]
        if (
            ASKING in moves
            or moves.isdisjoint(INFORMING)
            or READY_FOR_INFORMATION.isdisjoint(state.ready)
        ):
            return None
        asked = self.react(model, moves | {ASKING}, topics, env, variables)
        own = {id(t) for t in self.scenario.transitions_from(source)}
        through = self.scenario.states.get(asked.fired.target or "") if asked.fired else None
        if (
            asked.fired is None
            or id(asked.fired) not in own
            or ASKING not in asked.fired.moves
            # only the question it stands for takes the client on: where the turn's own
            # moves (the information itself) would, it needs no permission step
            or not moves.isdisjoint(asked.fired.moves)
            or through is None
            or through.id == source
            or through.is_ending
            or READY_FOR_INFORMATION.isdisjoint(through.ready)
        ):
            self.put(model, source)
            return None
        told = self.react(model, moves, topics, {**env, **asked.variables}, asked.variables)
        if told.fired is None:
            self.put(model, source)
            return None
        told.cues[:0] = [c for c in asked.cues if c not in told.cues]
        told.choice = told.choice or asked.choice
        return told

    def answers_to(
        self,
        source: str,
        moves: Iterable[str],
        topics: Iterable[str],
        env: Mapping[str, float],
        asked: Iterable[str] = (),
        reflecting: bool = False,
    ) -> list[Transition]:
        """What the client, standing in `source`, could say to what the worker just asked, best
        first: the state's own stays that answer one of the turn's questions and are keyed on a
        topic the turn raised ("How are you managing for money?" -> "The rent's the big thing,
        yeah."), then the scenario's `answers:` for such a topic ("Who's Karen?" -> "My
        sister."), each only while its condition holds. The state's stays are keyed on the
        turn's `topics`; the scenario's answers on `asked`, the topics of the question itself
        ("Did you bring his papers?", not "This is the assessment for Derek"): an answer is
        said for nothing else. Empty when the turn asks nothing about a topic. Only
        topic-keyed answers: a stay line for any question or reflection in the state ("No...
        mä teen iltavuoroja.") answers the question its authors had in mind, and said to some
        other question it is a non sequitur (on the development meetings, two of five such
        lines were). `reflecting`: the turn says back what it names instead of asking, and
        the answers about it are what the client has to say to it."""
        moves, topics, about = frozenset(moves), frozenset(topics), frozenset(asked)
        questions = QUESTIONS if reflecting else moves & QUESTIONS
        if not questions:
            return []
        found = []
        own = self.scenario.transitions_from(source)
        for transition in (*own, *self.scenario.answers):
            keyed = topics if transition in own else about
            if (
                transition.target not in (None, source)
                or not transition.reply
                or not transition.topics
                or keyed.isdisjoint(transition.topics)
                or questions.isdisjoint(transition.moves)
                or any(e.variable == TRUST and e.amount < 0 for e in transition.effects)
            ):
                continue
            if transition.condition is None or transition.condition.evaluate(env):
                found.append(transition)
        return found

    def put(self, model: ClientModel, state: str) -> None:
        """Stand the model in `state` without a transition (the explorer's jumps)."""
        self._machine.set_state(state, model)

    @staticmethod
    def state_of(model: ClientModel) -> str:
        return model.state  # type: ignore[attr-defined]


def grants_permission(moves: Iterable[str], fired: Transition | None, landed: State) -> bool:
    """Did the client give the worker leave on this turn: the worker asked permission, and the
    client neither left (an ending) nor took it badly (the answer cost trust: "Can I at least
    give you a leaflet?" after three pushes)?"""
    if ASKING not in moves or landed.is_ending:
        return False
    return fired is None or not any(
        e.variable == TRUST and not e.absolute and e.amount < 0 for e in fired.effects
    )


def heard_moves(moves: Iterable[str]) -> frozenset[str]:
    """The moves the client reacts to: a turn read as blame that also listens (a reflection, a
    summary, an affirmation, an open question) is heard as the listening, and one read as a
    brush-off that gives the client the floor as the question or the choice; the blame reading
    still stands for the debrief and the scores, which read the recognition, not this."""
    moves = frozenset(moves)
    if BLAME in moves and not moves.isdisjoint(LISTENING):
        moves -= {BLAME}
    if BRUSH_OFF in moves and not moves.isdisjoint(GIVES_FLOOR):
        moves -= {BRUSH_OFF}
    return moves


def _entered(state: State) -> Callable[[EventData], None]:
    """The `on_enter` callback of a state: the client drops its cues and states its choice
    when a transition brings it here from another state (not on a turn that stays)."""
    cues, choice = state.cues, state.choice

    def entered(event: EventData) -> None:
        turn: TurnInput | None = event.kwargs.get("turn")
        if turn is not None and event.transition.source != event.transition.dest:
            turn.drop(cues, choice)

    return entered


_cache: dict[int, tuple[weakref.ref[Scenario], ClientMachine]] = {}
_cache_lock = threading.Lock()


def machine_for(scenario: Scenario) -> ClientMachine:
    """The machine of this scenario object, built once and reused by every session on it."""
    key = id(scenario)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None and cached[0]() is scenario:
            return cached[1]
        machine = ClientMachine(scenario)
        # Scenario holds dicts, so it is not hashable; key on identity and drop the entry
        # when the scenario is garbage collected so a reused id never finds a stale machine.
        # The dict is bound now: at interpreter exit the module global may already be None.
        ref = weakref.ref(scenario, lambda _ref, key=key, cache=_cache: cache.pop(key, None))
        _cache[key] = (ref, machine)
        return machine


def apply_effects(variables: Mapping[str, float], effects: Iterable[Effect]) -> dict[str, float]:
    """The variables after `effects`, each kept within 0..100."""
    after = dict(variables)
    for effect in effects:
        base = 0.0 if effect.absolute else after.get(effect.variable, 0.0)
        after[effect.variable] = clamp(base + effect.amount)
    return after


def clamp(value: float) -> float:
    return min(HIGHEST, max(LOWEST, value))
