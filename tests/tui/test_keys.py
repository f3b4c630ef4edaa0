"""The keys new users tried first, and what they expected of them."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, TabbedContent
from tuihelpers import make_app, run_async, settle, start_meeting, type_text

from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.library import LibraryScreen
from simulator.tui.screens.picker import PickerScreen


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(str(getattr(k.render(), "plain", k.render())) for k in footer.query("*"))


def highlighted_title(screen: LibraryScreen) -> str:
    table = screen.query_one("#scenario-table", DataTable)
    return screen.shown[table.cursor_row].title


@run_async
async def test_language_switch_translates_the_footer_and_keeps_the_cursor(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        library_screen = app.screen
        await pilot.press("down")
        moved_to = highlighted_title(library_screen)
        assert "Quit" in footer_text(app)
        await pilot.press("f3")
        await settle(pilot)
        assert "Lopeta" in footer_text(app) and "Quit" not in footer_text(app)
        assert isinstance(app.focused, DataTable)
        assert highlighted_title(library_screen) == moved_to
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.title == moved_to
        await pilot.press("escape")  # back: the cursor is where it was
        await settle(pilot)
        assert highlighted_title(library_screen) == moved_to


@run_async
async def test_filters_step_only_through_values_the_library_has(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        # The two fixtures are easy and medium: no step lands on an empty "hard" list.
        seen = []
        for _ in range(3):
            await pilot.press("d")
            seen.append((screen.filter_level, len(screen.shown)))
        assert seen == [("easy", 1), ("medium", 1), (None, 2)]


@run_async
async def test_tags_are_picked_from_a_list(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"asu")  # type to narrow: only "asuminen" is left
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert screen.filter_tag == "asuminen"
        assert [s.title for s in screen.shown] == ["Vuokrarästit, ensitapaaminen"]


@run_async
async def test_enter_in_the_search_opens_the_only_match(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"rent", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.title == "Rent arrears, first meeting"


@run_async
async def test_library_columns_show_whole_at_120_columns(home, library):
    app = make_app(home, scenario_dir=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#scenario-table", DataTable)
        columns = {str(c.key.value): c for c in table.columns.values()}
        assert columns["level"].get_render_width(table) >= len("medium") + 2
        assert columns["minutes"].get_render_width(table) >= 3 + 2
        used = sum(c.get_render_width(table) for c in columns.values())
        assert used <= table.size.width


@run_async
async def test_debrief_tabs_answer_tab_and_the_arrows(home, library):
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        assert isinstance(app.screen, ConversationScreen)
        await type_text(pilot, "How have things been for you lately?")
        await type_text(pilot, "You need to sort out your post.")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        tabs = app.screen.query_one("#debrief-tabs", TabbedContent)
        assert tabs.active == "tab-summary"
        await pilot.press("tab")
        assert tabs.active == "tab-moments"
        await pilot.press("right")
        assert tabs.active == "tab-turns"
        await pilot.press("left")
        assert tabs.active == "tab-moments"


@run_async
async def test_the_debrief_summary_scrolls_with_the_keys_a_student_tries(home, library):
    # A tester in tmux pressed Down, PageDown and End on a long summary and nothing moved:
    # the focus was on the tab strip. The keys scroll the open tab's text.
    app = make_app(home, scenario_file=library / "en-demo.yaml")
    async with app.run_test(size=(80, 16)) as pilot:
        await start_meeting(pilot)
        await type_text(pilot, "How have things been for you lately?")
        await type_text(pilot, "You need to sort out your post.")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        scroll = app.screen.query_one("#tab-summary").query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0  # the summary is taller than the screen
        assert scroll.scroll_y == 0
        await pilot.press("down")
        assert scroll.scroll_y == 1
        await pilot.press("end")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 1
        tabs = app.screen.query_one("#debrief-tabs", TabbedContent)
        await pilot.press("tab")
        assert tabs.active == "tab-moments"  # the tab keys still switch tabs
