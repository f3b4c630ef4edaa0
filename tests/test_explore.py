"""`kohtaamo explore`: endings with their shortest paths, stuck states and loops."""

from __future__ import annotations

import json

import pytest
from fixtures.lint.build import HERE, from_text, load

from simulator.authoring.explore import explore, lines
from simulator.language.base import Recognition
from simulator.scenario import loader
from simulator.session import Session


def replay(scenario, path, variant=None) -> Session:
    session = Session(scenario, seed=0, variant=variant)
    for action in path:
        session.say("", recognition=Recognition("", moves=action.moves, topics=action.topics))
    return session


def test_clean_scenario_reaches_both_endings_by_the_shortest_paths():
    scenario = load("clean")
    [walk] = explore(scenario)
    assert walk.complete and not walk.stuck and not walk.loops
    outcome, path = walk.endings["good_end"]
    assert outcome == "good"
    assert [a.label() for a in path] == [
        "open_question",
        "open_question",
        "open_question [children]",
        "structuring",  # a closing remark ends the meeting (K413): the first move that does
    ]
    assert [a.label() for a in walk.endings["closed"][1]] == ["confront"]
    # The path is real: the Session, fed the same turns, ends the same way.
    assert replay(scenario, path).outcome == "good"


def test_messy_scenario_shows_where_the_client_gets_stuck():
    [walk] = explore(load("messy"))
    assert set(walk.unreached_endings) == {"good_end", "bad_end"}
    assert [a.label() for a in walk.stuck["middle"]] == ["open_question"]
    assert "opening" in walk.loops
    text = "\n".join(lines([walk]))
    assert "stuck in middle: no move changes anything" in text
    assert "good_end: this ending was not reached" in text


TURNS = """
kohtaamo: 1
id: turns
title: Turns
language: en
client: {name: A, persona: x, variables: {trust: 50}}
start: waiting
states:
  waiting:
    say: ["..."]
    on:
      - moves: [offer_time]
        if: turn >= 3
        go: done
      - moves: [confront]
        go: waiting_hurt
  waiting_hurt:
    say: ["Hmph."]
    on:
      - moves: [summary]
        reply: ["Yes."]
  done: {ending: good, say: ["Ready now."]}
"""


def test_turn_conditions_are_waited_out_and_loops_are_found():
    [walk] = explore(from_text(TURNS))
    outcome, path = walk.endings["done"]
    assert len(path) == 3 and path[-1].moves == ("offer_time",)
    assert "waiting_hurt" in walk.stuck  # summary changes nothing, and nothing else is heard
    assert walk.complete


def test_depth_limit_is_reported():
    [walk] = explore(load("clean"), depth=2)
    assert "good_end" in walk.unreached_endings
    assert not walk.complete
    assert "cut short" in "\n".join(lines([walk]))


def test_each_variant_is_walked():
    text = TURNS.replace(
        "variables: {trust: 50}}", "variables: {trust: 50}, variants: [{id: a}, {id: b}]}"
    )
    walks = explore(from_text(text))
    assert [w.variant for w in walks] == ["a", "b"]
    assert [w.variant for w in explore(from_text(text), variant="b")] == ["b"]


def test_command_prints_json(capsys):
    from simulator.cli import main

    assert main(["explore", str(HERE / "clean.yaml"), "--format", "json"]) == 0
    [walk] = json.loads(capsys.readouterr().out)
    good = next(e for e in walk["endings"] if e["state"] == "good_end")
    assert good["outcome"] == "good" and good["turns"] == 4 and good["shortest"] is True
    assert good["path"][2] == {"moves": ["open_question"], "topics": ["children"]}


def test_endings_beyond_the_node_budget_are_still_found_by_the_shortest_path():
    scenario = load("clean")
    [walk] = explore(scenario, max_nodes=5)  # breadth-first alone needs 8
    assert not walk.complete
    outcome, path = walk.endings["good_end"]
    assert (outcome, len(path)) == ("good", 4)
    assert replay(scenario, path).outcome == "good"


def test_command_fails_when_the_client_can_get_stuck(capsys):
    from simulator.cli import main

    assert main(["explore", str(HERE / "messy.yaml")]) == 1
    assert "stuck in middle" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name", ["en-school-concern-plain-language.yaml", "fi-tyonohjaus-raskas-viikko.yaml"]
)
def test_every_ending_of_a_bundled_scenario_is_found_at_the_defaults(name):
    """Breadth-first alone ran out of room before the good ending of the English scenarios;
    the guided pass finds it, and every path really ends there through the Session."""
    scenario = loader.load_scenario(loader.bundled_scenarios_dir() / name)
    for walk in explore(scenario):
        assert not walk.unreached_endings, (walk.variant, walk.unreached_endings)
        assert {o for o, _ in walk.endings.values()} == {"good", "neutral", "poor"}
        for state, (outcome, path) in walk.endings.items():
            session = replay(scenario, path, walk.variant)
            assert (session.state, session.outcome) == (state, outcome)
        text = "\n".join(lines([walk]))
        for state in walk.endings:
            [line] = [x for x in text.splitlines() if x.startswith(f"  {state} (")]
            assert ("shortest path found" in line) == (state in walk.unproven)
