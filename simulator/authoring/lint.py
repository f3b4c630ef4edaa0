"""Authoring checks beyond the schema: the findings `kohtaamo check` reports as K4xx.

`lint(scenario)` reads a loaded `Scenario` and returns `Diagnostic`s, each with a stable code,
a severity, the YAML position and a fix hint. It reasons statically and conservatively: a
finding is an error only when it is certain from the file; when it depends on conditions the
analysis cannot fully decide it is a warning.

Codes (one place; the authoring guides list them with examples). References to things that
do not exist, empty lines and states without lines are the loader's (K3xx, K209, K309).
    K401 warning  state unreachable from the start
    K402 error    state with no way out that is not an ending (warning if only conditions block it)
    K403 warning  ending that cannot be reached
    K404 error    no good ending reachable (warning if only conditions block it)
    K405 warning  variable, threshold, topic, cue or choice declared but never used
    K406 warning  common moves (open question, reflections) get no reaction in a state
    K407 warning  a transition is shadowed by an earlier unconditional one on the same move
    K408 warning  condition no sequence of effects can ever satisfy
    K409 warning  the same line twice in one list
    K410 warning  the same long line in two different places
    K411 warning  a supportive move the scenario answers elsewhere gets no sure answer in a state
    K412 warning  fewer than three lines on a reply that can be said again and again
    K413 warning  a closing state that does not end the meeting on structuring and summary
    K414 warning  a progress transition's moves are a subset of a catch-all's in the same state
    K415 warning  client feedback for a choice written for one side only (honoured/overridden)
    K416 warning  two lines of a reply said again and again are almost word for word the same
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.i18n import number, t
from simulator.moves import REFLECTIONS
from simulator.scenario.conditions import BUILTIN_NAMES, TURN

if TYPE_CHECKING:
    from simulator.scenario.conditions import Condition
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.model import Scenario, Transition, Where

#: moves a client should answer in every state, or the trainee meets only fallback lines
COMMON_MOVES: tuple[str, ...] = ("open_question", *sorted(REFLECTIONS))
#: moves that support the client (MITI's adherent codes, plus structuring, summary, offering
#: time and information on request): a student who uses them must never meet a fallback line
SUPPORTIVE_MOVES: tuple[str, ...] = (
    "affirmation",
    "ask_permission",
    "emphasize_autonomy",
    "give_information",
    "offer_options",
    "offer_time",
    "seek_collaboration",
    "structuring",
    "summary",
)
#: a reply that can fire again and again needs at least this many lines, or it runs dry
MIN_REPEATABLE_LINES = 3
#: moves with which a worker ordinarily closes a meeting ("So: Thursday, I'll ring you.")
CLOSING_MOVES: tuple[str, ...] = ("structuring", "summary")
#: lines shorter than this are allowed to repeat across states ("Hmm.", "Niin.")
LONG_LINE_WORDS = 5
LOW, HIGH = 0.0, 100.0
#: bound on the points tried when deciding a condition; beyond it we assume "satisfiable"
_MAX_POINTS = 20000


# --- conditions: the numbers a condition compares against --------------------------------


def condition_constants(condition: Condition, thresholds: dict[str, float]) -> set[float]:
    """Every literal number and threshold value the condition compares with."""
    from simulator.scenario.conditions import And, Compare, Name, Not, Number, Or

    found: set[float] = set()
    todo: list[Any] = [condition.node]
    while todo:
        node = todo.pop()
        if isinstance(node, Compare):
            for value in (node.left, node.right):
                if isinstance(value, Number):
                    found.add(value.value)
                elif isinstance(value, Name) and value.name in thresholds:
                    found.add(thresholds[value.name])
        elif isinstance(node, Not):
            todo.append(node.operand)
        elif isinstance(node, And | Or):
            todo.extend(node.operands)
    return found


def condition_names(condition: Condition | None) -> set[str]:
    return set(condition.names()) if condition is not None else set()


# --- what the scenario can do: bounds of variables, satisfiable conditions ----------------


@dataclass(frozen=True)
class World:
    """One starting point (a variant, or the base client) with the bounds its variables reach."""

    name: str
    thresholds: dict[str, float]
    bounds: dict[str, tuple[float, float]]


def worlds(scenario: Scenario) -> list[World]:
    """Each variant (or the base client) with the range every variable can reach.

    A variable can rise to 100 if any effect in the scenario raises it, fall to 0 if any effect
    lowers it, and reach any value an effect sets; otherwise it keeps its start value. This
    over-approximates what play can reach, so "unsatisfiable" below is always true.
    """
    client = scenario.client
    rises: set[str] = set()
    falls: set[str] = set()
    sets: dict[str, set[float]] = {}
    for transition in (*scenario.transitions, *scenario.reactions):
        for effect in transition.effects:
            if effect.absolute:
                sets.setdefault(effect.variable, set()).add(_clamp(effect.amount))
            elif effect.amount > 0:
                rises.add(effect.variable)
            elif effect.amount < 0:
                falls.add(effect.variable)
    starts = [("", *client.start(None))]
    if client.variants:
        starts = [(v.id, *client.start(v)) for v in client.variants]
    out = []
    for name, values, thresholds in starts:
        bounds: dict[str, tuple[float, float]] = {}
        for variable, start in values.items():
            reached = {_clamp(start), *sets.get(variable, ())}
            low = LOW if variable in falls else min(reached)
            high = HIGH if variable in rises else max(reached)
            bounds[variable] = (low, high)
        out.append(World(name, thresholds, bounds))
    return out


def _clamp(value: float) -> float:
    return max(LOW, min(HIGH, float(value)))


def satisfiable(condition: Condition | None, world: World) -> bool:
    """Whether some reachable values make the condition true (True when unsure).

    Conditions compare names with numbers, so the truth value only changes at the compared
    constants: trying each variable's bounds and the constants (and a hair either side) within
    them decides the condition exactly for single-variable comparisons.
    """
    if condition is None:
        return True
    names = condition_names(condition)
    constants = condition_constants(condition, world.thresholds)
    axes: list[tuple[str, list[float]]] = []
    for name in sorted(names):
        if name in world.thresholds:
            continue
        if name in BUILTIN_NAMES:  # whole numbers, from 1 (turn) or 0 (words) upwards
            least = 1.0 if name == TURN else 0.0
            points = {least, max(constants, default=least) + 1}
            for c in constants:
                points |= {float(int(c)) - 1, float(int(c)), float(int(c)) + 1}
            axes.append((name, sorted(p for p in points if p >= least)))
        elif name in world.bounds:
            low, high = world.bounds[name]
            points = {low, high}
            for c in constants:
                points |= {c - 1e-6, c, c + 1e-6}
            axes.append((name, sorted(p for p in points if low <= p <= high)))
        else:
            return True  # undeclared: K406 says so; do not guess
    if _product_size(axes) > _MAX_POINTS:
        return True
    base = dict(world.thresholds)
    for combo in itertools.product(*(points for _, points in axes)):
        values = {**base, **{name: v for (name, _), v in zip(axes, combo, strict=True)}}
        try:
            if condition.evaluate(values):
                return True
        except (KeyError, TypeError):
            return True
    return False


def _product_size(axes: list[tuple[str, list[float]]]) -> int:
    size = 1
    for _, points in axes:
        size *= max(1, len(points))
    return size


def condition_of(transition: Transition) -> Condition | None:
    """The parsed condition (the loader's, else parsed here; None when it cannot be read)."""
    from simulator.scenario.conditions import Condition, ConditionSyntaxError, parse_condition

    if isinstance(transition.condition, Condition):
        return transition.condition
    if not transition.condition_text:
        return None
    try:
        return parse_condition(transition.condition_text)
    except ConditionSyntaxError:
        return None  # the loader reports the syntax error


def possible(transition: Transition, all_worlds: list[World]) -> bool:
    """Whether the transition's condition can hold in at least one variant."""
    condition = condition_of(transition)
    return any(satisfiable(condition, world) for world in all_worlds) if all_worlds else True


def handled_moves(scenario: Scenario, state_id: str) -> set[str]:
    """Moves the state's own transitions name (`moves: any` names none: it takes what is left)."""
    return {m for tr in scenario.transitions_from(state_id) if not tr.any_move for m in tr.moves}


def shadowing(
    transitions: Iterable[Transition],
) -> Iterator[tuple[Transition, Transition, list[str]]]:
    """(later, earlier, moves): `later` never fires on `moves`, an earlier catch-all takes them."""
    seen: list[Transition] = []
    for later in transitions:
        if later.any_move or later.unrecognised:
            seen.append(later)
            continue  # `moves: any` takes what is left over; that is its purpose
        for earlier in seen:
            if earlier.condition_text or earlier.topics or later.condition_text:
                continue
            shared = [m for m in later.moves if m in earlier.moves]
            if shared:
                yield later, earlier, shared
        seen.append(later)


def exits(scenario: Scenario, state_id: str) -> Iterator[Transition]:
    """Transitions that can fire in the state, in the engine's order (`candidates`), less
    the state's own ones that an earlier catch-all shadows on every move they name."""
    dead_moves: dict[str, set[str]] = {}
    for later, _, shared in shadowing(scenario.transitions_from(state_id)):
        dead_moves.setdefault(later.id, set()).update(shared)
    for transition, _ in scenario.candidates(state_id):
        dead = dead_moves.get(transition.id)
        if dead and transition.moves and all(m in dead for m in transition.moves):
            continue
        yield transition


def answered_for_sure(scenario: Scenario, state_id: str) -> set[str]:
    """Moves that always get an answer in the state: some transition on the move, with no
    topics and no condition, is reached in the engine's order (a global reaction only on the
    moves the state does not handle itself)."""
    own = handled_moves(scenario, state_id)
    reactions = {id(r) for r in scenario.reactions}
    sure: set[str] = set()
    for transition in exits(scenario, state_id):
        if transition.topics or transition.condition_text or transition.unrecognised:
            continue
        moves = set(transition.moves)
        if id(transition) in reactions:
            moves -= own
        sure |= moves
    return sure


def edges(
    scenario: Scenario, *, respect_conditions: bool = True, leaves: bool = False
) -> dict[str, list[tuple[Transition, str]]]:
    """state id -> [(transition, target)] for transitions that move the client elsewhere;
    with `leaves`, also the `when_worker_leaves` ending of every state."""
    all_worlds = worlds(scenario) if respect_conditions else []
    out: dict[str, list[tuple[Transition, str]]] = {}
    for sid, state in scenario.states.items():
        out[sid] = []
        if state.is_ending:
            continue
        for transition in exits(scenario, sid):
            target = transition.target
            if target is None or target == sid or target not in scenario.states:
                continue
            if respect_conditions and not possible(transition, all_worlds):
                continue
            out[sid].append((transition, target))
        # The worker can take leave anywhere: `when_worker_leaves` is a way to its ending
        # (but no way out of a state the conversation itself cannot leave: K402 says so).
        leave = scenario.leave_from(sid) if leaves else None
        if leave is not None and leave.target in scenario.states:
            out[sid].append((leave, leave.target))
    return out


def reachable(scenario: Scenario, *, respect_conditions: bool = True) -> set[str]:
    graph = edges(scenario, respect_conditions=respect_conditions, leaves=True)
    seen = {scenario.start} if scenario.start in scenario.states else set()
    todo = list(seen)
    while todo:
        for _, target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


# --- the checks ----------------------------------------------------------------------------


def lint(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """Every K4xx finding for one loaded scenario, in file order within each check."""
    found = _Findings(scenario, lang)
    _check_reachability(scenario, found)
    _check_unused(scenario, found)
    _check_common_moves(scenario, found)
    _check_shadowed(scenario, found)
    _check_conditions(scenario, found)
    _check_lines(scenario, found)
    _check_supportive_moves(scenario, found)
    _check_small_pools(scenario, found)
    _check_closings(scenario, found)
    _check_catch_alls(scenario, found)
    _check_client_feedback(scenario, found)
    _check_near_repeats(scenario, found)
    return found.items


def _check_client_feedback(scenario: Scenario, found: _Findings) -> None:
    """A choice's feedback with one side only: when the other side happens, the client's
    voice falls back to a default line the authors may not expect."""
    feedback = scenario.client_feedback
    if feedback is None:
        return
    for choice, sides in feedback.choices.items():
        missing = [s for s in ("honoured", "overridden") if s not in sides]
        if len(missing) == 1:
            found.add(
                "K415", "warning", feedback.where, "feedback_one_side", choice=choice,
                missing=missing[0],
            )  # fmt: skip


class _Findings:
    def __init__(self, scenario: Scenario, lang: str | None) -> None:
        self.scenario = scenario
        self.lang = lang
        self.items: list[Diagnostic] = []

    def add(self, code: str, severity: str, where: Where | None, key: str, **values: Any) -> None:
        from simulator.scenario.diagnostics import Diagnostic
        from simulator.scenario.labels import label
        from simulator.scenario.model import Where

        # Transition ids and places as authors count them, from one (`opening.on.1`).
        for name in ("id", "earlier", "other", "place"):
            if isinstance(values.get(name), str):
                values[name] = label(values[name])
        self.items.append(
            Diagnostic(
                code=code,
                severity=severity,
                where=where or Where(self.scenario.path),
                message=t(f"authoring.{key}", self.lang, **values),
                hint=t(f"authoring.{key}_hint", self.lang, **values),
            )
        )


def _check_reachability(scenario: Scenario, found: _Findings) -> None:
    loose = reachable(scenario, respect_conditions=False)
    strict = reachable(scenario, respect_conditions=True)
    loose_edges = edges(scenario, respect_conditions=False)
    strict_edges = edges(scenario, respect_conditions=True)
    for sid, state in scenario.states.items():
        if sid not in strict:
            code, key = (
                ("K403", "ending_unreachable") if state.is_ending else ("K401", "unreachable")
            )
            why = "" if sid not in loose else t("authoring.because_conditions", found.lang)
            found.add(code, "warning", state.where, key, state=sid, why=why)
        if state.is_ending:
            continue
        if not loose_edges[sid]:
            # Certain: nothing in the file ever moves the client on from here.
            found.add(
                "K402", "error" if sid in loose else "warning", state.where, "stuck", state=sid
            )
        elif not strict_edges[sid]:
            found.add("K402", "warning", state.where, "stuck_conditions", state=sid)
    good = [sid for sid, s in scenario.states.items() if s.ending == "good"]
    if not any(sid in strict for sid in good):
        certain = not any(sid in loose for sid in good)
        where = scenario.states[scenario.start].where if scenario.start in scenario.states else None
        found.add("K404", "error" if certain else "warning", where, "no_good_ending")


def _check_unused(scenario: Scenario, found: _Findings) -> None:
    variables = set(scenario.client.variables)
    thresholds = set(scenario.client.thresholds)
    for variant in scenario.client.variants:
        thresholds |= set(variant.thresholds)
    used_names: set[str] = set()
    used_topics: set[str] = set()
    used_cues: set[str] = set()
    used_choices: set[str] = set()
    for state in scenario.states.values():
        used_cues |= set(state.cues)
        if state.choice:
            used_choices.add(state.choice)
    # A line that refers back (`touched`) or says back (`heard`) uses the names it gates on,
    # and a line uses the names it is `about`.
    gate_maps = [state.gates for state in scenario.states.values()]
    gate_maps += [
        t.gates
        for t in (*scenario.transitions, *scenario.reactions, *scenario.defaults, *scenario.answers)
    ]
    for gates in (*gate_maps, scenario.fallback_gates):
        for gate in gates.values():
            used_topics |= {*gate.refers, *gate.about, *gate.untouched}
    # `answers:` use their topics and the names their conditions read, like reactions do.
    for transition in (*scenario.transitions, *scenario.reactions, *scenario.answers):
        used_names |= condition_names(condition_of(transition))
        used_names |= {e.variable for e in transition.effects}
        used_topics |= set(transition.topics)
        used_cues |= set(transition.cues)
        if transition.choice:
            used_choices.add(transition.choice)
    unused = [
        ("variable", sorted(variables - used_names), None),
        ("threshold", sorted(thresholds - used_names), None),
        # A sensitive topic is used by pacing (raised before `disclosure` readiness counts
        # against the worker) even when no transition names it.
        (
            "topic",
            [k for k, v in scenario.topics.items() if k not in used_topics and not v.sensitive],
            scenario.topics,
        ),
        ("cue", [k for k in scenario.cues if k not in used_cues | used_topics], scenario.cues),
        (
            "choice",
            [k for k in scenario.choices if k not in used_choices | used_topics],
            scenario.choices,
        ),
    ]
    for kind, names_, declared in unused:
        for name in names_:
            where = declared[name].where if declared else scenario.client.declared_at.get(name)
            kind_text = t(f"authoring.kind_{kind}", found.lang)
            found.add("K405", "warning", where, "unused", kind=kind_text, name=name)


def _check_common_moves(scenario: Scenario, found: _Findings) -> None:
    live = reachable(scenario, respect_conditions=False)
    for sid, state in scenario.states.items():
        if state.is_ending or sid not in live:
            continue
        answered = {m for tr in exits(scenario, sid) for m in tr.moves}
        missing = [m for m in COMMON_MOVES if m not in answered]
        if missing:
            found.add(
                "K406", "warning", state.where, "no_reaction", state=sid, moves=", ".join(missing)
            )


def _check_shadowed(scenario: Scenario, found: _Findings) -> None:
    groups: list[tuple[str, tuple[Transition, ...]]] = [
        (sid, scenario.transitions_from(sid))
        for sid, state in scenario.states.items()
        if not state.is_ending
    ]
    groups.append(("reactions", scenario.reactions))
    reported: set[tuple[str, str]] = set()
    for sid, transitions in groups:
        for later, earlier, shared in shadowing(transitions):
            if (later.id, earlier.id) not in reported:
                reported.add((later.id, earlier.id))
                found.add(
                    "K407",
                    "warning",
                    later.where,
                    "shadowed",
                    state=sid,
                    moves=", ".join(shared),
                    earlier=earlier.id,
                    line=_line_of(earlier.where, later.where),
                )


def _check_conditions(scenario: Scenario, found: _Findings) -> None:
    all_worlds = worlds(scenario)
    for transition in (*scenario.transitions, *scenario.reactions):
        if transition.condition_text and not possible(transition, all_worlds):
            bounds = _describe_bounds(condition_of(transition), all_worlds)
            found.add(
                "K408",
                "warning",
                transition.where,
                "impossible",
                condition=transition.condition_text,
                bounds=bounds,
            )


def _describe_bounds(condition: Condition | None, all_worlds: list[World]) -> str:
    parts = []
    for name in sorted(condition_names(condition)):
        lows = [w.bounds[name][0] for w in all_worlds if name in w.bounds]
        highs = [w.bounds[name][1] for w in all_worlds if name in w.bounds]
        if lows:
            parts.append(f"{name} {number(min(lows))}..{number(max(highs))}")
    return ", ".join(parts)


def dialogue_lists(
    scenario: Scenario, every: bool = False
) -> Iterator[tuple[str, tuple[str, ...], Where]]:
    """(where-label, lines, position) for every list of dialogue in the scenario: the lines
    states enter with, fall back on and reactions reply with; with `every`, also what the
    client says when a pool runs dry (`exhausted:`) and the scenario-wide `defaults:` and
    `answers:` (K519 compares facts over every line the client may say)."""
    from simulator.scenario.model import Where

    top = Where(scenario.path)
    yield "fallback", scenario.fallback, top
    if every:
        yield "exhausted", scenario.exhausted, top
    for sid, state in scenario.states.items():
        yield f"{sid}.say", state.say, state.where
        yield f"{sid}.fallback", state.fallback, state.where
        if every:
            yield f"{sid}.exhausted", state.exhausted, state.where
    leaves = [s.leave for s in scenario.states.values() if s.leave] + [scenario.leave]
    pools = (*scenario.transitions, *scenario.reactions)
    if every:
        pools += (*scenario.defaults, *scenario.answers, *scenario.holding)
    for transition in (*pools, *leaves):
        if transition is None:
            continue
        yield f"{transition.id}.reply", transition.reply, transition.where
        if every:
            yield f"{transition.id}.exhausted", transition.exhausted, transition.where
    for variant in scenario.client.variants:
        for sid, lines in variant.say.items():
            yield f"{variant.id}.say.{sid}", lines, variant.where


def _check_lines(scenario: Scenario, found: _Findings) -> None:
    first_place: dict[str, str] = {}
    for place, lines, where in dialogue_lists(scenario):
        seen: set[str] = set()
        for line in lines:
            text = " ".join(line.split())
            if not text:
                continue  # the loader refuses empty lines (K209)
            if text in seen:
                found.add("K409", "warning", where, "duplicate_line", place=place, line=text)
            seen.add(text)
            if len(text.split()) >= LONG_LINE_WORDS:
                other = first_place.setdefault(text, place)
                if other != place and other.split(".")[0] != place.split(".")[0]:
                    found.add(
                        "K410",
                        "warning",
                        where,
                        "repeated_line",
                        place=place,
                        other=other,
                        line=text,
                    )


def _check_supportive_moves(scenario: Scenario, found: _Findings) -> None:
    """K411: a supportive move the scenario answers somewhere has no sure answer in a state.

    A student who asks permission or says what happens next in one state and meets "Hm." in
    the next feels unheard; a `defaults:` entry answers the move in every state at once.
    """
    used = {
        m
        for tr in (*scenario.transitions, *scenario.reactions, *scenario.defaults)
        if not tr.any_move
        for m in tr.moves
    }
    wanted = [m for m in SUPPORTIVE_MOVES if m in used]
    if not wanted:
        return
    live = reachable(scenario, respect_conditions=False)
    for sid, state in scenario.states.items():
        if state.is_ending or sid not in live:
            continue
        sure = answered_for_sure(scenario, sid)
        missing = [m for m in wanted if m not in sure]
        if missing:
            found.add(
                "K411", "warning", state.where, "no_supportive_reaction",
                state=sid, moves=", ".join(missing),
            )  # fmt: skip


def _repeatable(transition: Transition) -> bool:
    """A reply that can be said on turn after turn: the client stays where it is."""
    if transition.target is None:
        return True
    return transition.target in transition.sources


def _check_small_pools(scenario: Scenario, found: _Findings) -> None:
    """K412: a stay-reply with fewer than three lines runs dry within a few turns."""
    for transition in (*scenario.transitions, *scenario.reactions, *scenario.defaults):
        if not transition.reply or not _repeatable(transition):
            continue
        if len(transition.reply) < MIN_REPEATABLE_LINES:
            found.add(
                "K412", "warning", transition.where, "small_pool",
                id=transition.id, count=len(transition.reply), least=MIN_REPEATABLE_LINES,
            )  # fmt: skip


def _check_closings(scenario: Scenario, found: _Findings) -> None:
    """K413: a state that leads to the good ending should close on structuring and summary.

    "I'll ring you on Thursday, is that okay?" is how meetings end; a closing state that
    answers it with one more "Yes." makes the student say goodbye twice.
    """
    good = {sid for sid, s in scenario.states.items() if s.ending == "good"}
    for sid, state in scenario.states.items():
        if state.is_ending:
            continue
        own = scenario.transitions_from(sid)
        closing = [tr for tr in own if tr.target in good]
        if not closing:
            continue
        accepted = {m for tr in closing for m in tr.moves}
        missing = [m for m in CLOSING_MOVES if m not in accepted]
        if missing:
            found.add(
                "K413", "warning", closing[0].where, "closing_misses",
                state=sid, moves=", ".join(missing), id=closing[0].id,
            )  # fmt: skip


def _line_of(where: Where, seen_from: Where) -> str:
    """`44`, or `shared/leave.yaml:44` when the line is in another file (an included part)."""
    return str(where.line) if where.file == seen_from.file else f"{where.file}:{where.line}"


def _is_catch_all(transition: Transition) -> bool:
    """A stay transition that answers its moves whatever was said and whatever the numbers."""
    return (
        _repeatable(transition)
        and bool(transition.moves)
        and not transition.topics
        and not transition.condition_text
        and not transition.unrecognised
    )


def _check_catch_alls(scenario: Scenario, found: _Findings) -> None:
    """K414: progress waits on moves a catch-all in the same state also takes.

    A progress transition (with `go:` elsewhere, gated by topics or a condition) whose moves
    are a strict subset of a catch-all below it leaves the catch-all's other moves stuck: a
    summary naming the very topic gets the catch-all's line. One whose moves all belong to a
    catch-all above it never fires on them at all.
    """
    for sid, state in scenario.states.items():
        if state.is_ending:
            continue
        own = [tr for tr in scenario.transitions_from(sid) if not tr.unrecognised]
        for index, progress in enumerate(own):
            if _repeatable(progress) or not progress.moves or progress.any_move:
                continue
            if not (progress.topics or progress.condition_text):
                continue
            moves = set(progress.moves)
            for other_index, catch_all in enumerate(own):
                if other_index == index or not _is_catch_all(catch_all):
                    continue
                other = set(catch_all.moves)
                if other_index > index and moves < other and not catch_all.any_move:
                    left_out = [m for m in catch_all.moves if m not in moves]
                    found.add(
                        "K414", "warning", progress.where, "catch_all_below",
                        id=progress.id, other=catch_all.id,
                        line=_line_of(catch_all.where, progress.where),
                        moves=", ".join(left_out),
                    )  # fmt: skip
                    break
                # With topics only, K407 already says the catch-all above takes these moves.
                if other_index < index and moves <= other and progress.condition_text:
                    found.add(
                        "K414", "warning", progress.where, "catch_all_above",
                        id=progress.id, other=catch_all.id,
                        line=_line_of(catch_all.where, progress.where),
                        moves=", ".join(progress.moves),
                    )  # fmt: skip
                    break


def _check_near_repeats(scenario: Scenario, found: _Findings) -> None:
    """K416: two lines of one reply that can be said turn after turn (a stay, `answers:`,
    `defaults:`) say almost the same words (client/replies.py, `near_repeat`). The client
    counts the second as said once the first is ("It's just... I've never had to ask for
    anything before." in two lines of one pool, hen33 t8/t11), so it is never heard. A pair
    with a `touched:` line is the authors' doing: a retelling ("Like I said, Flat 4...")
    or the version of one telling for when its topic came up."""
    from simulator.client.replies import near_repeat, word_runs
    from simulator.language.text import tokens

    pools = [t for t in (*scenario.transitions, *scenario.reactions) if _repeatable(t)]
    for transition in (*pools, *scenario.defaults, *scenario.answers):
        gates = transition.gates
        for earlier, line in itertools.combinations(transition.reply, 2):
            if any(x in gates and gates[x].touched for x in (earlier, line)):
                # a `touched:` line before a plain one is the version of one telling for
                # when it came up; after it, the authors' second telling
                continue
            if near_repeat(line, word_runs(tokens(earlier))) or near_repeat(
                earlier, word_runs(tokens(line))
            ):
                found.add(
                    "K416", "warning", transition.where, "near_repeat",
                    id=transition.id, line=" ".join(line.split()),
                    other=" ".join(earlier.split()),
                )  # fmt: skip
