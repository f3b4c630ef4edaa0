"""The Finnish bundled scenarios: they load, their own tests pass and visit everything, and
each meets the library's requirements (issue 7) so a trainee meets a client worth practising with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from simulator.moves import MOVES
from simulator.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FINNISH = (
    "fi-lastensuojelu-ensitapaaminen.yaml",
    "fi-kotikaynti-yksin-asuva.yaml",
    "fi-kokemusasiantuntija-kehittamisryhma.yaml",
    "fi-tyonohjaus-raskas-viikko.yaml",
)
#: the scenario that shows every feature of format v1 (the engine issue asks for one)
SHOWCASE = "fi-lastensuojelu-ensitapaaminen.yaml"

#: moves that help the encounter vs. moves that hurt it; suggestions must teach both
HELPFUL = frozenset(
    {
        "open_question",
        "simple_reflection",
        "complex_reflection",
        "summary",
        "affirmation",
        "emphasize_autonomy",
        "ask_permission",
        "seek_collaboration",
        "offer_options",
        "offer_time",
    }
)
HURTFUL = frozenset({"advice", "persuade", "confront", "dismiss"})
#: moves that overrule a stated choice, and moves that honour it
OVERRULING = frozenset({"persuade", "confront", "advice"})
HONOURING = frozenset(
    {"emphasize_autonomy", "offer_options", "ask_permission", "seek_collaboration"}
)


@cache
def load(name: str) -> Scenario:
    from simulator.scenario.loader import load_scenario

    return load_scenario(SCENARIOS / name)


def ending_of(scenario: Scenario, test) -> str | None:
    return next((t.expect_ending for t in test.turns if t.expect_ending), None)


@pytest.fixture(params=FINNISH)
def scenario(request) -> Scenario:
    return load(request.param)


def test_metadata_is_finnish_and_credits_the_team(scenario: Scenario) -> None:
    assert scenario.language == "fi"
    assert scenario.authors == ("Kohtaamo-tiimi",)
    assert scenario.reviewed_by == ()
    assert scenario.content_notes and scenario.tags
    assert scenario.briefing.goal and scenario.briefing.background


def test_lint_finds_nothing(scenario: Scenario) -> None:
    from simulator.scenario.lint import lint

    findings = [f"{d.code} {d.where.line}: {d.message}" for d in lint(scenario, "en")]
    assert findings == []


def test_embedded_tests_pass_and_visit_every_state_and_ending(scenario: Scenario) -> None:
    from simulator.scenario.testing import run_tests

    result = run_tests(scenario)
    failures = [(r.name, r.failure.to_dict()) for r in result.results if not r.passed]
    assert failures == []
    assert result.coverage.missed("states") == []
    assert result.coverage.missed("endings") == []


def test_structure_meets_the_issue(scenario: Scenario) -> None:
    talking = [s for s in scenario.states.values() if not s.is_ending]
    assert len(talking) >= 12
    assert sorted(s.ending for s in scenario.endings.values()) == ["good", "neutral", "poor"]
    variants = scenario.client.variants
    assert len(variants) >= 2
    assert any(v.say for v in variants) and any(v.thresholds for v in variants)
    assert scenario.cues
    dropped = {c for s in talking for c in s.cues} | {
        c for t in scenario.transitions for c in t.cues
    }
    assert set(scenario.cues) <= dropped | {t for tr in scenario.transitions for t in tr.topics}


def test_every_state_suggests_good_and_poor_responses(scenario: Scenario) -> None:
    for state in scenario.states.values():
        if state.is_ending:
            continue
        moves = [set(s.moves) for s in state.suggestions]
        assert 3 <= len(moves) <= 5, state.id
        assert all(m <= set(MOVES) and m for m in moves), state.id
        assert any(m & HELPFUL for m in moves), state.id
        assert any(m & HURTFUL for m in moves), state.id


def test_a_choice_point_judges_later_turns(scenario: Scenario) -> None:
    """After the client states a choice, overruling it hurts trust and honouring it helps."""
    choosing = [s.id for s in scenario.states.values() if s.choice]
    assert choosing
    for sid in choosing:
        transitions = scenario.transitions_from(sid)
        overrule = [t for t in transitions if set(t.moves) & OVERRULING]
        honour = [t for t in transitions if set(t.moves) & HONOURING]
        assert any(e.variable == "trust" and e.amount < 0 for t in overrule for e in t.effects)
        assert any(e.variable == "trust" and e.amount > 0 for t in honour for e in t.effects)


def test_skilled_worker_needs_15_to_30_turns_and_hurried_or_blaming_one_fails(
    scenario: Scenario,
) -> None:
    by_ending: dict[str | None, list[int]] = {}
    for test in scenario.tests:
        by_ending.setdefault(ending_of(scenario, test), []).append(len(test.turns))
    assert any(15 <= n <= 30 for n in by_ending.get("good", [])), by_ending
    assert by_ending.get("poor") and by_ending.get("neutral"), by_ending
    # Every test turn pins its moves, so the tests check the script, not the recognizer.
    assert all(turn.moves for test in scenario.tests for turn in test.turns)


def test_key_transitions_carry_trainer_notes_and_better_examples(scenario: Scenario) -> None:
    moving = [t for t in scenario.transitions if t.target]
    noted = [t for t in moving if t.note]
    assert len(noted) >= len(moving) // 2
    assert sum(1 for t in scenario.transitions if t.better) >= 5
    assert all(r.note for r in scenario.reactions)


def test_showcase_uses_every_feature_of_the_format() -> None:
    sc = load(SHOWCASE)
    assert not sc.briefing.voluntary
    declared = set(sc.client.variables)
    assert {"trust", "openness", "distress"} <= declared and declared - {
        "trust",
        "openness",
        "distress",
    }
    own_variable = (declared - {"trust", "openness", "distress"}).pop()
    assert sc.client.thresholds
    assert all(v.say and v.thresholds and v.variables for v in sc.client.variants)
    states = [s for s in sc.states.values() if not s.is_ending]
    assert any(len(s.say) > 1 for s in states)
    assert all(s.thought for s in sc.states.values())
    assert any(s.ready for s in states) and any(s.fallback for s in states) and sc.fallback
    assert any(s.choice for s in states)
    conditions = " ".join(t.condition_text for t in (*sc.transitions, *sc.reactions))
    assert "turn" in conditions and own_variable in conditions
    assert any(t.topics and set(t.topics) & set(sc.cues) for t in sc.transitions)
    assert any(t.topics and set(t.topics) & set(sc.topics) for t in sc.transitions)
    assert any(sc.topics[t].sensitive for t in sc.topics)
    assert any(len(t.sources) > 1 for t in sc.transitions)  # top-level `from:` several states
    confront = [r for r in sc.reactions if "confront" in r.moves]
    assert confront and any(e.variable == "trust" and e.amount < 0 for e in confront[0].effects)
    assert confront[0].reply
    assert any(t.note and t.better and t.effects and t.reply for t in sc.transitions)
    assert all(any(t.expect or t.expect_ending for t in test.turns) for test in sc.tests)
    assert {test.variant for test in sc.tests} == {v.id for v in sc.client.variants}


def test_blame_hurts_trust_and_the_client_says_so() -> None:
    """Play the showcase: one blaming turn and the mother withdraws, in her own words."""
    from simulator.session import Session

    sc = load(SHOWCASE)
    session = Session(sc, seed=1, variant="uupunut")
    session.say("Hei, olen Maria.", moves=["greeting"])
    before = session.variables["trust"]
    answer = session.say("Sinun olisi pitänyt huolehtia aamuista.", moves=["confront"])
    assert session.variables["trust"] < before
    assert answer.state == "withdrawn"
    assert "huono äiti" in answer.text
