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

#: The acts a question can ask for, most specific first, each with the moves that ask it.
PERMISSION = ASKING
OFFER = "offer_options"
#: A question this short is a tag on what came before it ("Is that okay?", "Sopiiko?").
TAG_WORDS = 3
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


@dataclass(frozen=True)
class Asked:
    """The question a turn ends on: the act it asks for (None: a content question or none)
    and the move of the scenario's `defaults:` that answers that act."""

    act: str | None
    move: str | None


def asked_act(question_moves: Iterable[str], words: int) -> Asked:
    """The act the question asks for, from the moves read in the question sentence alone
    and its length in words.

    Only a question that asks nothing but the act counts: leave to tell or to talk ("Would
    it be okay if I told you about a couple of things?"), or an offer of options ("Kerronko
    pari vaihtoehtoa?"). Leave with a question in it ("Saanko kysyä, mikä auttais?", "Can I
    ask - were you using alone?") asks for the content; a tag ("Is that okay?", "Sopiiko?")
    after a reflection or a plan asks the client to go on, and the state's line does. A
    yes/no question is not answered by act: the client would have to know yes or no, and a
    stock "Hard to say" to "Is Friday alright for the call?" fits no better than the line
    (on the development meetings it did not)."""
    moves = frozenset(question_moves)
    if words <= TAG_WORDS:
        return Asked(None, None)
    if moves == {PERMISSION}:
        return Asked("permission", PERMISSION)
    if moves == {OFFER}:
        return Asked("offer", OFFER)
    return Asked(None, None)


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
