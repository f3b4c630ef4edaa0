"""What the worker's turn asks for, and whether a scripted line answers it (issue 14).

A state's lines are written for "any listening turn": said to a question about something
else, or to a permission request, they pass over what the worker just asked ("Would it be
okay if I told you about a couple of things?" -> "Beans, mostly."). Two readings decide
whether the client answers the turn instead (docs/format.md, "A request for leave or an
offer is answered as one" and "What a line is about"):

- the *act* the turn's question asks for: leave to tell or to talk (`ask_permission`),
  or options offered (`offer_options`). A line of a reaction keyed on neither answers
  another act;
- what a line is *about*: the scenario's topics, cues and choices whose words it names, as
  the recognizer finds them in the line (no authoring needed), and the line's own
  `about:` where the authors gave one. A line about Y said to a question about X answers a
  question nobody asked.

Pure functions: the session asks, and picks the words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from simulator.client.machine import ASKING, TRUST
from simulator.scenario.model import LineGate, Scenario, Transition

#: The acts a question can ask for, each with the move of `defaults:` that answers it.
PERMISSION = ASKING
OFFER = "offer_options"
PLAN = "structuring"
#: The move of `defaults:` whose lines take up an open question the client has no answer for
#: ("Scared? ...Hard to put into words."), said instead of a disclosure about something else.
OPEN = "open_question"
#: A question this short is a tag on what came before it ("Is that okay?", "Sopiiko?").
TAG_WORDS = 3
#: Moves that may come with an act in the same question without making it a question about
#: something: "Is it okay if I tell you how the application works, and then you decide?"
#: (leave, information and autonomy) still asks leave. A plan is often read as a closed
#: question too ("Shall we get the form going now?"); leave with a closed question in it
#: asks the question ("Can I ask - were you using alone?").
WITH_AN_ACT = frozenset({PERMISSION, OFFER, PLAN, "emphasize_autonomy", "give_information"})
#: Moves that put something to the client (leave, a plan, options, information, their say, a
#: proposal): a turn with one of these that ends "Sound alright?" asks what they make of it.
PROPOSING = WITH_AN_ACT | {"seek_collaboration", "advice"}
#: Moves that invite the client to go on with what they were saying: a line held back for
#: a question it did not answer fits one of these (an open "tell me more", a reflection).
INVITING = frozenset(
    {
        "open_question",
        "simple_reflection",
        "complex_reflection",
        "summary",
        "affirmation",
        "offer_time",
    }
)
#: Moves that listen, or leave the choice with the client, and ask nothing: a reaction keyed
#: on these alone was written for the reflection, the praise or "that's your call", not for a
#: question the same turn ends on.
LISTENING = frozenset(
    {"simple_reflection", "complex_reflection", "summary", "affirmation", "emphasize_autonomy"}
)
#: Moves that say back what the client told: such a turn, asking nothing and putting nothing
#: to the client, naming a topic is answered as a question about it would be.
SAYING_BACK = frozenset({"simple_reflection", "complex_reflection", "summary"})
#: A worker who says back or backs the client's choice ("Jere stays with you, I won't give
#: him to anyone else") agrees with it; one who pushes, blames or advises does not.
AGREEING = frozenset(
    {"emphasize_autonomy", "simple_reflection", "complex_reflection", "summary", "affirmation"}
)
DISAGREEING = frozenset({"advice", "persuade", "confront", "dismiss"})
#: The move of `defaults:` whose lines take an agreed choice as agreed ("Good. It's my call.").
AGREED = "emphasize_autonomy"


@dataclass(frozen=True)
class Asked:
    """The question a turn ends on: the act it asks for (None: a content question or none)
    and the move of the scenario's `defaults:` that answers that act."""

    act: str | None
    move: str | None


def asked_act(question_moves: Iterable[str], words: int) -> Asked:
    """The act the question asks for, from the moves read in the question sentence alone
    and its length in words.

    A question that asks leave ("Would it be okay if I told you about some of the help, and
    you tell me what sounds alright?"), proposes a plan ("Shall we get the form going now?",
    "Sovitaanko, että tavataan kahden viikon päästä?") or offers options ("Kerronko pari
    vaihtoehtoa?") asks for that act, whatever else it says about information or the
    client's say. Leave with an open question in it ("Saanko kysyä, mikä auttais?", "Can I
    ask what put you off rehab?") asks for the content; a tag ("Is that okay?", "Sopiiko?")
    after a reflection or a plan asks the client to go on, and the state's line does. A
    plain yes/no question is not answered by act: the client would have to know yes or no
    (its topic's `answers:` do, and the content rule below)."""
    moves = frozenset(question_moves)
    if words <= TAG_WORDS or OPEN in moves:
        return Asked(None, None)
    if PLAN in moves and moves <= WITH_AN_ACT | {"closed_question"}:
        return Asked("plan", PLAN)
    if not moves <= WITH_AN_ACT:
        return Asked(None, None)
    if PERMISSION in moves:
        return Asked("permission", PERMISSION)
    if PLAN in moves:
        return Asked("plan", PLAN)
    if OFFER in moves:
        return Asked("offer", OFFER)
    return Asked(None, None)


def restates(
    refers: Iterable[str], stated: Iterable[str], named: Iterable[str], moves: Iterable[str]
) -> bool:
    """Would the line restate a choice the worker has just agreed to: it refers back to a
    choice stated earlier in the meeting (its `touched:`/`heard:` name it), the worker's turn
    names that choice, and the turn backs it or says it back without pushing ("Kuulin. Ei
    saikkua, ja Jere pysyy sulla." is not answered by "Niinku sanoin, Jere pysyy mulla.")."""
    moves = frozenset(moves)
    agreed = frozenset(refers) & frozenset(stated) & frozenset(named)
    return bool(agreed) and not moves.isdisjoint(AGREEING) and moves.isdisjoint(DISAGREEING)


def keyed_on(fired: Transition | None, asked: Asked) -> bool:
    """Was the reaction that fired written for this act: its `moves:` name the act's move
    (a `moves: any` reaction names every move and so was written for none)."""
    if fired is None or asked.move is None or fired.any_move:
        return False
    return asked.move in fired.moves


def default_for(scenario: Scenario, move: str | None) -> Transition | None:
    """The scenario's `defaults:` answer to `move`, if it wrote one."""
    if move is None:
        return None
    return next((d for d in scenario.defaults if move in d.moves), None)


#: What a reaction costs when it has a reason of its own (hurt trust, a client closing up);
#: less distress or less hurry ("hurry: -5" when Jordan is credited for coming) is no cost.
COSTS = frozenset({TRUST, "openness"})


def costs(fired: Transition | None) -> bool:
    """A reaction that hurts (it costs trust or openness) is what the client says, question
    or not: "Just tätä mä pelkäsin" is not turned into a polite yes."""
    return fired is not None and any(e.amount < 0 and e.variable in COSTS for e in fired.effects)


#: Where what a line is about was found: its own `about:`, the `topics` of the reaction whose
#: reply it is, or the names whose words it says.
ABOUT_SOURCES = ("about", "topics", "words")


def line_about(
    line: str,
    gates: Mapping[str, LineGate],
    keyed: Iterable[str],
    read: Callable[[str], frozenset[str]],
) -> tuple[frozenset[str], str]:
    """What `line` is about and where that was found (one of ABOUT_SOURCES; "" for a line
    about nothing): its `about:`, else the topics of its reaction (`keyed`), else `read`, the
    scenario's topic, cue and choice ids the recognizer finds in its words."""
    gate = gates.get(line)
    if gate is not None and gate.about:
        return frozenset(gate.about), "about"
    keyed = frozenset(keyed)
    if keyed:
        return keyed, "topics"
    found = read(line)
    return found, "words" if found else ""


def scripted_lines(scenario: Scenario) -> Iterator[tuple[str, str, Mapping[str, LineGate], tuple]]:
    """Every line a state enters with or a reaction replies with: (where, line, the pool's
    gates, the topics of its reaction), in file order; what `kohtaamo explore --about` lists."""
    for state in scenario.states.values():
        for line in state.say:
            yield f"{state.id}.say", line, state.gates, ()
    seen: set[str] = set()
    for state_id in scenario.states:
        for transition in scenario.transitions_from(state_id):
            if transition.id in seen:
                continue
            seen.add(transition.id)
            for line in transition.reply:
                yield transition.id, line, transition.gates, transition.topics
