"""The app as a student first meets it: the typing pause on (the default), whole meetings to
their endings, and what happens when a screen fails."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tuihelpers import FIXTURES, make_app, run_async, settle, start_meeting, type_text

from simulator import store
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.crash import CrashScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.library import LibraryScreen


async def wait_for_reply(pilot, screen: ConversationScreen) -> None:
    """The typing pause runs on a timer: wait until the client has answered."""
    for _ in range(100):
        await settle(pilot)
        if not screen.busy:
            return
        await pilot.pause(0.1)
    raise AssertionError("the client never answered")


async def say(pilot, text: str) -> None:
    screen = pilot.app.screen
    await type_text(pilot, text)
    await wait_for_reply(pilot, screen)


@pytest.mark.parametrize(
    ("lang", "file", "turns", "outcome", "ended", "ended_placeholder"),
    [
        (
            "en",
            "en-demo.yaml",
            ["How have things been for you lately?", "You need to sort out your post."],
            "poor",
            "The meeting ended badly.",
            "The meeting has ended. Enter opens the debrief.",
        ),
        (
            "fi",
            "fi-demo.yaml",
            [
                "Mistä sinä haluaisit tänään puhua?",
                "Yövuorot ja vuokrakirjeet ovat kasautuneet sinun päällesi.",
            ],
            "good",
            "Tapaaminen päättyi hyvin.",
            "Tapaaminen päättyi. Enter avaa palautteen.",
        ),
    ],
)
@run_async
async def test_with_the_typing_pause_every_ending_reaches_the_debrief(
    home, library, lang, file, turns, outcome, ended, ended_placeholder
):
    app = make_app(home, lang=lang, scenario_file=library / file, typing_pause=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for text in turns:
            await say(pilot, text)
        assert screen.session.outcome == outcome
        assert ended in str(screen.query_one(".ending-text").render())
        # The field keeps the focus and says the way on: Enter opens the debrief.
        field = screen.query_one("#say", Input)
        assert app.focused is field and not field.disabled
        assert field.placeholder == ended_placeholder
        # The footer no longer offers to end the meeting: Escape now opens the debrief.
        footer = {key: active.binding.description for key, active in screen.active_bindings.items()}
        assert footer["escape"] == {"en": "Debrief", "fi": "Palaute"}[lang]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
    [entry] = store.history(home)
    assert entry.finished and entry.outcome == outcome


@run_async
async def test_keys_typed_as_the_meeting_ends_stay_in_the_field(home, library):
    """A student typing the next line while the client gives the last answer: the keys go
    on into the field (not to Help, the Debrief button or the debrief's own keys), the line
    is not said, and the student is told so; then Enter opens the debrief."""
    app = make_app(home, scenario_file=library / "en-demo.yaml", typing_pause=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        await say(pilot, "How have things been for you lately?")
        await type_text(pilot, "You need to sort out your post.")
        assert screen.busy  # the client is "typing" the last answer
        await pilot.press(*"So what's next? x")
        await wait_for_reply(pilot, screen)
        assert screen.session.outcome == "poor"
        field = screen.query_one("#say", Input)
        assert app.screen is screen and app.focused is field  # no Help, no debrief
        assert field.value == "So what's next? x"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and field.value == ""
        notes = [str(n.message) for n in app._notifications]
        assert any("what you typed was not said" in n for n in notes), notes
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
    assert not (home / "exports").exists()  # the 'x' typed never reached the debrief
    [entry] = store.history(home)
    assert entry.turns == 2 and entry.outcome == "poor"


@pytest.mark.recovery
@pytest.mark.parametrize("typing_pause", [True, False])
@run_async
async def test_an_error_in_a_screen_is_logged_and_the_debrief_is_offered(
    home, library, monkeypatch, typing_pause
):
    def broken(self, record):
        if record is not None:
            raise RuntimeError("coach fell over")

    monkeypatch.setattr(ConversationScreen, "_coach", broken)
    app = make_app(home, scenario_file=library / "en-demo.yaml", typing_pause=typing_pause)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        for _ in range(40):  # the typing pause
            await settle(pilot)
            if isinstance(app.screen, CrashScreen):
                break
            await pilot.pause(0.1)
        crash = app.screen
        assert isinstance(crash, CrashScreen)
        text = " ".join(str(w.render()) for w in crash.query("Static"))
        assert "Something went wrong." in text and "every turn is already saved" in text
        [log] = (home / "crashes").iterdir()
        assert "coach fell over" in log.read_text()
        assert log.stat().st_mode & 0o777 == 0o600
        await pilot.click("#debrief")
        # one settle was not always enough for the debrief to replace the crash screen
        # (a clean-clone CI run at be121d5 failed here once; 17 runs before and after passed)
        for _ in range(20):
            await settle(pilot)
            if isinstance(app.screen, DebriefScreen):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, DebriefScreen)
        assert app.return_code in (None, 0)
    [entry] = store.history(home)
    assert entry.turns == 1 and entry.finished


@pytest.mark.recovery
@run_async
async def test_back_to_the_library_after_an_error(home, library, monkeypatch):
    def broken(self, record):
        raise RuntimeError("coach fell over")

    monkeypatch.setattr(ConversationScreen, "_coach", broken)
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await start_meeting(pilot)
        assert isinstance(app.screen, CrashScreen)
        assert not app.screen.query("#debrief")  # no turn taken: nothing to debrief
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.screen_stack) == 1


@run_async
async def test_end_confirmation_answers_the_arrow_keys(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused.id == "no"
        await pilot.press("left")
        assert app.focused.id == "yes"
        await pilot.press("right")
        assert app.focused.id == "no"
        await pilot.press("left", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)


@run_async
async def test_menu_mode_falls_back_to_typing_where_a_state_has_no_suggestions(home, tmp_path):
    from textual.widgets import OptionList

    text = (FIXTURES / "en-demo.yaml").read_text()
    start = text.index("    suggestions:", text.index("  opening_up:"))
    end = text.index("    on:", start)
    path = tmp_path / "en-nosuggestions.yaml"
    path.write_text(text[:start] + text[end:])
    app = make_app(home, scenario_file=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#input-mode RadioButton:last-of-type")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#menu", OptionList).display
        await pilot.press("1")  # "What would you like to talk about today?"
        await settle(pilot)
        assert not screen.query_one("#menu", OptionList).display
        assert "type your own words to Sam" in str(screen.query_one("#menu-note").render())
        assert app.focused.id == "say"
        await type_text(pilot, "The night shifts and the rent letters have piled up on you.")
        assert screen.session.outcome == "good"


@run_async
async def test_enter_while_the_client_types_sends_the_turn_after_the_answer(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml", typing_pause=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        app.focused.insert_text_at_cursor("How have things been for you lately?")
        await pilot.press("enter")
        assert screen.busy  # Sam is typing
        app.focused.insert_text_at_cursor("You need to sort out your post.")
        await pilot.press("enter")  # typed ahead: kept, and said once Sam has answered
        await wait_for_reply(pilot, screen)
        await wait_for_reply(pilot, screen)
        assert screen.session.outcome == "poor"
        assert [t.worker for t in screen.session.transcript.turns] == [
            "How have things been for you lately?",
            "You need to sort out your post.",
        ]


@run_async
async def test_the_status_counts_a_turn_once_its_answer_is_shown(home, library):
    """While the client is 'typing' its answer the status line does not count the turn yet
    (it said 'turn 1' over 'Denise is typing…'; the load benchmark reads this line)."""
    app = make_app(home, scenario_file=library / "en-demo.yaml", typing_pause=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen

        def status() -> str:
            screen._tick()  # as the clock does every second
            return str(screen.query_one("#status").render())

        assert "turn 0" in status()
        await type_text(pilot, "How have things been for you lately?")
        assert screen.busy and "is typing" in str(screen.query_one("#typing").render())
        assert "turn 0" in status()
        await wait_for_reply(pilot, screen)
        assert "turn 1" in status()


@run_async
async def test_escape_after_the_ending_opens_the_debrief_without_asking(home, library):
    app = make_app(home, lang="en", scenario_file=library / "en-demo.yaml", typing_pause=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        footer = {key: active.binding.description for key, active in screen.active_bindings.items()}
        assert footer["escape"] == "End meeting"
        for text in ["How have things been for you lately?", "You need to sort out your post."]:
            await say(pilot, text)
        assert screen.finished
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
