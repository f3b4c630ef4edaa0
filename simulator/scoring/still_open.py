"""What was still open when the worker took leave short of a good ending, in the scenario's
own terms, and what went well in the way they closed.

A student told only "you left before the work was done" learns nothing of which work. The
engine knows it: the cues the client had not yet told (and, where every way to them passes a
condition not yet met, what they wait on: "once trust grows", "later in the meeting"), the
choices the client had not yet come to, the cues told but not taken up, the briefing's goal,
and the client's thought where they stood. Everything named here is scenario data (labels,
thoughts, the goal, variable labels); the engine adds only the sentences around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.i18n import t, variable_label
from simulator.moves import HARMFUL
from simulator.scenario.conditions import COMPARISONS, TURN, WORDS, Compare, Name, Node, Not, Number
from simulator.transcript import Transcript, as_typed, left_early

#: A turn read as one of these put the plan together (a summary of what was agreed, the
#: next steps laid out, the client asked to work it out with the worker).
PLAN_MOVES = ("summary", "structuring", "seek_collaboration")
#: Modes that make a goodbye unkind, whatever its words.
UNKIND_MODES = frozenset({"blaming", "rejecting"})


@dataclass(frozen=True)
class Waiting:
    """A cue or choice the client had not yet come to, and the names of what it waits on:
    client variables that must grow, or `turn` (later in the meeting); () = nothing the
    engine can name (the worker's way of asking, or the meeting went another way)."""

    label: str
    waits_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class StillOpen:
    client: str  # the client's name
    untold: tuple[Waiting, ...] = ()  # cues never told
    unheard: tuple[str, ...] = ()  # cues told but not taken up (labels)
    undecided: tuple[Waiting, ...] = ()  # choices never stated
    goal: str = ""  # the briefing's goal
    stood: str = ""  # the client's thought in the state the worker left
    plan_turn: int = 0  # the turn that put a plan together (0: none in the last two)
    plan_moves: tuple[str, ...] = ()
    kind_goodbye: str = ""  # the goodbye's words when it neither blamed nor dismissed

    @property
    def closed_well(self) -> bool:
        """A plan put together and a kind goodbye: closed carefully, whatever the timing
        (a kind "bye" alone at turn 1 is no careful close)."""
        return bool(self.plan_turn and self.kind_goodbye)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "untold": [{"cue": w.label, "waits_on": list(w.waits_on)} for w in self.untold],
            "unheard": list(self.unheard),
            "undecided": [
                {"choice": w.label, "waits_on": list(w.waits_on)} for w in self.undecided
            ],
            "goal": self.goal,
            "stood": self.stood,
            "plan_turn": self.plan_turn or None,
            "kind_goodbye": self.kind_goodbye,
            "open_lines": open_lines(self, lang),
            "well_lines": well_lines(self, lang),
            "verdict": verdict(self, lang),
        }


def still_open(
    transcript: Transcript, scenario: Any, missed: Iterable[str] = ()
) -> StillOpen | None:
    """What was open when the worker left early; None for any other meeting or without the
    scenario. `missed`: labels of cues the client told that the worker did not take up."""
    if scenario is None or not left_early(transcript):
        return None
    last = transcript.turns[-1]
    told = set(transcript.opening_cues)
    stated: set[str] = set()
    for turn in transcript.turns:
        told.update(turn.cues_dropped)
        stated.update(turn.choices_active)
        if turn.choice_stated:
            stated.add(turn.choice_stated)
    env = _env(transcript, scenario)
    start = last.state_before if last.state_before in scenario.states else scenario.start
    untold = tuple(
        Waiting(cue.label, _waits_on(scenario, start, env, cue=cid))
        for cid, cue in scenario.cues.items()
        if cid not in told
    )
    undecided = tuple(
        Waiting(choice.label, _waits_on(scenario, start, env, choice=cid))
        for cid, choice in scenario.choices.items()
        if cid not in stated
    )
    plan_turn, plan_moves = 0, ()
    for turn in reversed(transcript.turns[-2:]):
        found = tuple(m for m in turn.recognition.moves if m in PLAN_MOVES)
        if found:
            plan_turn, plan_moves = turn.index, found
            break
    kind = ""
    if not HARMFUL.intersection(last.recognition.moves) and (
        last.recognition.mode not in UNKIND_MODES
    ):
        kind = as_typed(last.worker, last.leaving)
    state = scenario.states.get(last.state_before)
    return StillOpen(
        client=scenario.client.name,
        untold=untold,
        unheard=tuple(missed),
        undecided=undecided,
        goal=scenario.briefing.goal,
        stood=state.thought if state is not None else "",
        plan_turn=plan_turn,
        plan_moves=plan_moves,
        kind_goodbye=kind,
    )


def _env(transcript: Transcript, scenario: Any) -> dict[str, float]:
    """The names a condition reads, as they stood when the worker left (the next turn's
    number: what the client would have needed on the turn that did not come)."""
    last = transcript.turns[-1]
    thresholds = dict(scenario.client.thresholds)
    variant = next((v for v in scenario.client.variants if v.id == transcript.variant), None)
    if variant is not None:
        thresholds.update(variant.thresholds)
    env = {**{k: float(v) for k, v in thresholds.items()}, **scenario.client.variables}
    env.update(last.variables_after or last.variables_before)
    env[TURN] = float(last.index + 1)
    env[WORDS] = 0.0
    return env


def _waits_on(
    scenario: Any, start: str, env: dict[str, float], cue: str = "", choice: str = ""
) -> tuple[str, ...]:
    """What the client's coming to `cue` (or `choice`) waits on, from the state the worker
    left: () when some way there is open now (the conditions on it hold or there are none);
    else the names that must grow on the first closed steps toward it."""

    def gives(state_id: str) -> bool:
        state = scenario.states[state_id]
        return (cue and cue in state.cues) or (choice and state.choice == choice)

    def steps(state_id: str):
        if scenario.states[state_id].is_ending:
            return
        for transition, _ in scenario.candidates(state_id):
            yield transition

    def leads(transition: Any) -> bool:
        return bool((cue and cue in transition.cues) or (choice and transition.choice == choice))

    # Every state from which the cue can still come, by any way (open or not).
    reaches: set[str] = {sid for sid in scenario.states if gives(sid)}
    changed = True
    while changed:
        changed = False
        for sid in scenario.states:
            if sid in reaches:
                continue
            for tr in steps(sid):
                if leads(tr) or (tr.target in reaches):
                    reaches.add(sid)
                    changed = True
                    break
    if start not in reaches:
        return ()
    # The states open now: reached from where the client stood by steps whose conditions hold.
    open_now, todo = {start}, [start]
    while todo:
        sid = todo.pop()
        if gives(sid):
            return ()
        for tr in steps(sid):
            if not _holds(tr.condition, env):
                continue
            if leads(tr):
                return ()
            if tr.target in scenario.states and tr.target not in open_now:
                open_now.add(tr.target)
                todo.append(tr.target)
    names: list[str] = []
    for sid in open_now:
        for tr in steps(sid):
            toward = leads(tr) or tr.target in reaches
            if toward and not _holds(tr.condition, env):
                names += [n for n in _rising(tr.condition.node, env) if n not in names]
    # Thresholds are the bar, not what grows: only the client's variables and the turn.
    order = [*scenario.client.variables, TURN]
    return tuple(sorted((n for n in names if n in order), key=order.index))


def _holds(condition: Any, env: dict[str, float]) -> bool:
    if condition is None:
        return True
    try:
        return condition.evaluate(env)
    except KeyError:
        return False


def _rising(node: Node, env: dict[str, float], negated: bool = False) -> list[str]:
    """The names in comparisons not yet met that ask a client variable or the turn to be
    higher than it is ("trust >= opens_up" with trust 38, "turn >= 9" at turn 6)."""
    if isinstance(node, Not):
        return _rising(node.operand, env, not negated)
    if not isinstance(node, Compare):
        return [n for part in node.operands for n in _rising(part, env, negated)]
    op = _NEGATED.get(node.op, node.op) if negated else node.op
    try:
        if COMPARISONS[op](_value(node.left, env), _value(node.right, env)):
            return []
    except KeyError:
        return []
    found = []
    if isinstance(node.left, Name) and op in (">", ">="):
        found.append(node.left.name)
    if isinstance(node.right, Name) and op in ("<", "<="):
        found.append(node.right.name)
    return found


_NEGATED = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "=="}


def _value(value: Name | Number, env: dict[str, float]) -> float:
    return value.value if isinstance(value, Number) else env[value.name]


def _when(waiting: Waiting, who: str, lang: str) -> str:
    """The clause after a line, ' (the client tells it only once trust has grown.)'; "" when
    it waits on nothing the engine can name."""
    grow = [variable_label(n, lang).lower() for n in waiting.waits_on if n != TURN]
    if len(grow) > 1:
        what = t("session.open_and", lang, a=", ".join(grow[:-1]), b=grow[-1])
        return " " + t("session.open_when_grow", lang, who=who, what=what)
    if grow:
        return " " + t("session.open_when_grows", lang, who=who, what=grow[0])
    if TURN in waiting.waits_on:
        return " " + t("session.open_when_later", lang, who=who)
    return ""


def open_lines(so: StillOpen, lang: str) -> list[str]:
    """What was still open, one sentence each, in `lang`."""
    tells = t("session.open_tells", lang, name=so.client)
    comes = t("session.open_comes", lang, name=so.client)
    lines = [
        t("session.open_untold", lang, name=so.client, cue=w.label) + _when(w, tells, lang)
        for w in so.untold
    ]
    lines += [t("session.open_unheard", lang, name=so.client, cue=label) for label in so.unheard]
    lines += [
        t("session.open_undecided", lang, name=so.client, choice=w.label) + _when(w, comes, lang)
        for w in so.undecided
    ]
    if so.goal:
        lines.append(t("session.open_goal", lang, goal=so.goal))
    if so.stood:
        lines.append(t("session.open_stood", lang, name=so.client, thought=so.stood))
    return lines


def well_lines(so: StillOpen, lang: str) -> list[str]:
    """What went well in the way the worker closed."""
    lines = []
    if so.plan_turn:
        moves = ", ".join(t(f"scoring.move_{m}", lang) for m in so.plan_moves)
        lines.append(t("session.well_plan", lang, turn=so.plan_turn, moves=moves))
    if so.kind_goodbye:
        lines.append(t("session.well_goodbye", lang, words=so.kind_goodbye))
    return lines


def verdict(so: StillOpen, lang: str) -> str:
    """Closed well, too soon for this client: said only of a careful close."""
    return t("session.open_verdict", lang, name=so.client) if so.closed_well else ""


def as_text(so: StillOpen | None, lang: str, indent: str = "") -> list[str]:
    """The whole block as plain lines (`kohtaamo run`, `assess`, the debrief)."""
    if so is None:
        return []
    out = [t("session.open_heading", lang)]
    out += [f"{indent}- {line}" for line in open_lines(so, lang)]
    well = well_lines(so, lang)
    if well:
        out.append(t("session.well_heading", lang))
        out += [f"{indent}+ {line}" for line in well]
    said = verdict(so, lang)
    if said:
        out.append(said)
    return out
