"""Choosing the client's words: varied, reproducible, never silent."""

from __future__ import annotations

import random
from collections.abc import Sequence

from simulator.scenario.model import Scenario, State, Transition, Variant

#: Built-in in-character lines for a scenario that gives no fallback at all (session.yaml).
BUILTIN_FALLBACK_KEYS = (
    "session.client_fallback_1",
    "session.client_fallback_2",
    "session.client_fallback_3",
    "session.client_fallback_4",
)


class ReplyPicker:
    """Picks one line from a pool, never the pool's previous pick when there is a choice.

    All randomness comes from the `random.Random` given, so a seed replays a meeting exactly.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._last: dict[str, str] = {}
        self._last_said = ""

    def pick(self, pool_key: str, lines: Sequence[str]) -> str:
        if not lines:
            return ""
        previous = self._last.get(pool_key)
        fresh = [line for line in lines if line != previous and line != self._last_said]
        if not fresh:
            fresh = [line for line in lines if line != previous] or list(lines)
        # Always draw, even from a single line, so the random stream does not depend on
        # which pools happened to have one line.
        line = fresh[self._rng.randrange(len(fresh))]
        self._last[pool_key] = line
        self._last_said = line
        return line


def entry_lines(scenario: Scenario, variant: Variant | None, state_id: str) -> tuple[str, ...]:
    """The state's entry lines; a variant's `say` replaces them."""
    if variant is not None and state_id in variant.say:
        return tuple(variant.say[state_id])
    return scenario.states[state_id].say


def fallback_pool(scenario: Scenario, state: State, lang: str) -> tuple[str, tuple[str, ...]]:
    """The lines for a turn nothing matched: the state's, else the scenario's, else built-in."""
    if state.fallback:
        return f"fallback:{state.id}", state.fallback
    if scenario.fallback:
        return "fallback", scenario.fallback
    return "fallback:builtin", builtin_fallback(lang)


def builtin_fallback(lang: str) -> tuple[str, ...]:
    from simulator.i18n import t

    return tuple(t(key, lang) for key in BUILTIN_FALLBACK_KEYS)


def reply_pool(
    scenario: Scenario,
    variant: Variant | None,
    fired: Transition | None,
    before: State,
    after: State,
) -> tuple[str, tuple[str, ...]]:
    """Where the reply comes from: the transition's reply, the target's entry lines, fallback."""
    lang = scenario.language
    if fired is not None:
        if fired.reply:
            return f"reply:{fired.id}", fired.reply
        if fired.target is not None:
            lines = entry_lines(scenario, variant, after.id)
            if lines:
                return f"say:{after.id}", lines
    return fallback_pool(scenario, before if fired is None else after, lang)
