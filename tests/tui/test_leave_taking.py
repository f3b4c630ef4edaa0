"""A student says goodbye in the app: the meeting ends and the debrief says how (issue 14);
left before the work was done, it is scored and listed as partial (issue 13)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tuihelpers import make_app, run_async, settle, start_meeting, type_text

from simulator import store
from simulator.i18n import t
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen


@pytest.mark.parametrize(
    ("lang", "file", "turns", "said", "partial", "left"),
    [
        (
            "en",
            "en-humiliated-before.yaml",
            ["Hello Denise, I'm Sam from the adult care team.", "Goodbye."],
            # The worker's words as typed ("Goodbye", not the reader's "goodbye").
            "You left the meeting at turn 2 (“Goodbye”) before the work was done",
            "partial",
            "left early",
        ),
        (
            "fi",
            "fi-lastensuojelu-ensitapaaminen.yaml",
            ["Hei, mä oon Anna lastensuojelusta.", "Kiitos, nähdään ensi viikolla"],
            "Lähdit tapaamisesta kesken vuorolla 2 (”nähdään ensi viikolla”)",
            "kesken",
            "lähdit",
        ),
    ],
)
@run_async
async def test_a_goodbye_ends_the_meeting_and_the_debrief_says_how(
    home, lang, file, turns, said, partial, left
):
    app = make_app(home, lang=lang, scenario_file=bundled_scenarios_dir() / file)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for text in turns:
            await type_text(pilot, text)
        assert screen.session.ended and screen.session.outcome == "neutral"
        ending = str(screen.query_one(".ending-text").render())
        assert said in ending  # the meeting screen says it at once
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert said in summary
        # Scored as partial, not as a meeting carried to a neutral ending.
        report = app.screen.report
        assert report.overall_level == "partial" and report.overall <= 49
        label = t("scoring.overall", lang)
        overall = next(line for line in summary.splitlines() if line.startswith(label))
        assert overall.split()[-2:] == [str(report.overall), partial]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[2] == left
    [entry] = store.history(home)
    assert entry.partial == "left" and entry.outcome == "neutral"
    assert store.progress(home) == {"listening": [], "pacing": [], "autonomy": []}
