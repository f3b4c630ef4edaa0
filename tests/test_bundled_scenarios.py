"""The bundled scenarios, four Finnish and four English: they load clean, their own tests pass
and visit every state and ending, and each meets the library's requirements (issue 7): a
client worth practising with, who opens up to listening and closes to hurry and blame.

The embedded tests pin every turn's moves, but topics and cues are still read from the words
said, so they need the recognizer of the scenario's language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from simulator.moves import MOVES
from simulator.scenario.model import Scenario, ScenarioTest

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
BUNDLED = {
    "fi": (
        "fi-lastensuojelu-ensitapaaminen.yaml",
        "fi-kotikaynti-yksin-asuva.yaml",
        "fi-kokemusasiantuntija-kehittamisryhma.yaml",
        "fi-tyonohjaus-raskas-viikko.yaml",
    ),
    "en": (
        "en-income-support-young-adult.yaml",
        "en-humiliated-before.yaml",
        "en-substance-use-no-treatment.yaml",
        "en-school-concern-plain-language.yaml",
    ),
}
TEAM = {"fi": "Kohtaamo-tiimi", "en": "Kohtaamo team"}
#: per language, the scenario that shows every feature of format v1 (the engine issue)
SHOWCASE = {
    "fi": "fi-lastensuojelu-ensitapaaminen.yaml",
    "en": "en-income-support-young-adult.yaml",
}

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
        "structuring",
    }
)
HURTFUL = frozenset({"advice", "persuade", "confront", "dismiss"})
#: moves that overrule a stated choice, and moves that honour it
OVERRULING = frozenset({"persuade", "confront", "advice"})
HONOURING = frozenset(
    {"emphasize_autonomy", "offer_options", "ask_permission", "seek_collaboration"}
)
CONVENTIONAL = {"trust", "openness", "distress"}


@cache
def load(name: str) -> Scenario:
    from simulator.scenario.loader import load_scenario

    return load_scenario(SCENARIOS / name)


def ending_of(test: ScenarioTest) -> str | None:
    return next((turn.expect_ending for turn in test.turns if turn.expect_ending), None)


ALL = [name for names in BUNDLED.values() for name in names]


@pytest.fixture(params=ALL)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load(request.param)


def test_the_library_is_exactly_the_eight_scenarios() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == sorted(ALL)


def test_metadata_declares_the_language_and_credits_the_team(scenario: Scenario) -> None:
    lang = Path(scenario.path).name[:2]
    assert scenario.language == lang
    assert scenario.id == Path(scenario.path).stem
    assert scenario.authors == (TEAM[lang],)
    assert scenario.reviewed_by == ()  # left empty rather than invented
    assert scenario.content_notes and scenario.tags
    assert scenario.briefing.goal and scenario.briefing.background and scenario.briefing.setting


def test_check_finds_nothing_to_warn_about(scenario: Scenario) -> None:
    from simulator.authoring.lint import lint

    findings = [f"{d.code} line {d.where.line}: {d.message}" for d in lint(scenario, "en")]
    assert findings == []


def test_embedded_tests_pass_and_visit_every_state_and_ending(scenario: Scenario) -> None:
    from simulator.authoring.testing import run_tests

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
    picked_up = {topic for t in scenario.transitions for topic in t.topics}
    # Every cue is dropped by the client (the scorer checks whether the worker picks it up),
    # and picking one up also moves the client somewhere.
    assert set(scenario.cues) <= dropped
    assert set(scenario.cues) & picked_up


def test_every_state_suggests_good_and_poor_responses(scenario: Scenario) -> None:
    for state in scenario.states.values():
        if state.is_ending:
            continue
        moves = [set(s.moves) for s in state.suggestions]
        assert 3 <= len(moves) <= 5, state.id
        assert all(m and m <= set(MOVES) for m in moves), state.id
        assert any(m & HELPFUL for m in moves), state.id
        assert any(m & HURTFUL for m in moves), state.id


def test_a_choice_point_judges_later_turns(scenario: Scenario) -> None:
    """Where the client states a choice, overruling it costs trust and honouring it earns it."""
    choosing = [s.id for s in scenario.states.values() if s.choice]
    assert choosing
    for sid in choosing:
        transitions = scenario.transitions_from(sid)
        overrule = [t for t in transitions if set(t.moves) & OVERRULING]
        honour = [t for t in transitions if set(t.moves) & HONOURING]
        assert any(e.variable == "trust" and e.amount < 0 for t in overrule for e in t.effects)
        assert any(e.variable == "trust" and e.amount > 0 for t in honour for e in t.effects)


def test_skilled_worker_needs_15_to_30_turns_while_hurry_or_blame_fails(
    scenario: Scenario,
) -> None:
    lengths: dict[str | None, list[int]] = {}
    for test in scenario.tests:
        lengths.setdefault(ending_of(test), []).append(len(test.turns))
    assert any(15 <= n <= 30 for n in lengths.get("good", [])), lengths
    assert all(n >= 13 for n in lengths.get("good", [])), lengths
    assert lengths.get("poor") and lengths.get("neutral"), lengths
    # Pinned moves: the tests check the script, not the recognizer.
    assert all(turn.moves for test in scenario.tests for turn in test.turns)


def test_key_transitions_carry_trainer_notes_and_better_examples(scenario: Scenario) -> None:
    moving = [t for t in scenario.transitions if t.target]
    assert sum(1 for t in moving if t.note) >= len(moving) // 2
    assert sum(1 for t in scenario.transitions if t.better) >= 5
    assert all(r.note for r in scenario.reactions)
    # Every way into an ending explains itself in the debrief.
    into_endings = [
        t for t in (*scenario.transitions, *scenario.reactions) if t.target in scenario.endings
    ]
    assert into_endings and all(t.note for t in into_endings)


def test_the_client_cannot_be_rushed_to_the_good_ending(scenario: Scenario) -> None:
    """Even the best sequence of helpful moves needs many turns: trust takes time."""
    for variant in scenario.client.variants:
        fastest = fewest_turns_to_good_ending(scenario, variant.id)
        assert fastest is not None, variant.id  # never stuck: listening gets there
        assert fastest >= 12, (variant.id, fastest)


def fewest_turns_to_good_ending(scenario: Scenario, variant: str, limit: int = 40) -> int | None:
    """Breadth-first search over (state, variables) with one helpful move per turn, no words.

    Uses the real client machine, so the selection rule is the engine's own. Without words no
    cue is ever picked up, so this is also the proof that the client is never stuck.
    """
    from simulator.client.machine import apply_effects, machine_for
    from simulator.session import Session

    start = Session(scenario, recognizer=_NoWords(), seed=0, variant=variant)
    thresholds = {k: float(x) for k, x in scenario.client.thresholds.items()}
    chosen = next(v for v in scenario.client.variants if v.id == variant)
    thresholds.update({k: float(x) for k, x in chosen.thresholds.items()})
    machine = machine_for(scenario)
    model = machine.attach()
    try:
        frontier = [(start.state, tuple(sorted(start.variables.items())))]
        seen = set(frontier)
        for turn in range(1, limit + 1):
            following = []
            for state, variables in frontier:
                for move in sorted(HELPFUL):
                    machine.put(model, state)
                    env = {**thresholds, **dict(variables), "turn": float(turn), "words": 10.0}
                    fired = machine.react(model, [move], [], env).fired
                    after = machine.state_of(model)
                    if scenario.states[after].ending == "good":
                        return turn
                    if scenario.states[after].is_ending or fired is None:
                        continue
                    node = (
                        after,
                        tuple(sorted(apply_effects(dict(variables), fired.effects).items())),
                    )
                    if node not in seen:
                        seen.add(node)
                        following.append(node)
            # A beam, not the whole space: keep each state's most promising variables.
            frontier = []
            for state in {node[0] for node in following}:
                nodes = [node for node in following if node[0] == state]
                nodes.sort(key=_promise, reverse=True)
                frontier.extend(nodes[:BEAM])
    finally:
        machine.detach(model)
        start.close()
    return None


#: nodes kept per state and turn in the search above
BEAM = 8


def _promise(node: tuple[str, tuple[tuple[str, float], ...]]) -> float:
    values = dict(node[1])
    return values.get("trust", 0) + values.get("openness", 0) - values.get("distress", 0)


class _NoWords:
    """A recognizer that hears nothing: no move, topic or cue (moves are pinned)."""

    language = "en"

    def recognize(self, text: str, *, client_before: str = "", topics: object = None):  # noqa: ANN201
        from simulator.language.base import Recognition

        return Recognition(text=text)


@pytest.mark.parametrize("lang", sorted(SHOWCASE))
def test_showcase_uses_every_feature_of_the_format(lang: str) -> None:
    sc = load(SHOWCASE[lang])
    assert sc.briefing.voluntary is (lang == "en")  # Jordan came; the mother was summoned
    assert sc.content_notes and sc.tags
    declared = set(sc.client.variables)
    assert declared >= CONVENTIONAL
    own = declared - CONVENTIONAL
    assert own
    assert sc.client.thresholds
    changing = [v for v in sc.client.variants if v.say and v.thresholds]
    assert len(changing) >= 2
    states = [s for s in sc.states.values() if not s.is_ending]
    assert any(len(s.say) > 1 for s in states)
    assert all(s.thought for s in sc.states.values())
    assert any(s.ready for s in states) and any(s.fallback for s in states) and sc.fallback
    assert all(s.suggestions for s in states)
    assert any(s.choice for s in states)
    conditions = " ".join(t.condition_text for t in (*sc.transitions, *sc.reactions))
    assert "turn" in conditions and any(name in conditions for name in own)
    assert any(set(t.topics) & set(sc.cues) for t in sc.transitions)
    assert any(set(t.topics) & set(sc.topics) for t in sc.transitions)
    assert any(topic.sensitive for topic in sc.topics.values())
    assert any(len(t.sources) > 1 for t in sc.transitions)  # top-level `from:` several states
    assert any(t.note and t.better and t.effects and t.reply for t in sc.transitions)
    confront = [r for r in sc.reactions if "confront" in r.moves]
    assert any(
        r.reply and any(e.variable == "trust" and e.amount < 0 for e in r.effects) for r in confront
    )
    assert sorted(s.ending for s in sc.endings.values()) == ["good", "neutral", "poor"]
    assert all(any(t.expect or t.expect_ending for t in test.turns) for test in sc.tests)
    assert {v.id for v in sc.client.variants} <= {test.variant for test in sc.tests}


def test_english_showcase_picks_up_a_stated_choice_by_topic() -> None:
    sc = load(SHOWCASE["en"])
    assert any(set(t.topics) & set(sc.choices) for t in sc.transitions)


def test_blaming_jordan_lowers_trust_and_jordan_says_so() -> None:
    from simulator.session import Session

    session = Session(load(SHOWCASE["en"]), seed=1, variant="proud")
    before = session.variables["trust"]
    answer = session.say(
        "If the rent is late you really should have come in sooner.", moves=["confront"]
    )
    assert session.variables["trust"] < before
    assert answer.text in {
        "Wow. Okay. I know I messed up, I don't need you telling me.",
        "Right. Because I wanted this to happen.",
        "I came in here for help, not a telling off.",
    }
    assert answer.record is not None and answer.record.note


def test_advice_is_refused_early_and_welcome_once_jordan_asks_for_a_plan() -> None:
    """The same move, two moments: pacing is about when, not only what."""
    from simulator.session import Session

    sc = load(SHOWCASE["en"])
    early = Session(sc, seed=1, variant="proud")
    trust = early.variables["trust"]
    answer = early.say("You should make a budget.", moves=["advice"])
    assert early.variables["trust"] < trust
    assert any(
        words in answer.text for words in ("budgeting tips", "Obviously", "nothing to budget")
    )

    planning = sc.transitions_from("planning")
    welcomed = [t for t in planning if "advice" in t.moves and not t.topics]
    assert welcomed and all(
        e.amount > 0 for t in welcomed for e in t.effects if e.variable == "trust"
    )


def test_blaming_the_mother_hurts_trust_and_she_says_so() -> None:
    """One blaming turn and the mother withdraws, in her own words."""
    from simulator.session import Session

    session = Session(load(SHOWCASE["fi"]), seed=1, variant="uupunut")
    session.say("Hei, olen Maria.", moves=["greeting"])
    before = session.variables["trust"]
    answer = session.say("Sinun olisi pitänyt huolehtia aamuista.", moves=["confront"])
    assert session.variables["trust"] < before
    assert answer.state == "withdrawn"
    # her words stay true when kind words were read as blame (issue 14): about what kind of
    # mother she is, not "you have decided I'm a bad mother"
    assert "millanen äiti mä oon" in answer.text
