"""The client's own feedback (seed 002): format, checks, and what the debrief and the exports
show; and meetings that stopped early are shown as partial."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest

from simulator.authoring.lint import lint
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.loader import load_scenario, load_scenario_text
from simulator.scoring import score, to_html, to_json, to_markdown
from simulator.session import Session

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DENISE = SCENARIOS / "en-humiliated-before.yaml"
RIIKKA = SCENARIOS / "fi-kokemusasiantuntija-kehittamisryhma.yaml"

BASE = """\
kohtaamo: 1
id: cf-test
title: CF
language: en
authors: [T]
difficulty: easy
minutes: 5
briefing: {setting: a, background: b, voluntary: true, goal: c}
client:
  name: Lee
  persona: "A father."
  variables: {trust: 30}
choices:
  keep_dog:
    label: Keeps the dog
    words: [dog]
start: talk
states:
  talk:
    say: ["Hi."]
    choice: keep_dog
    on:
      - moves: [complex_reflection]
        effects: {trust: +10}
        go: done
  done:
    ending: good
    say: ["Thanks."]
"""


def play(path: Path, name_start: str):
    scenario = load_scenario(path)
    test = next(t for t in scenario.tests if t.name.startswith(name_start))
    session = Session(scenario, seed=test.seed or 0, variant=test.variant)
    for turn in test.turns:
        session.say(turn.say, moves=turn.moves or None)
    return scenario, session.transcript


def voice(report, lang):
    return {v.kind: (v.answer, v.text(lang)) for v in report.voice}


def test_client_feedback_loads_and_its_mistakes_are_named_with_file_and_line():
    good = BASE + (
        "client_feedback:\n"
        '  heard: {fully: "You heard me."}\n'
        '  endings: {good: "I\'ll come back."}\n'
        "  moments:\n"
        '    states: {talk: "You let me start."}\n'
        '    choices: {keep_dog: {honoured: "Rex stays.", overridden: "You took Rex."}}\n'
    )
    fb = load_scenario_text(good, "good.yaml").client_feedback
    assert fb.answers["heard"] == {"yes": "You heard me."}
    assert fb.endings == {"good": "I'll come back."} and fb.states == {"talk": "You let me start."}
    assert fb.choices["keep_dog"]["overridden"] == "You took Rex."
    bad = BASE + (
        "client_feedback:\n"
        '  heard: {maybe: "x"}\n'
        '  endings: {goood: "x"}\n'
        "  moments:\n"
        '    states: {tlak: "x"}\n'
        '    choices: {keep_cat: {honoured: "x"}}\n'
    )
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(bad, "bad.yaml")
    text = str(error.value)
    assert "bad.yaml:30:" in text and "K202" in text and "maybe" in text
    assert "bad.yaml:31:" in text and "K317" in text and "did you mean 'good'" in text
    assert "bad.yaml:33:" in text and "unknown state 'tlak'" in text
    assert "bad.yaml:34:" in text and "K306" in text


def test_lint_warns_when_a_choice_has_one_side_only():
    text = BASE + (
        'client_feedback:\n  moments:\n    choices: {keep_dog: {honoured: "Rex stays."}}\n'
    )
    found = [d for d in lint(load_scenario_text(text, "one.yaml"), "en") if d.code == "K415"]
    assert len(found) == 1 and "overridden" in found[0].message


def test_the_debrief_and_exports_give_the_clients_authored_words():
    scenario, transcript = play(DENISE, "patient listening")
    report = score(transcript, scenario)
    said = voice(report, "en")
    assert said["heard"] == (
        "yes",
        "You let me say it my way, and you said it back without making me feel stupid.",
    )
    assert said["mattered"][0] == "yes" and said["changed"][0] == "yes"
    assert said["ending"][1] == "I might even come back. Don't tell anyone."
    assert said["choice"] == ("honoured", "I said Derek stays at home, and you didn't argue.")
    md = to_markdown(report, transcript, "en")
    assert "## In the client's words" in md and "**Did I feel heard?** yes" in md
    assert "I might even come back." in to_html(report, transcript, "en")
    data = json.loads(to_json(report, transcript, "fi"))
    heard = data["client_feedback"][0]
    assert heard["kind"] == "heard" and heard["answer"] == "yes" and heard["authored"]
    assert heard["because"].startswith("Sanojani heijastavia vuoroja")  # facts in the UI language
    assert "Asiakkaan palaute" in to_markdown(report, transcript, "fi")


def test_an_overridden_choice_is_said_so_and_no_axis_reads_100():
    scenario, transcript = play(DENISE, "defending the office")
    report = score(transcript, scenario)
    said = voice(report, "en")
    assert said["mattered"][0] == "no" and said["heard"][0] == "no"
    assert said["ending"] == ("poor", "I won't be back here. Not after that.")
    assert report.overall_level == "needs_practice"
    # Digs in when pushed about Derek staying home, then the worker backs her choice.
    scenario, transcript = play(DENISE, "the resigned")
    report = score(transcript, scenario)
    said = voice(report, "en")
    assert said["mattered"][0] == "partly"
    assert said["choice"] == (
        "overridden",
        "I said Derek stays at home, and you kept on about the day centre.",
    )
    assert max(report.axis(a).value for a in ("listening", "pacing", "autonomy")) < 100


def test_finnish_scenario_authored_lines_and_default_lines_in_both_languages():
    scenario, transcript = play(RIIKKA, "rajan ohittaminen")
    report = score(transcript, scenario)
    said = voice(report, "fi")
    assert said["choice"] == (
        "overridden",
        "Mä sanoin, että mun tarina on mun, ja silti sitä kysyttiin.",
    )
    assert max(report.axis(a).value for a in ("listening", "pacing", "autonomy")) < 100
    # A scenario without authored lines: the defaults, in the client's language whatever the
    # UI's (a tester under the English UI met Veikko's default lines in English and Riikka's
    # authored ones in Finnish: one voice per client, the one it spoke in).
    other = SCENARIOS / "fi-lastensuojelu-ensitapaaminen.yaml"
    scenario = load_scenario(other)
    session = Session(scenario, seed=1)
    for _ in range(3):
        session.choose(0)
    report = score(session.transcript, scenario)
    fi, en = voice(report, "fi"), voice(report, "en")
    assert fi["heard"][1] and fi["heard"] == en["heard"]
    assert en["changed"] == ("open", "Me lopetettiin kesken, joten en osaa vielä sanoa.")
    assert fi["changed"] == ("open", "Me lopetettiin kesken, joten en osaa vielä sanoa.")
    # The debrief's own words (the question, the answer) stay in the reader's language.
    from simulator.scoring.voice import rows

    question, answer, _, _ = rows(report.voice, "en")[0]
    assert question == "Did I feel heard?" and answer in ("yes", "partly", "no")
    assert rows(report.voice, "fi")[0][0] == "Tulinko kuulluksi?"


def test_four_kind_turns_and_esc_never_outscore_a_meeting_carried_to_its_ending():
    scenario, full = play(DENISE, "patient listening")
    complete = score(full, scenario)
    session = Session(scenario, seed=1, variant="sharp")
    test = next(t for t in scenario.tests if t.name.startswith("patient listening"))
    for turn in test.turns[:4]:
        session.say(turn.say, moves=turn.moves)
    short = score(session.transcript, scenario)
    assert short.overall_level == "partial" and complete.overall_level != "partial"
    assert short.overall < complete.overall and short.overall <= 49
    reason = short.partial.text("en")
    assert "stopped after 4 turns" in reason and f": {short.overall}." in reason
    assert "4 vuoron jälkeen" in short.partial.text("fi")
    md = to_markdown(short, session.transcript, "en")
    assert "| **Overall** | **" + str(short.overall) + "** | **partial** |" in md


def test_asking_again_for_the_story_she_keeps_private_overrides_her_choice():
    scenario = load_scenario(RIIKKA)
    test = next(t for t in scenario.tests if t.name.startswith("ohituksen korjaaminen"))
    session = Session(scenario, seed=test.seed or 0, variant=test.variant)
    for turn in test.turns:
        session.say(turn.say, moves=turn.moves or None)
        if session.transcript.turns[-1].choice_stated:
            break
    session.say("Miksi et halua kertoa tarinaasi ryhmälle?", moves=["open_question"])
    report = score(session.transcript, scenario)
    last = report.turns[-1]
    assert [r.key for r in last.effects["autonomy"].reasons] == ["t_choice_pressed"]
    assert "came back to what the client had already decided" in (
        last.effects["autonomy"].reasons[0].text("en")
    )
    assert report.autonomy.value < 100
    said = voice(report, "fi")
    assert said["choice"][0] == "overridden"


JORDAN = SCENARIOS / "en-income-support-young-adult.yaml"


def play_with(path: Path, name_start: str, after_choice: list[tuple[str, list[str]]]):
    """A scenario test's path with `after_choice` said (moves pinned) right after the client
    states a choice; the rest of the path as written."""
    scenario = load_scenario(path)
    test = next(t for t in scenario.tests if t.name.startswith(name_start))
    session = Session(scenario, seed=test.seed or 0, variant=test.variant)
    inserted = False
    for turn in test.turns:
        if session.ended:
            break
        session.say(turn.say, moves=turn.moves or None)
        if session.transcript.turns[-1].choice_stated and not inserted:
            for say, moves in after_choice:
                session.say(say, moves=moves)
            inserted = True
    assert inserted
    return scenario, session.transcript


@pytest.mark.parametrize(
    "line",
    [
        ("Did you come here by bus today?", ["closed_question"]),  # passes the choice over
        ("But a referral would still make sense, wouldn't it?", ["closed_question"]),  # presses
    ],
)
def test_a_good_meeting_with_one_stated_choice_overridden_reads_100_on_no_axis(line):
    # Jordan's listening path scores pacing and autonomy 100; one turn right after they say
    # they will sort the loan out alone, which passes that over or presses it, and no axis
    # may read 100 any more (issue 13), each saying why.
    scenario, clean = play_with(JORDAN, "a listening worker", [])
    assert 100 in (score(clean, scenario).pacing.value, score(clean, scenario).autonomy.value)
    scenario, transcript = play_with(JORDAN, "a listening worker", [line])
    report = score(transcript, scenario)
    values = {a: report.axis(a).value for a in ("listening", "pacing", "autonomy")}
    assert max(values.values()) < 100, values
    turn = next(t for t in report.turns if t.worker == line[0])
    keys = {a: [r.key for r in turn.effects[a].reasons] for a in ("listening", "pacing")}
    assert keys == {"listening": ["t_choice_unheard"], "pacing": ["t_choice_pushed_past"]}
    assert "was not heard" in turn.effects["listening"].reasons[0].text("en")
    assert "ei tullut kuulluksi" in turn.effects["listening"].reasons[0].text("fi")
    slip = next(r for r in report.listening.reasons if r.key.startswith("r_disrespect"))
    assert "overrode their choice" in slip.text("en")
    # The share and the cut add up as printed: 3 x 5.3% is 16%, where "5%" would not be.
    assert "1 of 19 turns (5.3%)" in slip.text("en") and "3 × that share (16%)" in slip.text("en")
    assert "1/19 vuoroa (5,3 %)" in slip.text("fi")
    # The client's 'heard' facts count the same slip, and write half cues as each language does.
    heard = next(v for v in report.voice if v.kind == "heard").because
    assert "or overrode my choice: 1; cues picked up: 3.5 of 4." in heard.text("en")
    assert "sivuuttavia 1; vihjeistä huomattu 3,5/4." in heard.text("fi")


def test_jordan_backed_in_their_own_words_about_ringing_debt_advice_is_not_a_choice_passed_over():
    # hen19 t16: "Fair, I won't. ... you can ring them if and when you want" backs sort_it_myself
    # in words its list lacked, and the debrief called the choice passed over.
    line = (
        "Fair, I won't. I'll just put the number on the sheet and you can ring them if and when "
        "you want. Let's finish the form.",
        ["give_information", "structuring"],
    )
    scenario, transcript = play_with(JORDAN, "a listening worker", [line])
    report = score(transcript, scenario)
    turn = next(t for t in report.turns if t.worker == line[0])
    keys = [r.key for r in turn.effects["autonomy"].reasons]
    assert "t_choice_ignored" not in keys, keys


#: The autonomy findings that override a stated choice (axes.analyse_turns).
OVERRIDING = {
    "t_choice_ignored",
    "t_choice_pressed",
    "t_advice_choice",
    "t_persuade_choice",
    "t_confront_choice",
}


def test_no_axis_reads_100_in_any_bundled_test_meeting_that_overrode_a_stated_choice():
    seen = 0
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(path)
        if not scenario.choices:
            continue
        for test in scenario.tests:
            session = Session(scenario, seed=test.seed or 0, variant=test.variant)
            for turn in test.turns:
                if session.ended:
                    break
                session.say(turn.say, moves=turn.moves or None)
            report = score(session.transcript, scenario)
            overrode = any(
                r.key in OVERRIDING for t in report.turns for r in t.effects["autonomy"].reasons
            )
            if overrode:
                seen += 1
                values = [report.axis(a).value for a in ("listening", "pacing", "autonomy")]
                assert max(values) < 100, (path.stem, test.name, values)
    assert seen >= 10


@pytest.mark.parametrize(
    ("lang", "heading", "question"),
    [("en", "In the client's words", "Did I feel heard?"), ("fi", "Asiakkaan palaute", "Tulinko")],
)
def test_every_export_gives_the_clients_feedback_in_both_languages(lang, heading, question):
    scenario, transcript = play(RIIKKA, "rajan ohittaminen")
    report = score(transcript, scenario)
    authored = "Mä sanoin, että mun tarina on mun, ja silti sitä kysyttiin."
    html = unescape(to_html(report, transcript, lang))
    for page in (to_markdown(report, transcript, lang), html):
        assert heading in page and question in page and authored in page
    data = json.loads(to_json(report, transcript, lang))
    kinds = [v["kind"] for v in data["client_feedback"]]
    assert kinds[:3] == ["heard", "mattered", "changed"] and "choice" in kinds


def test_the_coach_says_an_overridden_choice_once():
    # Charged on three axes, but one finding: the coach's list of slips names it once.
    from simulator.scoring.feedback import judge

    line = ("But a referral would still make sense, wouldn't it?", ["closed_question"])
    scenario, transcript = play_with(JORDAN, "a listening worker", [line])
    turns = zip(judge(transcript, scenario), transcript.turns, strict=True)
    said = next(f for f, t in turns if t.worker == line[0])
    assert [r.key for r in said.slips] == ["t_choice_pressed"]


@pytest.mark.parametrize(("supporting", "mattered"), [(3, "partly"), (0, "no"), (1, "no")])
def test_one_override_among_more_turns_that_backed_my_choosing_is_partly(supporting, mattered):
    """Lead's Veikko play (stop 39): one turn read as persuading in a meeting with five turns
    that supported his choosing made the client say "My view didn't seem to matter. I was told
    what to do." The view mattered partly when the turns that backed the client's choosing
    outnumber those that overrode it; with fewer it did not."""
    scenario = load_scenario_text(BASE, "cf.yaml")
    session = Session(scenario, seed=0)
    for _ in range(supporting):
        session.say("It's your call, and your dog.", moves=["emphasize_autonomy"])
    session.say("You should rehome him though.", moves=["persuade"])
    session.say("You love that dog.", moves=["complex_reflection"])
    said = voice(score(session.transcript, scenario), "en")
    assert said["mattered"][0] == mattered
    assert said["choice"][0] == "overridden"  # the override itself is still named
