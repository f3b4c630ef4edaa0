"""Lint (K4xx): each finding a trainer would see, with its code and severity."""

from __future__ import annotations

import pytest
from fixtures.lint.build import from_text, load

from simulator.authoring.lint import lint
from simulator.scenario import loader


def codes(scenario) -> list[tuple[str, str]]:
    return [(d.code, d.severity) for d in lint(scenario)]


def by_code(scenario, code: str) -> list[str]:
    return [d.message for d in lint(scenario) if d.code == code]


def test_clean_scenario_has_no_findings():
    assert lint(load("clean")) == []


@pytest.fixture(scope="module")
def messy():
    return load("messy")


@pytest.mark.parametrize(
    ("code", "severity", "needle"),
    [
        ("K401", "warning", "'island' cannot be reached"),
        ("K402", "error", "'middle' has no way out"),
        ("K403", "warning", "'bad_end' can never be reached"),
        ("K403", "warning", "'good_end' can never be reached (only because of conditions"),
        ("K404", "warning", "No good ending"),
        ("K405", "warning", "variable 'calm' is declared but never used"),
        ("K405", "warning", "threshold 'never_used'"),
        ("K405", "warning", "'unused_topic'"),
        ("K405", "warning", "variable 'openness'"),
        ("K405", "warning", "cue 'unused_cue'"),
        ("K406", "warning", "In state 'opening' the client has no reaction to: complex_reflection"),
        ("K407", "warning", "never fires on open_question"),
        (
            "K408",
            "warning",
            "'trust >= 80' can never hold (values that can be reached: trust 0..20)",
        ),
        ("K409", "warning", 'twice in opening.say: "Hello."'),
        ("K410", "warning", "already used in middle.say"),
    ],
)
def test_messy_scenario_reports(messy, code, severity, needle):
    found = [d for d in lint(messy) if d.code == code and needle in d.message]
    assert found, f"{code} {needle!r} not in {[d.format() for d in lint(messy)]}"
    assert found[0].severity == severity
    assert found[0].hint
    assert found[0].where.file.endswith("messy.yaml")


def test_shadowed_transition_does_not_make_its_target_reachable(messy):
    # `lost` is only reached by a transition an earlier catch-all always beats.
    assert any("'lost' cannot be reached" in m for m in by_code(messy, "K401"))


def test_messages_follow_the_language():
    messages = [d.message for d in lint(load("messy"), "fi")]
    assert "Tilaan 'island' ei pääse alusta." in messages


MINIMAL = """
kohtaamo: 1
id: t
title: T
language: en
client: {{name: A, persona: x, variables: {{trust: {trust}}}}}
start: a
states:
  a:
    say: ["Hi."]
    on:
      - moves: [open_question, simple_reflection, complex_reflection]
        if: {condition}
        go: good
      - moves: [open_question, simple_reflection, complex_reflection]
        effects: {{trust: {effect}}}
  good: {{ending: good, say: ["Thanks."]}}
"""


@pytest.mark.parametrize(
    ("trust", "condition", "effect", "impossible"),
    [
        (20, "trust >= 80", "-5", True),  # never rises
        (20, "trust >= 80", "+5", False),  # rises, clamped at 100
        (20, "trust > 100", "+5", True),  # clamping makes it impossible
        (20, "trust >= 80", "=90", False),  # an absolute set reaches it
        (50, "trust < 10 and trust > 20", "-5", True),  # contradiction
        (20, "turn > 50", "-5", False),  # turns always grow
        (20, "trust >= 80 or turn > 3", "-5", False),
        (20, "words > 25", "-5", False),  # a long turn
        (20, "words < 0", "-5", True),  # no turn has fewer than no words
        (20, "words <= 3 and words > 3", "-5", True),
    ],
)
def test_condition_reasoning(trust, condition, effect, impossible):
    scenario = from_text(MINIMAL.format(trust=trust, condition=condition, effect=effect))
    assert bool(by_code(scenario, "K408")) is impossible
    # The only way to the good ending is that condition, so K404 follows it (as a warning).
    assert bool(by_code(scenario, "K404")) is impossible


def test_variants_count_as_start_values():
    text = MINIMAL.format(trust=20, condition="trust >= 80", effect="-5").replace(
        "variables: {trust: 20}}",
        "variables: {trust: 20}, variants: [{id: calm, variables: {trust: 85}}]}",
    )
    assert by_code(from_text(text), "K408") == []


def test_stuck_state_with_no_exit_is_an_error():
    text = (
        MINIMAL.format(trust=20, condition="trust > 0", effect="+1").replace(
            "go: good", "go: limbo"
        )
        + '  limbo: {say: ["..."]}\n'
    )
    stuck = [d for d in lint(from_text(text)) if d.code == "K402"]
    assert [(d.severity, "'limbo'" in d.message) for d in stuck] == [("error", True)]
    assert ("K404", "error") in codes(from_text(text))


def test_findings_point_at_the_yaml():
    [island] = [d for d in lint(load("messy")) if "'island'" in d.message]
    assert (island.where.line, island.where.col) == (41, 3)
    assert island.format().startswith(f"{island.where.file}:41:3: warning K401: State 'island'")
    assert island.to_dict()["code"] == "K401"


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_guides_complete_scenario_is_clean_and_its_tests_pass(lang):
    from pathlib import Path

    from simulator.authoring.testing import run_tests

    guide = Path(__file__).parent.parent / "docs" / f"authoring.{lang}.md"
    blocks = guide.read_text(encoding="utf-8").split("```yaml\n")[1:]
    [example] = [b.split("```")[0] for b in blocks if b.startswith("kohtaamo: 1")]
    scenario = loader.load_scenario_text(example, f"authoring.{lang}.md")
    assert lint(scenario) == []
    assert all(r.passed for r in run_tests(scenario).results)
    assert len(scenario.tests) >= 2 and scenario.reviewed_by


# --- a client that hears (issue 14): K411-K414 ---------------------------------------------


@pytest.fixture(scope="module")
def hearing():
    return load("hearing")


@pytest.mark.parametrize(
    ("code", "line", "needle", "hint"),
    [
        ("K411", 25, "'opening' the client has no sure answer", "`defaults:`"),
        ("K411", 25, "affirmation, structuring;", "`defaults:`"),
        ("K412", 31, "opening.on.2: the reply has only 2 lines", "at least 3"),
        (
            "K413",
            41,
            "'talking' leads to the good ending (talking.on.2) but not on structuring",
            "Add structuring",
        ),
        (
            "K414",
            28,
            "opening.on.1: progress waits on moves",
            "Add open_question, simple_reflection, summary",
        ),
        (
            "K414",
            41,
            "catch-all talking.on.3 below it (line 44); on structuring",
            "Add structuring",
        ),
    ],
)
def test_a_client_that_does_not_hear_is_reported(hearing, code, line, needle, hint):
    found = [d for d in lint(hearing) if d.code == code and needle in d.message]
    assert found, f"{code} {needle!r} not in {[d.format() for d in lint(hearing)]}"
    assert found[0].where.line == line and found[0].severity == "warning"
    assert hint in found[0].hint


def test_the_new_findings_speak_finnish_too(hearing):
    messages = {d.code: d for d in lint(hearing, "fi")}
    assert "tukeviin liikkeisiin" in messages["K411"].message
    assert "vähintään 3" in messages["K412"].hint
    assert "Ei muuta tällä kertaa" in messages["K413"].message
    assert "yleissiirtymä" in messages["K414"].message


def test_defaults_moves_any_and_more_lines_silence_them(hearing):
    import pathlib

    text = pathlib.Path(hearing.path).read_text(encoding="utf-8")
    edits = [
        ('"Work, mostly."]', '"Work, mostly.", "The kids."]'),
        (
            "- moves: [complex_reflection]\n        topics: [children]",
            "- moves: [open_question, simple_reflection, complex_reflection, summary]\n"
            "        topics: [children]",
        ),
        ("- moves: [summary, affirmation]\n", "- moves: [summary, affirmation, structuring]\n"),
    ]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    text += 'defaults:\n  affirmation: {reply: ["Thanks.", "Hm, thanks.", "Kind of you."]}\n'
    text += '  structuring: {reply: ["Fine.", "Go on then.", "Okay."]}\n'
    assert [d.format() for d in lint(from_text(text))] == []


def test_a_conditional_progress_below_a_catch_all_never_fires(hearing):
    import pathlib

    text = pathlib.Path(hearing.path).read_text(encoding="utf-8")
    progress = (
        "      - moves: [summary, affirmation]\n"
        "        if: trust >= opens_up\n"
        "        go: good_end\n"
    )
    catch_all = (
        "      - moves: [affirmation, summary, structuring]\n"
        '        reply: ["Thanks.", "Okay.", "Right."]\n'
    )
    # Swap talking's progress and catch-all: the catch-all now always answers first.
    swapped = text.replace(progress + catch_all, catch_all + progress)
    assert swapped != text
    found = [d.message for d in lint(from_text(swapped)) if d.code == "K414"]
    assert any("never fires on summary, affirmation" in m for m in found)


def test_two_lines_of_one_reply_almost_word_for_word_are_reported(hearing):
    # hen33 t8/t11: "It's just... I've never had to ask for anything before." in two lines of
    # one stay; the client counts the second as said once the first is, so it is never heard
    import pathlib

    text = pathlib.Path(hearing.path).read_text(encoding="utf-8")
    text += (
        "answers:\n"
        "  - topics: [children]\n"
        "    reply:\n"
        '      - "Two of them. Eetu is seven and Aava is four."\n'
        '      - "Well. Eetu is seven and Aava is four, you know."\n'
    )
    found = [d for d in lint(from_text(text)) if d.code == "K416"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "almost word for word" in found[0].message and "`touched:" in found[0].hint
    finnish = [d.message for d in lint(from_text(text), "fi") if d.code == "K416"]
    assert "melkein sanasta sanaan" in finnish[0]
    # marked as told again on purpose, it is no finding
    marked = text.replace(
        '      - "Well. Eetu is seven and Aava is four, you know."\n',
        '      - text: "Well. Eetu is seven and Aava is four, you know."\n'
        "        touched: [children]\n",
    )
    assert [d for d in lint(from_text(marked)) if d.code == "K416"] == []
