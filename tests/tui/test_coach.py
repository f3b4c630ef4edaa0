"""The coach speaks of the turn just taken and shows why it read it so."""

from __future__ import annotations

from textual.widgets import Static
from tuihelpers import make_app, run_async, start_meeting, type_text

from simulator.language.detect import clearly_other_language, detect_language


def coach(screen) -> str:
    return str(screen.query_one("#hints", Static).render())


@run_async
async def test_the_coach_shows_the_words_behind_the_reading(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        text = coach(app.screen)
        assert "open question: “how" in text.lower()


@run_async
async def test_a_monologue_is_named_and_the_coach_moves_on(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        assert "An open question gives Sam room." in coach(app.screen)
        speech = "I can see that the letters have been piling up and it is a lot. " * 45
        await type_text(pilot, speech)
        text = coach(app.screen)
        assert "A long speech" in text  # named, as the debrief names it
        assert "An open question gives Sam room." not in text  # not the last turn's note


@run_async
async def test_text_in_the_other_language_gets_a_note_not_a_turn(home, library):
    app = make_app(home, lang="en", scenario_file=library / "fi-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        await type_text(pilot, "What would you like to talk about today?")
        assert screen.session.turn == 0
        notes = [n.message for n in app._notifications]
        assert any("Sami speaks Finnish" in n for n in notes)
        assert screen.query_one("#say").value == "What would you like to talk about today?"


def test_one_turn_is_other_language_only_when_plainly_so():
    assert clearly_other_language("What would you like to talk about today?", "fi")
    assert not clearly_other_language("Okei, kerro lisää siitä.", "fi")
    assert not clearly_other_language("okay", "fi")
    assert not clearly_other_language("Mitä sulle kuuluu tänään?", "fi")
    assert clearly_other_language("Mitä sulle kuuluu tänään, onko ollut rankkaa?", "en")
    assert detect_language(["Mä en tiiä.", "Ihan ok kai."]) == "fi"
    assert detect_language(["I don't know.", "It's fine, I guess."]) == "en"
    assert detect_language([""]) is None


@run_async
async def test_watch_shows_the_state_and_the_transition_that_fired(home, library):
    """`play --watch` is the author's seat: the coach names the state and what fired."""
    path = library / "en-demo.yaml"
    app = make_app(home, scenario_file=path, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        start = app.screen.scenario.start
        line = app.screen.scenario.states[start].where.line
        assert f"State: {start} ({path}:{line})" in coach(app.screen)
        await type_text(pilot, "How have things been for you lately?")
        record = app.screen.session.transcript.turns[-1]
        assert record.transition is not None
        from simulator.scenario.labels import located

        assert f"Fired: {located(app.screen.scenario, record.transition)}" in coach(app.screen)
        assert f"{path}:" in coach(app.screen).split("Fired: ")[1]


@run_async
async def test_without_watch_the_coach_does_not_show_the_script(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        assert "Fired:" not in coach(app.screen) and "State:" not in coach(app.screen)
