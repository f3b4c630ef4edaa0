"""Walk every path through a scenario with the real engine: endings, stuck states, loops.

Breadth-first over (state, variables, turn), one move per turn, driving the engine's client
machine so its own rules decide every step (nothing here re-implements which transition
fires; tests replay the paths found through `Session` to hold the two together). Moves that
no transition of a state mentions all end in the same fallback, so one of them stands for
the rest; topic-gated transitions get their topic mentioned.

`turn` is part of a node only up to the largest number any condition compares it with: beyond
that no condition can tell turns apart, which keeps the search finite and lets loops show.
Variables no condition reads are left out of a node for the same reason. Moves the same
transitions listen to are tried once. The walk stops at `depth` turns and `max_nodes`
situations and then says it was cut short; endings it missed are then looked for one by one
(`PathSearch`: a guided pass, then A* to prove or beat its length).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simulator.authoring.lint import condition_of, edges, exits, worlds
from simulator.moves import MOVES
from simulator.scenario.conditions import TURN, WORDS

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

DEFAULT_DEPTH = 30
DEFAULT_MAX_NODES = 5000
#: The explorer has moves, not sentences: it imagines every turn as a plain sentence this
#: long, so conditions on `words` (plain-language clients) read it as a short turn.
PLAIN_TURN_WORDS = 10.0


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
    # Endings whose path is the shortest the search found, not one it proved shortest.
    unproven: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        def path(p: tuple[Action, ...]) -> list[dict[str, list[str]]]:
            return [a.to_dict() for a in p]

        return {
            "variant": self.variant,
            "endings": [
                {
                    "state": s,
                    "outcome": o,
                    "turns": len(p),
                    "shortest": s not in self.unproven,
                    "path": path(p),
                }
                for s, (o, p) in self.endings.items()
            ],
            "unreached_endings": self.unreached_endings,
            "stuck": [{"state": s, "path": path(p)} for s, p in self.stuck.items()],
            "loops": [{"state": s, "path": path(p)} for s, p in self.loops.items()],
            "nodes": self.nodes,
            "complete": self.complete,
        }


def turn_horizon(scenario: Scenario) -> int:
    """1 + the largest number `turn` is compared with (0 when no condition reads `turn`).

    Only numbers compared with `turn` itself count: in `trust >= 52 and turn >= 10` the 52
    says nothing about turns, and counting it kept 52 copies of every situation apart.
    """
    horizon = 0
    for values in [w.thresholds for w in worlds(scenario)] or [{}]:
        for transition in (*scenario.transitions, *scenario.reactions):
            for constant in _compared(condition_of(transition), values).get(TURN, ()):
                horizon = max(horizon, int(constant) + 1)
    return horizon


def _compared(condition: Any, thresholds: dict[str, float]) -> dict[str, set[float]]:
    """Per name, the numbers and threshold values the condition compares it with directly."""
    from simulator.scenario.conditions import Name, Number

    found: dict[str, set[float]] = {}
    for node in _comparisons(condition):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if not isinstance(side, Name) or side.name in thresholds:
                continue
            if isinstance(other, Number):
                found.setdefault(side.name, set()).add(other.value)
            elif isinstance(other, Name) and other.name in thresholds:
                found.setdefault(side.name, set()).add(thresholds[other.name])
    return found


def _comparisons(condition: Any) -> Iterator[Any]:
    """Every comparison in a condition (`a < b`), however deep in and/or/not."""
    from simulator.scenario.conditions import And, Compare, Not, Or

    todo: list[Any] = [condition.node] if condition is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, Not):
            todo.append(node.operand)
        elif isinstance(node, And | Or):
            todo.extend(node.operands)
        elif isinstance(node, Compare):
            yield node


def actions(scenario: Scenario, state_id: str, idle: bool) -> list[Action]:
    """The turns worth trying in a state; `idle` adds one move nothing answers (a fallback).

    Two moves that the same transitions of the state listen to fire the same transition in
    every situation, so only the first of each such group is tried: trying both only doubled
    the steps (the children were the same situations).
    """
    from simulator.authoring.lint import handled_moves

    handled = handled_moves(scenario, state_id)
    reactions = {id(r) for r in scenario.reactions}
    listening: list[tuple[frozenset[str], frozenset[str]]] = []
    for transition in exits(scenario, state_id):
        moves = set(transition.moves)
        if id(transition) in reactions:
            moves -= handled  # the machine drops a reaction's moves the state handles
        listening.append((frozenset(moves), frozenset(transition.topics)))

    def signature(move: str) -> tuple[int, ...]:
        return tuple(i for i, (moves, _) in enumerate(listening) if move in moves)

    found: dict[Action, None] = {}
    seen: set[tuple[tuple[int, ...], str]] = set()
    answered: set[str] = set()
    for moves, topics in listening:
        answered |= moves
        for topic in sorted(topics) or [""]:
            for move in sorted(moves, key=_MOVE_ORDER.get) or [""]:
                group = (signature(move) if move else (), topic)
                if group in seen:
                    continue
                seen.add(group)
                found[Action((move,) if move else (), (topic,) if topic else ())] = None
    if idle:
        unanswered = next((m for m in MOVES if m not in answered), None)
        if unanswered:
            found[Action((unanswered,))] = None
    return list(found)


_MOVE_ORDER = {move: index for index, move in enumerate(MOVES)}


class Stepper:
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
        self.start, self.thresholds = client.start(chosen)
        self.cuts, self.cacheable = _cuts(scenario, self.thresholds)
        self.cache: dict[Any, tuple[str, Any]] = {}
        self._sides_of: dict[str, float] | None = None
        self._sides: tuple[int, ...] = ()

    def step(
        self, state: str, variables: dict[str, float], turn: int, action: Action
    ) -> tuple[str, dict[str, float]]:
        from simulator.client.machine import apply_effects

        key = None
        if self.cacheable:
            # A node's actions are stepped one after another from the same variables.
            if variables is not self._sides_of:
                self._sides_of = variables
                self._sides = tuple(
                    bisect.bisect_left(c, variables.get(v, 0.0)) * 2 + (variables.get(v, 0.0) in c)
                    for v, c in self.cuts
                )
            key = (state, action, self._sides, turn)
        cached = self.cache.get(key) if key is not None else None
        if cached is None:
            self.machine.put(self.model, state)
            env = {**self.thresholds, **variables, TURN: float(turn + 1), WORDS: PLAIN_TURN_WORDS}
            fired = self.machine.react(self.model, action.moves, action.topics, env).fired
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
    from simulator.scenario.conditions import Name

    cuts: dict[str, set[float]] = {}
    cacheable = True
    variables = set(scenario.client.variables)
    for transition in (*scenario.transitions, *scenario.reactions):
        condition = condition_of(transition)
        if condition is None:
            continue
        for name, constants in _compared(condition, thresholds).items():
            if name in variables:
                cuts.setdefault(name, set()).update(constants)
        for node in _comparisons(condition):
            sides = [v.name for v in (node.left, node.right) if isinstance(v, Name)]
            if sum(1 for n in sides if n in variables) == 2:
                cacheable = False
    return tuple((v, tuple(sorted(c))) for v, c in sorted(cuts.items())), cacheable


def walk(
    scenario: Scenario,
    variant: str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Walk:
    from simulator.client.machine import clamp

    horizon = turn_horizon(scenario)
    stepper = Stepper(scenario, variant)
    states = scenario.states
    make = node_maker(scenario, stepper, horizon)

    state_actions = {sid: actions(scenario, sid, idle=horizon > 0) for sid in states}
    start_vars = {k: clamp(float(v)) for k, v in stepper.start.items()}
    root = make(scenario.start, start_vars, 0, ())
    unproven: set[str] = set()
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
                search = PathSearch(scenario, ending, stepper, state_actions, make, root, depth)
                path, proven = search.run(max_nodes)
                if path is not None:
                    extra[ending] = (state_data.ending or "", path)
                    if not proven:
                        unproven.add(ending)
    finally:
        stepper.close()
    return _summarise(scenario, variant, nodes, complete, extra, unproven)


def node_maker(
    scenario: Scenario, stepper: Stepper, horizon: int
) -> Callable[[str, dict[str, float], int, tuple[Action, ...]], Node]:
    """The Node for a situation, keyed as the walk and the searches tell situations apart."""
    # Variables no condition reads cannot change which transition fires: leave them out of the
    # key, or every distress level would be a situation of its own.
    compared = [v for v, _ in stepper.cuts] if stepper.cacheable else sorted(stepper.start)

    def make(state: str, variables: dict[str, float], turn: int, path: tuple[Action, ...]) -> Node:
        values = tuple((v, variables.get(v, 0.0)) for v in compared)
        key = (state, values, min(turn, horizon))
        ending = scenario.states[state].ending
        return Node(key, path, ending is not None, ending, dict(variables))

    return make


class PathSearch:
    """Paths to one ending the breadth-first walk did not reach within its budget (or to any
    state: `kohtaamo questions` aims it at the states its own walk missed).

    First a greedy best-first pass: situations are taken in order of an estimate of the turns
    still needed, the arrows left to the ending plus how far the variables are from what the
    conditions on the way there ask (at the fastest pace the scenario's effects allow). It is
    quick on scenarios where trust has to be built up over many turns, but its path need not
    be the shortest. Then A* (arrows left, which never overestimates) looks for a shorter one
    within the same budget: the path it finds, or running out of situations without finding
    one, proves the shortest; running out of budget leaves the greedy path "shortest found".
    """

    def __init__(
        self,
        scenario: Scenario,
        ending: str,
        stepper: Stepper,
        state_actions: dict[str, list[Action]],
        make: Any,
        root: Node,
        depth: int,
    ) -> None:
        self.ending = ending
        self.stepper = stepper
        self.state_actions = state_actions
        self.make = make
        self.root = root
        self.depth = depth
        self.horizon = turn_horizon(scenario)
        self.distance = _distance_to(scenario, ending)
        self.arrows_into: dict[str, list[tuple[str, Any]]] = {}
        for source, targets in edges(scenario).items():
            for transition, target in targets:
                self.arrows_into.setdefault(target, []).append((source, condition_of(transition)))
        self._costs: dict[Any, dict[str, float]] = {}
        # The biggest step each variable can take in one turn, up and down.
        self.pace: dict[tuple[str, bool], float] = {(TURN, True): 1.0}
        for transition in (*scenario.transitions, *scenario.reactions):
            for effect in transition.effects:
                if effect.absolute:
                    continue
                key = (effect.variable, effect.amount > 0)
                self.pace[key] = max(self.pace.get(key, 0.0), abs(effect.amount))

    def run(self, max_nodes: int) -> tuple[tuple[Action, ...] | None, bool]:
        """(path, proven shortest); (None, False) when neither pass found the ending."""
        if self.root.state not in self.distance:
            return None, True
        greedy = self._best_first(max_nodes, self._estimate, weight=3, bound=self.depth)
        if greedy is not None:
            greedy = self._shorten(greedy)
        bound = len(greedy) - 1 if greedy is not None else self.depth
        # Half the budget: on the scenarios that need the greedy pass, A* rarely finishes.
        shorter = self._best_first(max(1, max_nodes // 2), self._arrows, weight=1, bound=bound)
        if shorter is not None:
            return shorter, True
        return greedy, self._exhausted

    def _shorten(self, path: tuple[Action, ...]) -> tuple[Action, ...]:
        """The path without the turns it can do without (the greedy pass wanders a little)."""
        index = 0
        while index < len(path):
            shorter = (*path[:index], *path[index + 1 :])
            if self._ends_here(shorter):
                path = shorter  # try the same index again: the next turn moved into it
            else:
                index += 1
        return path

    def _ends_here(self, path: tuple[Action, ...]) -> bool:
        state, variables = self.root.state, self.root.variables
        for turn, action in enumerate(path):
            if self.make(state, variables, turn, ()).ended:
                return False
            state, variables = self.stepper.step(state, variables, min(turn, self.horizon), action)
        return state == self.ending

    def _arrows(self, node: Node) -> float:
        return self.distance[node.state]

    def _estimate(self, node: Node) -> float:
        if node.state == self.ending:
            return 0
        values = (node.key[1], node.key[2])
        costs = self._costs.get(values)
        if costs is None:
            env = {
                **self.stepper.thresholds,
                **node.variables,
                TURN: float(node.key[2] + 1),
                WORDS: PLAIN_TURN_WORDS,
            }
            costs = self._costs[values] = self._costs_from(env)
        return costs.get(node.state, 2.0 * self.distance[node.state])

    def _costs_from(self, env: dict[str, float]) -> dict[str, float]:
        """Per state, turns to the ending if the variables stayed as they are in `env`.

        Dijkstra backwards over the arrows, each costing a turn plus the turns its condition
        needs at full pace. Variables do move on the way, so this guides rather than bounds.
        """
        costs: dict[str, float] = {self.ending: 0.0}
        heap = [(0.0, self.ending)]
        while heap:
            cost, here = heapq.heappop(heap)
            if cost > costs.get(here, float("inf")):
                continue
            for source, condition in self.arrows_into.get(here, ()):
                wait = self._turns_until(condition.node, env) if condition is not None else 0.0
                total = cost + 1 + wait
                if total < costs.get(source, float("inf")):
                    costs[source] = total
                    heapq.heappush(heap, (total, source))
        return costs

    def _turns_until(self, node: Any, env: dict[str, float]) -> float:
        """Turns until the condition could hold, if every turn moved its variables fully."""
        from simulator.scenario.conditions import And, Compare, Name, Not, Or

        if isinstance(node, And):
            return max(self._turns_until(o, env) for o in node.operands)
        if isinstance(node, Or):
            return min(self._turns_until(o, env) for o in node.operands)
        if isinstance(node, Not):
            return 1.0 if self._turns_until(node.operand, env) == 0 else 0.0
        assert isinstance(node, Compare)
        left, op, right = node.left, node.op, node.right
        if not (isinstance(left, Name) and left.name not in self.stepper.thresholds):
            flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
            left, right, op = right, left, flipped.get(op, op)
        if not isinstance(left, Name):
            return 0.0

        def value(side: Any) -> float:
            return env.get(side.name, 0.0) if isinstance(side, Name) else float(side.value)

        have, want = value(left), value(right)
        if op in (">=", ">"):
            gap, rising = want - have + (op == ">"), True
        elif op in ("<=", "<"):
            gap, rising = have - want + (op == "<"), False
        elif op == "==":
            gap, rising = abs(want - have), want > have
        else:
            gap, rising = float(have == want), True
        if gap <= 0:
            return 0.0
        pace = self.pace.get((left.name, rising), 0.0)
        return -(-gap // pace) if pace else 50.0

    def _best_first(
        self, max_nodes: int, estimate: Any, weight: float, bound: int
    ) -> tuple[Action, ...] | None:
        self._exhausted = False
        counter = itertools.count()
        root = self.root
        heap = [(weight * estimate(root), 0, next(counter), root)]
        best: dict[Key, int] = {root.key: 0}
        popped = 0
        while heap:
            if popped >= max_nodes:
                return None
            _, turns, _, node = heapq.heappop(heap)
            if node.state == self.ending:
                return node.path
            if node.ended or turns >= bound or best.get(node.key, turns) < turns:
                continue
            popped += 1
            state, variables, turn = node.key[0], node.variables, node.key[2]
            for action in self.state_actions[state]:
                after, changed = self.stepper.step(state, variables, turn, action)
                if after not in self.distance:
                    continue
                child = self.make(after, changed, turn + 1, (*node.path, action))
                if best.get(child.key, bound + 1) <= turns + 1:
                    continue
                if turns + 1 + self.distance[after] > bound:
                    continue  # cannot arrive within the bound even on the shortest arrows
                best[child.key] = turns + 1
                guess = turns + 1 + weight * estimate(child)
                heapq.heappush(heap, (guess, turns + 1, next(counter), child))
        self._exhausted = True
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
    unproven: set[str],
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
    return Walk(variant, endings, unreached, stuck, loops, len(nodes), complete, unproven)


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
            key = "explore_ending_found" if state in result.unproven else "explore_ending"
            yield t(f"authoring.{key}", lang, state=state, outcome=outcome_text, turns=len(path))
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
