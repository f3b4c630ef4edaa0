"""The scenario's state machine as a diagram: Mermaid (`stateDiagram-v2`) or Graphviz DOT.

Emitted here rather than through `transitions`' GraphMachine: the engine's machine has one
trigger (`respond`) so its edges would all read "respond"; GraphMachine draws one edge per
trigger instead of one per scenario transition labelled with its moves, topics and condition;
it has no way to colour endings by outcome; and its DOT engine needs the native Graphviz
library. A diagram of the file itself needs none of that.

Edges are the scenario's transitions, labelled with their moves, `[topics]` and `if` condition.
Global reactions that move the client start from a pseudo-node "any state". Endings are
coloured by outcome; states that cannot be reached and transitions that can never fire (see
`simulator.authoring.lint`) are drawn dashed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.authoring.lint import condition_of, exits, possible, reachable, worlds
from simulator.i18n import t

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario, Transition

FORMATS = ("mermaid", "dot")
ANY_STATE = "__any"
#: fill and border colour per outcome (readable on light and dark themes)
OUTCOME_COLOURS = {
    "good": ("#c8e6c9", "#2e7d32"),
    "neutral": ("#fff3c4", "#a07800"),
    "poor": ("#ffcdd2", "#c62828"),
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    possible: bool  # False: a condition no sequence of effects can satisfy, or shadowed


def edge_label(transition: Transition) -> str:
    label = ", ".join(transition.moves)
    if transition.topics:
        label += f" [{', '.join(transition.topics)}]"
    condition = condition_of(transition)
    if condition is not None:
        # The parsed form has spaces around operators, so `<` never touches a word (which
        # a Mermaid renderer could take for the start of an HTML tag).
        label += f" if {condition}"
    elif transition.condition_text:
        label += f" if {transition.condition_text}"
    return label.strip()


def diagram_edges(
    scenario: Scenario, stays: bool = True, lang: str | None = None
) -> Iterator[Edge]:
    """One edge per transition, in file order; `stays` includes those that keep the state.
    Taking leave (`when_worker_leaves`) is an edge labelled "goodbye" ("hyvästely"): from its
    state, or from "any state" for the scenario's own."""
    goodbye = t("authoring.graph_leave", lang or scenario.language)
    all_worlds = worlds(scenario)
    for sid, state in scenario.states.items():
        if state.is_ending:
            continue
        live = {tr.id for tr in exits(scenario, sid)}
        for transition in scenario.transitions_from(sid):
            target = transition.target or sid
            if target == sid and not stays:
                continue
            fires = transition.id in live and possible(transition, all_worlds)
            yield Edge(sid, target, edge_label(transition), fires)
    for reaction in scenario.reactions:
        if reaction.target:
            yield Edge(
                ANY_STATE, reaction.target, edge_label(reaction), possible(reaction, all_worlds)
            )
    for sid, state in scenario.states.items():
        if state.leave is not None and state.leave.target:
            yield Edge(sid, state.leave.target, goodbye, True)
    if scenario.leave is not None and scenario.leave.target:
        yield Edge(ANY_STATE, scenario.leave.target, goodbye, True)


def _state_label(scenario: Scenario, sid: str, lang: str) -> str:
    ending = scenario.states[sid].ending
    return f"{sid} ({t(f'authoring.outcome_{ending}', lang)})" if ending else sid


def to_mermaid(scenario: Scenario, lang: str | None = None, stays: bool = True) -> str:
    lang = lang or scenario.language
    live = reachable(scenario)
    out = ["---", f"title: {_mermaid_text(scenario.title)}", "---", "stateDiagram-v2"]
    out.append("  direction LR")
    for outcome, (fill, stroke) in OUTCOME_COLOURS.items():
        out.append(f"  classDef {outcome} fill:{fill},stroke:{stroke},stroke-width:2px,color:#000")
    out.append("  classDef unreachable stroke-dasharray:5 5,color:#777")
    edges = list(diagram_edges(scenario, stays, lang))
    if any(e.source == ANY_STATE for e in edges):
        out.append(f'  state "{t("authoring.any_state", lang)}" as {ANY_STATE}')
    for sid in scenario.states:
        out.append(f'  state "{_mermaid_text(_state_label(scenario, sid, lang))}" as s_{sid}')
    out.append(f"  [*] --> s_{scenario.start}")
    for edge in edges:
        source = ANY_STATE if edge.source == ANY_STATE else f"s_{edge.source}"
        label = _mermaid_text(edge.label)
        if not edge.possible:
            label = f"({label})"  # Mermaid cannot dash a single state-diagram edge
        out.append(f"  {source} --> s_{edge.target}: {label}")
    for sid, state in scenario.states.items():
        if state.is_ending:
            out.append(f"  s_{sid} --> [*]")
            out.append(f"  class s_{sid} {state.ending}")
        elif sid not in live:
            out.append(f"  class s_{sid} unreachable")
    return "\n".join(out) + "\n"


def _mermaid_text(text: str) -> str:
    # Colons end a Mermaid label, quotes end a state description, `;` ends a statement.
    return text.replace(":", " ").replace('"', "'").replace(";", ",").replace("\n", " ")


def to_dot(scenario: Scenario, lang: str | None = None, stays: bool = True) -> str:
    lang = lang or scenario.language
    live = reachable(scenario)
    out = [f"digraph {_dot(scenario.id)} {{", f"  label={_dot(scenario.title)};", "  labelloc=t;"]
    out.append("  rankdir=LR;")
    out.append('  node [shape=box, style="rounded", fontname="sans-serif"];')
    out.append('  edge [fontname="sans-serif", fontsize=10];')
    out.append("  __start [shape=point, width=0.15];")
    edges = list(diagram_edges(scenario, stays, lang))
    if any(e.source == ANY_STATE for e in edges):
        out.append(f"  {ANY_STATE} [label={_dot(t('authoring.any_state', lang))}, style=dotted];")
    for sid, state in scenario.states.items():
        attrs = [f"label={_dot(_state_label(scenario, sid, lang))}"]
        if state.ending:
            fill, stroke = OUTCOME_COLOURS[state.ending]
            attrs += ["shape=doubleoctagon", 'style="filled"', f'fillcolor="{fill}"']
            attrs.append(f'color="{stroke}"')
        elif sid not in live:
            attrs += ['style="rounded,dashed"', 'fontcolor="#777777"']
        out.append(f"  {_dot(sid)} [{', '.join(attrs)}];")
    out.append(f"  __start -> {_dot(scenario.start)};")
    for edge in edges:
        attrs = [f"label={_dot(edge.label)}"]
        if not edge.possible:
            attrs += ["style=dashed", 'color="#999999"']
        out.append(f"  {_dot(edge.source)} -> {_dot(edge.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render(
    scenario: Scenario, fmt: str = "mermaid", lang: str | None = None, stays: bool = True
) -> str:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return (to_mermaid if fmt == "mermaid" else to_dot)(scenario, lang, stays)
