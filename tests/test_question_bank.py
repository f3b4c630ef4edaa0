"""`kohtaamo questions`: the ordinary questions a client passes over, state by state."""

from __future__ import annotations

import json

from fixtures.lint.build import from_text

from simulator.authoring.question_bank import (
    OFF_TOPIC,
    UNANSWERED,
    Question,
    Report,
    _judge,
    _Remembering,
    _sources,
    bank,
    check,
    lines,
    paths,
)
from simulator.cli import main
from simulator.language.base import Recognition
from simulator.session import Session

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


# -- the run is quick, and what it says is what saying every question afresh says ----------


def _bundled(name: str):
    from simulator.scenario.loader import bundled_scenarios_dir, load_scenario

    return load_scenario(bundled_scenarios_dir() / f"{name}.yaml")


def _deepest(scenario, reached) -> str:
    return max(
        (s for s in reached if not scenario.states[s].is_ending), key=lambda s: len(reached[s])
    )


def _said_afresh(scenario, state: str, variant: str, path, questions) -> Report:
    """The report as the first `questions` said it: for every question a new Session with the
    recognizer itself, the whole path replayed."""
    from simulator.language import get_recognizer

    recognizer = get_recognizer(scenario.language)
    lists = scenario.word_lists()
    named = {
        q.text: frozenset(recognizer.recognize(q.text, topics=lists).topics) for q in questions
    }
    report = Report(scenario.id, [state], [], 0)
    report.unknown = [q for q in questions if q.topical and not named[q.text]]
    report.paths = {state: " → ".join(a.label() for a in path) or "-"}
    sources = _sources(scenario)
    for question in questions:
        if question in report.unknown:
            continue
        session = Session(scenario, recognizer=recognizer, seed=0, variant=variant)
        for action in path:
            session.say("", recognition=Recognition("", action.moves, topics=action.topics))
        assert session.state == state
        turn = session.say(question.text)
        report.asked += 1
        gap = _judge(state, question, turn.text, named[question.text], sources, session)
        if gap is not None:
            report.gaps.append(gap)
    return report


def test_the_listing_is_what_saying_every_question_afresh_gives_in_both_languages():
    for name in ("en-substance-use-no-treatment", "fi-kotikaynti-yksin-asuva"):
        scenario = _bundled(name)
        variant = scenario.client.variants[0].id
        reached = paths(scenario, variant)
        state = _deepest(scenario, reached)
        questions = bank(scenario.language)[::2]
        quick = check(scenario, state, variant, questions)
        afresh = _said_afresh(scenario, state, variant, reached[state], questions)
        assert quick.asked == afresh.asked > 20
        assert quick.to_dict() == afresh.to_dict()
        assert list(lines(quick, "en")) == list(lines(afresh, "en"))


def test_a_copied_session_goes_on_as_the_replayed_one_would():
    """The copy answers each question as a session that took the path itself, and then the
    next turn too (the picker's draws, the touched topics and the lines said came along)."""
    from simulator.language import get_recognizer

    scenario = _bundled("en-humiliated-before")
    variant = scenario.client.variants[0].id
    reached = paths(scenario, variant)
    state = _deepest(scenario, reached)
    path = reached[state]
    recognizer = get_recognizer(scenario.language)

    def replayed() -> Session:
        session = Session(scenario, recognizer=recognizer, seed=0, variant=variant)
        for action in path:
            session.say("", recognition=Recognition("", action.moves, topics=action.topics))
        return session

    standing = replayed()
    assert len(path) >= 4 and standing.state == state
    for question in bank("en")[::3]:
        copied, itself = standing.copy(), replayed()
        for said in (question.text, "Mm. Tell me more about that."):
            if itself.ended:
                break
            one, other = copied.say(said), itself.say(said)
            assert (one.text, one.state, one.variables) == (
                other.text,
                other.state,
                other.variables,
            )
        # the same record of the meeting, but for the seconds each turn came at
        one, other = (
            [
                {k: v for k, v in turn.items() if k != "seconds"}
                for turn in s.transcript.to_dict()["turns"]
            ]
            for s in (copied, itself)
        )
        assert one == other


def test_a_remembered_reading_is_the_reading_of_those_words_in_that_context():
    from simulator.language import get_recognizer

    recognizer = get_recognizer("en")
    remembering = _Remembering(recognizer)
    said = "You're worried he'll be taken away."
    contexts = [
        {"client_before": "I'm scared they'll take him away from me."},
        {"client_before": "Nice weather today."},
        {"client_before": "I'm scared they'll take him away from me.", "worker_before": said},
        {},
    ]
    readings = [recognizer.recognize(said, **c) for c in contexts]
    assert len({(r.moves, r.mode) for r in readings}) > 1  # the context matters to the reading
    for _ in range(2):  # the second time from what was kept
        assert [remembering.recognize(said, **c) for c in contexts] == readings
    # the word lists are part of what is read: a topic named by them, not by others
    home = {"home": ("home", "away")}
    assert remembering.recognize(said, topics=home).topics == ("home",)
    assert remembering.recognize(said, topics={"money": ("money",)}).topics == ()


def test_the_walk_stops_once_it_has_the_states_asked_for_with_the_same_paths():
    scenario = _bundled("en-substance-use-no-treatment")
    variant = scenario.client.variants[0].id
    everything = paths(scenario, variant)
    wanted = [_deepest(scenario, everything), next(iter(scenario.states.values())).id]
    wanted += [s for s in scenario.states if s not in everything]  # none yet: still asked for
    some = paths(scenario, variant, wanted)
    assert {s: some.get(s) for s in wanted} == {s: everything.get(s) for s in wanted}


def test_a_copied_session_journals_nothing_and_leaves_the_original_where_it_stood():
    scenario = _bundled("en-humiliated-before")
    journalled = []
    standing = Session(scenario, seed=3, on_turn=lambda transcript, record: journalled.append(1))
    standing.say("Hello Denise, I'm Sam. Forty minutes is a long wait.")
    copied = standing.copy()
    copied.say("What would help most today?")
    assert len(journalled) == 1  # the original's one turn only
    assert standing.turn == 1 and copied.turn == 2
    assert len(standing.transcript.turns) == 1
