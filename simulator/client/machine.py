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

from simulator.scenario.model import Effect, Scenario, State, Transition

if TYPE_CHECKING:
    from transitions import EventData

#: The one trigger the machine knows. Scenario names cannot clash with it: transitions only
#: adds `is_<state>` helpers to the model (auto_transitions is off).
RESPOND = "respond"

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

    def put(self, model: ClientModel, state: str) -> None:
        """Stand the model in `state` without a transition (the explorer's jumps)."""
        self._machine.set_state(state, model)

    @staticmethod
    def state_of(model: ClientModel) -> str:
        return model.state  # type: ignore[attr-defined]


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
