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

import heapq
import re
from dataclasses import dataclass, replace
from typing import Any

from simulator.i18n import t, variable_label
from simulator.moves import HARMFUL
from simulator.scenario.conditions import COMPARISONS, TURN, WORDS, Compare, Name, Node, Not, Number
from simulator.transcript import Transcript, as_typed, client_lines, left_early

#: A turn read as one of these put the plan together (a summary of what was agreed, the
#: next steps laid out, the client asked to work it out with the worker).
PLAN_MOVES = ("summary", "structuring", "seek_collaboration")
#: Modes that make a goodbye unkind, whatever its words.
UNKIND_MODES = frozenset({"blaming", "rejecting"})
#: A step that waits on more moves than this is named by a few examples, not a list a
#: student cannot take in (Lee after the overdose waits on thirteen).
LISTED_MOVES = 6
#: The examples, in the order a trainer would name them: listening first.
EXAMPLE_ORDER = (
    "open_question",
    "complex_reflection",
    "simple_reflection",
    "summary",
    "affirmation",
    "ask_permission",
    "offer_options",
    "emphasize_autonomy",
    "seek_collaboration",
    "support",
    "offer_time",
    "structuring",
    "give_information",
    "closed_question",
    "greeting",
    "advice",
)


@dataclass(frozen=True)
class Waiting:
    """A cue or choice the client had not yet come to, and the names of what it waits on:
    client variables that must grow, or `turn` (later in the meeting); () = nothing the
    engine can name (the worker's way of asking, or the meeting went another way)."""

    label: str
    waits_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unheard:
    """A cue the client told that the scorer counts as not (or only half) taken up, with the
    client's own words for it and the turn they answered (0: the opening)."""

    label: str
    turn: int = 0
    words: str = ""
    first: int = 0  # the turn whose reply first let it slip (0: the opening)
    half: bool = False  # counted half: a reflection in the turns after that did not name it
    later: int = 0  # a turn that named it after the turns in which a pick-up counts


@dataclass(frozen=True)
class Step:
    """One step on the way to a good ending: the moves the client waits for (about a cue,
    choice or topic when the transition asks one), the names its condition still waits on
    (client variables that must grow, `turn`), or the worker's goodbye."""

    moves: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    grow: tuple[str, ...] = ()
    goodbye: bool = False
    any_move: bool = False
    hear: tuple[str, ...] = ()  # the labels in `about` of cues and choices


@dataclass(frozen=True)
class StillOpen:
    client: str  # the client's name
    untold: tuple[Waiting, ...] = ()  # cues never told
    unheard: tuple[Unheard, ...] = ()  # cues told but not (or half) taken up
    undecided: tuple[Waiting, ...] = ()  # choices never stated
    goal: str = ""  # the briefing's goal
    stood: str = ""  # the client's thought in the state the worker left
    plan_turn: int = 0  # the turn that put a plan together (0: none in the last two)
    plan_moves: tuple[str, ...] = ()
    kind_goodbye: str = ""  # the goodbye's words when it neither blamed nor dismissed
    #: the nearest way from where the client stood to a good ending (() when none is known)
    way: tuple[Step, ...] = ()

    @property
    def closed_well(self) -> bool:
        """A plan put together and a kind goodbye: closed carefully, whatever the timing
        (a kind "bye" alone at turn 1 is no careful close)."""
        return bool(self.plan_turn and self.kind_goodbye)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "untold": [{"cue": w.label, "waits_on": list(w.waits_on)} for w in self.untold],
            "unheard": [
                {"cue": u.label, "turn": u.turn, "words": u.words, "first": u.first, "half": u.half}
                | ({"later": u.later} if u.later else {})
                for u in self.unheard
            ],
            "undecided": [
                {"choice": w.label, "waits_on": list(w.waits_on)} for w in self.undecided
            ],
            "goal": self.goal,
            "stood": self.stood,
            "plan_turn": self.plan_turn or None,
            "kind_goodbye": self.kind_goodbye,
            "way": [
                {"goodbye": True}
                if st.goodbye
                else {"moves": list(st.moves), "about": list(st.about), "waits_on": list(st.grow)}
                for st in self.way
            ],
            "open_lines": open_lines(self, lang),
            "well_lines": well_lines(self, lang),
            "verdict": verdict(self, lang),
        }


def _kind(turn) -> bool:
    """No blame, push or brush-off in the turn: what closes a meeting well."""
    return not HARMFUL.intersection(turn.recognition.moves) and (
        turn.recognition.mode not in UNKIND_MODES
    )


def still_open(
    transcript: Transcript, scenario: Any, cues: Any = None, ctx: Any = None, seen: Any = None
) -> StillOpen | None:
    """What was open when the worker left early; None for any other meeting or without the
    scenario. `cues`, `ctx`, `seen`: the scorer's cue tracking (axes.CueTrack), its Context
    and the transcript as scored, for the cues told but not (or half) taken up."""
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
            # a plan put over the client ("Forget the food, let's just do the plan: …") is no
            # plan made with them: not named as what went well (the lead's tmux play, stop 40)
            if _kind(turn):
                plan_turn, plan_moves = turn.index, found
            break
    kind = as_typed(last.worker, last.leaving) if _kind(last) else ""
    state = scenario.states.get(last.state_before)
    return StillOpen(
        client=scenario.client.name,
        untold=untold,
        unheard=_unheard(transcript, scenario, cues, ctx, seen or transcript),
        undecided=undecided,
        goal=scenario.briefing.goal,
        stood=state.thought if state is not None else "",
        plan_turn=plan_turn,
        plan_moves=plan_moves,
        kind_goodbye=kind,
        way=way_to_good(scenario, start, env),
    )


#: A quoted line is cut at about this many characters (the debrief quotes, it does not replay).
QUOTE_CHARS = 160
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def _unheard(
    transcript: Transcript, scenario: Any, cues: Any, ctx: Any, seen: Transcript
) -> tuple[Unheard, ...]:
    """The cues the scorer counts as missed, then those counted half, each with the client's
    words for it: the first line from the one that let it slip on that names it in the cue's
    own words (the client saying plainly that they are lonely, not the line about the dog
    that first let the loneliness slip), else the line that let it slip."""
    if cues is None or ctx is None:
        return ()
    from simulator.scoring.axes import _pickup_credit, mentions

    missed = [c for v in cues.missed.values() for c in v]
    half = [c for v in cues.picked.values() for c, k in v if k < 1]
    lines = client_lines(transcript)
    by_index = {turn.index: turn for turn in seen.turns}
    found = []
    for cue in [*missed, *half]:
        first = next(
            (
                turn.index
                for turn in transcript.turns
                if cue in turn.cues_dropped and cue not in transcript.opening_cues
            ),
            0,
        )
        vocabulary = scenario.cues[cue].words if cue in scenario.cues else ()
        after = [(i, text) for i, text in lines if i >= first]
        turn, text = next(
            ((i, x) for i, x in after if mentions(x, vocabulary)),
            after[0] if after else (first, ""),
        )
        later = next(
            (
                i
                for i in sorted(by_index)
                if i > first and _pickup_credit(by_index[i], cue, ctx, by_index.get(i - 1)) == 1.0
            ),
            0,
        )
        found.append(
            Unheard(
                ctx.cue_labels.get(cue, cue),
                turn,
                _quote(text, vocabulary),
                first=first,
                half=cue in half,
                later=later,
            )
        )
    return tuple(found)


def _quote(text: str, vocabulary: tuple[str, ...]) -> str:
    """The sentences of `text` that name the cue in its own words, joined with an ellipsis
    where sentences were left out; the whole line when none does (the hint may be in any
    sentence: a line quoted by its first sentence alone, "No...", told the student nothing);
    cut at QUOTE_CHARS."""
    from simulator.scoring.axes import mentions

    sentences = [x for x in _SENTENCE.split(text.strip()) if x]
    kept = [i for i, x in enumerate(sentences) if mentions(x, vocabulary)]
    kept = kept or list(range(len(sentences)))
    quote = sentences[kept[0]] if sentences else ""
    for before, i in zip(kept, kept[1:], strict=False):
        # Sentences next to each other stay as said; a gap is marked.
        quote += (" " if i == before + 1 else " … ") + sentences[i]
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return quote


@dataclass(frozen=True)
class Leg:
    """One step of the way to a good ending with where it is taken: the state it leaves and
    the transition (or `when_worker_leaves`) it takes."""

    state: str
    transition: Any
    step: Step
    met: bool = True  # its condition holds with the variables carried along to it


def way_to_good(scenario: Any, start: str, env: dict[str, float]) -> tuple[Step, ...]:
    """The nearest way from `start` to a good ending through the scenario's transitions: the
    one with the fewest conditions not yet met, then the fewest steps, the variables carried
    along by each step's effects. Steps that need a harmful move only are never a way; the
    last step is the goodbye where a state's `when_worker_leaves` ends well. () when the
    scenario has no good ending reachable from `start`."""
    return tuple(leg.step for leg in route_to_good(scenario, start, env))


def route_to_good(scenario: Any, start: str, env: dict[str, float]) -> tuple[Leg, ...]:
    """`way_to_good` with the state and transition of each step (the session reads it to
    answer a goodbye once the work on the way was done: Session._work_done)."""
    from simulator.client.machine import apply_effects

    if start not in scenario.states:
        return ()
    seq = 0
    queue: list[tuple[int, int, int, str, dict[str, float], tuple[Leg, ...]]] = [
        (0, 0, seq, start, dict(env), ())
    ]
    done: set[str] = set()
    while queue:
        unmet, steps, _, sid, here, path = heapq.heappop(queue)
        state = scenario.states[sid]
        if state.ending == "good":
            return path
        if sid in done or state.is_ending:
            continue
        done.add(sid)
        for transition, step in _ways_out(scenario, sid):
            target = transition.target
            if target is None or target not in scenario.states or target in done:
                continue
            grow: tuple[str, ...] = ()
            missing = 0
            if not step.goodbye and not _holds(transition.condition, here):
                missing = 1
                order = [*scenario.client.variables, TURN]
                rising = _rising(transition.condition.node, here)
                grow = tuple(sorted({n for n in rising if n in order}, key=order.index))
            there = apply_effects(here, transition.effects) if transition.effects else dict(here)
            there[TURN] = here.get(TURN, 0.0) + 1
            seq += 1
            heapq.heappush(
                queue,
                (
                    unmet + missing,
                    steps + 1,
                    seq,
                    target,
                    there,
                    (*path, Leg(sid, transition, replace(step, grow=grow), not missing)),
                ),
            )
    return ()


def _ways_out(scenario: Any, sid: str):
    """The steps out of a state a student could take: the goodbye first (where taking leave
    ends well it is the last step), then every transition the engine would try, less the
    harmful moves; a transition answering only harmful moves, or no move at all (a turn
    the recognizer could not read), is no way to show a student."""
    leave = scenario.leave_from(sid)
    if leave is not None:
        yield leave, Step(goodbye=True)
    for transition, moves in scenario.candidates(sid):
        if transition.unrecognised or transition.leaving:
            continue
        kind = tuple(m for m in moves if m not in HARMFUL)
        if not kind:
            continue
        about = tuple(_about(scenario, topic) for topic in transition.topics)
        hear = tuple(
            _about(scenario, topic)
            for topic in transition.topics
            if topic in scenario.cues or topic in scenario.choices
        )
        yield transition, Step(kind, about, any_move=transition.any_move, hear=hear)


def _about(scenario: Any, topic: str) -> str:
    """A transition's topic as the student can read it: a cue's or choice's label, else the
    topic's first word (scenario data either way)."""
    if topic in scenario.cues:
        return scenario.cues[topic].label
    if topic in scenario.choices:
        return scenario.choices[topic].label
    words = scenario.topics[topic].words if topic in scenario.topics else ()
    return f"“{words[0]}”" if words else topic


def _env(transcript: Transcript, scenario: Any) -> dict[str, float]:
    """The names a condition reads, as they stood when the worker left (the next turn's
    number: what the client would have needed on the turn that did not come)."""
    last = transcript.turns[-1]
    variant = next((v for v in scenario.client.variants if v.id == transcript.variant), None)
    _, thresholds = scenario.client.start(variant)
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
    lines += [_unheard_line(u, so.client, lang) for u in so.unheard]
    lines += [
        t("session.open_undecided", lang, name=so.client, choice=w.label) + _when(w, comes, lang)
        for w in so.undecided
    ]
    if so.way:
        lines.append(way_line(so, lang))
    elif so.goal:
        # The goal only when the scenario's states name nothing more specific.
        lines.append(t("session.open_goal", lang, goal=so.goal))
    if so.stood:
        lines.append(t("session.open_stood", lang, name=so.client, thought=so.stood))
    return lines


def _unheard_line(u: Unheard, who: str, lang: str) -> str:
    """'Veikko told you, but you did not take it up: Loneliness (turn 8: “...”).' and, for
    a cue counted half or taken up only later, a sentence saying so."""
    if not u.words:
        return t("session.open_unheard", lang, name=who, cue=u.label)

    def said(turn: int) -> str:
        if turn:
            return t("session.open_said_turn", lang, turn=turn)
        return t("session.open_said_opening", lang)

    key = "session.open_unheard_late" if u.later else "session.open_unheard_said"
    line = t(key, lang, name=who, cue=u.label, said=said(u.turn), words=u.words)
    if u.half:
        line += " " + t("session.open_unheard_half", lang, name=who, said=said(u.first))
    if u.later:
        from simulator.scoring.axes import CUE_WINDOW

        line += " " + t("session.open_unheard_later", lang, turn=u.later, n=CUE_WINDOW)
    return line


def _either(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("session.open_or", lang, a=", ".join(items[:-1]), b=items[-1])


def _step_text(step: Step, who: str, lang: str) -> str:
    """The first step in full: the moves the client waits for, what about, what it needs."""
    if step.any_move:
        what = t("session.open_way_any", lang)
    elif len(step.moves) > LISTED_MOVES:
        examples = [m for m in EXAMPLE_ORDER if m in step.moves][:3]
        what = t(
            "session.open_way_many_moves",
            lang,
            n=len(step.moves),
            examples=_either([t(f"scoring.move_{m}", lang) for m in examples], lang),
        )
    else:
        what = _either([t(f"scoring.move_{m}", lang) for m in step.moves], lang)
    if step.about:
        what = t("session.open_way_about", lang, moves=what, about=_either(list(step.about), lang))
    needs = _needs(step.grow, who, lang)
    return what + (f" ({needs})" if needs else "")


def _needs(names: tuple[str, ...], who: str, lang: str, along: bool = False) -> str:
    grow = [variable_label(n, lang).lower() for n in names if n != TURN]
    if len(grow) > 1:
        both = t("session.open_and", lang, a=", ".join(grow[:-1]), b=grow[-1])
        return t("session.open_way_needs_many", lang, name=who, what=both)
    if grow:
        return t("session.open_way_needs", lang, name=who, what=grow[0])
    if TURN in names:
        return t("session.open_way_later" + ("_along" if along else ""), lang)
    return ""


def way_line(so: StillOpen, lang: str) -> str:
    """The nearest way to a good ending, from where the client stood, in the student's
    terms: what the client was waiting for then, in full; the steps after it counted, with
    the cues still to be heard and the variables still to grow on them; the goodbye."""
    first, rest = so.way[0], so.way[1:]
    more = [step for step in rest if not step.goodbye]
    key = "session.open_way_rest_" + ("none" if not more else "one" if len(more) == 1 else "many")
    tail = t(key, lang, n=len(more))
    along = []
    hear = [label for step in more for label in step.hear if label not in first.hear]
    if hear:
        along.append(
            t("session.open_way_hear", lang, name=so.client, about=_both(_once(hear), lang))
        )
    needs = _needs(tuple(_once([n for step in more for n in step.grow])), so.client, lang, True)
    if needs:
        along.append(needs)
    if along:
        tail += t("session.open_way_along", lang, what="; ".join(along))
    return t(
        "session.open_way",
        lang,
        name=so.client,
        first=_step_text(first, so.client, lang),
        rest=tail,
    )


def _both(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("session.open_and", lang, a=", ".join(items[:-1]), b=items[-1])


def _once(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


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
