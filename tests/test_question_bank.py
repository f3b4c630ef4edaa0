"""`kohtaamo questions`: the ordinary questions a client passes over, state by state."""

from __future__ import annotations

import json

from fixtures.lint.build import from_text

from simulator.authoring.question_bank import OFF_TOPIC, UNANSWERED, Question, bank, check
from simulator.cli import main

GAP = """
kohtaamo: 1
id: qbank-gap
title: A client with a home
language: en
authors: [Test Author]
reviewed_by: []
difficulty: easy
minutes: 5
briefing: {setting: An office., background: x, voluntary: true, goal: Listen.}
client: {name: Alex, persona: A tired parent., variables: {trust: 20}}
topics:
  home: {words: [home, lives, living]}
start: opening
fallback: ["I don't know."]
states:
  opening:
    say: ["Well. Here I am."]
    on:
      - moves: [open_question]
        reply: ["It has been a long month.", "Work piles up.", "The bus was late."]
      - moves: [confront]
        go: closed
  closed:
    ending: poor
    say: ["We are done."]
"""

ANSWERS = """
answers:
  - topics: [home]
    reply: ["Just me and the kids. Their dad left in the spring."]
"""

HOME = Question("household", "Who else lives at home with you?", True)
PLAN = Question("planning", "Shall we meet again next week?", False)


def test_a_question_about_a_known_topic_passed_over_is_named_with_the_line_that_answered():
    report = check(from_text(GAP, "gap.yaml"), questions=(HOME, PLAN))
    assert report.states == ["opening"] and report.asked == 2
    home, plan = report.gaps
    assert (home.state, home.reason, home.asked) == ("opening", OFF_TOPIC, ("home",))
    # the line came from the stay that fired, and the author is told where it is written
    assert home.reply in ("It has been a long month.", "Work piles up.", "The bus was late.")
    line = GAP.splitlines().index("      - moves: [open_question]") + 1
    assert home.source == f"gap.yaml:{line} (opening.on[0])"
    # nothing written for a plan: the scenario's fallback answered it
    assert (plan.reason, plan.reply) == (UNANSWERED, "I don't know.")
    assert report.per_kind() == {"household": 1, "planning": 1}


def test_an_answers_entry_closes_the_gap():
    report = check(from_text(GAP + ANSWERS, "fixed.yaml"), questions=(HOME,))
    assert report.asked == 1 and report.gaps == []


def test_a_question_naming_no_topic_of_the_scenario_is_said_once_not_per_state():
    money = Question("money", "How are you managing for money?", True)
    report = check(from_text(GAP), questions=(money, HOME))
    assert report.unknown == [money]
    assert [g.question for g in report.gaps] == [HOME]


def test_the_banks_cover_every_kind_in_both_languages_with_several_wordings():
    for language in ("en", "fi"):
        questions = bank(language)
        assert 50 <= len(questions) <= 100
        kinds: dict[str, int] = {}
        for question in questions:
            kinds[question.kind] = kinds.get(question.kind, 0) + 1
        assert min(kinds.values()) >= 4 and len(kinds) == 21
    # spoken Finnish and lower-case chat are among the wordings
    fi = [q.text for q in bank("fi")]
    assert any("sä " in q or "mä " in q for q in fi) and any(q[0].islower() for q in fi)


def test_the_command_reports_in_the_ui_language_and_fails_like_check(tmp_path, capsys, monkeypatch):
    path = tmp_path / "gap.yaml"
    path.write_text(GAP)
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    assert main(["questions", str(path), "--state", "opening"]) == 1
    out = capsys.readouterr().out
    assert "In opening (reached by: -) the client passes over:" in out
    assert '"Who else lives at home with you?"' in out
    assert "names no topic the scenario knows" in out
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    assert main(["questions", str(path), "--state", "opening"]) == 1
    assert "Tilassa opening (polku: -) asiakas ohittaa:" in capsys.readouterr().out
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(GAP + ANSWERS)
    assert main(["questions", str(fixed), "--format", "json"]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert not [g for g in report["gaps"] if g["kind"] == "household"]
    assert main(["questions", str(path), "--state", "nowhere"]) == 2
