"""Walk every path through a scenario with the real engine: endings, stuck states, loops.

Breadth-first over (state, variables, turn), one move per turn, driving the engine's client
machine so its own rules decide every step (nothing here re-implements which transition
fires; tests replay the paths found through `Session` to hold the two together). Moves that
no transition of a state mentions all end in the same fallback, so one of them stands for
the rest; topic-gated transitions get their topic mentioned.

`turn` is part of a node only up to the largest number any condition compares it with: beyond
that no condition can tell turns apart, which keeps the search finite and lets loops show.
Variables no condition reads are left out of a node for the same reason. The walk stops at
`depth` turns and `max_nodes` situations and then says it was cut short.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simulator.moves import MOVES
from simulator.scenario.lint import condition_constants, condition_of, edges, exits, worlds

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

DEFAULT_DEPTH = 20
DEFAULT_MAX_NODES = 5000


@dataclass(frozen=True)
class Action:
    """One trainee turn: the moves it carries and the topics it mentions."""

    moves: tuple[str, ...]
    topics: tuple[str, ...] = ()

    def label(self) -> str:
        text = "+".join(self.moves) or "-"
        return f"{text} [{', '.join(self.topics)}]" if self.topics else text

    def to_dict(self) -> dict[str, list[str]]:
        return {"moves": list(self.moves), "topics": list(self.topics)}


Key = tuple[str, tuple[tuple[str, float], ...], int]


@dataclass
class Node:
    key: Key
    path: tuple[Action, ...]
    ended: bool
    outcome: str | None
    variables: dict[str, float] = field(default_factory=dict)
    children: set[Key] = field(default_factory=set)
    expanded: bool = False
    changes: bool = False  # some move changes the state, a variable or (still) the turn

    @property
    def state(self) -> str:
        return self.key[0]


@dataclass
class Walk:
    """What one variant's walk found."""

    variant: str | None
    endings: dict[str, tuple[str, tuple[Action, ...]]]  # state -> (outcome, shortest path)
    unreached_endings: list[str]
    stuck: dict[str, tuple[Action, ...]]  # state -> shortest path into it
    loops: dict[str, tuple[Action, ...]]  # states caught in a cycle with no way to an ending
    nodes: int
    complete: bool  # False: the depth or node cap cut the walk short

    def to_dict(self) -> dict[str, Any]:
        def path(p: tuple[Action, ...]) -> list[dict[str, list[str]]]:
            return [a.to_dict() for a in p]

        return {
            "variant": self.variant,
            "endings": [
                {"state": s, "outcome": o, "turns": len(p), "path": path(p)}
                for s, (o, p) in self.endings.items()
            ],
            "unreached_endings": self.unreached_endings,
            "stuck": [{"state": s, "path": path(p)} for s, p in self.stuck.items()],
            "loops": [{"state": s, "path": path(p)} for s, p in self.loops.items()],
            "nodes": self.nodes,
            "complete": self.complete,
        }


def turn_horizon(scenario: Scenario) -> int:
    """1 + the largest number `turn` is compared with (0 when no condition reads `turn`)."""
    horizon = 0
    thresholds = [w.thresholds for w in worlds(scenario)] or [{}]
    for transition in (*scenario.transitions, *scenario.reactions):
        condition = condition_of(transition)
        if condition is None or "turn" not in condition.names():
            continue
        for values in thresholds:
            for constant in condition_constants(condition, values):
                horizon = max(horizon, int(constant) + 1)
    return horizon


def actions(scenario: Scenario, state_id: str, idle: bool) -> list[Action]:
    """The turns worth trying in a state; `idle` adds one move nothing answers (a fallback)."""
    found: dict[Action, None] = {}
    answered: set[str] = set()
    for transition in exits(scenario, state_id):
        answered |= set(transition.moves)
        if transition.topics:
            for topic in transition.topics:
                for move in transition.moves or ("",):
                    found[Action((move,) if move else (), (topic,))] = None
        else:
            for move in transition.moves:
                found[Action((move,))] = None
    if idle:
        unanswered = next((m for m in MOVES if m not in answered), None)
        if unanswered:
            found[Action((unanswered,))] = None
    return list(found)


class _Stepper:
    """One engine step from any situation: the client machine's own `react` and effects.

    The Session cannot be forked and replaying every path from the start is slow, so this asks
    the engine's machine directly. Which transition fires depends only on the state, the turn's
    reading and on which side of each compared number every variable lies, so the answer is
    cached under that key (unless a condition compares two variables with each other).
    """

    def __init__(self, scenario: Scenario, variant: str | None) -> None:
        from simulator.client.machine import machine_for

        self.machine = machine_for(scenario)
        self.model = self.machine.attach()
        client = scenario.client
        chosen = next((v for v in client.variants if v.id == variant), None)
        if variant and chosen is None:
            known = ", ".join(v.id for v in client.variants) or "-"
            raise ValueError(f"{scenario.id}: no variant {variant!r} (known: {known})")
        self.thresholds = {**client.thresholds, **(chosen.thresholds if chosen else {})}
        self.start = {**client.variables, **(chosen.variables if chosen else {})}
        self.cuts, self.cacheable = _cuts(scenario, self.thresholds)
        self.cache: dict[Any, tuple[str, Any]] = {}

    def step(
        self, state: str, variables: dict[str, float], turn: int, action: Action
    ) -> tuple[str, dict[str, float]]:
        from simulator.client.machine import apply_effects

        key = None
        if self.cacheable:
            sides = tuple(
                bisect.bisect_left(c, variables.get(v, 0.0)) * 2 + (variables.get(v, 0.0) in c)
                for v, c in self.cuts
            )
            key = (state, action, sides, turn)
        cached = self.cache.get(key) if key is not None else None
        if cached is None:
            # transitions keeps the current state in the model's `state` attribute.
            self.model.state = state  # type: ignore[attr-defined]
            env = {**self.thresholds, **variables, "turn": float(turn + 1)}
            fired = self.machine.react(self.model, action.moves, action.topics, env)
            cached = (self.machine.state_of(self.model), fired)
            if key is not None:
                self.cache[key] = cached
        after, fired = cached
        return after, apply_effects(variables, fired.effects) if fired else variables

    def close(self) -> None:
        self.machine.detach(self.model)


def _cuts(
    scenario: Scenario, thresholds: dict[str, float]
) -> tuple[tuple[tuple[str, tuple[float, ...]], ...], bool]:
    """Per variable, the numbers conditions compare it with; False when two variables meet."""
    from simulator.scenario.conditions import And, Compare, Name, Not, Or

    cuts: dict[str, set[float]] = {}
    cacheable = True
    variables = set(scenario.client.variables)
    for transition in (*scenario.transitions, *scenario.reactions):
        condition = condition_of(transition)
        if condition is None:
            continue
        todo: list[Any] = [condition.node]
        while todo:
            node = todo.pop()
            if isinstance(node, Not):
                todo.append(node.operand)
            elif isinstance(node, And | Or):
                todo.extend(node.operands)
            elif isinstance(node, Compare):
                sides = [v.name for v in (node.left, node.right) if isinstance(v, Name)]
                named = [n for n in sides if n in variables]
                if len(named) == 2:
                    cacheable = False
                for name in named:
                    cuts.setdefault(name, set()).update(condition_constants(condition, thresholds))
    return tuple((v, tuple(sorted(c))) for v, c in sorted(cuts.items())), cacheable


def walk(
    scenario: Scenario,
    variant: str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Walk:
    from simulator.client.machine import clamp

    horizon = turn_horizon(scenario)
    stepper = _Stepper(scenario, variant)
    states = scenario.states

    # Variables no condition reads cannot change which transition fires: leave them out of the
    # key, or every distress level would be a situation of its own.
    compared = [v for v, _ in stepper.cuts] if stepper.cacheable else sorted(stepper.start)

    def make(state: str, variables: dict[str, float], turn: int, path: tuple[Action, ...]) -> Node:
        values = tuple((v, variables.get(v, 0.0)) for v in compared)
        key = (state, values, min(turn, horizon))
        ending = states[state].ending
        return Node(key, path, ending is not None, ending, dict(variables))

    state_actions = {sid: actions(scenario, sid, idle=horizon > 0) for sid in states}
    start_vars = {k: clamp(float(v)) for k, v in stepper.start.items()}
    root = make(scenario.start, start_vars, 0, ())
    nodes: dict[Key, Node] = {root.key: root}
    queue: deque[Node] = deque([root])
    complete = True
    try:
        while queue:
            node = queue.popleft()
            if node.ended:
                continue
            if len(node.path) >= depth:
                complete = False
                continue
            state, variables, turn = node.key[0], node.variables, node.key[2]
            node.changes = turn < horizon
            for action in state_actions[state]:
                after, changed = stepper.step(state, variables, turn, action)
                node.changes = node.changes or after != state or changed != variables
                child = make(after, changed, turn + 1, (*node.path, action))
                node.children.add(child.key)
                if child.key in nodes:
                    continue
                if len(nodes) >= max_nodes:
                    complete = False
                    continue
                nodes[child.key] = child
                queue.append(child)
            node.expanded = True
        # Breadth-first ran out of room: look for the endings it missed, each on its own.
        found = {n.state for n in nodes.values() if n.ended}
        extra: dict[str, tuple[str, tuple[Action, ...]]] = {}
        if not complete:
            for ending, state_data in scenario.endings.items():
                if ending in found:
                    continue
                path = _shortest_to(
                    scenario, ending, stepper, state_actions, make, root, depth, max_nodes
                )
                if path is not None:
                    extra[ending] = (state_data.ending or "", path)
    finally:
        stepper.close()
    return _summarise(scenario, variant, nodes, complete, extra)


def _shortest_to(
    scenario: Scenario,
    ending: str,
    stepper: _Stepper,
    state_actions: dict[str, list[Action]],
    make: Any,
    root: Node,
    depth: int,
    max_nodes: int,
) -> tuple[Action, ...] | None:
    """A* towards one ending; the distance in the drawn graph is the (consistent) estimate.

    Every transition takes at least one turn, so the number of arrows left to the ending
    never overestimates the turns left, and the first path found is a shortest one.
    """
    distance = _distance_to(scenario, ending)
    if root.state not in distance:
        return None
    counter = itertools.count()
    heap = [(distance[root.state], 0, next(counter), root)]
    best: dict[Key, int] = {root.key: 0}
    popped = 0
    while heap and popped < max_nodes:
        _, negative_turns, _, node = heapq.heappop(heap)
        turns = -negative_turns
        if node.state == ending:
            return node.path
        if node.ended or turns >= depth or best.get(node.key, turns) < turns:
            continue
        popped += 1
        state, variables, turn = node.key[0], node.variables, node.key[2]
        for action in state_actions[state]:
            after, changed = stepper.step(state, variables, turn, action)
            if after not in distance:
                continue
            child = make(after, changed, turn + 1, (*node.path, action))
            if best.get(child.key, depth + 1) <= turns + 1:
                continue
            best[child.key] = turns + 1
            # Ties go to the deeper node: it is closer to finishing a path.
            heapq.heappush(heap, (turns + 1 + distance[after], -(turns + 1), next(counter), child))
    return None


def _distance_to(scenario: Scenario, ending: str) -> dict[str, int]:
    """Arrows from each state to `ending` in the static graph (conditions that can hold)."""
    parents: dict[str, set[str]] = {}
    for source, targets in edges(scenario).items():
        for _, target in targets:
            parents.setdefault(target, set()).add(source)
    distance = {ending: 0}
    queue = deque([ending])
    while queue:
        here = queue.popleft()
        for parent in parents.get(here, ()):
            if parent not in distance:
                distance[parent] = distance[here] + 1
                queue.append(parent)
    return distance


def _summarise(
    scenario: Scenario,
    variant: str | None,
    nodes: dict[Key, Node],
    complete: bool,
    extra: dict[str, tuple[str, tuple[Action, ...]]],
) -> Walk:
    endings: dict[str, tuple[str, tuple[Action, ...]]] = {}
    stuck: dict[str, tuple[Action, ...]] = {}
    for node in nodes.values():  # insertion order is BFS order: first seen = shortest
        if node.ended and node.state not in endings:
            endings[node.state] = (node.outcome or "", node.path)
        elif node.expanded and not node.changes and node.state not in stuck:
            stuck[node.state] = node.path
    hopeful = _can_end(nodes)
    loops: dict[str, tuple[Action, ...]] = {}
    for node in nodes.values():
        if node.key in hopeful or node.ended or node.state in stuck or node.state in loops:
            continue
        loops[node.state] = node.path
    endings.update(extra)
    unreached = [sid for sid in scenario.endings if sid not in endings]
    return Walk(variant, endings, unreached, stuck, loops, len(nodes), complete)


def _can_end(nodes: dict[Key, Node]) -> set[Key]:
    """Nodes from which an ending can be reached, or might be (the walk stopped there)."""
    parents: dict[Key, set[Key]] = {}
    for node in nodes.values():
        for child in node.children:
            parents.setdefault(child, set()).add(node.key)
    hopeful = {k for k, n in nodes.items() if n.ended or not n.expanded}
    hopeful |= {c for n in nodes.values() for c in n.children if c not in nodes}
    todo = list(hopeful)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in hopeful:
                hopeful.add(parent)
                todo.append(parent)
    return hopeful


def explore(
    scenario: Scenario,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
    variant: str | None = None,
) -> list[Walk]:
    """One walk per variant (or the one given; the base client when there are none)."""
    chosen: list[str | None] = [variant] if variant else [v.id for v in scenario.client.variants]
    return [walk(scenario, v, depth, max_nodes) for v in chosen or [None]]


def lines(walks: list[Walk], lang: str | None = None) -> Iterator[str]:
    """The text report."""
    from simulator.i18n import t

    for result in walks:
        if result.variant:
            yield t("authoring.explore_variant", lang, variant=result.variant)
        for state, (outcome, path) in result.endings.items():
            outcome_text = t(f"authoring.outcome_{outcome}", lang)
            yield t(
                "authoring.explore_ending", lang, state=state, outcome=outcome_text, turns=len(path)
            )
            yield "    " + " → ".join(a.label() for a in path)
        for state in result.unreached_endings:
            yield t("authoring.explore_unreached", lang, state=state)
        for state, path in result.stuck.items():
            yield t("authoring.explore_stuck", lang, state=state)
            yield "    " + (" → ".join(a.label() for a in path) or "-")
        for state, path in result.loops.items():
            yield t("authoring.explore_loop", lang, state=state)
            yield "    " + (" → ".join(a.label() for a in path) or "-")
        key = "explore_complete" if result.complete else "explore_cut"
        yield t(f"authoring.{key}", lang, nodes=result.nodes)
