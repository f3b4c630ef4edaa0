"""The coach says what the debrief will say: one judgement per turn (scoring.feedback)."""

from __future__ import annotations

from textual.widgets import Static
from tuihelpers import make_app, run_async, settle

from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen

SCENARIO = """\
kohtaamo: 1
id: en-coach-test
title: Coach test
language: en
authors: [Kohtaamo tests]
difficulty: easy
minutes: 10
briefing:
  setting: Office.
  background: Rent arrears.
  voluntary: false
  goal: Listen.
client:
  name: Lee
  persona: Fifty, a father.
  variables:
    trust: 30
cues:
  daughter:
    label: His daughter Mia
    words: [daughter, Mia]
start: talk
fallback: ["Hmm."]
states:
  talk:
    say: ["I came because of the letter."]
    cues: [daughter]
    suggestions:
      - text: "May I tell you a bit about how rent support works?"
        moves: [ask_permission]
      - text: "There is a rent support you can apply for."
        moves: [give_information]
      - text: "Your daughter Mia needs you to sort this out."
        moves: [persuade]
      - text: "Mia matters a lot to you."
        moves: [complex_reflection]
    on:
      - moves: [complex_reflection, simple_reflection, open_question]
        effects: {trust: +20}
        go: heard
  heard:
    ending: good
    say: ["Yes. She does."]
"""


def coach(screen: ConversationScreen) -> str:
    return str(screen.query_one("#hints", Static).render())


@run_async
async def test_coach_agrees_with_the_scorer_on_timing_readiness_and_cues(home, tmp_path):
    path = tmp_path / "coach.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    app = make_app(home, scenario_file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#input-mode RadioButton:last-of-type")  # menu: moves are pinned
        await pilot.click("#start")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        start = coach(screen)
        assert "Lee is not ready for advice yet." in start  # said once, at the start
        assert "Lee hinted at:" in start and "His daughter Mia" in start

        # A lecture that names the cue does not pick it up; the missed cue is named.
        await pilot.press("3")
        await settle(pilot)
        hints = coach(screen)
        assert "You picked up:" not in hints
        assert "not ready for advice yet" not in hints  # not repeated under every turn
        await pilot.press("1")  # asks permission
        await settle(pilot)
        hints = coach(screen)
        assert "Missed cue:" in hints and "His daughter Mia" in hints
        await pilot.press("2")  # information right after permission: timely
        await settle(pilot)
        hints = coach(screen)
        assert "was not ready for this yet" not in hints
        assert "not ready for advice yet" not in hints
        # Information again, two turns after Lee gave leave: the permission is remembered
        # (as the engine remembers it), so the coach does not call it too early either.
        await pilot.press("2")
        await settle(pilot)
        assert "was not ready for this yet" not in coach(screen)

        await pilot.press("escape")
        await pilot.press("y")  # end the meeting
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        summary = str(debrief.query_one("#summary", Static).render())
        assert "Cues picked up: 0 of 1" in summary
        assert "let slip no cues" not in summary
        # Stopped before the ending: shown as partial, with the client's own feedback.
        assert "partial" in summary and "The meeting was stopped after 4 turns" in summary
        # Each axis shows its figure marked partial, never a level word (four turns).
        for label in ("Listening", "Pacing", "Honouring choices"):
            line = next(x for x in summary.splitlines() if x.startswith(label))
            assert line.endswith("partial, 4 turns"), line
            assert not any(w in line for w in ("good", "fair", "needs practice")), line
        assert "In the client's words (Lee)" in summary
        assert "Did I feel heard? no" in summary  # a lecture, no reflection
        assert "Did it change what happens next? not yet" in summary


@run_async
async def test_the_debrief_gives_the_clients_feedback_in_finnish_too(home, tmp_path):
    # The same meeting with the app in Finnish: the client's feedback under its Finnish
    # heading, questions and answers, the facts it rests on in Finnish as well.
    path = tmp_path / "coach.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    app = make_app(home, lang="fi", scenario_file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#input-mode RadioButton:last-of-type")
        await pilot.click("#start")
        await settle(pilot)
        await pilot.press("3")  # a lecture
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("k")  # end the meeting (kyllä)
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        summary = str(debrief.query_one("#summary", Static).render())
        assert "Asiakkaan palaute (Lee)" in summary
        assert "Tulinko kuulluksi? ei" in summary
        assert "Sanojani heijastavia vuoroja 0/1" in summary
        assert "Muuttiko tämä sitä, mitä seuraavaksi tapahtuu? kesken" in summary
        # One turn: each axis reads its figure marked partial, with no level word.
        for label in ("Kuuntelu", "Tahdistus", "Valintojen kunnioitus"):
            line = next(x for x in summary.splitlines() if x.startswith(label))
            assert line.endswith("kesken, 1 vuoro"), line
            assert not any(w in line for w in ("hyvä", "kohtalainen", "harjoiteltavaa")), line
