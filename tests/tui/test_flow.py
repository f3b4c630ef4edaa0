"""Drive whole meetings through every screen, as a student would."""

from __future__ import annotations

import json
import shutil

from textual.widgets import DataTable, Input, OptionList, Static
from tuihelpers import FIXTURES, make_app, run_async, settle, type_text

from simulator import store
from simulator.tui.screens.briefing import BriefingScreen, FileScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.library import LibraryScreen


def visible_text(screen) -> str:
    """Everything the static widgets of a screen show, as plain text."""
    parts = []
    for widget in screen.query(Static):
        rendered = widget.render()
        parts.append(str(getattr(rendered, "plain", rendered)))
    return "\n".join(parts)


def messages(screen: ConversationScreen) -> list[str]:
    return [str(m.render().plain) for m in screen.query(".message")]


async def open_scenario(pilot, title_word: str) -> None:
    await settle(pilot)
    library = pilot.app.screen
    assert isinstance(library, LibraryScreen)
    search = library.query_one("#search", Input)
    search.value = title_word
    await settle(pilot)
    assert len(library.shown) == 1
    library.query_one(DataTable).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)


@run_async
async def test_practice_meeting_in_free_text_english(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(app.screen.scenarios) == 2
        await open_scenario(pilot, "rent")
        assert "Build enough trust" in visible_text(app.screen)
        assert "A. Expert" in visible_text(app.screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert messages(screen) == ["Sam\nI got a letter. So here I am."]
        assert "Trust" in str(screen.query_one("#mood", Static).render())

        await type_text(pilot, "Hi, I'm Alex. How have things been for you lately?")
        assert (
            messages(screen)[-1]
            == "Sam\nIt's the night shifts. I just can't keep up with the post."
        )
        coach = str(screen.query_one("#hints", Static).render())
        assert "open question" in coach
        assert "An open question gives Sam room." in coach

        await type_text(pilot, "You need to sort out your post.")
        assert screen.session.ended and screen.session.outcome == "poor"
        coach = str(screen.query_one("#hints", Static).render())
        assert "Sam thinks:" in coach and "Nobody listens." in coach
        assert "It sounds like the shifts leave no energy" in coach
        assert "The meeting ended badly." in visible_text(screen)

        await pilot.click("#to-debrief")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        summary = str(debrief.query_one("#summary", Static).render())
        assert "Listening" in summary and "Pacing" in summary and "Honouring" in summary
        assert "poor" in summary.lower()
        await pilot.press("n")
        await settle(pilot)
        detail = str(debrief.query_one("#turn-detail", Static).render())
        assert "You need to sort out your post." in detail
        await pilot.press("x")
        await settle(pilot)
        exported = sorted(p.suffix for p in (home / "exports").iterdir())
        assert exported == [".html", ".md"]

    [entry] = store.history(home)
    assert entry.finished and entry.outcome == "poor" and entry.turns == 2
    assert set(entry.scores) == {"listening", "pacing", "autonomy", "overall"}
    lines = [json.loads(x) for x in entry.path.read_text().splitlines()]
    assert [x["kind"] for x in lines] == ["header", "turn", "turn", "end"]
    assert lines[0]["mode"] == "practice" and lines[0]["input"] == "free"


@run_async
async def test_assessed_meeting_from_the_menu_in_finnish(home, library):
    app = make_app(home, lang="fi", scenario_dir=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, "vuokra")
        briefing = app.screen
        assert "Tapaamisen tavoite" in visible_text(briefing)
        await pilot.click("#mode RadioButton:last-of-type")
        await pilot.click("#input-mode RadioButton:last-of-type")
        assert (briefing.mode, briefing.input_mode) == ("assessed", "menu")
        await pilot.click("#start")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        # Assessed: no coach, no trust meter, no thoughts.
        assert not screen.query("#coach") and not screen.query("#mood")
        menu = screen.query_one("#menu", OptionList)
        assert menu.option_count == 2
        await pilot.press("1")
        await settle(pilot)
        assert messages(screen)[-2] == "Sinä\nMistä sinä haluaisit tänään puhua?"
        assert messages(screen)[-1].startswith("Sami\nNe yövuorot.")
        await pilot.click("#menu", offset=(4, 1))  # the first suggestion, by mouse
        await settle(pilot)
        assert screen.session.outcome == "good"
        assert "Tapaaminen päättyi hyvin." in visible_text(screen)
        await pilot.press("escape")  # after the ending: straight to the debrief
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        summary = str(debrief.query_one("#summary", Static).render())
        assert "Kuunteleminen" in summary or "Kuuntelu" in summary
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
    [entry] = store.history(home)
    assert entry.outcome == "good" and entry.meta["mode"] == "assessed"


@run_async
async def test_interrupted_meeting_is_resumed_and_finished(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, "rent")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "How have things been for you lately?")
    # The app went away mid-meeting (closed, crashed or killed): the turn is on disk.
    [cut] = store.interrupted(home)
    assert cut.turns == 1

    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 unfinished meeting" in visible_text(app.screen)
        await pilot.press("f2")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert "unfinished" in str(history.query_one(DataTable).get_row_at(0))
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert messages(screen) == [
            "Sam\nI got a letter. So here I am.",
            "You\nHow have things been for you lately?",
            "Sam\nIt's the night shifts. I just can't keep up with the post.",
        ]
        await type_text(pilot, "The night shifts and the rent letters have piled up on you.")
        assert screen.session.outcome == "good"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
    assert store.interrupted(home) == []
    [entry] = store.history(home)
    assert entry.outcome == "good" and entry.turns == 2


@run_async
async def test_end_meeting_asks_first_and_history_reopens_the_debrief(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, "rent")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "Hello.")
        await pilot.press("escape")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("escape")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert "stopped" in str(app.screen.query_one(DataTable).get_row_at(0))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.transcript.turns[0].worker == "Hello."
    [entry] = store.history(home)
    assert entry.finished and entry.outcome is None


@run_async
async def test_typed_markup_is_shown_as_typed(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenario(pilot, "rent")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "[/] [bold]not bold[/bold] [link=x]")
        assert messages(app.screen)[1] == "You\n[/] [bold]not bold[/bold] [link=x]"
        # Up brings the line back for editing.
        field = app.screen.query_one(Input)
        await pilot.press("up")
        assert field.value == "[/] [bold]not bold[/bold] [link=x]"
        await pilot.press("down")
        assert field.value == ""


@run_async
async def test_library_filters_by_language_difficulty_and_tag(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("l")  # all -> fi
        assert [s.id for s in screen.shown] == ["fi-tui-demo"]
        assert "Language (l) Finnish" in visible_text(screen)
        await pilot.press("l", "l")  # -> en -> all
        await pilot.press("d")  # all -> easy
        assert [s.id for s in screen.shown] == ["en-tui-demo"]
        await pilot.press("d", "d")  # -> medium -> all (no scenario is hard)
        await pilot.click("#filter-bar", offset=(48, 1))  # the tag, by mouse: a picker
        await settle(pilot)
        await pilot.press(*"asu", "enter")
        await settle(pilot)
        assert screen.filter_tag == "asuminen"
        assert [s.id for s in screen.shown] == ["fi-tui-demo"]
        screen.query_one("#search").value = "nothing like this"
        await settle(pilot)
        assert screen.shown == []
        assert "No scenario matches" in visible_text(screen)


@run_async
async def test_language_and_theme_switch_and_persist(home, library):
    app = make_app(home, scenario_dir=library, lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "scenarios" in visible_text(app.screen)
        await pilot.press("f3")
        await settle(pilot)
        assert "skenaariot" in visible_text(app.screen)
        await pilot.press("f4")
        assert app.theme == "textual-light"
    assert store.load_settings(home) == {
        "language": "fi",
        "theme": "light",
        "typing_pause": False,
    }


@run_async
async def test_watch_reloads_the_file_and_shows_errors(home, tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(FIXTURES / "en-demo.yaml", path)
    app = make_app(home, scenario_file=path, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FileScreen) and screen.scenario is not None
        text = path.read_text()
        path.write_text(text.replace("go: opening_up", "go: nowhere"))
        await pilot.pause(0.8)
        await settle(pilot)
        assert screen.scenario is None
        assert "nowhere" in visible_text(screen)
        assert screen.query_one("#start").disabled
        path.write_text(text.replace("Rent arrears, first meeting", "Rent arrears, again"))
        await pilot.pause(0.8)
        await settle(pilot)
        assert screen.scenario is not None and screen.scenario.title == "Rent arrears, again"
        assert not screen.query_one("#start").disabled


def test_play_refuses_a_missing_file(capsys, tmp_path):
    from simulator.cli import main

    assert main(["play", str(tmp_path / "missing.yaml")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_library_does_not_import_the_heavy_parts():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import simulator.tui.app, simulator.tui.screens.library\n"
        "heavy = [m for m in ('transitions', 'simulator.scoring', 'simulator.language.lexicon',"
        " 'simulator.scenario.loader') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_library_lists_the_loaders_files(monkeypatch, library):
    from simulator.scenario.loader import bundled_scenarios_dir, scenario_files
    from simulator.scenario.paths import bundled_scenarios_dir as paths_dir

    assert bundled_scenarios_dir is paths_dir  # one rule, not a copy kept equal by hand
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(library))
    assert bundled_scenarios_dir() == library
    assert scenario_files([library])


def test_library_cache_follows_file_changes(home, library):
    from simulator.tui.screens.library import quick_cards

    path = library / "en-demo.yaml"
    first = quick_cards([path], home)
    assert [c.title for c in first] == ["Rent arrears, first meeting"]
    path.write_text(path.read_text().replace("first meeting", "second meeting"))
    assert [c.title for c in quick_cards([path], home)] == ["Rent arrears, second meeting"]
    (home / "library-cache.json").write_text("{broken")
    assert [c.title for c in quick_cards([path], home)] == ["Rent arrears, second meeting"]


@run_async
async def test_broken_file_stays_as_a_broken_card_after_the_check(home, library):
    (library / "zz-broken.yaml").write_text("kohtaamo: 1\nid: zz-broken\ntitle: Broken\n")
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)  # the full check starts shortly after the first frames
        await settle(pilot)
        screen = app.screen
        assert screen.checked
        assert [c.id for c in screen.scenarios if not c.problem] == ["en-tui-demo", "fi-tui-demo"]
        (broken,) = [c for c in screen.scenarios if c.problem]
        assert broken.title == "zz-broken.yaml" and "K203" in broken.problem
        assert "1 file could not be loaded" in visible_text(screen)


@run_async
async def test_language_switch_mid_meeting_keeps_the_conversation(home):
    app = make_app(home, scenario_file=FIXTURES / "en-demo.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_text(pilot, "How have things been for you lately?")
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert messages(screen)[1] == "Sinä\nHow have things been for you lately?"
        hints = str(screen.query_one("#hints", Static).render())
        assert hints.startswith("Valmentaja") and "avoin kysymys" in hints
        await type_text(pilot, "The night shifts and the rent letters have piled up on you.")
        assert screen.session.outcome == "good"


@run_async
async def test_command_palette_speaks_the_ui_language(home, library):
    from textual.command import CommandInput, CommandPalette
    from textual.widgets import Footer

    app = make_app(home, lang="fi", scenario_dir=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert "Komennot" in " ".join(str(key.description) for key in footer.children)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Etsi komentoa…"
