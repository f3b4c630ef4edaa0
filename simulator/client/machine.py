"""The client's state machine: one `transitions` Machine per scenario, shared by its sessions.

The selection rule of docs/format.md ("Which transition fires") is encoded in the order the
transitions are added: for every state, first the global reactions it does not override,
then its own transitions in file order, then the `when_unrecognised:` reactions (the
state's, then the global ones: they fire only on a turn with no recognised move), and last
the scenario's `defaults:` per move. `transitions` checks a trigger's transitions in the
order they were added and fires the first whose conditions hold, so the machine itself
decides which reaction fires; the engine only applies effects and picks words.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.scenario.model import Effect, Scenario, Transition

if TYPE_CHECKING:
    from transitions import EventData

#: The one trigger the machine knows. Scenario names cannot clash with it: transitions only
#: adds `is_<state>` helpers to the model (auto_transitions is off).
RESPOND = "respond"

LOWEST, HIGHEST = 0.0, 100.0


@dataclass
class TurnInput:
    """What the worker did in one turn, as the machine's conditions see it; `fired` is set
    by the transition that fires (its `after` callback)."""

    moves: frozenset[str]
    topics: frozenset[str]
    env: Mapping[str, float]
    fired: Transition | None = field(default=None)


class ClientModel:
    """The object `transitions` drives for one session.

    Deliberately empty: the machine adds `state`, `trigger`, `respond`, `may_respond` and
    `is_<state>`, and an attribute of our own with one of those names would shadow them.
    """


class ClientMachine:
    """The scenario's states and transitions as a `transitions` Machine."""

    def __init__(self, scenario: Scenario) -> None:
        from transitions import Machine  # imported here: `kohtaamo check` never needs it

        self.scenario = scenario
        self._machine = Machine(
            model=None,
            states=list(scenario.states),
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

        def fired(event: EventData) -> None:
            event.kwargs["turn"].fired = transition

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
    ) -> Transition | None:
        """Fire the first matching transition; None when nothing matched (the state stays)."""
        turn = TurnInput(frozenset(moves), frozenset(topics), env)
        model.trigger(RESPOND, turn=turn)  # type: ignore[attr-defined]
        return turn.fired

    def put(self, model: ClientModel, state: str) -> None:
        """Stand the model in `state` without a transition (the explorer's jumps)."""
        self._machine.set_state(state, model)

    @staticmethod
    def state_of(model: ClientModel) -> str:
        return model.state  # type: ignore[attr-defined]


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
